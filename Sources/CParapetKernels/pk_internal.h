// Shared helpers of the kernel files: CPU dispatch and AVX2 exp / erf / GELU.
#ifndef PK_INTERNAL_H
#define PK_INTERNAL_H

#include "parapet_kernels.h"
#include <math.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#define PK_X86 1
#include <immintrin.h>
#define PK_AVX2 __attribute__((target("avx2,fma")))
#define PK_AVX2_INLINE static inline __attribute__((always_inline, target("avx2,fma")))
#else
#define PK_X86 0
#endif

#define PK_NR 16
#define PK_MR 6

static inline int pk_min(int a, int b) { return a < b ? a : b; }

/// Narrow weight range of the int8 attention's K and V codes (pk_s8_pack reports narrow).
#define PK_ATT_W 64
/// Widest V (all heads' columns) the AVX2 value packer takes in one pass.
#define PK_ATT_VMAX 1024
/// Q codes of every head, pk_s8_quantize_rows' arithmetic: head h's row i to
/// qc[(h · len + i) · pk_s8_row_stride(d)], its scale and offset to qs/qo[(h · len + i) · groups].
void pk_att_quantize_queries(int isa, const float *q, int ld, int len, int d, int heads, uint8_t *qc, float *qs, float *qo);
/// K of every head as pk_s8_pack_keys packs one (head h at packed + h · pk_s8_packed_count(len,
/// d), its scales at scales + h · len); tmp holds len × d bytes.
void pk_att_pack_keys(int isa, const float *k, int ld, int len, int d, int heads, int8_t *packed, float *scales, int8_t *tmp);

static inline float pk_gelu1(float x) { return 0.5f * x * (1.0f + erff(x * 0.70710677f)); }

/// The 7-bit activation codes of a row (or group) whose minimum is lo and maximum hi: stores its
/// scale ((hi − lo) / 127, 1 for a constant row) and offset (lo), and returns the factor codes
/// are taken with, u = round((x − lo) · factor) (pk_s8_quantize_rows and the int8 attention's Q).
static inline float pk_s8_code_params(float lo, float hi, float *scale, float *offset) {
    *scale = hi > lo ? (hi - lo) / 127.0f : 1;
    *offset = lo;
    return hi > lo ? 127.0f / (hi - lo) : 0;
}

#if PK_X86
/// exp on 8 lanes: 2^n · p(r), |r| ≤ ln2/2, degree-6 polynomial (≈1 ulp over [-87, 88]).
PK_AVX2_INLINE __m256 pk_exp8(__m256 x) {
    x = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(-87.3f)), _mm256_set1_ps(88.7f));
    __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(1.44269504f)),
                               _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.69314575f), x);
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(1.4286068e-6f), r);
    __m256 p = _mm256_set1_ps(1.9875692e-4f);
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.3981999e-3f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(8.333452e-3f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(4.1665796e-2f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(0.16666666f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(0.5f));
    p = _mm256_fmadd_ps(_mm256_mul_ps(p, r), r, _mm256_add_ps(r, _mm256_set1_ps(1.0f)));
    __m256i e = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
    return _mm256_mul_ps(p, _mm256_castsi256_ps(e));
}

/// GELU on 8 lanes: 0.5·x·(1 + erf(x/√2)), erf by Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7).
PK_AVX2_INLINE __m256 pk_gelu8(__m256 x) {
    const __m256 sign = _mm256_set1_ps(-0.0f);
    __m256 z = _mm256_mul_ps(x, _mm256_set1_ps(0.70710677f));
    __m256 a = _mm256_andnot_ps(sign, z);
    __m256 t = _mm256_div_ps(_mm256_set1_ps(1.0f), _mm256_fmadd_ps(a, _mm256_set1_ps(0.3275911f), _mm256_set1_ps(1.0f)));
    __m256 y = _mm256_set1_ps(1.061405429f);
    y = _mm256_fmadd_ps(y, t, _mm256_set1_ps(-1.453152027f));
    y = _mm256_fmadd_ps(y, t, _mm256_set1_ps(1.421413741f));
    y = _mm256_fmadd_ps(y, t, _mm256_set1_ps(-0.284496736f));
    y = _mm256_fmadd_ps(y, t, _mm256_set1_ps(0.254829592f));
    __m256 e = pk_exp8(_mm256_xor_ps(_mm256_mul_ps(a, a), sign));
    __m256 erfa = _mm256_fnmadd_ps(_mm256_mul_ps(y, t), e, _mm256_set1_ps(1.0f));
    __m256 erfz = _mm256_or_ps(erfa, _mm256_and_ps(z, sign));
    return _mm256_mul_ps(_mm256_mul_ps(_mm256_set1_ps(0.5f), x), _mm256_add_ps(_mm256_set1_ps(1.0f), erfz));
}

/// The codes u = round((x − lo) · factor) of x[0..<k] (pk_s8_code_params' factor): 32 at a
/// time, then the tail, rounding to nearest even as lrintf.
PK_AVX2_INLINE void pk_s8_codes(const float *x, int k, uint8_t *q, float lo, float factor) {
    __m256 vi = _mm256_set1_ps(factor), vl = _mm256_set1_ps(lo);
    const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
    int p = 0;
    for (; p + 32 <= k; p += 32) {
        __m256i a = _mm256_cvtps_epi32(_mm256_mul_ps(_mm256_sub_ps(_mm256_loadu_ps(x + p), vl), vi));
        __m256i b = _mm256_cvtps_epi32(_mm256_mul_ps(_mm256_sub_ps(_mm256_loadu_ps(x + p + 8), vl), vi));
        __m256i c = _mm256_cvtps_epi32(_mm256_mul_ps(_mm256_sub_ps(_mm256_loadu_ps(x + p + 16), vl), vi));
        __m256i d = _mm256_cvtps_epi32(_mm256_mul_ps(_mm256_sub_ps(_mm256_loadu_ps(x + p + 24), vl), vi));
        // packs/packus work within 128-bit lanes: dwords come out a0 b0 c0 d0 a1 b1 c1 d1.
        __m256i bytes = _mm256_packus_epi16(_mm256_packs_epi32(a, b), _mm256_packs_epi32(c, d));
        _mm256_storeu_si256((__m256i *)(q + p), _mm256_permutevar8x32_epi32(bytes, order));
    }
    for (; p < k; p++) q[p] = (uint8_t)lrintf((x[p] - lo) * factor);
}

/// The largest of `x[0..<n]` (−∞ for n = 0): eight lanes, then the tail (a softmax row's max).
PK_AVX2_INLINE float pk_row_max(const float *x, int n) {
    __m256 vm = _mm256_set1_ps(-INFINITY);
    int i = 0;
    for (; i + 8 <= n; i += 8) vm = _mm256_max_ps(vm, _mm256_loadu_ps(x + i));
    float tmp[8];
    _mm256_storeu_ps(tmp, vm);
    float m = -INFINITY;
    for (int l = 0; l < 8; l++) if (tmp[l] > m) m = tmp[l];
    for (; i < n; i++) if (x[i] > m) m = x[i];
    return m;
}
#endif

#endif
