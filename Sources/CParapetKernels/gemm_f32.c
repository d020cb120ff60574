// fp32 GEMM on weights packed once at load: x(m × k) · Wᵀ + bias, epilogue fused.
//
// Packed layout: panel j (output channels 16j … 16j+15) is k rows of 16 floats,
// panel[p][c] = W[16j + c][p], zero past n. The AVX2 micro-kernel holds a 6 × 16 tile of y in
// 12 registers and walks k, broadcasting one x value per row; K is cut into blocks of PK_KC
// so a panel block (PK_KC × 16 floats, 24 KB) stays in L1 while a row block reuses it. Panels
// are taken in groups of PK_NG (16 panels, 384 KB of packed weights at k = 384, in L2) once
// there are more than PK_NG_MIN_ROWS rows: each row block of x is read once per group rather
// than once per panel, and each row block's output (6 × 256 floats) is written in one piece. Full tiles add bias and residual and store
// y from the registers; GELU then runs on the tile while it is in L1.
#include "pk_internal.h"

#define PK_KC 384
#define PK_NG 16
#define PK_NG_MIN_ROWS 24

int pk_best_isa(void) {
#if PK_X86
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return PK_ISA_AVX2;
#endif
    return PK_ISA_PORTABLE;
}

size_t pk_f32_packed_count(int n, int k) {
    return (size_t)((n + PK_NR - 1) / PK_NR) * PK_NR * (size_t)k;
}

void pk_f32_pack(const float *w, int ldw, int n, int k, float *packed) {
    int panels = (n + PK_NR - 1) / PK_NR;
    for (int j = 0; j < panels; j++) {
        float *dst = packed + (size_t)j * PK_NR * k;
        for (int c = 0; c < PK_NR; c++) {
            int row = j * PK_NR + c;
            if (row < n) {
                const float *src = w + (size_t)row * ldw;
                for (int p = 0; p < k; p++) dst[(size_t)p * PK_NR + c] = src[p];
            } else {
                for (int p = 0; p < k; p++) dst[(size_t)p * PK_NR + c] = 0;
            }
        }
    }
}

/// One tile of the portable path: rows i0…i0+mr, channels j0…j0+nr, k block [p0, p0 + kc).
static void tile_portable(int mr, int nr, int kc, const float *x, int ldx, const float *b,
                          float *y, int ldy, const float *bias, int load_y, int act) {
    for (int r = 0; r < mr; r++) {
        float acc[PK_NR] = {0};
        const float *xr = x + (size_t)r * ldx;
        for (int p = 0; p < kc; p++) {
            float xv = xr[p];
            const float *bp = b + (size_t)p * PK_NR;
            for (int c = 0; c < PK_NR; c++) acc[c] += xv * bp[c];
        }
        float *yr = y + (size_t)r * ldy;
        for (int c = 0; c < nr; c++) {
            float v = acc[c];
            if (bias) v += bias[c];
            if (load_y) v += yr[c];
            yr[c] = act == PK_ACT_GELU ? pk_gelu1(v) : v;
        }
    }
}

#if PK_X86
// The k loops are inline assembly so the hot loop is the same machine code at every
// optimisation level (a debug build compiles C at -O0, where intrinsics code runs ~100×
// slower). Registers: ymm0–11 the 6 × 16 tile (ymm0–7 for 4 rows), ymm12–13 the weight row,
// ymm14–15 the broadcast activations.
#define F32_ROW(A, T, C0, C1) \
    "vbroadcastss (%[" A "],%[i],4), %%" T "\n\t" \
    "vfmadd231ps %%ymm12, %%" T ", %%" C0 "\n\t" \
    "vfmadd231ps %%ymm13, %%" T ", %%" C1 "\n\t"
#define F32_STORE(R, OFF) "vmovups %%" R ", " OFF "(%[o])\n\t"

