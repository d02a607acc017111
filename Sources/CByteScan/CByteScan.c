// Strict UTF-8 validation 32 bytes at a time with AVX2 (issue 19), after the "lookup" method of
// Keiser and Lemire ("Validating UTF-8 in less than one instruction per byte", 2021): each
// byte's high nibble, the previous byte's high and low nibbles each index a 16-entry table of
// error classes, and the three results ANDed leave a bit only where a pair of bytes is
// ill-formed; the bytes two and three back say where continuation bytes must be.
#include "CByteScan.h"

#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>

enum {
    TOO_SHORT = 1 << 0,   // a lead byte, then no continuation
    TOO_LONG = 1 << 1,    // ASCII, then a continuation
    OVERLONG_3 = 1 << 2,  // E0 80..9F
    TOO_LARGE = 1 << 3,   // F4 90..BF, or F5..FF
    SURROGATE = 1 << 4,   // ED A0..BF
    OVERLONG_2 = 1 << 5,  // C0..C1 anything
    TOO_LARGE_1000 = 1 << 6,  // F5..FF 80..8F
    OVERLONG_4 = 1 << 6,  // F0 80..8F
    TWO_CONTINUATIONS = 1 << 7,
};
#define CARRY (TOO_SHORT | TOO_LONG | TWO_CONTINUATIONS)

__attribute__((target("avx2"))) static inline __m256i table(
    uint8_t e0, uint8_t e1, uint8_t e2, uint8_t e3, uint8_t e4, uint8_t e5, uint8_t e6, uint8_t e7,
    uint8_t e8, uint8_t e9, uint8_t e10, uint8_t e11, uint8_t e12, uint8_t e13, uint8_t e14, uint8_t e15) {
    return _mm256_setr_epi8(
        (char)e0, (char)e1, (char)e2, (char)e3, (char)e4, (char)e5, (char)e6, (char)e7, (char)e8, (char)e9, (char)e10,
        (char)e11, (char)e12, (char)e13, (char)e14, (char)e15, (char)e0, (char)e1, (char)e2, (char)e3, (char)e4,
        (char)e5, (char)e6, (char)e7, (char)e8, (char)e9, (char)e10, (char)e11, (char)e12, (char)e13, (char)e14,
        (char)e15);
}

// The bytes of `input` shifted by `n` (1 to 3) with the last bytes of `previous` coming in.
#define PREVIOUS(input, previous, n) \
    _mm256_alignr_epi8((input), _mm256_permute2x128_si256((previous), (input), 0x21), 16 - (n))

// With `noNul`, a NUL byte makes the answer 0 too: one comparison more per block, instead of a
// second pass over the bytes with memchr (a third of the check's time at national scale).
__attribute__((target("avx2"))) static int valid_avx2(const uint8_t *bytes, size_t count, int noNul) {
    const __m256i firstHigh = table(
        TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
        TWO_CONTINUATIONS, TWO_CONTINUATIONS, TWO_CONTINUATIONS, TWO_CONTINUATIONS,
        TOO_SHORT | OVERLONG_2, TOO_SHORT, TOO_SHORT | OVERLONG_3 | SURROGATE,
        TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4);
    const __m256i firstLow = table(
        CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4, CARRY | OVERLONG_2, CARRY, CARRY, CARRY | TOO_LARGE,
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000);
    const __m256i secondHigh = table(
        TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
        TOO_LONG | OVERLONG_2 | TWO_CONTINUATIONS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4,
        TOO_LONG | OVERLONG_2 | TWO_CONTINUATIONS | OVERLONG_3 | TOO_LARGE,
        TOO_LONG | OVERLONG_2 | TWO_CONTINUATIONS | SURROGATE | TOO_LARGE,
        TOO_LONG | OVERLONG_2 | TWO_CONTINUATIONS | SURROGATE | TOO_LARGE, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT);
    const __m256i nibble = _mm256_set1_epi8(0x0F);
    const __m256i third = _mm256_set1_epi8((char)(0xE0 - 0x80));
    const __m256i fourth = _mm256_set1_epi8((char)(0xF0 - 0x80));
    const __m256i high = _mm256_set1_epi8((char)0x80);
    __m256i previous = _mm256_setzero_si256();
    __m256i error = _mm256_setzero_si256();
    __m256i nul = _mm256_setzero_si256();
    const __m256i zero = _mm256_setzero_si256();
    uint8_t tail[64] = {0};
    size_t offset = 0;
    // Every whole block, then the rest padded with zeros (ASCII): a sequence the end cuts short
    // is then followed by ASCII, which the tables call too short. A last block of zeros always
    // follows, so this holds when the count is a multiple of 32 too.
    size_t whole = count / 32 * 32;
    memcpy(tail, bytes + whole, count - whole);
    for (int phase = 0; phase < 2; phase++) {
        const uint8_t *from = phase == 0 ? bytes : tail;
        size_t end = phase == 0 ? whole : 64;
        for (offset = 0; offset < end; offset += 32) {
            const __m256i input = _mm256_loadu_si256((const __m256i *)(from + offset));
            // The padding of the last block is zeros: only the file's own blocks are looked at here.
            if (noNul && phase == 0) nul = _mm256_or_si256(nul, _mm256_cmpeq_epi8(input, zero));
            const __m256i previous1 = PREVIOUS(input, previous, 1);
            const __m256i special = _mm256_and_si256(
                _mm256_and_si256(
                    _mm256_shuffle_epi8(firstHigh, _mm256_and_si256(_mm256_srli_epi16(previous1, 4), nibble)),
                    _mm256_shuffle_epi8(firstLow, _mm256_and_si256(previous1, nibble))),
                _mm256_shuffle_epi8(secondHigh, _mm256_and_si256(_mm256_srli_epi16(input, 4), nibble)));
            const __m256i must23 = _mm256_or_si256(
                _mm256_subs_epu8(PREVIOUS(input, previous, 2), third),
                _mm256_subs_epu8(PREVIOUS(input, previous, 3), fourth));
            error = _mm256_or_si256(error, _mm256_xor_si256(_mm256_and_si256(must23, high), special));
            previous = input;
        }
    }
    if (noNul && (!_mm256_testz_si256(nul, nul) || memchr(bytes + whole, 0, count - whole) != NULL)) return 0;
    return _mm256_testz_si256(error, error);
}
#endif

int atbalsts_utf8_valid_fast(const uint8_t *bytes, size_t count) {
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx2")) return valid_avx2(bytes, count, 0);
#endif
    return -1;
}

int atbalsts_utf8_plain_fast(const uint8_t *bytes, size_t count) {
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx2")) return valid_avx2(bytes, count, 1);
#endif
    return -1;
}
