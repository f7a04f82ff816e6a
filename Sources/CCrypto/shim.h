#ifndef MLEPKG_CCRYPTO_SHIM_H
#define MLEPKG_CCRYPTO_SHIM_H
#include <openssl/evp.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#endif
