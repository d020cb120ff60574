// int8 GEMM: int8 weights (per output channel scale) packed once at load, activations
// quantized per row at run time, products exact in int32, dequantized in the epilogue.
//
// AVX2 without VNNI: activations are int16 (values in [-127, 127]) and weights are
// sign-extended from int8 to int16 as they are loaded, so `vpmaddwd` multiplies pairs and sums
// them into int32 with no saturation (|2 · 127 · 127| < 2³¹); this avoids `vpmaddubsw`'s int16
// saturation and keeps full 8-bit precision on both sides.
//
// Packed layout: panel j (channels 16j … 16j+15), for each k pair t: 32 bytes, the first 16
// hold channels 0…7 as (W[c][2t], W[c][2t+1]), the next 16 channels 8…15; zero past n and k.
#include "pk_internal.h"

int pk_s8_row_stride(int k) { return (k + 1) & ~1; }

size_t pk_s8_packed_count(int n, int k) {
    return (size_t)((n + PK_NR - 1) / PK_NR) * PK_NR * (size_t)pk_s8_row_stride(k);
}

void pk_s8_pack(const int8_t *w, int n, int k, int8_t *packed) {
    int panels = (n + PK_NR - 1) / PK_NR, pairs = pk_s8_row_stride(k) / 2;
    for (int j = 0; j < panels; j++) {
        int8_t *dst = packed + (size_t)j * PK_NR * pairs * 2;
        for (int t = 0; t < pairs; t++) {
            for (int c = 0; c < PK_NR; c++) {
                int row = j * PK_NR + c;
                int8_t *o = dst + (size_t)t * 32 + (c / 8) * 16 + (c % 8) * 2;
                for (int h = 0; h < 2; h++) {
                    int p = 2 * t + h;
                    o[h] = row < n && p < k ? w[(size_t)row * k + p] : 0;
                }
            }
        }
    }
}

#if PK_X86
/// One row: max |x| on 8 lanes, then round(x · 127 / max) (round to nearest even, as lrintf)
/// packed to int16.
PK_AVX2 static void quantize_row_avx2(int k, const float *xr, int16_t *qr, float *scale) {
    const __m256 absmask = _mm256_castsi256_ps(_mm256_set1_epi32(0x7fffffff));
    __m256 vm = _mm256_setzero_ps();
    int p = 0;
    for (; p + 8 <= k; p += 8) vm = _mm256_max_ps(vm, _mm256_and_ps(_mm256_loadu_ps(xr + p), absmask));
    float lanes[8];
    _mm256_storeu_ps(lanes, vm);
    float mx = 0;
    for (int l = 0; l < 8; l++) if (lanes[l] > mx) mx = lanes[l];
    for (int t = p; t < k; t++) { float a = fabsf(xr[t]); if (a > mx) mx = a; }
    float inv = mx > 0 ? 127.0f / mx : 0;
    *scale = mx > 0 ? mx / 127.0f : 1;
    __m256 vi = _mm256_set1_ps(inv);
    for (p = 0; p + 16 <= k; p += 16) {
        __m256i a = _mm256_cvtps_epi32(_mm256_mul_ps(_mm256_loadu_ps(xr + p), vi));
        __m256i b = _mm256_cvtps_epi32(_mm256_mul_ps(_mm256_loadu_ps(xr + p + 8), vi));
        // packs interleaves 128-bit lanes: a0 b0 a1 b1 → reorder to a0 a1 b0 b1.
        __m256i packed = _mm256_permute4x64_epi64(_mm256_packs_epi32(a, b), 0xD8);
        _mm256_storeu_si256((__m256i *)(qr + p), packed);
    }
    for (; p < k; p++) qr[p] = (int16_t)lrintf(xr[p] * inv);
}
#endif

void pk_s8_quantize_rows(int isa, int m, int k, const float *x, int ldx, int16_t *q, float *scales) {
    int ldq = pk_s8_row_stride(k);
#if PK_X86
    if (isa == PK_ISA_AVX2) {
        for (int r = 0; r < m; r++) {
            quantize_row_avx2(k, x + (size_t)r * ldx, q + (size_t)r * ldq, scales + r);
            if (ldq > k) q[(size_t)r * ldq + k] = 0;
        }
        return;
    }
#endif
    for (int r = 0; r < m; r++) {
        const float *xr = x + (size_t)r * ldx;
        int16_t *qr = q + (size_t)r * ldq;
        float mx = 0;
        for (int p = 0; p < k; p++) { float a = fabsf(xr[p]); if (a > mx) mx = a; }
        float inv = mx > 0 ? 127.0f / mx : 0;
        scales[r] = mx > 0 ? mx / 127.0f : 1;
        for (int p = 0; p < k; p++) qr[p] = (int16_t)lrintf(xr[p] * inv);
        if (ldq > k) qr[k] = 0;
    }
}

