#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

typedef float tnr_f32x16 __attribute__((vector_size(64)));
static inline tnr_f32x16 tnr_vbcast_f32x16(float x) { return (tnr_f32x16){x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x}; }
static inline tnr_f32x16 tnr_vload_f32x16(const float* p) { tnr_f32x16 v; __builtin_memcpy(&v, p, sizeof v); return v; }
static inline void tnr_vstore_f32x16(float* p, tnr_f32x16 v) { __builtin_memcpy(p, &v, sizeof v); }

int32_t tiled_parallel_vectorized_matmul(void** args) {
  float* __restrict__ A = (float*)args[0];
  float* __restrict__ B = (float*)args[1];
  float* __restrict__ C = (float*)args[2];
  #pragma omp parallel for
  for (int32_t i0 = 0; i0 < 64; ++i0) {
    for (int32_t j0 = 0; j0 < 4; ++j0) {
      tnr_f32x16 C_local_0;
      tnr_f32x16 C_local_1;
      tnr_f32x16 C_local_2;
      tnr_f32x16 C_local_3;
      tnr_f32x16 C_local_4;
      tnr_f32x16 C_local_5;
      tnr_f32x16 C_local_6;
      tnr_f32x16 C_local_7;
      tnr_f32x16 C_local_8;
      tnr_f32x16 C_local_9;
      tnr_f32x16 C_local_10;
      tnr_f32x16 C_local_11;
      tnr_f32x16 C_local_12;
      tnr_f32x16 C_local_13;
      tnr_f32x16 C_local_14;
      tnr_f32x16 C_local_15;
      C_local_0 = tnr_vbcast_f32x16(0.0f);
      C_local_1 = tnr_vbcast_f32x16(0.0f);
      C_local_2 = tnr_vbcast_f32x16(0.0f);
      C_local_3 = tnr_vbcast_f32x16(0.0f);
      C_local_4 = tnr_vbcast_f32x16(0.0f);
      C_local_5 = tnr_vbcast_f32x16(0.0f);
      C_local_6 = tnr_vbcast_f32x16(0.0f);
      C_local_7 = tnr_vbcast_f32x16(0.0f);
      C_local_8 = tnr_vbcast_f32x16(0.0f);
      C_local_9 = tnr_vbcast_f32x16(0.0f);
      C_local_10 = tnr_vbcast_f32x16(0.0f);
      C_local_11 = tnr_vbcast_f32x16(0.0f);
      C_local_12 = tnr_vbcast_f32x16(0.0f);
      C_local_13 = tnr_vbcast_f32x16(0.0f);
      C_local_14 = tnr_vbcast_f32x16(0.0f);
      C_local_15 = tnr_vbcast_f32x16(0.0f);
      for (int32_t k0 = 0; k0 < 64; ++k0) {
        for (int32_t k1 = 0; k1 < 4; ++k1) {
          C_local_0 = (C_local_0 + (tnr_vbcast_f32x16(A[(((i0 * 1024) + (k0 * 4)) + k1)]) * tnr_vload_f32x16(&B[(((k0 * 1024) + (k1 * 256)) + (j0 * 64))])));
          C_local_1 = (C_local_1 + (tnr_vbcast_f32x16(A[(((i0 * 1024) + (k0 * 4)) + k1)]) * tnr_vload_f32x16(&B[((((k0 * 1024) + (k1 * 256)) + (j0 * 64)) + 16)])));
          C_local_2 = (C_local_2 + (tnr_vbcast_f32x16(A[(((i0 * 1024) + (k0 * 4)) + k1)]) * tnr_vload_f32x16(&B[((((k0 * 1024) + (k1 * 256)) + (j0 * 64)) + 32)])));
          C_local_3 = (C_local_3 + (tnr_vbcast_f32x16(A[(((i0 * 1024) + (k0 * 4)) + k1)]) * tnr_vload_f32x16(&B[((((k0 * 1024) + (k1 * 256)) + (j0 * 64)) + 48)])));
          C_local_4 = (C_local_4 + (tnr_vbcast_f32x16(A[((((i0 * 1024) + (k0 * 4)) + k1) + 256)]) * tnr_vload_f32x16(&B[(((k0 * 1024) + (k1 * 256)) + (j0 * 64))])));
          C_local_5 = (C_local_5 + (tnr_vbcast_f32x16(A[((((i0 * 1024) + (k0 * 4)) + k1) + 256)]) * tnr_vload_f32x16(&B[((((k0 * 1024) + (k1 * 256)) + (j0 * 64)) + 16)])));
          C_local_6 = (C_local_6 + (tnr_vbcast_f32x16(A[((((i0 * 1024) + (k0 * 4)) + k1) + 256)]) * tnr_vload_f32x16(&B[((((k0 * 1024) + (k1 * 256)) + (j0 * 64)) + 32)])));
          C_local_7 = (C_local_7 + (tnr_vbcast_f32x16(A[((((i0 * 1024) + (k0 * 4)) + k1) + 256)]) * tnr_vload_f32x16(&B[((((k0 * 1024) + (k1 * 256)) + (j0 * 64)) + 48)])));
          C_local_8 = (C_local_8 + (tnr_vbcast_f32x16(A[((((i0 * 1024) + (k0 * 4)) + k1) + 512)]) * tnr_vload_f32x16(&B[(((k0 * 1024) + (k1 * 256)) + (j0 * 64))])));
          C_local_9 = (C_local_9 + (tnr_vbcast_f32x16(A[((((i0 * 1024) + (k0 * 4)) + k1) + 512)]) * tnr_vload_f32x16(&B[((((k0 * 1024) + (k1 * 256)) + (j0 * 64)) + 16)])));
          C_local_10 = (C_local_10 + (tnr_vbcast_f32x16(A[((((i0 * 1024) + (k0 * 4)) + k1) + 512)]) * tnr_vload_f32x16(&B[((((k0 * 1024) + (k1 * 256)) + (j0 * 64)) + 32)])));
          C_local_11 = (C_local_11 + (tnr_vbcast_f32x16(A[((((i0 * 1024) + (k0 * 4)) + k1) + 512)]) * tnr_vload_f32x16(&B[((((k0 * 1024) + (k1 * 256)) + (j0 * 64)) + 48)])));
          C_local_12 = (C_local_12 + (tnr_vbcast_f32x16(A[((((i0 * 1024) + (k0 * 4)) + k1) + 768)]) * tnr_vload_f32x16(&B[(((k0 * 1024) + (k1 * 256)) + (j0 * 64))])));
          C_local_13 = (C_local_13 + (tnr_vbcast_f32x16(A[((((i0 * 1024) + (k0 * 4)) + k1) + 768)]) * tnr_vload_f32x16(&B[((((k0 * 1024) + (k1 * 256)) + (j0 * 64)) + 16)])));
          C_local_14 = (C_local_14 + (tnr_vbcast_f32x16(A[((((i0 * 1024) + (k0 * 4)) + k1) + 768)]) * tnr_vload_f32x16(&B[((((k0 * 1024) + (k1 * 256)) + (j0 * 64)) + 32)])));
          C_local_15 = (C_local_15 + (tnr_vbcast_f32x16(A[((((i0 * 1024) + (k0 * 4)) + k1) + 768)]) * tnr_vload_f32x16(&B[((((k0 * 1024) + (k1 * 256)) + (j0 * 64)) + 48)])));
        }
      }
      tnr_vstore_f32x16(&C[((i0 * 1024) + (j0 * 64))], C_local_0);
      tnr_vstore_f32x16(&C[(((i0 * 1024) + (j0 * 64)) + 16)], C_local_1);
      tnr_vstore_f32x16(&C[(((i0 * 1024) + (j0 * 64)) + 32)], C_local_2);
      tnr_vstore_f32x16(&C[(((i0 * 1024) + (j0 * 64)) + 48)], C_local_3);
      tnr_vstore_f32x16(&C[(((i0 * 1024) + (j0 * 64)) + 256)], C_local_4);
      tnr_vstore_f32x16(&C[(((i0 * 1024) + (j0 * 64)) + 272)], C_local_5);
      tnr_vstore_f32x16(&C[(((i0 * 1024) + (j0 * 64)) + 288)], C_local_6);
      tnr_vstore_f32x16(&C[(((i0 * 1024) + (j0 * 64)) + 304)], C_local_7);
      tnr_vstore_f32x16(&C[(((i0 * 1024) + (j0 * 64)) + 512)], C_local_8);
      tnr_vstore_f32x16(&C[(((i0 * 1024) + (j0 * 64)) + 528)], C_local_9);
      tnr_vstore_f32x16(&C[(((i0 * 1024) + (j0 * 64)) + 544)], C_local_10);
      tnr_vstore_f32x16(&C[(((i0 * 1024) + (j0 * 64)) + 560)], C_local_11);
      tnr_vstore_f32x16(&C[(((i0 * 1024) + (j0 * 64)) + 768)], C_local_12);
      tnr_vstore_f32x16(&C[(((i0 * 1024) + (j0 * 64)) + 784)], C_local_13);
      tnr_vstore_f32x16(&C[(((i0 * 1024) + (j0 * 64)) + 800)], C_local_14);
      tnr_vstore_f32x16(&C[(((i0 * 1024) + (j0 * 64)) + 816)], C_local_15);
    }
  }
  return 0;
}
