/// Parapet's own dense kernels for the encoder: GEMM on weights packed once at load (fp32 and
/// int8), with the bias / residual / GELU epilogue fused, and per-head attention.
///
/// Every function takes an `isa` (PK_ISA_PORTABLE or PK_ISA_AVX2) so tests can hold both paths
/// to the naive reference; `pk_best_isa()` says what this CPU runs. Row-major throughout.
/// No function keeps state between calls: scratch is passed in by the caller (thread-safe).
#ifndef PARAPET_KERNELS_H
#define PARAPET_KERNELS_H

#include <stddef.h>
#include <stdint.h>

/// Portable C loops (any CPU).
#define PK_ISA_PORTABLE 0
/// x86-64 AVX2 + FMA micro-kernels.
#define PK_ISA_AVX2 1

/// No activation in the epilogue.
#define PK_ACT_NONE 0
/// GELU (erf form) applied after bias (and residual) in the epilogue.
#define PK_ACT_GELU 1

/// The best instruction set this CPU supports.
int pk_best_isa(void);

// MARK: fp32

/// Floats needed to pack an (n × k) weight matrix: n rounded up to 16, times k.
size_t pk_f32_packed_count(int n, int k);
/// Packs W (n × k, row stride ldw; PyTorch's out × in) into panels of 16 output channels.
void pk_f32_pack(const float *w, int ldw, int n, int k, float *packed);
/// y(m × n) = x(m × k) · Wᵀ + bias [+ y when accumulate], then `act`. bias may be NULL.
void pk_f32_gemm(int isa, int m, int n, int k, const float *x, int ldx, const float *packed,
                 const float *bias, float *y, int ldy, int accumulate, int act);

// MARK: int8

/// Row stride (in int16 values) of quantized activations: k rounded up to even.
int pk_s8_row_stride(int k);
/// Bytes needed to pack an (n × k) int8 weight matrix.
size_t pk_s8_packed_count(int n, int k);
/// Packs int8 W (n × k, row-major) into panels of 16 channels × k-pairs.
void pk_s8_pack(const int8_t *w, int n, int k, int8_t *packed);
/// Per-row symmetric quantization of x (m × k) to [-127, 127], stored as int16 with row stride
/// pk_s8_row_stride(k) (padding zeroed); scales[r] = max|x_r| / 127 (1 for an all-zero row).
void pk_s8_quantize_rows(int isa, int m, int k, const float *x, int ldx, int16_t *q, float *scales);
/// Exact integer product y(m × n) = q(m × k) · Wᵀ (for tests).
void pk_s8_gemm_raw(int isa, int m, int n, int k, const int16_t *q, const int8_t *packed,
                    int32_t *y, int ldy);
/// y = (q · Wᵀ) · row_scale · col_scale + bias [+ y when accumulate], then `act`.
void pk_s8_gemm(int isa, int m, int n, int k, const int16_t *q, const float *row_scales,
                const int8_t *packed, const float *col_scales, const float *bias,
                float *y, int ldy, int accumulate, int act);

// MARK: attention and element-wise

/// Floats of scratch one pk_attention call needs.
size_t pk_attention_scratch_count(int len, int d);
/// Self-attention of one sequence: qkv (len × 3·hidden, row stride ldqkv) holds Q | K | V;
/// for each of `heads` heads of width d, ctx[:, h·d…] = softmax(Q_h K_hᵀ / √d) V_h.
void pk_attention(int isa, const float *qkv, int ldqkv, int len, int heads, int d, int hidden,
                  float *ctx, int ldctx, float *scratch);
/// GELU (erf form) in place.
void pk_gelu(int isa, float *x, size_t n);
/// Softmax of scale · x in place.
void pk_softmax(int isa, float *x, int n, float scale);

#endif
