#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

static inline float tnr_max_f32(float a, float b) { return a > b ? a : b; }

int32_t softmax(void** args) {
  float* __restrict__ A = (float*)args[0];
  float* __restrict__ T_softmax_norm = (float*)args[1];
  float T_softmax_maxelem[256] __attribute__((aligned(64)));
  float T_softmax_exp[65536] __attribute__((aligned(64)));
  float T_softmax_expsum[256] __attribute__((aligned(64)));
  for (int32_t i0 = 0; i0 < 256; ++i0) {
    for (int32_t k0 = 0; k0 < 256; ++k0) {
      if (k0 == 0) {
        T_softmax_maxelem[i0] = (-INFINITY);
      }
      T_softmax_maxelem[i0] = tnr_max_f32(T_softmax_maxelem[i0], A[((i0 * 256) + k0)]);
    }
  }
  for (int32_t i1 = 0; i1 < 256; ++i1) {
    for (int32_t j1 = 0; j1 < 256; ++j1) {
      T_softmax_exp[((i1 * 256) + j1)] = expf((A[((i1 * 256) + j1)] - T_softmax_maxelem[i1]));
    }
  }
  for (int32_t i2 = 0; i2 < 256; ++i2) {
    for (int32_t k2 = 0; k2 < 256; ++k2) {
      if (k2 == 0) {
        T_softmax_expsum[i2] = 0.0f;
      }
      T_softmax_expsum[i2] = (T_softmax_expsum[i2] + T_softmax_exp[((i2 * 256) + k2)]);
    }
  }
  for (int32_t i3 = 0; i3 < 256; ++i3) {
    for (int32_t j3 = 0; j3 < 256; ++j3) {
      T_softmax_norm[((i3 * 256) + j3)] = (T_softmax_exp[((i3 * 256) + j3)] / T_softmax_expsum[i3]);
    }
  }
  return 0;
}
