// Self-attention of one sequence on the int8 kernels (the int8 model's path; the fp32 model
// keeps pk_attention). Per head:
//
//   Q·Kᵀ  Q_h as 7-bit codes per row (pk_s8_quantize_rows' arithmetic: asymmetric, one group
//         for d ≤ 128), K_h as narrow int8 (−64…64) with one symmetric scale per key, packed in
//         pk_s8_pack's layout as the "weight" (n = len keys × k = d); the scores are
//         dequantized on the registers.
//   softmax fp32 on the scores (1/√d folded in), written straight out as 8-bit codes
//         c = round(255 · exp(s − max)) (the row's max is 255), never as floats.
//   P·V   the codes × V_h as narrow int8 with one scale per column, packed transposed as the
//         weight (n = d × k = len), on pk_s8_gemm; the row scale 1/Σc normalises in its
//         epilogue, so the probabilities a row uses are exactly c / Σc (they sum to 1).
//
// Every integer product is exact in int32: Q codes ≤ 127 against K within ±64 (the paired
// kernel: 2 · 2 · 127 · 64 = 32512), softmax codes ≤ 255 against V within ±64 (one pair:
// 2 · 255 · 64 = 32640). 8-bit softmax codes rather than 7: on the long dev texts (full
// 256-token windows, flat attention rows) 7-bit codes cost 0.0022 of mean cosine to fp32,
// 8-bit 0.0006.
//
// Q codes, K and V of every head are made first, in one pass over the QKV rows each (head by
// head, the strided rows missed the caches); then each head runs its rows in blocks of
// PK_ATT_RB so a block's scores (PK_ATT_RB × len floats) and codes stay in L1/L2 between the
// two products, reusing the head's packed K and V.
#include "pk_internal.h"

/// Query rows per block (a multiple of the tiles' 3 and 6 rows; 12, 48 and 96 measured the same).
#define PK_ATT_RB 24
/// Largest softmax code (the row's max). Codes up to 255 keep every `vpmaddubsw` pair sum
/// exact against weights within ±64 (2 · 255 · 64 = 32640), but not the paired kernel's sum of
/// two pairs, so P·V then runs on the one-pair kernel.
#define PK_ATT_P 255

static size_t align64(size_t v) { return (v + 63) & ~(size_t)63; }

/// Byte offsets of the scratch areas, in order: every head's Q codes, packed K and packed V
/// are made in one pass over the QKV rows (reading them in order; head by head, the strided
/// rows missed the caches), then each head runs its row blocks.
typedef struct {
    size_t qc, qs, qo, kq, kp, ks, vq, vp, vs, sc, pc, ps, po, total;
} att_layout;

static att_layout layout(int len, int heads, int d) {
    att_layout l;
    size_t o = 0, hl = (size_t)heads * len;
    int ldq = pk_s8_row_stride(d), gq = pk_s8_groups(d), ldp = pk_s8_row_stride(len), gp = pk_s8_groups(len);
    l.qc = o; o = align64(o + hl * ldq);
    l.qs = o; o = align64(o + hl * gq * sizeof(float));
    l.qo = o; o = align64(o + hl * gq * sizeof(float));
    l.kq = o; o = align64(o + (size_t)heads * d * len);
    l.kp = o; o = align64(o + (size_t)heads * pk_s8_packed_count(len, d));
    l.ks = o; o = align64(o + hl * sizeof(float));
    l.vq = o; o = align64(o + (size_t)heads * d * len);
    l.vp = o; o = align64(o + (size_t)heads * pk_s8_packed_count(d, len));
    l.vs = o; o = align64(o + (size_t)heads * d * sizeof(float));
    l.sc = o; o = align64(o + (size_t)PK_ATT_RB * len * sizeof(float));
    l.pc = o; o = align64(o + (size_t)PK_ATT_RB * ldp);
    l.ps = o; o = align64(o + (size_t)PK_ATT_RB * gp * sizeof(float));
    l.po = o; o = align64(o + (size_t)PK_ATT_RB * gp * sizeof(float));
    l.total = o;
    return l;
}

int pk_attention_s8_code_max(void) { return PK_ATT_P; }

size_t pk_attention_s8_scratch_count(int len, int heads, int d) {
    if (len <= 0 || heads <= 0 || d <= 0) return 1;
    // Floats, plus 16 so the areas can start on a 64-byte boundary.
    return (layout(len, heads, d).total + sizeof(float) - 1) / sizeof(float) + 16;
}

