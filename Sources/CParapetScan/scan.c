// The profile pass's byte walk (see parapet_scan.h). The portable loop is the definition; the
// AVX2 path computes the same three things 32 positions at a time (the first and last steps of a
// text on a padded copy, so no byte outside it is read):
// - byte classes (noted, token, letter-or-digit) by two 16-entry nibble lookups (vpshufb), exact
//   for ASCII and empty above it;
// - the three-byte buckets of 8 positions per vector (bytes widened to 32-bit lanes, one
//   multiply), looked up with one gather in the two interleaved bitmaps;
// - token runs from the 32-bit class mask (count of leading and trailing ones, the runs between).
#include "parapet_scan.h"

#include <string.h>

#if defined(__x86_64__)
#define PS_X86 1
#include <immintrin.h>
#define PS_AVX2 __attribute__((target("avx2,bmi")))
#else
#define PS_X86 0
#endif

int ps_best_isa(void) {
#if PS_X86
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi")) return PS_ISA_AVX2;
#endif
    return PS_ISA_PORTABLE;
}

static inline uint8_t ps_lower(uint8_t b) { return (uint8_t)(b - 'A') < 26 ? (uint8_t)(b | 0x20) : b; }

static inline int ps_alnum(uint8_t b) { return (uint8_t)(b - '0') < 10 || (uint8_t)((b | 0x20) - 'a') < 26; }

static inline int ps_token(uint8_t b) {
    return ps_alnum(b) || b == '_' || b == '+' || b == '/' || b == '=' || b == '-';
}

static inline uint32_t ps_bucket(uint32_t a, uint32_t b, uint32_t c) {
    return ((a << 16 | b << 8 | c) * 0x9E3779B1u) >> 16;
}

/// The portable loop over start ..< end.
static void ps_scan_portable(const uint8_t *text, size_t length, size_t start, size_t end, const ps_tables *t,
                             ps_result *r) {
    size_t run = r->run, longest = r->longest;
    for (size_t p = start; p < end; p++) {
        uint8_t c = text[p];
        if ((t->noted_bits[c >> 6] >> (c & 63)) & 1) r->noted[r->noted_count++] = (uint32_t)p;
        if (t->want_capitals && ((uint8_t)(c - 'A') < 26 || c >= 0xC0) && (p == 0 || !ps_alnum(text[p - 1])))
            r->capitals[r->capital_count++] = (uint32_t)p;
        run = ps_token(c) ? run + 1 : 0;
        if (run > longest) longest = run;
        if (p + 2 < length) {
            uint32_t b = ps_bucket(ps_lower(c), ps_lower(text[p + 1]), ps_lower(text[p + 2]));
            int word_start = p == 0 || !ps_alnum(text[p - 1]);
            uint64_t two = t->triple_bits[b >> 5] >> (2 * (b & 31));
            if ((two & (word_start ? 3 : 1)) != 0) r->candidates[r->candidate_count++] = (uint32_t)p;
        }
    }
    r->run = run;
    r->longest = longest;
}

#if PS_X86

/// Bit i set when byte i of x is in the set whose nibble table is `lo` (entry l: bit h for byte
/// h << 4 | l, h < 8); bytes of 0x80 and up are never in it.
PS_AVX2 static inline uint32_t ps_member(__m256i x, __m256i lo) {
    const __m256i low_nibble = _mm256_set1_epi8(0x0f);
    const __m256i high_bit = _mm256_setr_epi8(1, 2, 4, 8, 16, 32, 64, (char)128, 0, 0, 0, 0, 0, 0, 0, 0,
                                              1, 2, 4, 8, 16, 32, 64, (char)128, 0, 0, 0, 0, 0, 0, 0, 0);
    __m256i a = _mm256_shuffle_epi8(lo, _mm256_and_si256(x, low_nibble));
    __m256i b = _mm256_shuffle_epi8(high_bit, _mm256_and_si256(_mm256_srli_epi16(x, 4), low_nibble));
    __m256i none = _mm256_cmpeq_epi8(_mm256_and_si256(a, b), _mm256_setzero_si256());
    return ~(uint32_t)_mm256_movemask_epi8(none);
}

/// Nibble tables (see ps_member) of the token bytes [A-Za-z0-9_+/=-] and of ASCII letters and digits.
static const uint8_t ps_token_nibbles[16] = {0xa8, 0xf8, 0xf8, 0xf8, 0xf8, 0xf8, 0xf8, 0xf8,
                                             0xf8, 0xf8, 0xf0, 0x54, 0x50, 0x5c, 0x50, 0x74};
