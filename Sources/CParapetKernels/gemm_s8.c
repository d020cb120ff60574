// int8 GEMM: int8 weights (per output channel scale) packed once at load, activations
// quantized per row at run time to 7-bit unsigned codes, products exact in int32, dequantized
// in the epilogue.
//
// AVX2 without VNNI: `vpmaddubsw` multiplies unsigned activation bytes by signed weight bytes
// and adds adjacent pairs into int16, then `vpmaddwd` by ones widens pairs of those into int32
// (4 products per lane). `vpmaddubsw` saturates its int16 sums; activations are kept in
// [0, 127] so a pair is at most 2 · 127 · 128 = 32512 < 32767 and the product stays exact with
// full 8-bit weights. On Zen 3 this does about 1.9× the multiply-adds per second of sign-
// extending both sides to int16 for `vpmaddwd` alone.
//
// Activations: each row is cut into groups of PK_S8_GROUP (128) inputs; in group g,
// x ≈ u · scale_g + offset_g with u in [0, 127], offset_g = min and scale_g = (max − min) / 127
// over the group, so y = colScale · Σ_g (scale_g · Σ_{p∈g} u·w + offset_g · Σ_{p∈g} w). The
// groups keep one large hidden dimension from coarsening a whole row: on the 56 dev texts,
// mean cosine to fp32 0.9981 (one scale a row: 0.9956).
//
// Packed layout: panel j (channels 16j … 16j+15) holds, group after group, the 16 channels'
// weight sums over the group (int32, 64 bytes), then for each k quad t of the group 64 bytes:
// channels 0…7 as W[c][4t … 4t+3], then channels 8…15; zero past n and k.
#include "pk_internal.h"

#define PK_S8_GROUP 128
/// Weights within ±PK_S8_NARROW ("narrow", 7-bit) let two `vpmaddubsw` pair sums add in int16
/// without overflow: 2 · (2 · 127 · 64) = 32512 ≤ 32767.
#define PK_S8_NARROW 64

int pk_s8_row_stride(int k) { return (k + 3) & ~3; }

int pk_s8_groups(int k) { return k > 0 ? (k + PK_S8_GROUP - 1) / PK_S8_GROUP : 0; }

int pk_s8_channel_bytes(int k) { return pk_s8_row_stride(k) + 4 * pk_s8_groups(k); }

size_t pk_s8_packed_count(int n, int k) {
    return (size_t)((n + PK_NR - 1) / PK_NR) * PK_NR * (size_t)pk_s8_channel_bytes(k);
}

/// Quads (4 inputs) in group g of a row of k inputs.
static int group_quads(int k, int g) {
    return (pk_min(pk_s8_row_stride(k), (g + 1) * PK_S8_GROUP) - g * PK_S8_GROUP) / 4;
}

int pk_s8_pack(const int8_t *w, int n, int k, int8_t *packed) {
    int panels = (n + PK_NR - 1) / PK_NR, groups = pk_s8_groups(k), narrow = 1;
    for (size_t i = 0; i < (size_t)n * k; i++) narrow &= w[i] >= -PK_S8_NARROW && w[i] <= PK_S8_NARROW;
    for (int j = 0; j < panels; j++) {
        int8_t *base = packed + (size_t)j * PK_NR * pk_s8_channel_bytes(k);
        for (int g = 0; g < groups; g++) {
            int32_t sums[PK_NR] = {0};
            int8_t *dst = base + sizeof sums;
            int quads = group_quads(k, g);
            for (int t = 0; t < quads; t++) {
                for (int c = 0; c < PK_NR; c++) {
                    int row = j * PK_NR + c;
                    int8_t *o = dst + (size_t)t * 64 + (c / 8) * 32 + (c % 8) * 4;
                    for (int h = 0; h < 4; h++) {
                        int p = g * PK_S8_GROUP + 4 * t + h;
                        o[h] = row < n && p < k ? w[(size_t)row * k + p] : 0;
                        sums[c] += o[h];
                    }
                }
            }
            memcpy(base, sums, sizeof sums);
            base += sizeof sums + (size_t)quads * 64;
        }
    }
    return narrow;
}

/// The codes of one row given its min and max: u = round((x − lo) · 127 / (hi − lo)).
static void quantize_row_portable(int k, const float *xr, uint8_t *qr, float lo, float hi, float *scale, float *offset) {
    float inv = pk_s8_code_params(lo, hi, scale, offset);
    for (int p = 0; p < k; p++) qr[p] = (uint8_t)lrintf((xr[p] - lo) * inv);
}