#if PK_X86
/// Q·Kᵀ scores for d a multiple of 8 up to 128 (one group, an even number of quads): the
/// paired narrow product of gemm_s8.c (two quads' pair sums added in int16, then widened) on
/// 3 rows × 16 keys, with the dequantization done on the registers. pk_s8_gemm does the same
/// sums, but at k = 32 a tile is only 4 iterations and its general tile (the group loop, the
/// int32 tile stored and reloaded) weighed: this took the whole int8 attention from 0.68 to
/// 0.53–0.60 of the fp32 attention's time at 256 tokens.
PK_AVX2 static void scores_avx2(int rb, int len, int d, const uint8_t *qc, const float *qs, const float *qo,
                                const int8_t *kp, const float *ks, float *sc, int ldsc) {
    int panels = (len + PK_NR - 1) / PK_NR, pairs = d / 8;
    size_t pb = (size_t)PK_NR * pk_s8_channel_bytes(d);
    const __m256i ones = _mm256_set1_epi16(1);
    for (int r0 = 0; r0 < rb; r0 += 3) {
        int mr = pk_min(3, rb - r0);
        const uint8_t *q0 = qc + (size_t)r0 * d;
        const uint8_t *q1 = mr > 1 ? q0 + d : q0, *q2 = mr > 2 ? q0 + 2 * d : q0;
        for (int j = 0; j < panels; j++) {
            const int8_t *panel = kp + (size_t)j * pb, *b = panel + 64;
            __m256i a00 = _mm256_setzero_si256(), a01 = a00, a10 = a00, a11 = a00, a20 = a00, a21 = a00;
            for (int t = 0; t < pairs; t++, b += 128) {
                __m256i w0 = _mm256_loadu_si256((const __m256i *)b), w1 = _mm256_loadu_si256((const __m256i *)(b + 32));
                __m256i w2 = _mm256_loadu_si256((const __m256i *)(b + 64)), w3 = _mm256_loadu_si256((const __m256i *)(b + 96));
#define PK_QK_ROW(Q, A0, A1) { \
                    int32_t u0, u1; memcpy(&u0, Q + 8 * t, 4); memcpy(&u1, Q + 8 * t + 4, 4); \
                    __m256i x0 = _mm256_set1_epi32(u0), x1 = _mm256_set1_epi32(u1); \
                    A0 = _mm256_add_epi32(A0, _mm256_madd_epi16(_mm256_add_epi16(_mm256_maddubs_epi16(x0, w0), _mm256_maddubs_epi16(x1, w2)), ones)); \
                    A1 = _mm256_add_epi32(A1, _mm256_madd_epi16(_mm256_add_epi16(_mm256_maddubs_epi16(x0, w1), _mm256_maddubs_epi16(x1, w3)), ones)); }
                PK_QK_ROW(q0, a00, a01)
                PK_QK_ROW(q1, a10, a11)
                PK_QK_ROW(q2, a20, a21)
#undef PK_QK_ROW
            }
            int nr = pk_min(PK_NR, len - j * PK_NR);
            float kst[PK_NR] = {0};
            const float *ksj = ks + (size_t)j * PK_NR;
            if (nr < PK_NR) { memcpy(kst, ksj, (size_t)nr * sizeof(float)); ksj = kst; }
            __m256 s0 = _mm256_cvtepi32_ps(_mm256_loadu_si256((const __m256i *)panel));
            __m256 s1 = _mm256_cvtepi32_ps(_mm256_loadu_si256((const __m256i *)panel + 1));
            __m256 c0 = _mm256_loadu_ps(ksj), c1 = _mm256_loadu_ps(ksj + 8);
            __m256i acc[6] = {a00, a01, a10, a11, a20, a21};
            for (int i = 0; i < mr; i++) {
                __m256 sc_ = _mm256_set1_ps(qs[r0 + i]), of = _mm256_set1_ps(qo[r0 + i]);
                __m256 v0 = _mm256_mul_ps(_mm256_fmadd_ps(_mm256_cvtepi32_ps(acc[2 * i]), sc_, _mm256_mul_ps(of, s0)), c0);
                __m256 v1 = _mm256_mul_ps(_mm256_fmadd_ps(_mm256_cvtepi32_ps(acc[2 * i + 1]), sc_, _mm256_mul_ps(of, s1)), c1);
                float *y = sc + (size_t)(r0 + i) * ldsc + j * PK_NR;
                if (nr == PK_NR) {
                    _mm256_storeu_ps(y, v0);
                    _mm256_storeu_ps(y + 8, v1);
                } else {
                    float t16[PK_NR];
                    _mm256_storeu_ps(t16, v0);
                    _mm256_storeu_ps(t16 + 8, v1);
                    memcpy(y, t16, (size_t)nr * sizeof(float));
                }
            }
        }
    }
}
#endif

