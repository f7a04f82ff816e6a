#ifndef MLEPKG_CCRYPTO_SHIM_H
#define MLEPKG_CCRYPTO_SHIM_H
#include <openssl/evp.h>
#include <openssl/err.h>
#include <openssl/sha.h>

/// SHA-256 with its state in a caller-owned `SHA256_CTX` (on the stack): no allocation per
/// message, unlike EVP's contexts, for the hash split's millions of short keys. OpenSSL 3 marks
/// these deprecated in favour of EVP; they stay supported, and calling them here keeps the
/// deprecation out of Swift.
static inline void CCrypto_sha256_init(SHA256_CTX *context) { SHA256_Init(context); }
static inline void CCrypto_sha256_update(SHA256_CTX *context, const void *bytes, size_t count) {
    SHA256_Update(context, bytes, count);
}
static inline void CCrypto_sha256_final(SHA256_CTX *context, unsigned char *digest) { SHA256_Final(digest, context); }
#include <openssl/pem.h>
#endif
