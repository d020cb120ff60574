// The int8 attention's operands (attention_s8.c): Q as 7-bit codes per row, K per key and V
// per column as narrow int8 codes, written straight into pk_s8_pack's panel layout. The AVX2
// paths read each QKV row once, in order, for every head (head by head the strided rows
// missed the caches), and skip the intermediate code matrices the portable paths hand to
// pk_s8_pack; tests hold them to the portable paths byte for byte.
#include "pk_internal.h"

/// Bytes of one full quantization group of a packed int8 panel: 16 int32 sums, then 32 quads
/// of 64 bytes (see gemm_s8.c).
#define PK_S8_GROUP_BYTES (64 + 32 * 64)

/// Symmetric narrow codes of K_h by row, packed as the weight of Q·Kᵀ (n = len, k = d):
/// ks[j] = max|K[j]| / 64 (1 when the row is zero), codes round(K[j][p] / ks[j]). `kq` is
/// len × d bytes of scratch.
static void pack_keys_portable(const float *k, int ld, int len, int d, int8_t *kq, int8_t *packed, float *ks) {
    for (int j = 0; j < len; j++) {
        const float *src = k + (size_t)j * ld;
        float m = 0;
        for (int p = 0; p < d; p++) m = fmaxf(m, fabsf(src[p]));
        float inv = m > 0 ? PK_ATT_W / m : 0;
        ks[j] = m > 0 ? m / PK_ATT_W : 1;
        for (int p = 0; p < d; p++) kq[(size_t)j * d + p] = (int8_t)lrintf(src[p] * inv);
    }
    pk_s8_pack(kq, len, d, packed);
}

/// Symmetric narrow codes of V_h by column, packed transposed as the weight of P·V (n = d,
/// k = len): vs[c] = max_p |V[p][c]| / 64, codes round(V[p][c] / vs[c]). `vq` is d × len bytes.
static void pack_values_portable(const float *v, int ld, int len, int d, int8_t *vq, int8_t *packed, float *vs) {
    for (int c = 0; c < d; c++) {
        float m = 0;
        for (int p = 0; p < len; p++) m = fmaxf(m, fabsf(v[(size_t)p * ld + c]));
        float inv = m > 0 ? PK_ATT_W / m : 0;
        vs[c] = m > 0 ? m / PK_ATT_W : 1;
        for (int p = 0; p < len; p++) vq[(size_t)c * len + p] = (int8_t)lrintf(v[(size_t)p * ld + c] * inv);
    }
    pk_s8_pack(vq, d, len, packed);
}

#if PK_X86
/// pack_keys_portable for d a multiple of 32, without the intermediate: each key's codes are
/// made 32 at a time and copied a quad (4 bytes) at a time into its channel of the panel.
PK_AVX2 static void pack_keys_avx2(const float *k, int ld, int len, int d, int heads, int8_t *packed, float *ks) {
    int cb = pk_s8_channel_bytes(d), groups = pk_s8_groups(d);
    size_t hsize = pk_s8_packed_count(len, d);
    if (len % PK_NR)
        for (int h = 0; h < heads; h++) memset(packed + h * hsize + (size_t)(len / PK_NR) * PK_NR * cb, 0, (size_t)PK_NR * cb);
    const __m256 absmask = _mm256_castsi256_ps(_mm256_set1_epi32(0x7fffffff));
    const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
    int8_t row[512] __attribute__((aligned(32)));
    for (int jh = 0; jh < len * heads; jh++) {
        int j = jh / heads, hd = jh % heads;
        const float *src = k + (size_t)j * ld + (size_t)hd * d;
        __m256 vm = _mm256_setzero_ps();
        for (int p = 0; p < d; p += 8) vm = _mm256_max_ps(vm, _mm256_and_ps(_mm256_loadu_ps(src + p), absmask));
        __m128 h = _mm_max_ps(_mm256_castps256_ps128(vm), _mm256_extractf128_ps(vm, 1));
        h = _mm_max_ps(h, _mm_movehl_ps(h, h));
        h = _mm_max_ss(h, _mm_shuffle_ps(h, h, 1));
        float m = _mm_cvtss_f32(h);
        float inv = m > 0 ? PK_ATT_W / m : 0;
        ks[(size_t)hd * len + j] = m > 0 ? m / PK_ATT_W : 1;
        __m256 vi = _mm256_set1_ps(inv);
        __m256i acc[4] = {_mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256()};
        for (int p = 0; p < d; p += 32) {
            __m256i a = _mm256_cvtps_epi32(_mm256_mul_ps(_mm256_loadu_ps(src + p), vi));
            __m256i b = _mm256_cvtps_epi32(_mm256_mul_ps(_mm256_loadu_ps(src + p + 8), vi));
            __m256i c = _mm256_cvtps_epi32(_mm256_mul_ps(_mm256_loadu_ps(src + p + 16), vi));
            __m256i e = _mm256_cvtps_epi32(_mm256_mul_ps(_mm256_loadu_ps(src + p + 24), vi));
            __m256i bytes = _mm256_packs_epi16(_mm256_packs_epi32(a, b), _mm256_packs_epi32(c, e));
            _mm256_store_si256((__m256i *)(row + p), _mm256_permutevar8x32_epi32(bytes, order));
            int g = p / 128;
            acc[g] = _mm256_add_epi32(acc[g], _mm256_add_epi32(_mm256_add_epi32(a, b), _mm256_add_epi32(c, e)));
        }
        int8_t *panel = packed + hd * hsize + (size_t)(j / PK_NR) * PK_NR * cb;
        int c = j % PK_NR;
        for (int g = 0; g < groups; g++) {
            int8_t *gb = panel + (size_t)g * PK_S8_GROUP_BYTES;
            int32_t lanes[8];
            _mm256_storeu_si256((__m256i *)lanes, acc[g]);
            int32_t total = 0;
            for (int l = 0; l < 8; l++) total += lanes[l];
            memcpy(gb + c * 4, &total, 4);
            int quads = pk_min(32, (d - g * 128) / 4);
            int8_t *dst = gb + 64 + (c / 8) * 32 + (c % 8) * 4;
            for (int t = 0; t < quads; t++) memcpy(dst + (size_t)t * 64, row + g * 128 + 4 * t, 4);
        }
    }
}

