#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

typedef float tnr_f32x14 __attribute__((vector_size(64)));
static inline tnr_f32x14 tnr_vbcast_f32x14(float x) { return (tnr_f32x14){x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x}; }
#if defined(__AVX512F__)
#include <immintrin.h>
static inline tnr_f32x14 tnr_vload_f32x14(const float* p) {
  return (tnr_f32x14)_mm512_maskz_loadu_ps((__mmask16)0x3fff, p);
}
#elif defined(__AVX__)
#include <immintrin.h>
static inline tnr_f32x14 tnr_vload_f32x14(const float* p) {
  union { tnr_f32x14 v; __m256 c[2]; } u;
  u.c[0] = _mm256_loadu_ps(p);
  u.c[1] = _mm256_maskload_ps(p + 8, _mm256_setr_epi32(-1, -1, -1, -1, -1, -1, 0, 0));
  return u.v;
}
#else
static inline tnr_f32x14 tnr_vload_f32x14(const float* p) {
  tnr_f32x14 v = {0};
  __builtin_memcpy(&v, p, 14 * sizeof(float));
  return v;
}
#endif
static inline tnr_f32x14 tnr_vmax_f32x14(tnr_f32x14 a, tnr_f32x14 b) { tnr_f32x14 r; for (int i = 0; i < 16; i++) r[i] = a[i] > b[i] ? a[i] : b[i]; return r; }
#if defined(__AVX512F__)
#include <immintrin.h>
static inline void tnr_vstore_f32x14(float* p, tnr_f32x14 v) {
  _mm512_mask_storeu_ps(p, (__mmask16)0x3fff, (__m512)v);
}
#elif defined(__AVX__)
#include <immintrin.h>
static inline void tnr_vstore_f32x14(float* p, tnr_f32x14 v) {
  union { tnr_f32x14 v; __m256 c[2]; } u;
  u.v = v;
  _mm256_storeu_ps(p, u.c[0]);
  _mm256_maskstore_ps(p + 8, _mm256_setr_epi32(-1, -1, -1, -1, -1, -1, 0, 0), u.c[1]);
}
#else
static inline void tnr_vstore_f32x14(float* p, tnr_f32x14 v) {
  __builtin_memcpy(p, &v, 14 * sizeof(float));
}
#endif