static const uint8_t ps_alnum_nibbles[16] = {0xa8, 0xf8, 0xf8, 0xf8, 0xf8, 0xf8, 0xf8, 0xf8,
                                             0xf8, 0xf8, 0xf0, 0x50, 0x50, 0x50, 0x50, 0x50};

PS_AVX2 static inline __m256i ps_lower_x(__m256i x) {
    __m256i shifted = _mm256_sub_epi8(x, _mm256_set1_epi8('A'));
    __m256i upper = _mm256_cmpeq_epi8(_mm256_min_epu8(shifted, _mm256_set1_epi8(25)), shifted);
    return _mm256_or_si256(x, _mm256_and_si256(upper, _mm256_set1_epi8(0x20)));
}

/// The 8-bit masks of the 8 positions whose lower-cased bytes start at lane offsets of a0/a1/a2
/// (each 8 bytes, widened): bit i of *any / *word set when position i's bucket is set in the
/// every-position / word-start bitmap.
PS_AVX2 static inline void ps_lookup8(__m128i a0, __m128i a1, __m128i a2, const int *bits, uint32_t *any,
                                      uint32_t *word) {
    __m256i x = _mm256_cvtepu8_epi32(a0), y = _mm256_cvtepu8_epi32(a1), z = _mm256_cvtepu8_epi32(a2);
    __m256i triple = _mm256_or_si256(_mm256_or_si256(_mm256_slli_epi32(x, 16), _mm256_slli_epi32(y, 8)), z);
    __m256i bucket = _mm256_srli_epi32(_mm256_mullo_epi32(triple, _mm256_set1_epi32((int)0x9E3779B1u)), 16);
    // Bucket b's two bits are bits 2(b & 15) and 2(b & 15) + 1 of 32-bit word b >> 4: one gather
    // serves both bitmaps.
    __m256i index = _mm256_srli_epi32(bucket, 4);
    __m256i shift = _mm256_slli_epi32(_mm256_and_si256(bucket, _mm256_set1_epi32(15)), 1);
    __m256i bits_of = _mm256_srlv_epi32(_mm256_i32gather_epi32(bits, index, 4), shift);
    *any = (uint32_t)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_slli_epi32(bits_of, 31)));
    *word = (uint32_t)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_slli_epi32(bits_of, 30)));
}

/// Whether `m` holds a run of at least `length` (1 ... 32) one bits: each step doubles the run
/// length that bit i stands for (bit i of x: bits i ..< i + have of m are all set).
static inline int ps_has_run(uint32_t m, unsigned length) {
    uint32_t x = m;
    unsigned have = 1;
    while (have * 2 <= length) {
        x &= x >> have;
        have *= 2;
    }
    if (have < length) x &= x >> (length - have);
    return x != 0;
}

/// Updates the token run and the longest run with the class bits of one step of `valid` (1 ... 32)
/// positions (bits from `valid` up are zero). A run inside the step is measured only when one
/// longer than the longest so far exists (rare once a few words have been seen).
static inline void ps_runs(uint32_t tokens, unsigned valid, size_t *run, size_t *longest) {
    uint32_t all = valid == 32 ? 0xFFFFFFFFu : (1u << valid) - 1;
    if (tokens == all) {
        *run += valid;
        if (*run > *longest) *longest = *run;
        return;
    }
    size_t joined = *run + (size_t)__builtin_ctz(~tokens);
    if (joined > *longest) *longest = joined;
    if (*longest < 32 && ps_has_run(tokens, (unsigned)*longest + 1)) {
        size_t inner = 0;
        for (uint32_t x = tokens; x; x &= x >> 1) inner++;
        if (inner > *longest) *longest = inner;
    }
    // The run that ends at the last valid position: leading ones once that position is bit 31.
    *run = (size_t)__builtin_clz(~(tokens << (32 - valid)));
}