/// Codes of one softmax row: c = round(PK_ATT_P · exp(scale · (x − max))) into out (ldp
/// bytes, the padding zeroed); returns Σc (≥ PK_ATT_P: the max itself gets PK_ATT_P).
static int32_t softmax_codes_portable(const float *x, int n, float scale, uint8_t *out, int ldp) {
    float m = x[0];
    for (int i = 1; i < n; i++) if (x[i] > m) m = x[i];
    int32_t s = 0;
    for (int i = 0; i < n; i++) {
        int c = (int)lrintf((float)PK_ATT_P * expf((x[i] - m) * scale));
        out[i] = (uint8_t)c;
        s += c;
    }
    for (int i = n; i < ldp; i++) out[i] = 0;
    return s;
}

#if PK_X86
/// PK_ATT_P · 2^y for y ≤ 0 on 8 lanes, as codes in int32 lanes: 2^frac by a cubic (relative
/// error under 8e-5, a fiftieth of a code step), the integer part added to the exponent.
/// Lanes below 2^-30 come out 0. The codes need far less than pk_exp8's precision.
PK_AVX2_INLINE __m256i codes_exp2_8(__m256 y) {
    y = _mm256_max_ps(y, _mm256_set1_ps(-30.0f));
    __m256 n = _mm256_floor_ps(y), f = _mm256_sub_ps(y, n);
    __m256 p = _mm256_fmadd_ps(f, _mm256_set1_ps(PK_ATT_P * 0.07790728f), _mm256_set1_ps(PK_ATT_P * 0.22623387f));
    p = _mm256_fmadd_ps(p, f, _mm256_set1_ps(PK_ATT_P * 0.6957764f));
    p = _mm256_fmadd_ps(p, f, _mm256_set1_ps(PK_ATT_P * 0.99992794f));
    __m256i e = _mm256_slli_epi32(_mm256_cvtps_epi32(n), 23);
    return _mm256_cvtps_epi32(_mm256_castsi256_ps(_mm256_add_epi32(_mm256_castps_si256(p), e)));
}

PK_AVX2 static int32_t softmax_codes_avx2(const float *x, int n, float scale, uint8_t *out, int ldp) {
    float m = pk_row_max(x, n);
    int i = 0;
    // exp(scale · (x − m)) = 2^(x · scale · log2 e − m · scale · log2 e).
    float s2 = scale * 1.44269504f;
    __m256 vs = _mm256_set1_ps(s2), vms = _mm256_set1_ps(m * s2);
    __m256i sum = _mm256_setzero_si256();
    const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
    // 32 codes an iteration, packed to bytes as the activation quantizer does.
    for (i = 0; i + 32 <= n; i += 32) {
        __m256i a = codes_exp2_8(_mm256_fmsub_ps(_mm256_loadu_ps(x + i), vs, vms));
        __m256i b = codes_exp2_8(_mm256_fmsub_ps(_mm256_loadu_ps(x + i + 8), vs, vms));
        __m256i c = codes_exp2_8(_mm256_fmsub_ps(_mm256_loadu_ps(x + i + 16), vs, vms));
        __m256i e = codes_exp2_8(_mm256_fmsub_ps(_mm256_loadu_ps(x + i + 24), vs, vms));
        sum = _mm256_add_epi32(sum, _mm256_add_epi32(_mm256_add_epi32(a, b), _mm256_add_epi32(c, e)));
        __m256i bytes = _mm256_packus_epi16(_mm256_packs_epi32(a, b), _mm256_packs_epi32(c, e));
        _mm256_storeu_si256((__m256i *)(out + i), _mm256_permutevar8x32_epi32(bytes, order));
    }
    int32_t s8[8];
    _mm256_storeu_si256((__m256i *)s8, sum);
    int32_t s = 0;
    for (int l = 0; l < 8; l++) s += s8[l];
    for (; i < n; i += 8) {
        // The tail (under 32) 8 lanes at a time through a padded copy (padding gives code 0).
        float t[8];
        int w = pk_min(8, n - i);
        for (int l = 0; l < 8; l++) t[l] = l < w ? x[i + l] : -INFINITY;
        __m256i a = codes_exp2_8(_mm256_fmsub_ps(_mm256_loadu_ps(t), vs, vms));
        int32_t c8[8];
        _mm256_storeu_si256((__m256i *)c8, a);
        for (int l = 0; l < w; l++) { out[i + l] = (uint8_t)c8[l]; s += c8[l]; }
    }
    for (i = n; i < ldp; i++) out[i] = 0;
    return s;
}
#endif

