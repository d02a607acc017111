// Finding a CSV's structural bytes 64 at a time, and checking UTF-8 32 at a time (issue 19). Swift has no portable way to turn a
// SIMD comparison into a bit mask; SSE2, part of every x86-64, does it in one instruction per 16
// bytes. A static inline function, so Swift inlines it where it is called.
#ifndef ATBALSTS_CBYTESCAN_H
#define ATBALSTS_CBYTESCAN_H

#include <stddef.h>
#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// Bit i is set where bytes[i] is a, b or c, for the 64 bytes from `bytes` (all of them readable).
static inline uint64_t atbalsts_bytes_mask64(const uint8_t *bytes, uint8_t a, uint8_t b, uint8_t c) {
#if defined(__SSE2__)
    const __m128i wantA = _mm_set1_epi8((char)a);
    const __m128i wantB = _mm_set1_epi8((char)b);
    const __m128i wantC = _mm_set1_epi8((char)c);
    uint64_t mask = 0;
    for (int part = 0; part < 4; part++) {
        const __m128i chunk = _mm_loadu_si128((const __m128i *)(bytes + 16 * part));
        const __m128i hits = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(chunk, wantA), _mm_cmpeq_epi8(chunk, wantB)), _mm_cmpeq_epi8(chunk, wantC));
        mask |= (uint64_t)(uint16_t)_mm_movemask_epi8(hits) << (16 * part);
    }
    return mask;
#else
    uint64_t mask = 0;
    for (int index = 0; index < 64; index++) {
        const uint8_t byte = bytes[index];
        if (byte == a || byte == b || byte == c) mask |= (uint64_t)1 << index;
    }
    return mask;
#endif
}

// 1 when the `count` bytes from `bytes` are well-formed UTF-8 (strict, as `firstInvalidUTF8`:
// no overlong form, no surrogate, nothing above U+10FFFF, no sequence cut short by the end),
// 0 when not; -1 when this processor has no AVX2 and the caller must check byte by byte
// (CByteScan.c).
int atbalsts_utf8_valid_fast(const uint8_t *bytes, size_t count);

// As `atbalsts_utf8_valid_fast`, and 0 also when a byte is NUL: the bytes are plain text.
int atbalsts_utf8_plain_fast(const uint8_t *bytes, size_t count);

#endif
