#ifndef MLEPKG_CCURL_SHIM_H
#define MLEPKG_CCURL_SHIM_H
#include <curl/curl.h>

/// `curl_easy_setopt` is variadic, which Swift cannot call; these typed
/// wrappers give each argument kind its own entry point.
static inline CURLcode CCurl_setopt_long(CURL *h, CURLoption o, long v) {
    return curl_easy_setopt(h, o, v);
}
/// Sets a string option (libcurl copies the string).
static inline CURLcode CCurl_setopt_string(CURL *h, CURLoption o, const char *v) {
    return curl_easy_setopt(h, o, v);
}
/// Sets a pointer option (user data for callbacks, header lists).
static inline CURLcode CCurl_setopt_pointer(CURL *h, CURLoption o, void *v) {
    return curl_easy_setopt(h, o, v);
}
/// Sets an off_t option (resume offsets beyond 2 GiB).
static inline CURLcode CCurl_setopt_off(CURL *h, CURLoption o, curl_off_t v) {
    return curl_easy_setopt(h, o, v);
}

typedef size_t (*CCurl_write_callback)(char *, size_t, size_t, void *);
/// Sets the body callback; a typed function pointer so Swift can pass a @convention(c) closure.
static inline CURLcode CCurl_setopt_write(CURL *h, CCurl_write_callback f) {
    return curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, f);
}
/// Sets the header callback.
static inline CURLcode CCurl_setopt_header(CURL *h, CCurl_write_callback f) {
    return curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, f);
}

/// Sets the upload callback (PUT bodies are read from it); same shape as the write callback.
static inline CURLcode CCurl_setopt_read(CURL *h, CCurl_write_callback f) {
    return curl_easy_setopt(h, CURLOPT_READFUNCTION, f);
}

typedef int (*CCurl_xferinfo_callback)(void *, curl_off_t, curl_off_t, curl_off_t, curl_off_t);
/// Sets the progress callback, which is also how a transfer is aborted.
static inline CURLcode CCurl_setopt_xferinfo(CURL *h, CCurl_xferinfo_callback f) {
    return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, f);
}

/// `curl_easy_getinfo` is variadic; one wrapper per result type.
static inline CURLcode CCurl_getinfo_long(CURL *h, CURLINFO i, long *v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLcode CCurl_getinfo_string(CURL *h, CURLINFO i, char **v) {
    return curl_easy_getinfo(h, i, v);
}
#endif
