#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

static inline int32_t tnr_floordiv_i32(int32_t a, int32_t b) {
  int32_t q = a / b, r = a % b;
  return (r != 0 && ((r < 0) != (b < 0))) ? q - 1 : q;
}
static inline int32_t tnr_floormod_i32(int32_t a, int32_t b) {
  int32_t r = a % b;
  return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
}

int32_t metaschedule_style_matmul(void** args) {
  float* __restrict__ A = (float*)args[0];
  float* __restrict__ B = (float*)args[1];
  float* __restrict__ C = (float*)args[2];
  #pragma omp parallel for
  for (int32_t i_0_j_0_fused = 0; i_0_j_0_fused < 8; ++i_0_j_0_fused) {
    for (int32_t i_1 = 0; i_1 < 4; ++i_1) {
      float C_global[256] __attribute__((aligned(64)));
      #pragma GCC unroll 2
      for (int32_t i_2_init = 0; i_2_init < 2; ++i_2_init) {
        #pragma GCC unroll 2
        for (int32_t i_3_init = 0; i_3_init < 2; ++i_3_init) {
          #pragma omp simd
          for (int32_t j_3_init = 0; j_3_init < 64; ++j_3_init) {
            C_global[(((i_2_init * 128) + (i_3_init * 64)) + j_3_init)] = 0.0f;
          }
        }
      }
      for (int32_t k_0 = 0; k_0 < 32; ++k_0) {
        #pragma GCC unroll 2
        for (int32_t i_2 = 0; i_2 < 2; ++i_2) {
          #pragma GCC unroll 4
          for (int32_t k_1 = 0; k_1 < 4; ++k_1) {
            #pragma GCC unroll 2
            for (int32_t i_3 = 0; i_3 < 2; ++i_3) {
              #pragma omp simd
              for (int32_t j_3 = 0; j_3 < 64; ++j_3) {
                C_global[(((i_2 * 128) + (i_3 * 64)) + j_3)] = (C_global[(((i_2 * 128) + (i_3 * 64)) + j_3)] + (A[((((((tnr_floordiv_i32(i_0_j_0_fused, 2) * 2048) + (i_1 * 512)) + (i_2 * 256)) + (i_3 * 128)) + (k_0 * 4)) + k_1)] * B[((((k_0 * 512) + (k_1 * 128)) + (tnr_floormod_i32(i_0_j_0_fused, 2) * 64)) + j_3)]));
              }
            }
          }
        }
      }
      #pragma GCC unroll 4
      for (int32_t ax0 = 0; ax0 < 4; ++ax0) {
        #pragma omp simd
        for (int32_t ax1 = 0; ax1 < 64; ++ax1) {
          C[(((((tnr_floordiv_i32(i_0_j_0_fused, 2) * 2048) + (i_1 * 512)) + (ax0 * 128)) + (tnr_floormod_i32(i_0_j_0_fused, 2) * 64)) + ax1)] = C_global[((ax0 * 64) + ax1)];
        }
      }
    }
  }
  return 0;
}