#if PK_X86
/// One row: min and max on 8 lanes, then the codes, 32 at a time (round to nearest even, as
/// lrintf).
PK_AVX2 static void quantize_row_avx2(int k, const float *xr, uint8_t *qr, float *scale, float *offset) {
    __m256 vlo = _mm256_set1_ps(INFINITY), vhi = _mm256_set1_ps(-INFINITY);
    int p = 0;
    for (; p + 8 <= k; p += 8) {
        __m256 v = _mm256_loadu_ps(xr + p);
        vlo = _mm256_min_ps(vlo, v);
        vhi = _mm256_max_ps(vhi, v);
    }
    float l8[8], h8[8];
    _mm256_storeu_ps(l8, vlo);
    _mm256_storeu_ps(h8, vhi);
    float lo = INFINITY, hi = -INFINITY;
    for (int l = 0; l < 8; l++) { if (l8[l] < lo) lo = l8[l]; if (h8[l] > hi) hi = h8[l]; }
    for (int t = p; t < k; t++) { if (xr[t] < lo) lo = xr[t]; if (xr[t] > hi) hi = xr[t]; }
    pk_s8_codes(xr, k, qr, lo, pk_s8_code_params(lo, hi, scale, offset));
}
#endif

void pk_s8_quantize_rows(int isa, int m, int k, const float *x, int ldx, uint8_t *q, float *scales, float *offsets) {
    int ldq = pk_s8_row_stride(k), groups = pk_s8_groups(k);
    for (int r = 0; r < m; r++) {
        uint8_t *qr = q + (size_t)r * ldq;
        for (int g = 0; g < groups; g++) {
            int p0 = g * PK_S8_GROUP, len = pk_min(PK_S8_GROUP, k - p0);
            const float *xg = x + (size_t)r * ldx + p0;
            float *sc = scales + (size_t)r * groups + g, *of = offsets + (size_t)r * groups + g;
#if PK_X86
            if (isa == PK_ISA_AVX2) { quantize_row_avx2(len, xg, qr + p0, sc, of); continue; }
#endif
            float lo = INFINITY, hi = -INFINITY;
            for (int p = 0; p < len; p++) { if (xg[p] < lo) lo = xg[p]; if (xg[p] > hi) hi = xg[p]; }
            quantize_row_portable(len, xg, qr + p0, lo, hi, sc, of);
        }
        for (int p = k; p < ldq; p++) qr[p] = 0;
    }
}

static void tile_portable(int mr, int nr, int k, const uint8_t *q, int ldq, const int8_t *b,
                          int32_t *raw, int ldr, const float *rs, const float *ro, const float *cs,
                          const float *bias, float *y, int ldy, int accumulate, int act) {
    int groups = pk_s8_groups(k);
    for (int r = 0; r < mr; r++) {
        const uint8_t *qr = q + (size_t)r * ldq;
        int32_t total[PK_NR] = {0};
        float f[PK_NR] = {0};
        const int8_t *bg = b;
        for (int g = 0; g < groups; g++) {
            int32_t sums[PK_NR], acc[PK_NR] = {0};
            memcpy(sums, bg, sizeof sums);
            const int8_t *w0 = bg + sizeof sums;
            int quads = group_quads(k, g);
            const uint8_t *qg = qr + g * PK_S8_GROUP;
            for (int t = 0; t < quads; t++) {
                const int8_t *bt = w0 + (size_t)t * 64;
                for (int c = 0; c < PK_NR; c++) {
                    const int8_t *w = bt + (c / 8) * 32 + (c % 8) * 4;
                    for (int h = 0; h < 4; h++) acc[c] += (int32_t)qg[4 * t + h] * w[h];
                }
            }
            for (int c = 0; c < PK_NR; c++) {
                total[c] += acc[c];
                if (!raw) f[c] += (float)((double)acc[c] * rs[(size_t)r * groups + g] + (double)ro[(size_t)r * groups + g] * sums[c]);
            }
            bg = w0 + (size_t)quads * 64;
        }
        for (int c = 0; c < nr; c++) {
            if (raw) { raw[(size_t)r * ldr + c] = total[c]; continue; }
            float *o = y + (size_t)r * ldy + c;
            float v = f[c] * cs[c] + (bias ? bias[c] : 0) + (accumulate ? *o : 0);
            *o = act == PK_ACT_GELU ? pk_gelu1(v) : v;
        }
    }
}

