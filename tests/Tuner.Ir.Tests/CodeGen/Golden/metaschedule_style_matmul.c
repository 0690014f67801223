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

int32_t metaschedule_style_matmul(void** args) {
  float* __restrict__ A = (float*)args[0];
  float* __restrict__ B = (float*)args[1];
  float* __restrict__ C = (float*)args[2];
  #pragma omp parallel for
  for (int32_t i_0_j_0_fused = 0; i_0_j_0_fused < 8; ++i_0_j_0_fused) {
    for (int32_t i_1 = 0; i_1 < 4; ++i_1) {
      tnr_f32x16 C_global_0;
      tnr_f32x16 C_global_1;
      tnr_f32x16 C_global_2;
      tnr_f32x16 C_global_3;
      tnr_f32x16 C_global_4;
      tnr_f32x16 C_global_5;
      tnr_f32x16 C_global_6;
      tnr_f32x16 C_global_7;
      tnr_f32x16 C_global_8;
      tnr_f32x16 C_global_9;
      tnr_f32x16 C_global_10;
      tnr_f32x16 C_global_11;
      tnr_f32x16 C_global_12;
      tnr_f32x16 C_global_13;
      tnr_f32x16 C_global_14;
      tnr_f32x16 C_global_15;
      C_global_0 = tnr_vbcast_f32x16(0.0f);
      C_global_1 = tnr_vbcast_f32x16(0.0f);
      C_global_2 = tnr_vbcast_f32x16(0.0f);
      C_global_3 = tnr_vbcast_f32x16(0.0f);
      C_global_4 = tnr_vbcast_f32x16(0.0f);
      C_global_5 = tnr_vbcast_f32x16(0.0f);
      C_global_6 = tnr_vbcast_f32x16(0.0f);
      C_global_7 = tnr_vbcast_f32x16(0.0f);
      C_global_8 = tnr_vbcast_f32x16(0.0f);
      C_global_9 = tnr_vbcast_f32x16(0.0f);
      C_global_10 = tnr_vbcast_f32x16(0.0f);
      C_global_11 = tnr_vbcast_f32x16(0.0f);
      C_global_12 = tnr_vbcast_f32x16(0.0f);
      C_global_13 = tnr_vbcast_f32x16(0.0f);
      C_global_14 = tnr_vbcast_f32x16(0.0f);
      C_global_15 = tnr_vbcast_f32x16(0.0f);
      for (int32_t k_0 = 0; k_0 < 32; ++k_0) {
        C_global_0 = (C_global_0 + (tnr_vbcast_f32x16(A[((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4))]) * tnr_vload_f32x16(&B[((k_0 * 512) + ((i_0_j_0_fused % 2) * 64))])));
        C_global_1 = (C_global_1 + (tnr_vbcast_f32x16(A[((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4))]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 16)])));
        C_global_2 = (C_global_2 + (tnr_vbcast_f32x16(A[((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4))]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 32)])));
        C_global_3 = (C_global_3 + (tnr_vbcast_f32x16(A[((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4))]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 48)])));
        C_global_4 = (C_global_4 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 128)]) * tnr_vload_f32x16(&B[((k_0 * 512) + ((i_0_j_0_fused % 2) * 64))])));
        C_global_5 = (C_global_5 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 128)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 16)])));
        C_global_6 = (C_global_6 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 128)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 32)])));
        C_global_7 = (C_global_7 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 128)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 48)])));
        C_global_0 = (C_global_0 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 1)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 128)])));
        C_global_1 = (C_global_1 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 1)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 144)])));
        C_global_2 = (C_global_2 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 1)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 160)])));
        C_global_3 = (C_global_3 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 1)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 176)])));
        C_global_4 = (C_global_4 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 129)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 128)])));
        C_global_5 = (C_global_5 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 129)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 144)])));
        C_global_6 = (C_global_6 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 129)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 160)])));
        C_global_7 = (C_global_7 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 129)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 176)])));
        C_global_0 = (C_global_0 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 2)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 256)])));
        C_global_1 = (C_global_1 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 2)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 272)])));
        C_global_2 = (C_global_2 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 2)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 288)])));
        C_global_3 = (C_global_3 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 2)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 304)])));
        C_global_4 = (C_global_4 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 130)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 256)])));
        C_global_5 = (C_global_5 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 130)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 272)])));
        C_global_6 = (C_global_6 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 130)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 288)])));
        C_global_7 = (C_global_7 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 130)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 304)])));
        C_global_0 = (C_global_0 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 3)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 384)])));
        C_global_1 = (C_global_1 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 3)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 400)])));
        C_global_2 = (C_global_2 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 3)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 416)])));
        C_global_3 = (C_global_3 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 3)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 432)])));
        C_global_4 = (C_global_4 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 131)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 384)])));
        C_global_5 = (C_global_5 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 131)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 400)])));
        C_global_6 = (C_global_6 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 131)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 416)])));
        C_global_7 = (C_global_7 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 131)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 432)])));
        C_global_8 = (C_global_8 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 256)]) * tnr_vload_f32x16(&B[((k_0 * 512) + ((i_0_j_0_fused % 2) * 64))])));
        C_global_9 = (C_global_9 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 256)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 16)])));
        C_global_10 = (C_global_10 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 256)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 32)])));
        C_global_11 = (C_global_11 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 256)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 48)])));
        C_global_12 = (C_global_12 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 384)]) * tnr_vload_f32x16(&B[((k_0 * 512) + ((i_0_j_0_fused % 2) * 64))])));
        C_global_13 = (C_global_13 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 384)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 16)])));
        C_global_14 = (C_global_14 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 384)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 32)])));
        C_global_15 = (C_global_15 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 384)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 48)])));
        C_global_8 = (C_global_8 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 257)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 128)])));
        C_global_9 = (C_global_9 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 257)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 144)])));
        C_global_10 = (C_global_10 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 257)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 160)])));
        C_global_11 = (C_global_11 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 257)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 176)])));
        C_global_12 = (C_global_12 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 385)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 128)])));
        C_global_13 = (C_global_13 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 385)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 144)])));
        C_global_14 = (C_global_14 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 385)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 160)])));
        C_global_15 = (C_global_15 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 385)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 176)])));
        C_global_8 = (C_global_8 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 258)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 256)])));
        C_global_9 = (C_global_9 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 258)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 272)])));
        C_global_10 = (C_global_10 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 258)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 288)])));
        C_global_11 = (C_global_11 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 258)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 304)])));
        C_global_12 = (C_global_12 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 386)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 256)])));
        C_global_13 = (C_global_13 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 386)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 272)])));
        C_global_14 = (C_global_14 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 386)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 288)])));
        C_global_15 = (C_global_15 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 386)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 304)])));
        C_global_8 = (C_global_8 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 259)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 384)])));
        C_global_9 = (C_global_9 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 259)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 400)])));
        C_global_10 = (C_global_10 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 259)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 416)])));
        C_global_11 = (C_global_11 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 259)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 432)])));
        C_global_12 = (C_global_12 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 387)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 384)])));
        C_global_13 = (C_global_13 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 387)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 400)])));
        C_global_14 = (C_global_14 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 387)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 416)])));
        C_global_15 = (C_global_15 + (tnr_vbcast_f32x16(A[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + (k_0 * 4)) + 387)]) * tnr_vload_f32x16(&B[(((k_0 * 512) + ((i_0_j_0_fused % 2) * 64)) + 432)])));
      }
      tnr_vstore_f32x16(&C[((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + ((i_0_j_0_fused % 2) * 64))], C_global_0);
      tnr_vstore_f32x16(&C[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + ((i_0_j_0_fused % 2) * 64)) + 16)], C_global_1);
      tnr_vstore_f32x16(&C[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + ((i_0_j_0_fused % 2) * 64)) + 32)], C_global_2);
      tnr_vstore_f32x16(&C[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + ((i_0_j_0_fused % 2) * 64)) + 48)], C_global_3);
      tnr_vstore_f32x16(&C[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + ((i_0_j_0_fused % 2) * 64)) + 128)], C_global_4);
      tnr_vstore_f32x16(&C[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + ((i_0_j_0_fused % 2) * 64)) + 144)], C_global_5);
      tnr_vstore_f32x16(&C[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + ((i_0_j_0_fused % 2) * 64)) + 160)], C_global_6);
      tnr_vstore_f32x16(&C[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + ((i_0_j_0_fused % 2) * 64)) + 176)], C_global_7);
      tnr_vstore_f32x16(&C[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + ((i_0_j_0_fused % 2) * 64)) + 256)], C_global_8);
      tnr_vstore_f32x16(&C[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + ((i_0_j_0_fused % 2) * 64)) + 272)], C_global_9);
      tnr_vstore_f32x16(&C[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + ((i_0_j_0_fused % 2) * 64)) + 288)], C_global_10);
      tnr_vstore_f32x16(&C[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + ((i_0_j_0_fused % 2) * 64)) + 304)], C_global_11);
      tnr_vstore_f32x16(&C[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + ((i_0_j_0_fused % 2) * 64)) + 384)], C_global_12);
      tnr_vstore_f32x16(&C[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + ((i_0_j_0_fused % 2) * 64)) + 400)], C_global_13);
      tnr_vstore_f32x16(&C[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + ((i_0_j_0_fused % 2) * 64)) + 416)], C_global_14);
      tnr_vstore_f32x16(&C[(((((i_0_j_0_fused / 2) * 2048) + (i_1 * 512)) + ((i_0_j_0_fused % 2) * 64)) + 432)], C_global_15);
    }
  }
  return 0;
}