/// pack_values_portable for d a multiple of 8, without the transposed intermediate: four token
/// rows' codes of 8 channels (int32 lanes within ±64) are merged byte by byte into one vector,
/// which is exactly those channels' 32 bytes of one quad in the packed panel.
PK_AVX2 static void pack_values_avx2(const float *v, int ld, int len, int d, int8_t *packed, float *vs) {
    int cb = pk_s8_channel_bytes(len), quads = pk_s8_row_stride(len) / 4;
    if (d % PK_NR) memset(packed + (size_t)(d / PK_NR) * PK_NR * cb, 0, (size_t)PK_NR * cb);
    const __m256 absmask = _mm256_castsi256_ps(_mm256_set1_epi32(0x7fffffff));
    const __m256i lo = _mm256_set1_epi32(0xff);
    float inv[PK_ATT_VMAX] __attribute__((aligned(32)));
    int32_t sums[PK_ATT_VMAX] __attribute__((aligned(32)));
    for (int c0 = 0; c0 < d; c0 += 8) {
        __m256 vm = _mm256_setzero_ps();
        for (int p = 0; p < len; p++) vm = _mm256_max_ps(vm, _mm256_and_ps(_mm256_loadu_ps(v + (size_t)p * ld + c0), absmask));
        __m256 pos = _mm256_cmp_ps(vm, _mm256_setzero_ps(), _CMP_GT_OQ);
        _mm256_storeu_ps(vs + c0, _mm256_blendv_ps(_mm256_set1_ps(1), _mm256_div_ps(vm, _mm256_set1_ps(PK_ATT_W)), pos));
        _mm256_store_ps(inv + c0, _mm256_and_ps(_mm256_div_ps(_mm256_set1_ps(PK_ATT_W), vm), pos));
    }
    for (int t = 0; t < quads; t++) {
        int g = t / 32, tq = t % 32;
        if (tq == 0) memset(sums, 0, (size_t)d * sizeof(int32_t));
        const float *r[4];
        for (int h = 0; h < 4; h++) r[h] = 4 * t + h < len ? v + (size_t)(4 * t + h) * ld : NULL;
        for (int c0 = 0; c0 < d; c0 += 8) {
            __m256 vi = _mm256_load_ps(inv + c0);
            __m256i q[4];
            for (int h = 0; h < 4; h++)
                q[h] = r[h] ? _mm256_cvtps_epi32(_mm256_mul_ps(_mm256_loadu_ps(r[h] + c0), vi)) : _mm256_setzero_si256();
            __m256i word = _mm256_or_si256(
                _mm256_or_si256(_mm256_and_si256(q[0], lo), _mm256_slli_epi32(_mm256_and_si256(q[1], lo), 8)),
                _mm256_or_si256(_mm256_slli_epi32(_mm256_and_si256(q[2], lo), 16), _mm256_slli_epi32(q[3], 24)));
            int8_t *dst = packed + (size_t)(c0 / PK_NR) * PK_NR * cb + (size_t)g * PK_S8_GROUP_BYTES + 64
                          + (size_t)tq * 64 + ((c0 % PK_NR) / 8) * 32;
            _mm256_storeu_si256((__m256i *)dst, word);
            __m256i s = _mm256_load_si256((const __m256i *)(sums + c0));
            s = _mm256_add_epi32(s, _mm256_add_epi32(_mm256_add_epi32(q[0], q[1]), _mm256_add_epi32(q[2], q[3])));
            _mm256_store_si256((__m256i *)(sums + c0), s);
        }
        if (tq == 31 || t == quads - 1)
            for (int c = 0; c < d; c++)
                memcpy(packed + (size_t)(c / PK_NR) * PK_NR * cb + (size_t)g * PK_S8_GROUP_BYTES + (c % PK_NR) * 4,
                       sums + c, 4);
    }
}
#endif