#if PK_X86
// As in gemm_f32.c, the k loops are inline assembly (same code at -O0 and -O2). Registers:
// ymm0–11 the int32 tile, ymm12–13 one k quad of 16 channels, ymm14 the broadcast activation
// quad, ymm15 a product; the int16 ones for `vpmaddwd` are a memory operand.
#define S8_ROW(A, C0, C1) \
    "vpbroadcastd (%[" A "],%[i],4), %%ymm14\n\t" \
    "vpmaddubsw %%ymm12, %%ymm14, %%ymm15\n\t" \
    "vpmaddwd (%[ones]), %%ymm15, %%ymm15\n\t" \
    "vpaddd %%ymm15, %%" C0 ", %%" C0 "\n\t" \
    "vpmaddubsw %%ymm13, %%ymm14, %%ymm14\n\t" \
    "vpmaddwd (%[ones]), %%ymm14, %%ymm14\n\t" \
    "vpaddd %%ymm14, %%" C1 ", %%" C1 "\n\t"
#define S8_STORE(R, OFF) "vmovdqu %%" R ", " OFF "(%[o])\n\t"
#define S8_LOAD \
    "vmovdqu (%[b]), %%ymm12\n\t" \
    "vmovdqu 32(%[b]), %%ymm13\n\t"
#define S8_NEXT \
    "add $64, %[b]\n\t" \
    "inc %[i]\n\t" \
    "cmp %[i], %[k]\n\t" \
    "jne 1b\n\t" \
    "2:\n\t"

static const int16_t s8_ones[16] __attribute__((aligned(32))) = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};

/// acc(6 × 16, int32) = rows a0…a5 (quads × 4 bytes each) · panel b.
PK_AVX2 static void s8_k6(long quads, const uint8_t *a0, const uint8_t *a1, const uint8_t *a2, const uint8_t *a3,
                          const uint8_t *a4, const uint8_t *a5, const int8_t *b, int32_t *acc) {
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
        : [k] "r"(quads), [a0] "r"(a0), [a1] "r"(a1), [a2] "r"(a2), [a3] "r"(a3), [a4] "r"(a4), [a5] "r"(a5),
          [o] "r"(acc), [ones] "r"(s8_ones)
        : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11",
          "xmm12", "xmm13", "xmm14", "xmm15", "memory", "cc");
}

/// acc(4 × 16, int32) = rows a0…a3 · panel b.
PK_AVX2 static void s8_k4(long quads, const uint8_t *a0, const uint8_t *a1, const uint8_t *a2, const uint8_t *a3,
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
        : [k] "r"(quads), [a0] "r"(a0), [a1] "r"(a1), [a2] "r"(a2), [a3] "r"(a3), [o] "r"(acc), [ones] "r"(s8_ones)
        : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7",
          "xmm12", "xmm13", "xmm14", "xmm15", "memory", "cc");
}

// Narrow weights: two k quads per iteration, their int16 pair sums added before one
// `vpmaddwd` widens them: 3 multiply µops per 8 inputs instead of 4. Zen 3 issues two
// multiplies a cycle but only two 256-bit loads, so everything stays in registers and the tile
// is 3 rows: ymm0–5 the int32 tile, ymm6–9 two k quads of 16 channels, ymm10 the int16 ones,
// ymm11–12 the two broadcast activation quads, ymm13–14 products. In L1 this runs about 1.2×
// the multiply-adds per second of s8_k6.
#define S8P_HALF(C, W0, W1) \
    "vpmaddubsw %%" W0 ", %%ymm11, %%ymm13\n\t" \
    "vpmaddubsw %%" W1 ", %%ymm12, %%ymm14\n\t" \
    "vpaddw %%ymm14, %%ymm13, %%ymm13\n\t" \
    "vpmaddwd %%ymm10, %%ymm13, %%ymm13\n\t" \
    "vpaddd %%ymm13, %%" C ", %%" C "\n\t"
#define S8P_ROW(A, C0, C1) \
    "vpbroadcastd (%[" A "],%[i],4), %%ymm11\n\t" \
    "vpbroadcastd 4(%[" A "],%[i],4), %%ymm12\n\t" \
    S8P_HALF(C0, "ymm6", "ymm8") \
    S8P_HALF(C1, "ymm7", "ymm9")