int32_t conv2d_nchw_tile14(void** args) {
  float* __restrict__ lv = (float*)args[0];
  float* __restrict__ w = (float*)args[1];
  float* __restrict__ b = (float*)args[2];
  float* __restrict__ compute = (float*)args[3];
  float pad_temp[3600] __attribute__((aligned(64)));
  #pragma omp parallel for
  for (int64_t i0_i1_fused = ((int64_t)0LL); i0_i1_fused < ((int64_t)4LL); ++i0_i1_fused) {
    for (int64_t i2 = ((int64_t)0LL); i2 < ((int64_t)30LL); ++i2) {
      #pragma omp simd
      for (int64_t i3 = ((int64_t)0LL); i3 < ((int64_t)30LL); ++i3) {
        pad_temp[(((i0_i1_fused * ((int64_t)900LL)) + (i2 * ((int64_t)30LL))) + i3)] = (((((((int64_t)1LL) <= i2) && (i2 < ((int64_t)29LL))) && (((int64_t)1LL) <= i3)) && (i3 < ((int64_t)29LL))) ? lv[((((i0_i1_fused * ((int64_t)784LL)) + (i2 * ((int64_t)28LL))) + i3) - ((int64_t)29LL))] : 0.0f);
      }
    }
  }
  #pragma omp parallel for
  for (int64_t nn_ff_0_yy_0_fused = ((int64_t)0LL); nn_ff_0_yy_0_fused < ((int64_t)2LL); ++nn_ff_0_yy_0_fused) {
    for (int64_t ff_1 = ((int64_t)0LL); ff_1 < ((int64_t)2LL); ++ff_1) {
      for (int64_t yy_1 = ((int64_t)0LL); yy_1 < ((int64_t)7LL); ++yy_1) {
        for (int64_t xx_0 = ((int64_t)0LL); xx_0 < ((int64_t)2LL); ++xx_0) {
          tnr_f32x14 conv2d_nchw_0;
          tnr_f32x14 conv2d_nchw_1;
          tnr_f32x14 conv2d_nchw_2;
          tnr_f32x14 conv2d_nchw_3;
          tnr_f32x14 conv2d_nchw_4;
          tnr_f32x14 conv2d_nchw_5;
          tnr_f32x14 conv2d_nchw_6;
          tnr_f32x14 conv2d_nchw_7;
          tnr_f32x14 conv2d_nchw_8;
          tnr_f32x14 conv2d_nchw_9;
          tnr_f32x14 conv2d_nchw_10;
          tnr_f32x14 conv2d_nchw_11;
          tnr_f32x14 conv2d_nchw_12;
          tnr_f32x14 conv2d_nchw_13;
          tnr_f32x14 conv2d_nchw_14;
          tnr_f32x14 conv2d_nchw_15;
          conv2d_nchw_0 = tnr_vbcast_f32x14(0.0f);
          conv2d_nchw_1 = tnr_vbcast_f32x14(0.0f);
          conv2d_nchw_2 = tnr_vbcast_f32x14(0.0f);
          conv2d_nchw_3 = tnr_vbcast_f32x14(0.0f);
          conv2d_nchw_4 = tnr_vbcast_f32x14(0.0f);
          conv2d_nchw_5 = tnr_vbcast_f32x14(0.0f);
          conv2d_nchw_6 = tnr_vbcast_f32x14(0.0f);
          conv2d_nchw_7 = tnr_vbcast_f32x14(0.0f);
          conv2d_nchw_8 = tnr_vbcast_f32x14(0.0f);
          conv2d_nchw_9 = tnr_vbcast_f32x14(0.0f);
          conv2d_nchw_10 = tnr_vbcast_f32x14(0.0f);
          conv2d_nchw_11 = tnr_vbcast_f32x14(0.0f);
          conv2d_nchw_12 = tnr_vbcast_f32x14(0.0f);
          conv2d_nchw_13 = tnr_vbcast_f32x14(0.0f);
          conv2d_nchw_14 = tnr_vbcast_f32x14(0.0f);
          conv2d_nchw_15 = tnr_vbcast_f32x14(0.0f);
          for (int64_t rc = ((int64_t)0LL); rc < ((int64_t)4LL); ++rc) {
            for (int64_t ry = ((int64_t)0LL); ry < ((int64_t)3LL); ++ry) {
              for (int64_t rx = ((int64_t)0LL); rx < ((int64_t)3LL); ++rx) {
                conv2d_nchw_0 = (conv2d_nchw_0 + (tnr_vload_f32x14(&pad_temp[((((((rc * ((int64_t)900LL)) + (nn_ff_0_yy_0_fused * ((int64_t)420LL))) + (yy_1 * ((int64_t)60LL))) + (ry * ((int64_t)30LL))) + (xx_0 * ((int64_t)14LL))) + rx)]) * tnr_vbcast_f32x14(w[((((ff_1 * ((int64_t)288LL)) + (rc * ((int64_t)9LL))) + (ry * ((int64_t)3LL))) + rx)])));
                conv2d_nchw_1 = (conv2d_nchw_1 + (tnr_vload_f32x14(&pad_temp[(((((((rc * ((int64_t)900LL)) + (nn_ff_0_yy_0_fused * ((int64_t)420LL))) + (yy_1 * ((int64_t)60LL))) + (ry * ((int64_t)30LL))) + (xx_0 * ((int64_t)14LL))) + rx) + ((int64_t)30LL))]) * tnr_vbcast_f32x14(w[((((ff_1 * ((int64_t)288LL)) + (rc * ((int64_t)9LL))) + (ry * ((int64_t)3LL))) + rx)])));
                conv2d_nchw_2 = (conv2d_nchw_2 + (tnr_vload_f32x14(&pad_temp[((((((rc * ((int64_t)900LL)) + (nn_ff_0_yy_0_fused * ((int64_t)420LL))) + (yy_1 * ((int64_t)60LL))) + (ry * ((int64_t)30LL))) + (xx_0 * ((int64_t)14LL))) + rx)]) * tnr_vbcast_f32x14(w[(((((ff_1 * ((int64_t)288LL)) + (rc * ((int64_t)9LL))) + (ry * ((int64_t)3LL))) + rx) + ((int64_t)36LL))])));
                conv2d_nchw_3 = (conv2d_nchw_3 + (tnr_vload_f32x14(&pad_temp[(((((((rc * ((int64_t)900LL)) + (nn_ff_0_yy_0_fused * ((int64_t)420LL))) + (yy_1 * ((int64_t)60LL))) + (ry * ((int64_t)30LL))) + (xx_0 * ((int64_t)14LL))) + rx) + ((int64_t)30LL))]) * tnr_vbcast_f32x14(w[(((((ff_1 * ((int64_t)288LL)) + (rc * ((int64_t)9LL))) + (ry * ((int64_t)3LL))) + rx) + ((int64_t)36LL))])));
                conv2d_nchw_4 = (conv2d_nchw_4 + (tnr_vload_f32x14(&pad_temp[((((((rc * ((int64_t)900LL)) + (nn_ff_0_yy_0_fused * ((int64_t)420LL))) + (yy_1 * ((int64_t)60LL))) + (ry * ((int64_t)30LL))) + (xx_0 * ((int64_t)14LL))) + rx)]) * tnr_vbcast_f32x14(w[(((((ff_1 * ((int64_t)288LL)) + (rc * ((int64_t)9LL))) + (ry * ((int64_t)3LL))) + rx) + ((int64_t)72LL))])));
                conv2d_nchw_5 = (conv2d_nchw_5 + (tnr_vload_f32x14(&pad_temp[(((((((rc * ((int64_t)900LL)) + (nn_ff_0_yy_0_fused * ((int64_t)420LL))) + (yy_1 * ((int64_t)60LL))) + (ry * ((int64_t)30LL))) + (xx_0 * ((int64_t)14LL))) + rx) + ((int64_t)30LL))]) * tnr_vbcast_f32x14(w[(((((ff_1 * ((int64_t)288LL)) + (rc * ((int64_t)9LL))) + (ry * ((int64_t)3LL))) + rx) + ((int64_t)72LL))])));
                conv2d_nchw_6 = (conv2d_nchw_6 + (tnr_vload_f32x14(&pad_temp[((((((rc * ((int64_t)900LL)) + (nn_ff_0_yy_0_fused * ((int64_t)420LL))) + (yy_1 * ((int64_t)60LL))) + (ry * ((int64_t)30LL))) + (xx_0 * ((int64_t)14LL))) + rx)]) * tnr_vbcast_f32x14(w[(((((ff_1 * ((int64_t)288LL)) + (rc * ((int64_t)9LL))) + (ry * ((int64_t)3LL))) + rx) + ((int64_t)108LL))])));
                conv2d_nchw_7 = (conv2d_nchw_7 + (tnr_vload_f32x14(&pad_temp[(((((((rc * ((int64_t)900LL)) + (nn_ff_0_yy_0_fused * ((int64_t)420LL))) + (yy_1 * ((int64_t)60LL))) + (ry * ((int64_t)30LL))) + (xx_0 * ((int64_t)14LL))) + rx) + ((int64_t)30LL))]) * tnr_vbcast_f32x14(w[(((((ff_1 * ((int64_t)288LL)) + (rc * ((int64_t)9LL))) + (ry * ((int64_t)3LL))) + rx) + ((int64_t)108LL))])));
                conv2d_nchw_8 = (conv2d_nchw_8 + (tnr_vload_f32x14(&pad_temp[((((((rc * ((int64_t)900LL)) + (nn_ff_0_yy_0_fused * ((int64_t)420LL))) + (yy_1 * ((int64_t)60LL))) + (ry * ((int64_t)30LL))) + (xx_0 * ((int64_t)14LL))) + rx)]) * tnr_vbcast_f32x14(w[(((((ff_1 * ((int64_t)288LL)) + (rc * ((int64_t)9LL))) + (ry * ((int64_t)3LL))) + rx) + ((int64_t)144LL))])));
                conv2d_nchw_9 = (conv2d_nchw_9 + (tnr_vload_f32x14(&pad_temp[(((((((rc * ((int64_t)900LL)) + (nn_ff_0_yy_0_fused * ((int64_t)420LL))) + (yy_1 * ((int64_t)60LL))) + (ry * ((int64_t)30LL))) + (xx_0 * ((int64_t)14LL))) + rx) + ((int64_t)30LL))]) * tnr_vbcast_f32x14(w[(((((ff_1 * ((int64_t)288LL)) + (rc * ((int64_t)9LL))) + (ry * ((int64_t)3LL))) + rx) + ((int64_t)144LL))])));
                conv2d_nchw_10 = (conv2d_nchw_10 + (tnr_vload_f32x14(&pad_temp[((((((rc * ((int64_t)900LL)) + (nn_ff_0_yy_0_fused * ((int64_t)420LL))) + (yy_1 * ((int64_t)60LL))) + (ry * ((int64_t)30LL))) + (xx_0 * ((int64_t)14LL))) + rx)]) * tnr_vbcast_f32x14(w[(((((ff_1 * ((int64_t)288LL)) + (rc * ((int64_t)9LL))) + (ry * ((int64_t)3LL))) + rx) + ((int64_t)180LL))])));
                conv2d_nchw_11 = (conv2d_nchw_11 + (tnr_vload_f32x14(&pad_temp[(((((((rc * ((int64_t)900LL)) + (nn_ff_0_yy_0_fused * ((int64_t)420LL))) + (yy_1 * ((int64_t)60LL))) + (ry * ((int64_t)30LL))) + (xx_0 * ((int64_t)14LL))) + rx) + ((int64_t)30LL))]) * tnr_vbcast_f32x14(w[(((((ff_1 * ((int64_t)288LL)) + (rc * ((int64_t)9LL))) + (ry * ((int64_t)3LL))) + rx) + ((int64_t)180LL))])));
                conv2d_nchw_12 = (conv2d_nchw_12 + (tnr_vload_f32x14(&pad_temp[((((((rc * ((int64_t)900LL)) + (nn_ff_0_yy_0_fused * ((int64_t)420LL))) + (yy_1 * ((int64_t)60LL))) + (ry * ((int64_t)30LL))) + (xx_0 * ((int64_t)14LL))) + rx)]) * tnr_vbcast_f32x14(w[(((((ff_1 * ((int64_t)288LL)) + (rc * ((int64_t)9LL))) + (ry * ((int64_t)3LL))) + rx) + ((int64_t)216LL))])));
                conv2d_nchw_13 = (conv2d_nchw_13 + (tnr_vload_f32x14(&pad_temp[(((((((rc * ((int64_t)900LL)) + (nn_ff_0_yy_0_fused * ((int64_t)420LL))) + (yy_1 * ((int64_t)60LL))) + (ry * ((int64_t)30LL))) + (xx_0 * ((int64_t)14LL))) + rx) + ((int64_t)30LL))]) * tnr_vbcast_f32x14(w[(((((ff_1 * ((int64_t)288LL)) + (rc * ((int64_t)9LL))) + (ry * ((int64_t)3LL))) + rx) + ((int64_t)216LL))])));
                conv2d_nchw_14 = (conv2d_nchw_14 + (tnr_vload_f32x14(&pad_temp[((((((rc * ((int64_t)900LL)) + (nn_ff_0_yy_0_fused * ((int64_t)420LL))) + (yy_1 * ((int64_t)60LL))) + (ry * ((int64_t)30LL))) + (xx_0 * ((int64_t)14LL))) + rx)]) * tnr_vbcast_f32x14(w[(((((ff_1 * ((int64_t)288LL)) + (rc * ((int64_t)9LL))) + (ry * ((int64_t)3LL))) + rx) + ((int64_t)252LL))])));
                conv2d_nchw_15 = (conv2d_nchw_15 + (tnr_vload_f32x14(&pad_temp[(((((((rc * ((int64_t)900LL)) + (nn_ff_0_yy_0_fused * ((int64_t)420LL))) + (yy_1 * ((int64_t)60LL))) + (ry * ((int64_t)30LL))) + (xx_0 * ((int64_t)14LL))) + rx) + ((int64_t)30LL))]) * tnr_vbcast_f32x14(w[(((((ff_1 * ((int64_t)288LL)) + (rc * ((int64_t)9LL))) + (ry * ((int64_t)3LL))) + rx) + ((int64_t)252LL))])));
              }
            }
          }
          tnr_vstore_f32x14(&compute[((((ff_1 * ((int64_t)6272LL)) + (nn_ff_0_yy_0_fused * ((int64_t)392LL))) + (yy_1 * ((int64_t)56LL))) + (xx_0 * ((int64_t)14LL)))], tnr_vmax_f32x14((conv2d_nchw_0 + tnr_vbcast_f32x14(b[(ff_1 * ((int64_t)8LL))])), tnr_vbcast_f32x14(0.0f)));
          tnr_vstore_f32x14(&compute[(((((ff_1 * ((int64_t)6272LL)) + (nn_ff_0_yy_0_fused * ((int64_t)392LL))) + (yy_1 * ((int64_t)56LL))) + (xx_0 * ((int64_t)14LL))) + ((int64_t)28LL))], tnr_vmax_f32x14((conv2d_nchw_1 + tnr_vbcast_f32x14(b[(ff_1 * ((int64_t)8LL))])), tnr_vbcast_f32x14(0.0f)));
          tnr_vstore_f32x14(&compute[(((((ff_1 * ((int64_t)6272LL)) + (nn_ff_0_yy_0_fused * ((int64_t)392LL))) + (yy_1 * ((int64_t)56LL))) + (xx_0 * ((int64_t)14LL))) + ((int64_t)784LL))], tnr_vmax_f32x14((conv2d_nchw_2 + tnr_vbcast_f32x14(b[((ff_1 * ((int64_t)8LL)) + ((int64_t)1LL))])), tnr_vbcast_f32x14(0.0f)));
          tnr_vstore_f32x14(&compute[(((((ff_1 * ((int64_t)6272LL)) + (nn_ff_0_yy_0_fused * ((int64_t)392LL))) + (yy_1 * ((int64_t)56LL))) + (xx_0 * ((int64_t)14LL))) + ((int64_t)812LL))], tnr_vmax_f32x14((conv2d_nchw_3 + tnr_vbcast_f32x14(b[((ff_1 * ((int64_t)8LL)) + ((int64_t)1LL))])), tnr_vbcast_f32x14(0.0f)));
          tnr_vstore_f32x14(&compute[(((((ff_1 * ((int64_t)6272LL)) + (nn_ff_0_yy_0_fused * ((int64_t)392LL))) + (yy_1 * ((int64_t)56LL))) + (xx_0 * ((int64_t)14LL))) + ((int64_t)1568LL))], tnr_vmax_f32x14((conv2d_nchw_4 + tnr_vbcast_f32x14(b[((ff_1 * ((int64_t)8LL)) + ((int64_t)2LL))])), tnr_vbcast_f32x14(0.0f)));
          tnr_vstore_f32x14(&compute[(((((ff_1 * ((int64_t)6272LL)) + (nn_ff_0_yy_0_fused * ((int64_t)392LL))) + (yy_1 * ((int64_t)56LL))) + (xx_0 * ((int64_t)14LL))) + ((int64_t)1596LL))], tnr_vmax_f32x14((conv2d_nchw_5 + tnr_vbcast_f32x14(b[((ff_1 * ((int64_t)8LL)) + ((int64_t)2LL))])), tnr_vbcast_f32x14(0.0f)));
          tnr_vstore_f32x14(&compute[(((((ff_1 * ((int64_t)6272LL)) + (nn_ff_0_yy_0_fused * ((int64_t)392LL))) + (yy_1 * ((int64_t)56LL))) + (xx_0 * ((int64_t)14LL))) + ((int64_t)2352LL))], tnr_vmax_f32x14((conv2d_nchw_6 + tnr_vbcast_f32x14(b[((ff_1 * ((int64_t)8LL)) + ((int64_t)3LL))])), tnr_vbcast_f32x14(0.0f)));
          tnr_vstore_f32x14(&compute[(((((ff_1 * ((int64_t)6272LL)) + (nn_ff_0_yy_0_fused * ((int64_t)392LL))) + (yy_1 * ((int64_t)56LL))) + (xx_0 * ((int64_t)14LL))) + ((int64_t)2380LL))], tnr_vmax_f32x14((conv2d_nchw_7 + tnr_vbcast_f32x14(b[((ff_1 * ((int64_t)8LL)) + ((int64_t)3LL))])), tnr_vbcast_f32x14(0.0f)));
          tnr_vstore_f32x14(&compute[(((((ff_1 * ((int64_t)6272LL)) + (nn_ff_0_yy_0_fused * ((int64_t)392LL))) + (yy_1 * ((int64_t)56LL))) + (xx_0 * ((int64_t)14LL))) + ((int64_t)3136LL))], tnr_vmax_f32x14((conv2d_nchw_8 + tnr_vbcast_f32x14(b[((ff_1 * ((int64_t)8LL)) + ((int64_t)4LL))])), tnr_vbcast_f32x14(0.0f)));
          tnr_vstore_f32x14(&compute[(((((ff_1 * ((int64_t)6272LL)) + (nn_ff_0_yy_0_fused * ((int64_t)392LL))) + (yy_1 * ((int64_t)56LL))) + (xx_0 * ((int64_t)14LL))) + ((int64_t)3164LL))], tnr_vmax_f32x14((conv2d_nchw_9 + tnr_vbcast_f32x14(b[((ff_1 * ((int64_t)8LL)) + ((int64_t)4LL))])), tnr_vbcast_f32x14(0.0f)));
          tnr_vstore_f32x14(&compute[(((((ff_1 * ((int64_t)6272LL)) + (nn_ff_0_yy_0_fused * ((int64_t)392LL))) + (yy_1 * ((int64_t)56LL))) + (xx_0 * ((int64_t)14LL))) + ((int64_t)3920LL))], tnr_vmax_f32x14((conv2d_nchw_10 + tnr_vbcast_f32x14(b[((ff_1 * ((int64_t)8LL)) + ((int64_t)5LL))])), tnr_vbcast_f32x14(0.0f)));
          tnr_vstore_f32x14(&compute[(((((ff_1 * ((int64_t)6272LL)) + (nn_ff_0_yy_0_fused * ((int64_t)392LL))) + (yy_1 * ((int64_t)56LL))) + (xx_0 * ((int64_t)14LL))) + ((int64_t)3948LL))], tnr_vmax_f32x14((conv2d_nchw_11 + tnr_vbcast_f32x14(b[((ff_1 * ((int64_t)8LL)) + ((int64_t)5LL))])), tnr_vbcast_f32x14(0.0f)));
          tnr_vstore_f32x14(&compute[(((((ff_1 * ((int64_t)6272LL)) + (nn_ff_0_yy_0_fused * ((int64_t)392LL))) + (yy_1 * ((int64_t)56LL))) + (xx_0 * ((int64_t)14LL))) + ((int64_t)4704LL))], tnr_vmax_f32x14((conv2d_nchw_12 + tnr_vbcast_f32x14(b[((ff_1 * ((int64_t)8LL)) + ((int64_t)6LL))])), tnr_vbcast_f32x14(0.0f)));
          tnr_vstore_f32x14(&compute[(((((ff_1 * ((int64_t)6272LL)) + (nn_ff_0_yy_0_fused * ((int64_t)392LL))) + (yy_1 * ((int64_t)56LL))) + (xx_0 * ((int64_t)14LL))) + ((int64_t)4732LL))], tnr_vmax_f32x14((conv2d_nchw_13 + tnr_vbcast_f32x14(b[((ff_1 * ((int64_t)8LL)) + ((int64_t)6LL))])), tnr_vbcast_f32x14(0.0f)));
          tnr_vstore_f32x14(&compute[(((((ff_1 * ((int64_t)6272LL)) + (nn_ff_0_yy_0_fused * ((int64_t)392LL))) + (yy_1 * ((int64_t)56LL))) + (xx_0 * ((int64_t)14LL))) + ((int64_t)5488LL))], tnr_vmax_f32x14((conv2d_nchw_14 + tnr_vbcast_f32x14(b[((ff_1 * ((int64_t)8LL)) + ((int64_t)7LL))])), tnr_vbcast_f32x14(0.0f)));
          tnr_vstore_f32x14(&compute[(((((ff_1 * ((int64_t)6272LL)) + (nn_ff_0_yy_0_fused * ((int64_t)392LL))) + (yy_1 * ((int64_t)56LL))) + (xx_0 * ((int64_t)14LL))) + ((int64_t)5516LL))], tnr_vmax_f32x14((conv2d_nchw_15 + tnr_vbcast_f32x14(b[((ff_1 * ((int64_t)8LL)) + ((int64_t)7LL))])), tnr_vbcast_f32x14(0.0f)));
        }
      }
    }
  }
  return 0;
}
