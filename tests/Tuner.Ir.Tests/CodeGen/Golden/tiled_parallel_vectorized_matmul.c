#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>


int32_t tiled_parallel_vectorized_matmul(void** args) {
  float* __restrict__ A = (float*)args[0];
  float* __restrict__ B = (float*)args[1];
  float* __restrict__ C = (float*)args[2];
  #pragma omp parallel for
  for (int32_t i0 = 0; i0 < 64; ++i0) {
    for (int32_t j0 = 0; j0 < 4; ++j0) {
      float C_local[256] __attribute__((aligned(64)));
      for (int32_t i1_init = 0; i1_init < 4; ++i1_init) {
        #pragma omp simd
        for (int32_t j1_init = 0; j1_init < 64; ++j1_init) {
          C_local[((i1_init * 64) + j1_init)] = 0.0f;
        }
      }
      for (int32_t k0 = 0; k0 < 64; ++k0) {
        for (int32_t k1 = 0; k1 < 4; ++k1) {
          #pragma GCC unroll 4
          for (int32_t i1_upd = 0; i1_upd < 4; ++i1_upd) {
            #pragma omp simd
            for (int32_t j1_upd = 0; j1_upd < 64; ++j1_upd) {
              C_local[((i1_upd * 64) + j1_upd)] = (C_local[((i1_upd * 64) + j1_upd)] + (A[((((i0 * 1024) + (i1_upd * 256)) + (k0 * 4)) + k1)] * B[((((k0 * 1024) + (k1 * 256)) + (j0 * 64)) + j1_upd)]));
            }
          }
        }
      }
      for (int32_t i1_wb = 0; i1_wb < 4; ++i1_wb) {
        #pragma omp simd
        for (int32_t j1_wb = 0; j1_wb < 64; ++j1_wb) {
          C[((((i0 * 1024) + (i1_wb * 256)) + (j0 * 64)) + j1_wb)] = C_local[((i1_wb * 64) + j1_wb)];
        }
      }
    }
  }
  return 0;
}
