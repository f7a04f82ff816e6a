#ifndef MLEPKG_CSPAWN_SHIM_H
#define MLEPKG_CSPAWN_SHIM_H
/* GNU extensions the Glibc module does not export (they need _GNU_SOURCE, which would give
   this module definitions that differ from the Glibc module's): declared here by hand. */
#include <spawn.h>
#include <sys/resource.h>
#include <sys/socket.h>

extern int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *, int);
extern int posix_spawn_file_actions_addchdir_np(posix_spawn_file_actions_t *, const char *);
extern int setns(int, int);
extern int prlimit(int, int, const struct rlimit *, struct rlimit *);
extern int accept4(int, struct sockaddr *, socklen_t *, int);
extern int pipe2(int *, int);

/// Closes every descriptor from `from` up in the child (glibc 2.34+), so that a sandbox
/// inherits no open file of mlepkg's: the answers it grades, the store's index.
static inline int CSpawn_addclosefrom(posix_spawn_file_actions_t *actions, int from) {
    return posix_spawn_file_actions_addclosefrom_np(actions, from);
}

/// Changes the child's working directory before it runs (glibc 2.29+).
static inline int CSpawn_addchdir(posix_spawn_file_actions_t *actions, const char *path) {
    return posix_spawn_file_actions_addchdir_np(actions, path);
}

/// Moves the calling thread into the network namespace open on `fd` (CLONE_NEWNET).
static inline int CSpawn_enterNetworkNamespace(int fd) {
    return setns(fd, 0x40000000);
}

/// prlimit(2) on another process, for the rlimit fallback.
static inline int CSpawn_prlimit(int pid, int resource, unsigned long soft, unsigned long hard) {
    struct rlimit l = { soft, hard };
    return prlimit(pid, resource, &l, 0);
}

/// accept4(2) with SOCK_CLOEXEC, so that no accepted socket leaks into a later sandbox.
static inline int CSpawn_acceptCloexec(int fd) {
    return accept4(fd, 0, 0, 02000000);
}

/// pipe2(2) with O_CLOEXEC: a pipe no other child inherits by accident.
static inline int CSpawn_pipeCloexec(int *fds) {
    return pipe2(fds, 02000000);
}

enum { CSpawn_RLIMIT_AS = 9, CSpawn_RLIMIT_NPROC = 6 };
#endif
