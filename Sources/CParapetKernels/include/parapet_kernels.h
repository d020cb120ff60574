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

/// Row stride (in bytes) of quantized activations: k rounded up to a multiple of 4.
int pk_s8_row_stride(int k);
/// Quantization groups of a row of k inputs (128 inputs each, the last one shorter): each has
/// its own scale and offset.
int pk_s8_groups(int k);
/// Bytes one output channel takes in a packed int8 weight (its k quads plus its int32 weight
/// sum): channel j0 of a packed weight starts at packed + j0 · pk_s8_channel_bytes(k).
int pk_s8_channel_bytes(int k);
/// Bytes needed to pack an (n × k) int8 weight matrix.
size_t pk_s8_packed_count(int n, int k);
/// Packs int8 W (n × k, row-major) into panels of 16 channels: per group, the channels' weight
/// sums over the group, then the group's k quads. Returns 1 when every weight is within ±64
/// ("narrow": the gemm may then add two quads' products in int16 before widening), else 0.
int pk_s8_pack(const int8_t *w, int n, int k, int8_t *packed);
/// Asymmetric 7-bit quantization of x (m × k) by row and group of 128 inputs:
/// q = round((x − min) / scale) in [0, 127], stored with row stride pk_s8_row_stride(k)
/// (padding zeroed); scales[r · groups + g] = (max − min) / 127 over the group (1 when
/// constant), offsets[r · groups + g] = its min.
void pk_s8_quantize_rows(int isa, int m, int k, const float *x, int ldx, uint8_t *q, float *scales, float *offsets);
/// Exact integer product y(m × n) = q(m × k) · Wᵀ of the codes (for tests); `narrow` is what
/// pk_s8_pack returned for `packed` (1 only when it did).
/// (Codes up to 255 are exact too when every weight is within ±64 and `narrow` is 0: one
/// `vpmaddubsw` pair sum is then at most 2 · 255 · 64 = 32640; pk_attention_s8 relies on it.)
void pk_s8_gemm_raw(int isa, int m, int n, int k, const uint8_t *q, const int8_t *packed, int narrow,
                    int32_t *y, int ldy);
/// y = Σ_g (row_scale_g · (q · Wᵀ)_g + row_offset_g · Σ_{k∈g} W) · col_scale + bias
/// [+ y when accumulate], then `act`; row_scales and row_offsets are m × pk_s8_groups(k);
/// `narrow` as for pk_s8_gemm_raw.
void pk_s8_gemm(int isa, int m, int n, int k, const uint8_t *q, const float *row_scales, const float *row_offsets,
                const int8_t *packed, int narrow, const float *col_scales, const float *bias,
                float *y, int ldy, int accumulate, int act);

// MARK: attention and element-wise

/// Floats of scratch one pk_attention call needs.
size_t pk_attention_scratch_count(int len, int d);
/// Self-attention of one sequence: qkv (len × 3·hidden, row stride ldqkv) holds Q | K | V;
/// for each of `heads` heads of width d, ctx[:, h·d…] = softmax(Q_h K_hᵀ / √d) V_h.
void pk_attention(int isa, const float *qkv, int ldqkv, int len, int heads, int d, int hidden,
                  float *ctx, int ldctx, float *scratch);
/// K_h (len × d, row stride ld) as int8 within ±64 with one scale per key (scales[j] =
/// max|K[j]| / 64, 1 for a zero row), packed as pk_s8_pack packs an (len × d) weight; `tmp`
/// holds len × d bytes (used by the portable path). The result is always narrow.
void pk_s8_pack_keys(int isa, const float *k, int ld, int len, int d, int8_t *packed, float *scales, int8_t *tmp);
/// V_h (len × d, row stride ld) as int8 within ±64 with one scale per column, packed as
/// pk_s8_pack packs the (d × len) weight Vᵀ; `tmp` holds d × len bytes (portable path).
void pk_s8_pack_values(int isa, const float *v, int ld, int len, int d, int8_t *packed, float *scales, int8_t *tmp);
/// The softmax code of a row's max in pk_attention_s8 (codes run 0 … this).
int pk_attention_s8_code_max(void);
/// Floats of scratch one pk_attention_s8 call needs.
size_t pk_attention_s8_scratch_count(int len, int heads, int d);
/// pk_attention on the int8 kernels (the int8 model's path): per head, Q_h as 7-bit codes per
/// row, K_h as int8 within ±64 per key, the softmax written as 8-bit codes
/// round(pk_attention_s8_code_max() · exp(s − max)) and V_h as int8 within ±64 per column; the
/// products are exact in int32 and each context row is normalised by its codes' sum.
void pk_attention_s8(int isa, const float *qkv, int ldqkv, int len, int heads, int d, int hidden,
                     float *ctx, int ldctx, float *scratch);
/// GELU (erf form) in place.
void pk_gelu(int isa, float *x, size_t n);
/// Softmax of scale · x in place.
void pk_softmax(int isa, float *x, int n, float scale);

#endif