/// acc(3 × 16, int32) = rows a0…a2 · panel b, for narrow weights and an even number of quads.
PK_AVX2 static void s8p_k3(long quads, const uint8_t *a0, const uint8_t *a1, const uint8_t *a2, const int8_t *b,
                           int32_t *acc) {
    long i = 0;
    __asm__ volatile(
        "vpxor %%ymm0, %%ymm0, %%ymm0\n\t" "vpxor %%ymm1, %%ymm1, %%ymm1\n\t"
        "vpxor %%ymm2, %%ymm2, %%ymm2\n\t" "vpxor %%ymm3, %%ymm3, %%ymm3\n\t"
        "vpxor %%ymm4, %%ymm4, %%ymm4\n\t" "vpxor %%ymm5, %%ymm5, %%ymm5\n\t"
        "vmovdqa (%[ones]), %%ymm10\n\t"
        "test %[k], %[k]\n\t"
        "jle 2f\n\t"
        "1:\n\t"
        "vmovdqu (%[b]), %%ymm6\n\t"
        "vmovdqu 32(%[b]), %%ymm7\n\t"
        "vmovdqu 64(%[b]), %%ymm8\n\t"
        "vmovdqu 96(%[b]), %%ymm9\n\t"
        S8P_ROW("a0", "ymm0", "ymm1")
        S8P_ROW("a1", "ymm2", "ymm3")
        S8P_ROW("a2", "ymm4", "ymm5")
        "add $128, %[b]\n\t"
        "add $2, %[i]\n\t"
        "cmp %[i], %[k]\n\t"
        "jne 1b\n\t"
        "2:\n\t"
        S8_STORE("ymm0", "0") S8_STORE("ymm1", "32") S8_STORE("ymm2", "64") S8_STORE("ymm3", "96")
        S8_STORE("ymm4", "128") S8_STORE("ymm5", "160")
        : [i] "+r"(i), [b] "+r"(b)
        : [k] "r"(quads), [a0] "r"(a0), [a1] "r"(a1), [a2] "r"(a2), [o] "r"(acc), [ones] "r"(s8_ones)
        : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11",
          "xmm12", "xmm13", "xmm14", "memory", "cc");
}

/// One tile (rows beyond `mr` repeat row 0 and are dropped): the integer product of each input
/// group, folded into float with that group's row scales and offsets; then the raw (integer
/// sum over groups) or float epilogue.
PK_AVX2 static void tile_avx2_any(int mr, int nr, int k, const uint8_t *q, int ldq, const int8_t *b, int narrow,
                                  int32_t *raw, int ldr, const float *rs, const float *ro, const float *cs,
                                  const float *bias, float *y, int ldy, int accumulate, int act) {
    int32_t acc[PK_MR * PK_NR] __attribute__((aligned(32)));
    // The first group sets the sums, later groups add to them (no zeroing: a loop of zero
    // stores here became a `rep stos`, about 9 % of a 256 × 1536 × 384 product).
    __m256 f[2 * PK_MR];
    __m256i tot[2 * PK_MR];
    int groups = pk_s8_groups(k);
    if (groups == 0) for (int i = 0; i < 2 * PK_MR; i++) { f[i] = _mm256_setzero_ps(); tot[i] = _mm256_setzero_si256(); }
    const int8_t *bg = b;
    for (int g = 0; g < groups; g++) {
        const uint8_t *r[PK_MR];
        for (int i = 0; i < PK_MR; i++) r[i] = q + (size_t)(i < mr ? i : 0) * ldq + g * PK_S8_GROUP;
        const int8_t *w0 = bg + PK_NR * sizeof(int32_t);
        int quads = group_quads(k, g);
        if (narrow && quads % 2 == 0) {
            s8p_k3(quads, r[0], r[1], r[2], w0, acc);
            if (mr > 3) s8p_k3(quads, r[3], r[4], r[5], w0, acc + 3 * PK_NR);
        } else if (mr > 4) {
            s8_k6(quads, r[0], r[1], r[2], r[3], r[4], r[5], w0, acc);
        } else {
            s8_k4(quads, r[0], r[1], r[2], r[3], w0, acc);
        }
        if (raw) {
            for (int i = 0; i < 2 * mr; i++) {
                __m256i v = _mm256_load_si256((const __m256i *)(acc + 8 * i));
                tot[i] = g ? _mm256_add_epi32(tot[i], v) : v;
            }
        } else {
            __m256 s0 = _mm256_cvtepi32_ps(_mm256_loadu_si256((const __m256i *)bg));
            __m256 s1 = _mm256_cvtepi32_ps(_mm256_loadu_si256((const __m256i *)bg + 1));
            for (int i = 0; i < mr; i++) {
                __m256 sc = _mm256_set1_ps(rs[(size_t)i * groups + g]), off = _mm256_set1_ps(ro[(size_t)i * groups + g]);
                __m256 a0 = _mm256_cvtepi32_ps(_mm256_load_si256((const __m256i *)(acc + i * PK_NR)));
                __m256 a1 = _mm256_cvtepi32_ps(_mm256_load_si256((const __m256i *)(acc + i * PK_NR + 8)));
                __m256 v0 = _mm256_fmadd_ps(a0, sc, _mm256_mul_ps(off, s0));
                __m256 v1 = _mm256_fmadd_ps(a1, sc, _mm256_mul_ps(off, s1));
                f[2 * i] = g ? _mm256_add_ps(f[2 * i], v0) : v0;
                f[2 * i + 1] = g ? _mm256_add_ps(f[2 * i + 1], v1) : v1;
            }
        }
        bg = w0 + (size_t)quads * 64;
    }
    if (raw) {
        for (int i = 0; i < mr; i++) {
            _mm256_store_si256((__m256i *)(acc + i * PK_NR), tot[2 * i]);
            _mm256_store_si256((__m256i *)(acc + i * PK_NR + 8), tot[2 * i + 1]);
            memcpy(raw + (size_t)i * ldr, acc + i * PK_NR, (size_t)nr * sizeof(int32_t));
        }
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
        __m256 v0 = _mm256_fmadd_ps(f[2 * i], c0, bias0);
        __m256 v1 = _mm256_fmadd_ps(f[2 * i + 1], c1, bias1);
        if (accumulate) { v0 = _mm256_add_ps(v0, _mm256_loadu_ps(yr)); v1 = _mm256_add_ps(v1, _mm256_loadu_ps(yr + 8)); }
        if (act == PK_ACT_GELU) { v0 = pk_gelu8(v0); v1 = pk_gelu8(v1); }
        _mm256_storeu_ps(yr, v0);
        _mm256_storeu_ps(yr + 8, v1);
    }
    if (nr < PK_NR) for (int i = 0; i < mr; i++) memcpy(y + (size_t)i * ldy, ytmp + i * PK_NR, (size_t)nr * sizeof(float));
}
#endif