/// The float epilogue of one output element.
static inline float s8_out(int32_t acc, float rs, float cs, const float *bias, int c, float prior, int act) {
    float v = (float)acc * rs * cs + (bias ? bias[c] : 0) + prior;
    return act == PK_ACT_GELU ? pk_gelu1(v) : v;
}

static void tile_portable(int mr, int nr, int pairs, const int16_t *q, int ldq, const int8_t *b,
                          int32_t *raw, int ldr, const float *rs, const float *cs, const float *bias,
                          float *y, int ldy, int accumulate, int act) {
    for (int r = 0; r < mr; r++) {
        int32_t acc[PK_NR] = {0};
        const int16_t *qr = q + (size_t)r * ldq;
        for (int t = 0; t < pairs; t++) {
            const int8_t *bt = b + (size_t)t * 32;
            for (int c = 0; c < PK_NR; c++) {
                const int8_t *w = bt + (c / 8) * 16 + (c % 8) * 2;
                acc[c] += (int32_t)qr[2 * t] * w[0] + (int32_t)qr[2 * t + 1] * w[1];
            }
        }
        for (int c = 0; c < nr; c++) {
            if (raw) raw[(size_t)r * ldr + c] = acc[c];
            else {
                float *o = y + (size_t)r * ldy + c;
                *o = s8_out(acc[c], rs[r], cs[c], bias, c, accumulate ? *o : 0, act);
            }
        }
    }
}

#if PK_X86
// As in gemm_f32.c, the k loops are inline assembly (same code at -O0 and -O2). Registers:
// ymm0–11 the int32 tile, ymm12–13 one k pair of 16 channels sign-extended to int16, ymm14
// the broadcast activation pair, ymm15 a product.
#define S8_ROW(A, C0, C1) \
    "vpbroadcastd (%[" A "],%[i],4), %%ymm14\n\t" \
    "vpmaddwd %%ymm12, %%ymm14, %%ymm15\n\t" \
    "vpaddd %%ymm15, %%" C0 ", %%" C0 "\n\t" \
    "vpmaddwd %%ymm13, %%ymm14, %%ymm14\n\t" \
    "vpaddd %%ymm14, %%" C1 ", %%" C1 "\n\t"
#define S8_STORE(R, OFF) "vmovdqu %%" R ", " OFF "(%[o])\n\t"
#define S8_LOAD \
    "vpmovsxbw (%[b]), %%ymm12\n\t" \
    "vpmovsxbw 16(%[b]), %%ymm13\n\t"
#define S8_NEXT \
    "add $32, %[b]\n\t" \
    "inc %[i]\n\t" \
    "cmp %[i], %[k]\n\t" \
    "jne 1b\n\t" \
    "2:\n\t"

/// acc(6 × 16, int32) = rows a0…a5 (pairs × 2 int16 each) · panel b.
PK_AVX2 static void s8_k6(long pairs, const int16_t *a0, const int16_t *a1, const int16_t *a2, const int16_t *a3,
                          const int16_t *a4, const int16_t *a5, const int8_t *b, int32_t *acc) {
    long i = 0;
    __asm__ volatile(
        "vpxor %%ymm0, %%ymm0, %%ymm0\n\t" "vpxor %%ymm1, %%ymm1, %%ymm1\n\t"
        "vpxor %%ymm2, %%ymm2, %%ymm2\n\t" "vpxor %%ymm3, %%ymm3, %%ymm3\n\t"
        "vpxor %%ymm4, %%ymm4, %%ymm4\n\t" "vpxor %%ymm5, %%ymm5, %%ymm5\n\t"
        "vpxor %%ymm6, %%ymm6, %%ymm6\n\t" "vpxor %%ymm7, %%ymm7, %%ymm7\n\t"
        "vpxor %%ymm8, %%ymm8, %%ymm8\n\t" "vpxor %%ymm9, %%ymm9, %%ymm9\n\t"
        "vpxor %%ymm10, %%ymm10, %%ymm10\n\t" "vpxor %%ymm11, %%ymm11, %%ymm11\n\t"
        "test %[k], %[k]\n\t"
        "jle 2f\n\t"
        "1:\n\t"
        S8_LOAD
        S8_ROW("a0", "ymm0", "ymm1")
        S8_ROW("a1", "ymm2", "ymm3")
        S8_ROW("a2", "ymm4", "ymm5")
        S8_ROW("a3", "ymm6", "ymm7")
        S8_ROW("a4", "ymm8", "ymm9")
        S8_ROW("a5", "ymm10", "ymm11")
        S8_NEXT
        S8_STORE("ymm0", "0") S8_STORE("ymm1", "32") S8_STORE("ymm2", "64") S8_STORE("ymm3", "96")
        S8_STORE("ymm4", "128") S8_STORE("ymm5", "160") S8_STORE("ymm6", "192") S8_STORE("ymm7", "224")
        S8_STORE("ymm8", "256") S8_STORE("ymm9", "288") S8_STORE("ymm10", "320") S8_STORE("ymm11", "352")
        : [i] "+r"(i), [b] "+r"(b)
        : [k] "r"(pairs), [a0] "r"(a0), [a1] "r"(a1), [a2] "r"(a2), [a3] "r"(a3), [a4] "r"(a4), [a5] "r"(a5), [o] "r"(acc)
        : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11",
          "xmm12", "xmm13", "xmm14", "xmm15", "memory", "cc");
}

