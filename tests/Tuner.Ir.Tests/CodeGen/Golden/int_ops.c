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
static inline int32_t tnr_max_i32(int32_t a, int32_t b) { return a > b ? a : b; }
static inline int32_t tnr_min_i32(int32_t a, int32_t b) { return a < b ? a : b; }

int32_t int_ops(void** args) {
  int32_t* __restrict__ A = (int32_t*)args[0];
  uint32_t* __restrict__ P = (uint32_t*)args[1];
  int32_t* __restrict__ O = (int32_t*)args[2];
  float* __restrict__ W = (float*)args[3];
  for (int32_t i = 0; i < 64; ++i) {
    O[(i * 6)] = tnr_floordiv_i32(A[i], 3);
    O[((i * 6) + 1)] = tnr_floormod_i32(A[i], 3);
    O[((i * 6) + 2)] = tnr_floormod_i32(A[i], (-4));
    O[((i * 6) + 3)] = (A[i] / (-3));
    O[((i * 6) + 4)] = (A[i] % 3);
    O[((i * 6) + 5)] = tnr_max_i32(tnr_min_i32(A[i], 5), (-5));
  }
  for (int32_t j = 0; j < 64; ++j) {
    W[j] = (((float)((P[(j / 8)] >> ((uint32_t)((j % 8) * 4))) & ((uint32_t)15ULL))) - 8.0f);
  }
  return 0;
}
