#ifndef MLEPKG_CFIELDSCAN_SHIM_H
#define MLEPKG_CFIELDSCAN_SHIM_H
/* The comma search of an unquoted CSV record, sixteen bytes at a time with SSE2 (every x86-64
   has it; other machines take the byte loop). Swift has no portable way to turn a vector
   comparison into a bit mask, and this loop runs over every byte a grader reads. */
#include <stddef.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
/* 1 when the processor and the system support AVX2 (CPUID leaf 7, and the YMM state enabled). */
static inline int CFieldScan_hasAVX2(void) {
    static int known = -1;
    if (known < 0) {
        unsigned a, b, c, d;
        int yes = 0;
        if (__get_cpuid(1, &a, &b, &c, &d) && (c & (1u << 27)) && (c & (1u << 28))) {
            unsigned lo, hi;
            __asm__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
            if ((lo & 6) == 6 && __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & (1u << 5))) yes = 1;
        }
        known = yes;
    }
    return known;
}
#endif

/* Writes the offset of each ',' in base[start, end) to out (at most room of them) and returns
   how many there are (more than room: only the first room were written). *nonASCII is set to 1
   when a byte >= 0x80 occurs, else 0. */
static inline long CFieldScan_commas(const unsigned char *base, long start, long end,
                                     long *out, long room, int *nonASCII) {
    long count = 0, i = start;
    unsigned high = 0;
#if defined(__SSE2__)
    const __m128i comma = _mm_set1_epi8(',');
    __m128i seen = _mm_setzero_si128();
    for (; i + 16 <= end; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(base + i));
        seen = _mm_or_si128(seen, v);
        unsigned mask = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, comma));
        while (mask) {
            if (count < room) out[count] = i + __builtin_ctz(mask);
            count++;
            mask &= mask - 1;
        }
    }
    high = (unsigned)_mm_movemask_epi8(seen);
#endif
    for (; i < end; i++) {
        unsigned char c = base[i];
        high |= c & 0x80;
        if (c == ',') {
            if (count < room) out[count] = i;
            count++;
        }
    }
    *nonASCII = high != 0;
    return count;
}
/* One record of a CSV file that has no quote in it, found sixteen bytes at a time: the bounds
   of its fields go to starts/ends (room of each, room >= 1) and *next to the offset after its
   newline; a '\r' before the newline is not part of the last field. Returns the number of
   fields, or a negative number when the caller must read the record byte by byte: -1 a quote
   occurs before the newline, -2 no newline before end, -3 more than room fields. Most rows of
   a large table have no quote, and most of those are rejected after one field is looked at:
   this makes such a row cost one pass over its bytes. */
static inline long CFieldScan_record(const unsigned char *base, long start, long end,
                                     long *starts, long *ends, long room, long *next) {
    long n = 0, i = start;
    starts[0] = start;
#if defined(__SSE2__)
    const __m128i newline = _mm_set1_epi8('\n'), quote = _mm_set1_epi8('"'), comma = _mm_set1_epi8(',');
    for (; i + 16 <= end; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(base + i));
        unsigned stop = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, newline), _mm_cmpeq_epi8(v, quote)));
        unsigned commas = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, comma));
        int first = stop ? __builtin_ctz(stop) : 16;
        if (first < 16) commas &= (1u << first) - 1;
        while (commas) {
            long at = i + __builtin_ctz(commas);
            if (n + 1 >= room) return -3;
            ends[n] = at;
            starts[++n] = at + 1;
            commas &= commas - 1;
        }
        if (first < 16) {
            long at = i + first;
            if (base[at] == '"') return -1;
            ends[n] = (at > starts[n] && base[at - 1] == '\r') ? at - 1 : at;
            *next = at + 1;
            return n + 1;
        }
    }
#endif
    for (; i < end; i++) {
        unsigned char c = base[i];
        if (c == '"') return -1;
        if (c == ',') {
            if (n + 1 >= room) return -3;
            ends[n] = i;
            starts[++n] = i + 1;
        } else if (c == '\n') {
            ends[n] = (i > starts[n] && base[i - 1] == '\r') ? i - 1 : i;
            *next = i + 1;
            return n + 1;
        }
    }
    return -2;
}
/* The commas of one quote-free record from base[start, end), counted and not recorded: a row
   the caller rejects by its first field needs only its length and its field count. Sets
   *next to the offset after the newline; returns the count, -1 when a quote occurs before the
   newline, -2 when there is no newline before end. CFieldScan_skip picks the widest vectors the
   machine has; this is its SSE2 and byte loop, from offset i with `commas` already counted. */
static inline long CFieldScan_skipFrom(const unsigned char *base, long i, long end, long *next, long commas) {
#if defined(__SSE2__)
    const __m128i newline = _mm_set1_epi8('\n'), quote = _mm_set1_epi8('"'), comma = _mm_set1_epi8(',');
    for (; i + 16 <= end; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(base + i));
        unsigned stop = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, newline), _mm_cmpeq_epi8(v, quote)));
        unsigned mask = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, comma));
        if (stop) {
            int first = __builtin_ctz(stop);
            if (base[i + first] == '"') return -1;
            *next = i + first + 1;
            return commas + __builtin_popcount(mask & ((1u << first) - 1));
        }
        commas += __builtin_popcount(mask);
    }
#endif
    for (; i < end; i++) {
        unsigned char c = base[i];
        if (c == '"') return -1;
        if (c == ',') commas++;
        else if (c == '\n') { *next = i + 1; return commas; }
    }
    return -2;
}

#if defined(__x86_64__)
/* The same, thirty-two bytes at a time, on machines with AVX2 (a Submissions.csv of gigabytes
   is mostly rows skipped this way). */
__attribute__((target("avx2,popcnt")))
static long CFieldScan_skipAVX2(const unsigned char *base, long start, long end, long *next) {
    long commas = 0, i = start;
    const __m256i newline = _mm256_set1_epi8('\n'), quote = _mm256_set1_epi8('"'), comma = _mm256_set1_epi8(',');
    for (; i + 32 <= end; i += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(base + i));
        unsigned stop = (unsigned)_mm256_movemask_epi8(_mm256_or_si256(_mm256_cmpeq_epi8(v, newline), _mm256_cmpeq_epi8(v, quote)));
        unsigned mask = (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, comma));
        if (stop) {
            int first = __builtin_ctz(stop);
            if (base[i + first] == '"') return -1;
            *next = i + first + 1;
            return commas + __builtin_popcount(first == 0 ? 0u : mask & (0xFFFFFFFFu >> (32 - first)));
        }
        commas += __builtin_popcount(mask);
    }
    return CFieldScan_skipFrom(base, i, end, next, commas);
}

#endif

static inline long CFieldScan_skip(const unsigned char *base, long start, long end, long *next) {
#if defined(__x86_64__)
    if (CFieldScan_hasAVX2()) return CFieldScan_skipAVX2(base, start, end, next);
#endif
    return CFieldScan_skipFrom(base, start, end, next, 0);
}
#endif