#if PK_X86
/// pk_s8_quantize_rows of every head's Q rows (head h's row i to qc[h · len + i]) for d a
/// multiple of 32 up to 128 (one group), with the same arithmetic (so the same codes), reading
/// the QKV rows in order and reducing min and max in registers.
PK_AVX2 static void quantize_queries_avx2(const float *q, int ld, int len, int d, int heads, uint8_t *qc, float *qs, float *qo) {
    for (int i = 0; i < len; i++)
        for (int h = 0; h < heads; h++) {
            const float *src = q + (size_t)i * ld + (size_t)h * d;
            size_t r = (size_t)h * len + i;
            __m256 vlo = _mm256_loadu_ps(src), vhi = vlo;
            for (int p = 8; p < d; p += 8) {
                __m256 x = _mm256_loadu_ps(src + p);
                vlo = _mm256_min_ps(vlo, x);
                vhi = _mm256_max_ps(vhi, x);
            }
            __m128 l4 = _mm_min_ps(_mm256_castps256_ps128(vlo), _mm256_extractf128_ps(vlo, 1));
            __m128 h4 = _mm_max_ps(_mm256_castps256_ps128(vhi), _mm256_extractf128_ps(vhi, 1));
            l4 = _mm_min_ps(l4, _mm_movehl_ps(l4, l4));
            h4 = _mm_max_ps(h4, _mm_movehl_ps(h4, h4));
            float lo = _mm_cvtss_f32(_mm_min_ss(l4, _mm_shuffle_ps(l4, l4, 1)));
            float hi = _mm_cvtss_f32(_mm_max_ss(h4, _mm_shuffle_ps(h4, h4, 1)));
            pk_s8_codes(src, d, qc + r * (size_t)d, lo, pk_s8_code_params(lo, hi, qs + r, qo + r));
        }
}
#endif

void pk_att_quantize_queries(int isa, const float *q, int ld, int len, int d, int heads, uint8_t *qc, float *qs, float *qo) {
#if PK_X86
    if (isa == PK_ISA_AVX2 && d % 32 == 0 && d <= 128) { quantize_queries_avx2(q, ld, len, d, heads, qc, qs, qo); return; }
#endif
    int ldq = pk_s8_row_stride(d), gq = pk_s8_groups(d);
    for (int i = 0; i < len; i++)
        for (int h = 0; h < heads; h++) {
            size_t r = (size_t)h * len + i;
            pk_s8_quantize_rows(isa, 1, d, q + (size_t)i * ld + h * d, ld, qc + r * ldq, qs + r * gq, qo + r * gq);
        }
}

void pk_att_pack_keys(int isa, const float *k, int ld, int len, int d, int heads, int8_t *packed, float *scales, int8_t *tmp) {
    size_t ksize = pk_s8_packed_count(len, d);
#if PK_X86
    if (isa == PK_ISA_AVX2 && d % 32 == 0 && d <= 512) { pack_keys_avx2(k, ld, len, d, heads, packed, scales); return; }
#endif
    for (int h = 0; h < heads; h++) pack_keys_portable(k + h * d, ld, len, d, tmp, packed + h * ksize, scales + (size_t)h * len);
}

void pk_s8_pack_keys(int isa, const float *k, int ld, int len, int d, int8_t *packed, float *scales, int8_t *tmp) {
#if PK_X86
    if (isa == PK_ISA_AVX2 && d % 32 == 0 && d <= 512) { pack_keys_avx2(k, ld, len, d, 1, packed, scales); return; }
#endif
    pack_keys_portable(k, ld, len, d, tmp, packed, scales);
}

void pk_s8_pack_values(int isa, const float *v, int ld, int len, int d, int8_t *packed, float *scales, int8_t *tmp) {
#if PK_X86
    if (isa == PK_ISA_AVX2 && d % 8 == 0 && d <= PK_ATT_VMAX) { pack_values_avx2(v, ld, len, d, packed, scales); return; }
#endif
    pack_values_portable(v, ld, len, d, tmp, packed, scales);
}
