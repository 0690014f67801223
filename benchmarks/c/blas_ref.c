/* OpenBLAS references for the benchmark suite, with the runner's entry convention (args = buffers, then one int32
 * array of dimensions). Layouts are the workload library's (src/Ir/Workloads), so the outputs are comparable. */
#include <cblas.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* GMM, batch_matmul_nkkm: Z[b] = X[b] (N x K) * Y[b] (K x M); dims = B, N, M, K. */
int32_t blas_gmm(void** args) {
  const float* x = (const float*)args[0];
  const float* y = (const float*)args[1];
  float* z = (float*)args[2];
  const int32_t* d = (const int32_t*)args[3];
  int b = d[0], n = d[1], m = d[2], k = d[3];
  for (int i = 0; i < b; i++)
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, m, k, 1.0f, x + (long)i * n * k, k, y + (long)i * k * m, m, 0.0f,
                z + (long)i * n * m, m);
  return 0;
}

/* TBG, transpose_batch_matmul: C[b, h] = query[b, :, h, :] * value[b, :, h, :]^T, read in place through the leading
 * dimension (no transpose copies); dims = batch, seq_len, n_head, n_dim. */
int32_t blas_tbg(void** args) {
  const float* q = (const float*)args[0];
  const float* v = (const float*)args[1];
  float* c = (float*)args[2];
  const int32_t* d = (const int32_t*)args[3];
  int b = d[0], l = d[1], h = d[2], dim = d[3];
  for (int i = 0; i < b; i++)
    for (int j = 0; j < h; j++)
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, l, l, dim, 1.0f, q + ((long)i * l * h + j) * dim, h * dim,
                  v + ((long)i * l * h + j) * dim, h * dim, 0.0f, c + ((long)i * h + j) * l * l, l);
  return 0;
}

/* C2D, conv2d_nhwc (batch 1) as im2col + sgemm: the patches of the zero-padded input as an (OH*OW) x (K*K*CI)
 * matrix times the weight, which HWIO already lays out as (K*K*CI) x CO; dims = H, W, CI, CO, K, stride, padding.
 * The im2col buffer is built inside the timed call, as a framework using this method pays for it. */
int32_t blas_c2d(void** args) {
  const float* in = (const float*)args[0];
  const float* w = (const float*)args[1];
  float* out = (float*)args[2];
  const int32_t* d = (const int32_t*)args[3];
  int h = d[0], wd = d[1], ci = d[2], co = d[3], k = d[4], s = d[5], p = d[6];
  int oh = (h + 2 * p - k) / s + 1, ow = (wd + 2 * p - k) / s + 1;
  long cols = (long)k * k * ci;
  float* patches = (float*)malloc(sizeof(float) * oh * ow * cols);
  if (!patches) return -1;
  for (int y = 0; y < oh; y++)
    for (int x = 0; x < ow; x++) {
      float* row = patches + ((long)y * ow + x) * cols;
      for (int ry = 0; ry < k; ry++)
        for (int rx = 0; rx < k; rx++) {
          int iy = y * s + ry - p, ix = x * s + rx - p;
          float* dst = row + ((long)ry * k + rx) * ci;
          if (iy < 0 || iy >= h || ix < 0 || ix >= wd) memset(dst, 0, sizeof(float) * ci);
          else memcpy(dst, in + ((long)iy * wd + ix) * ci, sizeof(float) * ci);
        }
    }
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, oh * ow, co, (int)cols, 1.0f, patches, (int)cols, w, co, 0.0f, out, co);
  free(patches);
  return 0;
}
