/* OpenBLAS references for the NCHW conv benchmark (3x3, stride 1, pad 1, batch 1, bias + relu), with the runner's
 * entry convention: args = input[ci][h][w], weight[co][ci][3][3], bias[co], out[co][h][w], &ci, &h, &w, &co (int32).
 * blas_conv_im2col: the whole operator (im2col, sgemm, bias + relu). blas_conv_gemm: the sgemm part alone, on a
 * column matrix built once on the first call (what "OpenBLAS's im2col GEMM part" means in the findings). */
#include <cblas.h>
#include <stdint.h>
#include <stdlib.h>

static float* col_buffer(size_t n) {
  static float* col = 0;
  static size_t cap = 0;
  if (n > cap) { free(col); col = aligned_alloc(64, (n * sizeof(float) + 63) / 64 * 64); cap = n; }
  return col;
}

static void im2col(const float* in, float* col, int ci, int h, int w) {
  for (int c = 0; c < ci; c++)
    for (int ry = 0; ry < 3; ry++)
      for (int rx = 0; rx < 3; rx++) {
        float* row = col + ((size_t)(c * 9 + ry * 3 + rx)) * h * w;
        for (int y = 0; y < h; y++)
          for (int x = 0; x < w; x++) {
            int iy = y + ry - 1, ix = x + rx - 1;
            row[y * w + x] = (iy >= 0 && iy < h && ix >= 0 && ix < w) ? in[((size_t)c * h + iy) * w + ix] : 0.0f;
          }
      }
}

int32_t blas_conv_im2col(void** args) {
  const float* in = (const float*)args[0];
  const float* wt = (const float*)args[1];
  const float* bias = (const float*)args[2];
  float* out = (float*)args[3];
  int ci = *(int32_t*)args[4], h = *(int32_t*)args[5], w = *(int32_t*)args[6], co = *(int32_t*)args[7];
  float* col = col_buffer((size_t)ci * 9 * h * w);
  im2col(in, col, ci, h, w);
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, co, h * w, ci * 9, 1.0f, wt, ci * 9, col, h * w, 0.0f, out, h * w);
  for (int f = 0; f < co; f++)
    for (int i = 0; i < h * w; i++) {
      float v = out[(size_t)f * h * w + i] + bias[f];
      out[(size_t)f * h * w + i] = v > 0.0f ? v : 0.0f;
    }
  return 0;
}

int32_t blas_conv_gemm(void** args) {
  const float* in = (const float*)args[0];
  const float* wt = (const float*)args[1];
  float* out = (float*)args[3];
  int ci = *(int32_t*)args[4], h = *(int32_t*)args[5], w = *(int32_t*)args[6], co = *(int32_t*)args[7];
  static int filled = 0;
  float* col = col_buffer((size_t)ci * 9 * h * w);
  if (!filled) { im2col(in, col, ci, h, w); filled = 1; }
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, co, h * w, ci * 9, 1.0f, wt, ci * 9, col, h * w, 0.0f, out, h * w);
  return 0;
}
