#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>


int32_t naive_matmul(void** args) {
  float* __restrict__ A = (float*)args[0];
  float* __restrict__ B = (float*)args[1];
  float* __restrict__ C = (float*)args[2];
  for (int32_t i = 0; i < 128; ++i) {
    for (int32_t j = 0; j < 128; ++j) {
      for (int32_t k = 0; k < 128; ++k) {
        if (k == 0) {
          C[((i * 128) + j)] = 0.0f;
        }
        C[((i * 128) + j)] = (C[((i * 128) + j)] + (A[((i * 128) + k)] * B[((k * 128) + j)]));
      }
    }
  }
  return 0;
}
