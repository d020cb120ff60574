// Self-attention of one sequence, head by head, on the packed GEMM: K_h and V_h are packed as
// "weights" (a cheap copy of len × d floats), so Q_h·K_hᵀ and P·V_h run on the same micro-kernel
// as the dense layers, and the softmax (with the 1/√d scale folded in) runs on AVX2 lanes. The
// softmax leaves its rows unnormalised and P·V's rows are scaled by 1/Σ afterwards (d values a
// row instead of len); K and V rows are prefetched while packing (they are strided rows of the
// QKV buffer, which outgrows L2 from about 100 tokens).
#include "pk_internal.h"

static int round16(int v) { return (v + PK_NR - 1) / PK_NR * PK_NR; }

size_t pk_attention_scratch_count(int len, int d) {
    return (size_t)round16(len) * d + (size_t)round16(d) * len + (size_t)len * len + (size_t)len;
}

/// How many rows ahead the packing loops prefetch.
#define PK_PF_ROWS 8

#if PK_X86
/// exp(scale · (x − max)) in place; returns the sum (the caller normalises).
PK_AVX2 static float softmax_unnorm_avx2(float *x, int n, float scale) {
    float m = pk_row_max(x, n);
    int i = 0;
    __m256 vs = _mm256_set1_ps(scale), vms = _mm256_set1_ps(m * scale);
    __m256 sum0 = _mm256_setzero_ps(), sum1 = _mm256_setzero_ps();
    // Two vectors an iteration: two independent exp chains in flight.
    for (i = 0; i + 16 <= n; i += 16) {
        __m256 e0 = pk_exp8(_mm256_fmsub_ps(_mm256_loadu_ps(x + i), vs, vms));
        __m256 e1 = pk_exp8(_mm256_fmsub_ps(_mm256_loadu_ps(x + i + 8), vs, vms));
        _mm256_storeu_ps(x + i, e0);
        _mm256_storeu_ps(x + i + 8, e1);
        sum0 = _mm256_add_ps(sum0, e0);
        sum1 = _mm256_add_ps(sum1, e1);
    }
    for (; i + 8 <= n; i += 8) {
        __m256 e = pk_exp8(_mm256_fmsub_ps(_mm256_loadu_ps(x + i), vs, vms));
        _mm256_storeu_ps(x + i, e);
        sum0 = _mm256_add_ps(sum0, e);
    }
    float tmp[8];
    _mm256_storeu_ps(tmp, _mm256_add_ps(sum0, sum1));
    float s = 0;
    for (int l = 0; l < 8; l++) s += tmp[l];
    for (; i < n; i++) { x[i] = expf(x[i] * scale - m * scale); s += x[i]; }
    return s;
}

PK_AVX2 static void softmax_avx2(float *x, int n, float scale) {
    float s = softmax_unnorm_avx2(x, n, scale);
    __m256 inv = _mm256_set1_ps(1.0f / s);
    int i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(x + i, _mm256_mul_ps(_mm256_loadu_ps(x + i), inv));
    for (; i < n; i++) x[i] *= 1.0f / s;
}

PK_AVX2 static void gelu_avx2(float *x, size_t n) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(x + i, pk_gelu8(_mm256_loadu_ps(x + i)));
    if (i < n) {
        float tmp[8] = {0};
        memcpy(tmp, x + i, (n - i) * sizeof(float));
        _mm256_storeu_ps(tmp, pk_gelu8(_mm256_loadu_ps(tmp)));
        memcpy(x + i, tmp, (n - i) * sizeof(float));
    }
}
#endif

/// exp(scale · (x − max)) in place; returns the sum.
static float softmax_unnorm(int isa, float *x, int n, float scale) {
#if PK_X86
    if (isa == PK_ISA_AVX2) return softmax_unnorm_avx2(x, n, scale);
#endif
    float m = x[0];
    for (int i = 1; i < n; i++) if (x[i] > m) m = x[i];
    float s = 0;
    for (int i = 0; i < n; i++) { x[i] = expf((x[i] - m) * scale); s += x[i]; }
    return s;
}

