#ifndef MLEPKG_CFIELDSCAN_SHIM_H
#define MLEPKG_CFIELDSCAN_SHIM_H
/* The comma search of an unquoted CSV record, sixteen bytes at a time with SSE2 (every x86-64
   has it; other machines take the byte loop). Swift has no portable way to turn a vector
   comparison into a bit mask, and this loop runs over every byte a grader reads. */
#include <stddef.h>
#if defined(__SSE2__)
#include <emmintrin.h>
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
#endif