void pk_attention_s8(int isa, const float *qkv, int ldqkv, int len, int heads, int d, int hidden,
                     float *ctx, int ldctx, float *scratch) {
    if (len <= 0) return;
    att_layout l = layout(len, heads, d);
    uint8_t *base = (uint8_t *)(((uintptr_t)scratch + 63) & ~(uintptr_t)63);
    uint8_t *qc = base + l.qc, *pc = base + l.pc;
    float *qs = (float *)(base + l.qs), *qo = (float *)(base + l.qo), *ks = (float *)(base + l.ks);
    float *vs = (float *)(base + l.vs), *sc = (float *)(base + l.sc);
    float *ps = (float *)(base + l.ps), *po = (float *)(base + l.po);
    int8_t *kq = (int8_t *)(base + l.kq), *kp = (int8_t *)(base + l.kp);
    int8_t *vq = (int8_t *)(base + l.vq), *vp = (int8_t *)(base + l.vp);
    int ldq = pk_s8_row_stride(d), gq = pk_s8_groups(d), ldp = pk_s8_row_stride(len), gp = pk_s8_groups(len);
    size_t ksize = pk_s8_packed_count(len, d), vsize = pk_s8_packed_count(d, len);
    const float *q = qkv, *k = qkv + hidden, *v = qkv + 2 * hidden;
    // Q codes of every head (head h's rows at qc + h · len · ldq), then K of every head (its
    // panels at kp + h · ksize, its scales at ks + h · len).
    pk_att_quantize_queries(isa, q, ldqkv, len, d, heads, qc, qs, qo);
    pk_att_pack_keys(isa, k, ldqkv, len, d, heads, kp, ks, kq);
    // V: when heads start on panel boundaries, all heads' columns are one weight (hidden × len),
    // packed in one pass; head h's panels then start at channel h · d.
    int vall = d % PK_NR == 0 && heads * d <= PK_ATT_VMAX;
    if (vall) pk_s8_pack_values(isa, v, ldqkv, len, heads * d, vp, vs, vq);
    float scale = 1.0f / sqrtf((float)d);
    for (int i = 0; i < PK_ATT_RB * gp; i++) po[i] = 0;
    for (int h = 0; h < heads; h++) {
        const uint8_t *qh = qc + (size_t)h * len * ldq;
        const float *qsh = qs + (size_t)h * len * gq, *qoh = qo + (size_t)h * len * gq;
        const int8_t *kh = kp + h * ksize, *vh = vp + h * vsize;
        const float *vsh = vs + h * d;
        if (!vall) pk_s8_pack_values(isa, v + h * d, ldqkv, len, d, vp + h * vsize, vs + h * d, vq);
        for (int i0 = 0; i0 < len; i0 += PK_ATT_RB) {
            int rb = pk_min(PK_ATT_RB, len - i0);
#if PK_X86
            if (isa == PK_ISA_AVX2 && d % 8 == 0 && d <= 128)
                scores_avx2(rb, len, d, qh + (size_t)i0 * ldq, qsh + i0, qoh + i0, kh, ks + (size_t)h * len, sc, len);
            else
#endif
            pk_s8_gemm(isa, rb, len, d, qh + (size_t)i0 * ldq, qsh + (size_t)i0 * gq, qoh + (size_t)i0 * gq,
                       kh, 1, ks + (size_t)h * len, NULL, sc, len, 0, PK_ACT_NONE);
            for (int r = 0; r < rb; r++) {
                const float *row = sc + (size_t)r * len;
                uint8_t *codes = pc + (size_t)r * ldp;
                int32_t s;
#if PK_X86
                if (isa == PK_ISA_AVX2) s = softmax_codes_avx2(row, len, scale, codes, ldp);
                else
#endif
                s = softmax_codes_portable(row, len, scale, codes, ldp);
                float inv = 1.0f / (float)s;
                for (int g = 0; g < gp; g++) ps[(size_t)r * gp + g] = inv;
            }
            pk_s8_gemm(isa, rb, d, len, pc, ps, po, vh, PK_ATT_P <= 127, vsh, NULL,
                       ctx + (size_t)i0 * ldctx + h * d, ldctx, 0, PK_ACT_NONE);
        }
    }
}