PS_AVX2 static void ps_scan_avx2(const uint8_t *text, size_t length, size_t start, size_t end, const ps_tables *t,
                                 ps_result *r) {
    const __m256i noted_lo = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)t->noted_nibbles));
    const __m256i token_lo = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)ps_token_nibbles));
    const __m256i alnum_lo = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)ps_alnum_nibbles));
    const int *bits = (const int *)t->triple_bits;
    size_t run = r->run, longest = r->longest;
    // A step reads the byte before its first position and 34 from it. Where that would leave the
    // text (its first and last steps), it reads a copy padded with a space before and zeros after.
    uint8_t padded[64];
    for (size_t p = start; p < end;) {
        unsigned valid = end - p < 32 ? (unsigned)(end - p) : 32;
        const uint8_t *src = padded;
        if (p == 0 || p + 34 > length) {
            size_t available = length - p < 34 ? length - p : 34;
            padded[0] = p ? text[p - 1] : ' ';
            memcpy(padded + 1, text + p, available);
            memset(padded + 1 + available, 0, 34 - available);
        } else {
            src = text + (p - 1);
        }
        __m256i before = _mm256_loadu_si256((const __m256i *)src);
        __m256i x0 = _mm256_loadu_si256((const __m256i *)(src + 1));
        __m256i l0 = ps_lower_x(x0);
        __m256i l1 = ps_lower_x(_mm256_loadu_si256((const __m256i *)(src + 2)));
        __m256i l2 = ps_lower_x(_mm256_loadu_si256((const __m256i *)(src + 3)));
        uint32_t in_step = valid == 32 ? 0xFFFFFFFFu : (1u << valid) - 1;

        uint32_t noted = ps_member(x0, noted_lo) & in_step;
        while (noted) {
            r->noted[r->noted_count++] = (uint32_t)(p + (size_t)__builtin_ctz(noted));
            noted &= noted - 1;
        }
        ps_runs(ps_member(x0, token_lo) & in_step, valid, &run, &longest);
        uint32_t word_starts = ~ps_member(before, alnum_lo);
        if (t->want_capitals) {
            __m256i shifted = _mm256_sub_epi8(x0, _mm256_set1_epi8('A'));
            __m256i upper = _mm256_cmpeq_epi8(_mm256_min_epu8(shifted, _mm256_set1_epi8(25)), shifted);
            __m256i lead = _mm256_cmpeq_epi8(_mm256_max_epu8(x0, _mm256_set1_epi8((char)0xC0)), x0);
            uint32_t capitals = (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(upper, lead)) & word_starts & in_step;
            while (capitals) {
                r->capitals[r->capital_count++] = (uint32_t)(p + (size_t)__builtin_ctz(capitals));
                capitals &= capitals - 1;
            }
        }

        uint32_t any = 0, word = 0;
        for (int half = 0; half < 2; half++) {
            __m128i h0 = half ? _mm256_extracti128_si256(l0, 1) : _mm256_castsi256_si128(l0);
            __m128i h1 = half ? _mm256_extracti128_si256(l1, 1) : _mm256_castsi256_si128(l1);
            __m128i h2 = half ? _mm256_extracti128_si256(l2, 1) : _mm256_castsi256_si128(l2);
            uint32_t a, w;
            ps_lookup8(h0, h1, h2, bits, &a, &w);
            any |= a << (16 * half);
            word |= w << (16 * half);
            ps_lookup8(_mm_srli_si128(h0, 8), _mm_srli_si128(h1, 8), _mm_srli_si128(h2, 8), bits, &a, &w);
            any |= a << (16 * half + 8);
            word |= w << (16 * half + 8);
        }
        // Positions whose three bytes are all in the text: p + i + 2 < length.
        uint32_t whole = in_step;
        if (p + 34 > length) {
            size_t fit = length >= p + 2 ? length - p - 2 : 0;
            whole &= fit >= 32 ? 0xFFFFFFFFu : (1u << fit) - 1;
        }
        uint32_t hits = (any | (word & word_starts)) & whole;
        while (hits) {
            r->candidates[r->candidate_count++] = (uint32_t)(p + (size_t)__builtin_ctz(hits));
            hits &= hits - 1;
        }
        p += valid;
    }
    r->run = run;
    r->longest = longest;
}

#endif

void ps_scan(int isa, const uint8_t *text, size_t length, size_t start, size_t end, const ps_tables *tables,
             ps_result *result) {
    result->candidate_count = 0;
    result->noted_count = 0;
    result->capital_count = 0;
    if (start >= end) return;
#if PS_X86
    if (isa == PS_ISA_AVX2) {
        ps_scan_avx2(text, length, start, end, tables, result);
        return;
    }
#endif
    (void)isa;
    ps_scan_portable(text, length, start, end, tables, result);
}