/// acc(6 × 16) = rows a0…a5 (kc floats each) · panel b (kc × 16).
PK_AVX2 static void f32_k6(long kc, const float *a0, const float *a1, const float *a2, const float *a3,
                           const float *a4, const float *a5, const float *b, float *acc) {
    long i = 0;
    __asm__ volatile(
        "vxorps %%ymm0, %%ymm0, %%ymm0\n\t" "vxorps %%ymm1, %%ymm1, %%ymm1\n\t"
        "vxorps %%ymm2, %%ymm2, %%ymm2\n\t" "vxorps %%ymm3, %%ymm3, %%ymm3\n\t"
        "vxorps %%ymm4, %%ymm4, %%ymm4\n\t" "vxorps %%ymm5, %%ymm5, %%ymm5\n\t"
        "vxorps %%ymm6, %%ymm6, %%ymm6\n\t" "vxorps %%ymm7, %%ymm7, %%ymm7\n\t"
        "vxorps %%ymm8, %%ymm8, %%ymm8\n\t" "vxorps %%ymm9, %%ymm9, %%ymm9\n\t"
        "vxorps %%ymm10, %%ymm10, %%ymm10\n\t" "vxorps %%ymm11, %%ymm11, %%ymm11\n\t"
        "test %[k], %[k]\n\t"
        "jle 2f\n\t"
        "1:\n\t"
        "vmovups (%[b]), %%ymm12\n\t"
        "vmovups 32(%[b]), %%ymm13\n\t"
        F32_ROW("a0", "ymm14", "ymm0", "ymm1")
        F32_ROW("a1", "ymm15", "ymm2", "ymm3")
        F32_ROW("a2", "ymm14", "ymm4", "ymm5")
        F32_ROW("a3", "ymm15", "ymm6", "ymm7")
        F32_ROW("a4", "ymm14", "ymm8", "ymm9")
        F32_ROW("a5", "ymm15", "ymm10", "ymm11")
        "add $64, %[b]\n\t"
        "inc %[i]\n\t"
        "cmp %[i], %[k]\n\t"
        "jne 1b\n\t"
        "2:\n\t"
        F32_STORE("ymm0", "0") F32_STORE("ymm1", "32") F32_STORE("ymm2", "64") F32_STORE("ymm3", "96")
        F32_STORE("ymm4", "128") F32_STORE("ymm5", "160") F32_STORE("ymm6", "192") F32_STORE("ymm7", "224")
        F32_STORE("ymm8", "256") F32_STORE("ymm9", "288") F32_STORE("ymm10", "320") F32_STORE("ymm11", "352")
        : [i] "+r"(i), [b] "+r"(b)
        : [k] "r"(kc), [a0] "r"(a0), [a1] "r"(a1), [a2] "r"(a2), [a3] "r"(a3), [a4] "r"(a4), [a5] "r"(a5), [o] "r"(acc)
        : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11",
          "xmm12", "xmm13", "xmm14", "xmm15", "memory", "cc");
}

/// Epilogue of a full tile, on the registers: ymm0… += bias (16 floats, never NULL), then
/// += y when load_y, stored to y (row stride ldy bytes). ROWS pairs of registers.
#define F32_EPI_ROW(C0, C1) \
    "vaddps %%ymm12, %%" C0 ", %%" C0 "\n\t" \
    "vaddps %%ymm13, %%" C1 ", %%" C1 "\n\t" \
    "test %[ly], %[ly]\n\t" \
    "jz 3f\n\t" \
    "vaddps (%[y]), %%" C0 ", %%" C0 "\n\t" \
    "vaddps 32(%[y]), %%" C1 ", %%" C1 "\n\t" \
    "3:\n\t" \
    "vmovups %%" C0 ", (%[y])\n\t" \
    "vmovups %%" C1 ", 32(%[y])\n\t" \
    "add %[ldy], %[y]\n\t"
#define F32_ZERO12 \
    "vxorps %%ymm0, %%ymm0, %%ymm0\n\t" "vxorps %%ymm1, %%ymm1, %%ymm1\n\t" \
    "vxorps %%ymm2, %%ymm2, %%ymm2\n\t" "vxorps %%ymm3, %%ymm3, %%ymm3\n\t" \
    "vxorps %%ymm4, %%ymm4, %%ymm4\n\t" "vxorps %%ymm5, %%ymm5, %%ymm5\n\t" \
    "vxorps %%ymm6, %%ymm6, %%ymm6\n\t" "vxorps %%ymm7, %%ymm7, %%ymm7\n\t" \
    "vxorps %%ymm8, %%ymm8, %%ymm8\n\t" "vxorps %%ymm9, %%ymm9, %%ymm9\n\t" \
    "vxorps %%ymm10, %%ymm10, %%ymm10\n\t" "vxorps %%ymm11, %%ymm11, %%ymm11\n\t"