/// Panels are taken in groups (as in gemm_f32.c) so a row block of activations is reused
/// across 16 panels while it is in L1.
#define PK_S8_NG 16

static void s8_gemm(int isa, int m, int n, int k, const uint8_t *q, const float *rs, const float *ro,
                    const int8_t *packed, int narrow, const float *cs, const float *bias, float *y, int ldy,
                    int32_t *raw, int ldr, int accumulate, int act) {
    if (m <= 0 || n <= 0) return;
    int panels = (n + PK_NR - 1) / PK_NR, ldq = pk_s8_row_stride(k), groups = pk_s8_groups(k);
    size_t panel_bytes = (size_t)PK_NR * pk_s8_channel_bytes(k);
    for (int jg = 0; jg < panels; jg += PK_S8_NG) {
        int jend = pk_min(panels, jg + PK_S8_NG);
        for (int i0 = 0; i0 < m; i0 += PK_MR) {
            int mr = pk_min(PK_MR, m - i0);
            const uint8_t *qi = q + (size_t)i0 * ldq;
            const float *rsi = rs ? rs + (size_t)i0 * groups : NULL, *roi = ro ? ro + (size_t)i0 * groups : NULL;
            for (int j = jg; j < jend; j++) {
                const int8_t *b = packed + (size_t)j * panel_bytes;
                int nr = pk_min(PK_NR, n - j * PK_NR), j0 = j * PK_NR;
                int32_t *ri = raw ? raw + (size_t)i0 * ldr + j0 : NULL;
                float *yi = raw ? NULL : y + (size_t)i0 * ldy + j0;
                const float *csj = cs ? cs + j0 : NULL, *bj = bias ? bias + j0 : NULL;
#if PK_X86
                if (isa == PK_ISA_AVX2) {
                    tile_avx2_any(mr, nr, k, qi, ldq, b, narrow, ri, ldr, rsi, roi, csj, bj, yi, ldy, accumulate, act);
                    continue;
                }
#endif
                tile_portable(mr, nr, k, qi, ldq, b, ri, ldr, rsi, roi, csj, bj, yi, ldy, accumulate, act);
            }
        }
    }
}

void pk_s8_gemm_raw(int isa, int m, int n, int k, const uint8_t *q, const int8_t *packed, int narrow, int32_t *y, int ldy) {
    s8_gemm(isa, m, n, k, q, NULL, NULL, packed, narrow, NULL, NULL, NULL, 0, y, ldy, 0, PK_ACT_NONE);
}

void pk_s8_gemm(int isa, int m, int n, int k, const uint8_t *q, const float *row_scales, const float *row_offsets,
                const int8_t *packed, int narrow, const float *col_scales, const float *bias,
                float *y, int ldy, int accumulate, int act) {
    s8_gemm(isa, m, n, k, q, row_scales, row_offsets, packed, narrow, col_scales, bias, y, ldy, NULL, 0, accumulate, act);
}