/// acc(4 × 16, int32) = rows a0…a3 · panel b.
PK_AVX2 static void s8_k4(long pairs, const int16_t *a0, const int16_t *a1, const int16_t *a2, const int16_t *a3,
                          const int8_t *b, int32_t *acc) {
    long i = 0;
    __asm__ volatile(
        "vpxor %%ymm0, %%ymm0, %%ymm0\n\t" "vpxor %%ymm1, %%ymm1, %%ymm1\n\t"
        "vpxor %%ymm2, %%ymm2, %%ymm2\n\t" "vpxor %%ymm3, %%ymm3, %%ymm3\n\t"
        "vpxor %%ymm4, %%ymm4, %%ymm4\n\t" "vpxor %%ymm5, %%ymm5, %%ymm5\n\t"
        "vpxor %%ymm6, %%ymm6, %%ymm6\n\t" "vpxor %%ymm7, %%ymm7, %%ymm7\n\t"
        "test %[k], %[k]\n\t"
        "jle 2f\n\t"
        "1:\n\t"
        S8_LOAD
        S8_ROW("a0", "ymm0", "ymm1")
        S8_ROW("a1", "ymm2", "ymm3")
        S8_ROW("a2", "ymm4", "ymm5")
        S8_ROW("a3", "ymm6", "ymm7")
        S8_NEXT
        S8_STORE("ymm0", "0") S8_STORE("ymm1", "32") S8_STORE("ymm2", "64") S8_STORE("ymm3", "96")
        S8_STORE("ymm4", "128") S8_STORE("ymm5", "160") S8_STORE("ymm6", "192") S8_STORE("ymm7", "224")
        : [i] "+r"(i), [b] "+r"(b)
        : [k] "r"(pairs), [a0] "r"(a0), [a1] "r"(a1), [a2] "r"(a2), [a3] "r"(a3), [o] "r"(acc)
        : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7",
          "xmm12", "xmm13", "xmm14", "xmm15", "memory", "cc");
}

