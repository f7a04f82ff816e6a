#ifndef MLEPKG_CARCHIVE_SHIM_H
#define MLEPKG_CARCHIVE_SHIM_H
#include <archive.h>
#include <archive_entry.h>
#endif
