/* FP32 FMA peak of this machine, with the runner's entry convention: args = out (float[2]), &kiters (int32).
 * Each OpenMP thread runs 12 independent chains of 16-lane FMAs (zmm registers on AVX-512; gcc splits them on
 * narrower machines) for kiters * 1000 steps: 12 * 16 * 2 FLOP per step per thread. out[1] = threads used. */
#include <omp.h>
#include <stdint.h>

typedef float v16 __attribute__((vector_size(64)));

int32_t fma_peak(void** args) {
  float* out = (float*)args[0];
  long steps = (long)*(int32_t*)args[1] * 1000L;
  float total = 0.0f;
  int threads = 1;
#pragma omp parallel reduction(+ : total)
  {
#pragma omp single
    threads = omp_get_num_threads();
    float seed = 1.0f + 1e-3f * (float)omp_get_thread_num();
    v16 m = {0}, c = {0};
    m += 0.999999f;
    c += 1e-7f;
    v16 a0 = m * seed, a1 = a0 + 1e-6f, a2 = a0 + 2e-6f, a3 = a0 + 3e-6f, a4 = a0 + 4e-6f, a5 = a0 + 5e-6f;
    v16 a6 = a0 + 6e-6f, a7 = a0 + 7e-6f, a8 = a0 + 8e-6f, a9 = a0 + 9e-6f, a10 = a0 + 1e-5f, a11 = a0 + 1.1e-5f;
    for (long i = 0; i < steps; i++) {
      /* Independent chains hide the FMA latency; the asm barrier keeps the compiler from folding the loop. */
      a0 = a0 * m + c; a1 = a1 * m + c; a2 = a2 * m + c; a3 = a3 * m + c; a4 = a4 * m + c; a5 = a5 * m + c;
      a6 = a6 * m + c; a7 = a7 * m + c; a8 = a8 * m + c; a9 = a9 * m + c; a10 = a10 * m + c; a11 = a11 * m + c;
      __asm__ volatile("" : "+v"(a0), "+v"(a1), "+v"(a2), "+v"(a3), "+v"(a4), "+v"(a5));
      __asm__ volatile("" : "+v"(a6), "+v"(a7), "+v"(a8), "+v"(a9), "+v"(a10), "+v"(a11));
    }
    v16 s = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
    for (int l = 0; l < 16; l++) total += s[l];
  }
  out[0] = total;
  out[1] = (float)threads;
  return 0;
}
