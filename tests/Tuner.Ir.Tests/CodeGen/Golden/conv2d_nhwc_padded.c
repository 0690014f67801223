#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>


int32_t conv2d_nhwc_padded(void** args) {
  float* __restrict__ inputs = (float*)args[0];
  float* __restrict__ weight = (float*)args[1];
  float* __restrict__ conv2d_nhwc = (float*)args[2];
  float PadInput[4096] __attribute__((aligned(64)));
  for (int32_t i1 = 0; i1 < 16; ++i1) {
    for (int32_t i2 = 0; i2 < 16; ++i2) {
      for (int32_t i3 = 0; i3 < 16; ++i3) {
        PadInput[(((i1 * 256) + (i2 * 16)) + i3)] = ((((i1 >= 1) && (i1 < 15)) && ((i2 >= 1) && (i2 < 15))) ? inputs[((((i1 * 224) + (i2 * 16)) + i3) - 240)] : 0.0f);
      }
    }
  }
  for (int32_t h = 0; h < 14; ++h) {
    for (int32_t w = 0; w < 14; ++w) {
      for (int32_t co = 0; co < 32; ++co) {
        for (int32_t rh = 0; rh < 3; ++rh) {
          for (int32_t rw = 0; rw < 3; ++rw) {
            for (int32_t rc = 0; rc < 16; ++rc) {
              if (((rh == 0) && (rw == 0)) && (rc == 0)) {
                conv2d_nhwc[(((h * 448) + (w * 32)) + co)] = 0.0f;
              }
              conv2d_nhwc[(((h * 448) + (w * 32)) + co)] = (conv2d_nhwc[(((h * 448) + (w * 32)) + co)] + (PadInput[(((((h * 256) + (rh * 256)) + (w * 16)) + (rw * 16)) + rc)] * weight[((((rh * 1536) + (rw * 512)) + (rc * 32)) + co)]));
            }
          }
        }
      }
    }
  }
  return 0;
}