#define F32_LOOP_HEAD \
    "test %[k], %[k]\n\t" \
    "jle 2f\n\t" \
    "1:\n\t" \
    "vmovups (%[b]), %%ymm12\n\t" \
    "vmovups 32(%[b]), %%ymm13\n\t"
#define F32_LOOP_TAIL \
    "add $64, %[b]\n\t" \
    "inc %[i]\n\t" \
    "cmp %[i], %[k]\n\t" \
    "jne 1b\n\t" \
    "2:\n\t" \
    "vmovups (%[bias]), %%ymm12\n\t" \
    "vmovups 32(%[bias]), %%ymm13\n\t"

/// y(6 × 16) = rows a0…a5 · panel b + bias [+ y when load_y], straight from the registers.
PK_AVX2 static void f32_k6_store(long kc, const float *a0, const float *a1, const float *a2, const float *a3,
                                 const float *a4, const float *a5, const float *b, const float *bias,
                                 float *y, long ldy_bytes, long load_y) {
    long i = 0;
    __asm__ volatile(
        F32_ZERO12
        F32_LOOP_HEAD
        F32_ROW("a0", "ymm14", "ymm0", "ymm1")
        F32_ROW("a1", "ymm15", "ymm2", "ymm3")
        F32_ROW("a2", "ymm14", "ymm4", "ymm5")
        F32_ROW("a3", "ymm15", "ymm6", "ymm7")
        F32_ROW("a4", "ymm14", "ymm8", "ymm9")
        F32_ROW("a5", "ymm15", "ymm10", "ymm11")
        F32_LOOP_TAIL
        F32_EPI_ROW("ymm0", "ymm1") F32_EPI_ROW("ymm2", "ymm3") F32_EPI_ROW("ymm4", "ymm5")
        F32_EPI_ROW("ymm6", "ymm7") F32_EPI_ROW("ymm8", "ymm9") F32_EPI_ROW("ymm10", "ymm11")
        : [i] "+r"(i), [b] "+r"(b), [y] "+r"(y)
        : [k] "r"(kc), [a0] "r"(a0), [a1] "r"(a1), [a2] "r"(a2), [a3] "r"(a3), [a4] "r"(a4), [a5] "r"(a5),
          [bias] "r"(bias), [ldy] "r"(ldy_bytes), [ly] "r"(load_y)
        : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11",
          "xmm12", "xmm13", "xmm14", "xmm15", "memory", "cc");
}

/// y(4 × 16) = rows a0…a3 · panel b + bias [+ y when load_y], straight from the registers.
PK_AVX2 static void f32_k4_store(long kc, const float *a0, const float *a1, const float *a2, const float *a3,
                                 const float *b, const float *bias, float *y, long ldy_bytes, long load_y) {
    long i = 0;
    __asm__ volatile(
        F32_ZERO12
        F32_LOOP_HEAD
        F32_ROW("a0", "ymm14", "ymm0", "ymm1")
        F32_ROW("a1", "ymm15", "ymm2", "ymm3")
        F32_ROW("a2", "ymm14", "ymm4", "ymm5")
        F32_ROW("a3", "ymm15", "ymm6", "ymm7")
        F32_LOOP_TAIL
        F32_EPI_ROW("ymm0", "ymm1") F32_EPI_ROW("ymm2", "ymm3") F32_EPI_ROW("ymm4", "ymm5")
        F32_EPI_ROW("ymm6", "ymm7")
        : [i] "+r"(i), [b] "+r"(b), [y] "+r"(y)
        : [k] "r"(kc), [a0] "r"(a0), [a1] "r"(a1), [a2] "r"(a2), [a3] "r"(a3),
          [bias] "r"(bias), [ldy] "r"(ldy_bytes), [ly] "r"(load_y)
        : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11",
          "xmm12", "xmm13", "xmm14", "xmm15", "memory", "cc");
}