void pk_softmax(int isa, float *x, int n, float scale) {
    if (n <= 0) return;
#if PK_X86
    if (isa == PK_ISA_AVX2) { softmax_avx2(x, n, scale); return; }
#endif
    float m = x[0];
    for (int i = 1; i < n; i++) if (x[i] > m) m = x[i];
    float s = 0;
    for (int i = 0; i < n; i++) { x[i] = expf((x[i] - m) * scale); s += x[i]; }
    for (int i = 0; i < n; i++) x[i] /= s;
}

void pk_gelu(int isa, float *x, size_t n) {
#if PK_X86
    if (isa == PK_ISA_AVX2) { gelu_avx2(x, n); return; }
#endif
    for (size_t i = 0; i < n; i++) x[i] = pk_gelu1(x[i]);
}

/// K_h (len × d, row stride ld) packed as the weight of Q·Kᵀ (pk_f32_pack's layout: panel j,
/// row p = K[16j…16j+15][p]), prefetching rows ahead.
static void pack_keys(const float *k, int ld, int len, int d, float *packed) {
    int panels = (len + PK_NR - 1) / PK_NR;
    for (int j = 0; j < panels; j++) {
        float *dst = packed + (size_t)j * PK_NR * d;
        for (int c = 0; c < PK_NR; c++) {
            int row = j * PK_NR + c;
            if (row < len) {
                const float *src = k + (size_t)row * ld;
                if (row + PK_PF_ROWS < len) {
                    __builtin_prefetch(src + (size_t)PK_PF_ROWS * ld);
                    __builtin_prefetch(src + (size_t)PK_PF_ROWS * ld + d - 1);
                }
                for (int p = 0; p < d; p++) dst[(size_t)p * PK_NR + c] = src[p];
            } else {
                for (int p = 0; p < d; p++) dst[(size_t)p * PK_NR + c] = 0;
            }
        }
    }
}

/// V_h (len × d, row stride ld) packed as the weight Wᵀ of P·V: panel j, row p = V[p][16j…].
static void pack_values(const float *v, int ld, int len, int d, float *packed) {
    int panels = (d + PK_NR - 1) / PK_NR;
    for (int p = 0; p < len; p++) {
        const float *src = v + (size_t)p * ld;
        if (p + PK_PF_ROWS < len) {
            __builtin_prefetch(src + (size_t)PK_PF_ROWS * ld);
            __builtin_prefetch(src + (size_t)PK_PF_ROWS * ld + d - 1);
        }
        for (int j = 0; j < panels; j++) {
            int nr = pk_min(PK_NR, d - j * PK_NR);
            float *dst = packed + (size_t)j * PK_NR * len + (size_t)p * PK_NR;
            memcpy(dst, src + j * PK_NR, (size_t)nr * sizeof(float));
            for (int c = nr; c < PK_NR; c++) dst[c] = 0;
        }
    }
}

void pk_attention(int isa, const float *qkv, int ldqkv, int len, int heads, int d, int hidden,
                  float *ctx, int ldctx, float *scratch) {
    if (len <= 0) return;
    float *pkeys = scratch;
    float *pvals = pkeys + (size_t)round16(len) * d;
    float *scores = pvals + (size_t)round16(d) * len;
    float *inv = scores + (size_t)len * len;
    float scale = 1.0f / sqrtf((float)d);
    for (int h = 0; h < heads; h++) {
        const float *q = qkv + h * d, *k = qkv + hidden + h * d, *v = qkv + 2 * hidden + h * d;
        pack_keys(k, ldqkv, len, d, pkeys);
        pk_f32_gemm(isa, len, len, d, q, ldqkv, pkeys, NULL, scores, len, 0, PK_ACT_NONE);
        for (int i = 0; i < len; i++) inv[i] = 1.0f / softmax_unnorm(isa, scores + (size_t)i * len, len, scale);
        pack_values(v, ldqkv, len, d, pvals);
        float *out = ctx + h * d;
        pk_f32_gemm(isa, len, d, len, scores, len, pvals, NULL, out, ldctx, 0, PK_ACT_NONE);
        for (int i = 0; i < len; i++) {
            float *row = out + (size_t)i * ldctx;
            for (int p = 0; p < d; p++) row[p] *= inv[i];
        }
    }
}
