/* OpenBLAS reference for the GMM benchmark, with the runner's entry convention: args = A, B, C, &n (int32). */
#include <cblas.h>
#include <stdint.h>

int32_t blas_sgemm(void** args) {
  const float* A = (const float*)args[0];
  const float* B = (const float*)args[1];
  float* C = (float*)args[2];
  int n = *(int32_t*)args[3];
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0f, A, n, B, n, 0.0f, C, n);
  return 0;
}