/// acc(4 × 16) = rows a0…a3 · panel b.
PK_AVX2 static void f32_k4(long kc, const float *a0, const float *a1, const float *a2, const float *a3,
                           const float *b, float *acc) {
    long i = 0;
    __asm__ volatile(
        "vxorps %%ymm0, %%ymm0, %%ymm0\n\t" "vxorps %%ymm1, %%ymm1, %%ymm1\n\t"
        "vxorps %%ymm2, %%ymm2, %%ymm2\n\t" "vxorps %%ymm3, %%ymm3, %%ymm3\n\t"
        "vxorps %%ymm4, %%ymm4, %%ymm4\n\t" "vxorps %%ymm5, %%ymm5, %%ymm5\n\t"
        "vxorps %%ymm6, %%ymm6, %%ymm6\n\t" "vxorps %%ymm7, %%ymm7, %%ymm7\n\t"
        "test %[k], %[k]\n\t"
        "jle 2f\n\t"
        "1:\n\t"
        "vmovups (%[b]), %%ymm12\n\t"
        "vmovups 32(%[b]), %%ymm13\n\t"
        F32_ROW("a0", "ymm14", "ymm0", "ymm1")
        F32_ROW("a1", "ymm15", "ymm2", "ymm3")
        F32_ROW("a2", "ymm14", "ymm4", "ymm5")
        F32_ROW("a3", "ymm15", "ymm6", "ymm7")
        "add $64, %[b]\n\t"
        "inc %[i]\n\t"
        "cmp %[i], %[k]\n\t"
        "jne 1b\n\t"
        "2:\n\t"
        F32_STORE("ymm0", "0") F32_STORE("ymm1", "32") F32_STORE("ymm2", "64") F32_STORE("ymm3", "96")
        F32_STORE("ymm4", "128") F32_STORE("ymm5", "160") F32_STORE("ymm6", "192") F32_STORE("ymm7", "224")
        : [i] "+r"(i), [b] "+r"(b)
        : [k] "r"(kc), [a0] "r"(a0), [a1] "r"(a1), [a2] "r"(a2), [a3] "r"(a3), [o] "r"(acc)
        : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7",
          "xmm12", "xmm13", "xmm14", "xmm15", "memory", "cc");
}

