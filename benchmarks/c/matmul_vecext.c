/*
 * The tiled matmul of Matmul.Tiled(N, N, N, 4, 64, 4) as a vector-extension code generator would emit it:
 * the vectorized j1 loop (64 lanes) becomes one float32x64 statement (TVM's Ramp/Broadcast), everything else
 * exactly as CodeGenC emits it. Compared with the `#pragma omp simd` form by `Bench vec`.
 */
#include <stdint.h>
#include <string.h>

#ifndef N
#define N 1024
#endif

typedef float f32x64 __attribute__((vector_size(256), aligned(4)));

int32_t matmul_vecext(void** args) {
  float* __restrict__ A = (float*)args[0];
  float* __restrict__ B = (float*)args[1];
  float* __restrict__ C = (float*)args[2];
  #pragma omp parallel for
  for (int32_t i0 = 0; i0 < N / 4; ++i0) {
    for (int32_t j0 = 0; j0 < N / 64; ++j0) {
      float C_local[256] __attribute__((aligned(64)));
      for (int32_t i1 = 0; i1 < 4; ++i1) *(f32x64*)&C_local[i1 * 64] = (f32x64){0};
      for (int32_t k0 = 0; k0 < N / 4; ++k0) {
        for (int32_t k1 = 0; k1 < 4; ++k1) {
          #pragma GCC unroll 4
          for (int32_t i1 = 0; i1 < 4; ++i1) {
            f32x64 a = (f32x64){0} + A[(i0 * 4 + i1) * N + (k0 * 4 + k1)];
            *(f32x64*)&C_local[i1 * 64] = *(f32x64*)&C_local[i1 * 64] + a * *(f32x64*)&B[(k0 * 4 + k1) * N + j0 * 64];
          }
        }
      }
      for (int32_t i1 = 0; i1 < 4; ++i1) *(f32x64*)&C[(i0 * 4 + i1) * N + j0 * 64] = *(f32x64*)&C_local[i1 * 64];
    }
  }
  return 0;
}