/// One tile (rows beyond `mr` repeat row 0 and are dropped), then the raw or float epilogue.
PK_AVX2 static void tile_avx2_any(int mr, int nr, int pairs, const int16_t *q, int ldq, const int8_t *b,
                                  int32_t *raw, int ldr, const float *rs, const float *cs, const float *bias,
                                  float *y, int ldy, int accumulate, int act) {
    int32_t acc[PK_MR * PK_NR] __attribute__((aligned(32)));
    const int16_t *r[PK_MR];
    for (int i = 0; i < PK_MR; i++) r[i] = q + (size_t)(i < mr ? i : 0) * ldq;
    if (mr > 4) s8_k6(pairs, r[0], r[1], r[2], r[3], r[4], r[5], b, acc);
    else s8_k4(pairs, r[0], r[1], r[2], r[3], b, acc);
    if (raw) {
        for (int i = 0; i < mr; i++) memcpy(raw + (size_t)i * ldr, acc + i * PK_NR, (size_t)nr * sizeof(int32_t));
        return;
    }
    float ytmp[PK_MR * PK_NR], ctmp[PK_NR], btmp[PK_NR];
    float *yt = y;
    int ldt = ldy;
    const float *cst = cs, *bt = bias;
    if (nr < PK_NR) {
        yt = ytmp; ldt = PK_NR;
        memset(ytmp, 0, sizeof ytmp);
        if (accumulate) for (int i = 0; i < mr; i++) memcpy(ytmp + i * PK_NR, y + (size_t)i * ldy, (size_t)nr * sizeof(float));
        memset(ctmp, 0, sizeof ctmp); memcpy(ctmp, cs, (size_t)nr * sizeof(float)); cst = ctmp;
        if (bias) { memset(btmp, 0, sizeof btmp); memcpy(btmp, bias, (size_t)nr * sizeof(float)); bt = btmp; }
    }
    __m256 c0 = _mm256_loadu_ps(cst), c1 = _mm256_loadu_ps(cst + 8);
    __m256 bias0 = bt ? _mm256_loadu_ps(bt) : _mm256_setzero_ps();
    __m256 bias1 = bt ? _mm256_loadu_ps(bt + 8) : _mm256_setzero_ps();
    for (int i = 0; i < mr; i++) {
        float *yr = yt + (size_t)i * ldt;
        __m256 s = _mm256_set1_ps(rs[i]);
        __m256 a0 = _mm256_cvtepi32_ps(_mm256_load_si256((const __m256i *)(acc + i * PK_NR)));
        __m256 a1 = _mm256_cvtepi32_ps(_mm256_load_si256((const __m256i *)(acc + i * PK_NR + 8)));
        __m256 v0 = _mm256_fmadd_ps(a0, _mm256_mul_ps(s, c0), bias0);
        __m256 v1 = _mm256_fmadd_ps(a1, _mm256_mul_ps(s, c1), bias1);
        if (accumulate) { v0 = _mm256_add_ps(v0, _mm256_loadu_ps(yr)); v1 = _mm256_add_ps(v1, _mm256_loadu_ps(yr + 8)); }
        if (act == PK_ACT_GELU) { v0 = pk_gelu8(v0); v1 = pk_gelu8(v1); }
        _mm256_storeu_ps(yr, v0);
        _mm256_storeu_ps(yr + 8, v1);
    }
    if (nr < PK_NR) for (int i = 0; i < mr; i++) memcpy(y + (size_t)i * ldy, ytmp + i * PK_NR, (size_t)nr * sizeof(float));
}
#endif

static void s8_gemm(int isa, int m, int n, int k, const int16_t *q, const float *rs, const int8_t *packed,
                    const float *cs, const float *bias, float *y, int ldy, int32_t *raw, int ldr,
                    int accumulate, int act) {
    if (m <= 0 || n <= 0) return;
    int panels = (n + PK_NR - 1) / PK_NR, ldq = pk_s8_row_stride(k), pairs = ldq / 2;
    for (int j = 0; j < panels; j++) {
        const int8_t *b = packed + (size_t)j * PK_NR * ldq;
        int nr = pk_min(PK_NR, n - j * PK_NR), j0 = j * PK_NR;
        for (int i0 = 0; i0 < m; i0 += PK_MR) {
            int mr = pk_min(PK_MR, m - i0);
            const int16_t *qi = q + (size_t)i0 * ldq;
            int32_t *ri = raw ? raw + (size_t)i0 * ldr + j0 : NULL;
            float *yi = raw ? NULL : y + (size_t)i0 * ldy + j0;
            const float *rsi = rs ? rs + i0 : NULL, *csj = cs ? cs + j0 : NULL, *bj = bias ? bias + j0 : NULL;
#if PK_X86
            if (isa == PK_ISA_AVX2) {
                tile_avx2_any(mr, nr, pairs, qi, ldq, b, ri, ldr, rsi, csj, bj, yi, ldy, accumulate, act);
                continue;
            }
#endif
            tile_portable(mr, nr, pairs, qi, ldq, b, ri, ldr, rsi, csj, bj, yi, ldy, accumulate, act);
        }
    }
}

void pk_s8_gemm_raw(int isa, int m, int n, int k, const int16_t *q, const int8_t *packed, int32_t *y, int ldy) {
    s8_gemm(isa, m, n, k, q, NULL, packed, NULL, NULL, NULL, 0, y, ldy, 0, PK_ACT_NONE);
}

void pk_s8_gemm(int isa, int m, int n, int k, const int16_t *q, const float *row_scales,
                const int8_t *packed, const float *col_scales, const float *bias,
                float *y, int ldy, int accumulate, int act) {
    s8_gemm(isa, m, n, k, q, row_scales, packed, col_scales, bias, y, ldy, NULL, 0, accumulate, act);
}