/// One tile: rows beyond `mr` repeat row 0 (their results are dropped), so 5 and 6 rows run
/// the 6-row loop and 1–4 rows the 4-row loop.
PK_AVX2 static void tile_avx2_any(int mr, int nr, int kc, const float *x, int ldx, const float *b,
                                  float *y, int ldy, const float *bias, int load_y, int act) {
    static const float zeros[PK_NR] __attribute__((aligned(32))) = {0};
    if (nr == PK_NR && (mr == 6 || mr == 4)) {
        const float *bz = bias ? bias : zeros;
        long ldb = (long)ldy * (long)sizeof(float);
        if (mr == 6) f32_k6_store(kc, x, x + ldx, x + 2 * (size_t)ldx, x + 3 * (size_t)ldx, x + 4 * (size_t)ldx,
                                  x + 5 * (size_t)ldx, b, bz, y, ldb, load_y);
        else f32_k4_store(kc, x, x + ldx, x + 2 * (size_t)ldx, x + 3 * (size_t)ldx, b, bz, y, ldb, load_y);
        if (act == PK_ACT_GELU)
            for (int i = 0; i < mr; i++) {
                float *yr = y + (size_t)i * ldy;
                _mm256_storeu_ps(yr, pk_gelu8(_mm256_loadu_ps(yr)));
                _mm256_storeu_ps(yr + 8, pk_gelu8(_mm256_loadu_ps(yr + 8)));
            }
        return;
    }
    float acc[PK_MR * PK_NR] __attribute__((aligned(32)));
    const float *r[PK_MR];
    for (int i = 0; i < PK_MR; i++) r[i] = x + (size_t)(i < mr ? i : 0) * ldx;
    if (mr > 4) f32_k6(kc, r[0], r[1], r[2], r[3], r[4], r[5], b, acc);
    else f32_k4(kc, r[0], r[1], r[2], r[3], b, acc);
    // Edge panels go through a 16-wide local tile so every load and store is whole.
    float ytmp[PK_MR * PK_NR], btmp[PK_NR];
    float *yt = y;
    int ldt = ldy;
    const float *bt = bias;
    if (nr < PK_NR) {
        yt = ytmp; ldt = PK_NR;
        memset(ytmp, 0, sizeof ytmp);
        if (load_y) for (int i = 0; i < mr; i++) memcpy(ytmp + i * PK_NR, y + (size_t)i * ldy, (size_t)nr * sizeof(float));
        if (bias) { memset(btmp, 0, sizeof btmp); memcpy(btmp, bias, (size_t)nr * sizeof(float)); bt = btmp; }
    }
    __m256 bias0 = bt ? _mm256_loadu_ps(bt) : _mm256_setzero_ps();
    __m256 bias1 = bt ? _mm256_loadu_ps(bt + 8) : _mm256_setzero_ps();
    for (int i = 0; i < mr; i++) {
        float *yr = yt + (size_t)i * ldt;
        __m256 v0 = _mm256_add_ps(_mm256_load_ps(acc + i * PK_NR), bias0);
        __m256 v1 = _mm256_add_ps(_mm256_load_ps(acc + i * PK_NR + 8), bias1);
        if (load_y) { v0 = _mm256_add_ps(v0, _mm256_loadu_ps(yr)); v1 = _mm256_add_ps(v1, _mm256_loadu_ps(yr + 8)); }
        if (act == PK_ACT_GELU) { v0 = pk_gelu8(v0); v1 = pk_gelu8(v1); }
        _mm256_storeu_ps(yr, v0);
        _mm256_storeu_ps(yr + 8, v1);
    }
    if (nr < PK_NR) for (int i = 0; i < mr; i++) memcpy(y + (size_t)i * ldy, ytmp + i * PK_NR, (size_t)nr * sizeof(float));
}
#endif

void pk_f32_gemm(int isa, int m, int n, int k, const float *x, int ldx, const float *packed,
                 const float *bias, float *y, int ldy, int accumulate, int act) {
    if (m <= 0 || n <= 0) return;
    int panels = (n + PK_NR - 1) / PK_NR;
    if (k <= 0) {
        // Nothing to multiply: the epilogue alone.
        for (int i = 0; i < m; i++)
            for (int c = 0; c < n; c++) {
                float v = (bias ? bias[c] : 0) + (accumulate ? y[(size_t)i * ldy + c] : 0);
                y[(size_t)i * ldy + c] = act == PK_ACT_GELU ? pk_gelu1(v) : v;
            }
        return;
    }
    // A few row blocks (up to 24 rows): panel by panel, each panel block staying in L1 while
    // every row block uses it (measured ~10 % faster at 16 rows, equal at 24, slower from 32).
    int group = m > PK_NG_MIN_ROWS ? PK_NG : 1;
    for (int p0 = 0; p0 < k; p0 += PK_KC) {
        int kc = pk_min(PK_KC, k - p0);
        int first = p0 == 0, last = p0 + kc == k;
        int load_y = !first || accumulate;
        int a = last ? act : PK_ACT_NONE;
        for (int jg = 0; jg < panels; jg += group) {
            int jend = pk_min(panels, jg + group);
            for (int i0 = 0; i0 < m; i0 += PK_MR) {
                int mr = pk_min(PK_MR, m - i0);
                const float *xi = x + (size_t)i0 * ldx + p0;
                for (int j = jg; j < jend; j++) {
                    const float *b = packed + (size_t)j * PK_NR * k + (size_t)p0 * PK_NR;
                    int nr = pk_min(PK_NR, n - j * PK_NR);
                    const float *bj = first && bias ? bias + j * PK_NR : NULL;
                    float *yi = y + (size_t)i0 * ldy + j * PK_NR;
#if PK_X86
                    if (isa == PK_ISA_AVX2) { tile_avx2_any(mr, nr, kc, xi, ldx, b, yi, ldy, bj, load_y, a); continue; }
#endif
                    tile_portable(mr, nr, kc, xi, ldx, b, yi, ldy, bj, load_y, a);
                }
            }
        }
    }
}
