/*
 * Compares matmul kernels by thread CPU time (immune to the host time-sharing the vCPU, unlike wall time) —
 * for single-thread comparisons on a loaded machine. Usage (OMP_NUM_THREADS=1):
 *   cpu_time N ROUNDS lib1.so sym1 [lib2.so sym2 ...]      kernels take args A, B, C (N x N float32), &N
 * Prints per kernel: min thread-CPU ms and min wall ms over ROUNDS interleaved rounds.
 */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef int32_t (*kernel_fn)(void**);

static double sec(clockid_t c) {
  struct timespec t;
  clock_gettime(c, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char** argv) {
  if (argc < 5 || (argc - 3) % 2) { fprintf(stderr, "usage: cpu_time N ROUNDS lib sym [lib sym ...]\n"); return 2; }
  int32_t n = atoi(argv[1]);
  int rounds = atoi(argv[2]), k = (argc - 3) / 2;
  float* a = aligned_alloc(64, sizeof(float) * n * n);
  float* b = aligned_alloc(64, sizeof(float) * n * n);
  float* c = aligned_alloc(64, sizeof(float) * n * n);
  for (long i = 0; i < (long)n * n; i++) { a[i] = (float)rand() / RAND_MAX - 0.5f; b[i] = (float)rand() / RAND_MAX - 0.5f; }
  void* args[4] = {a, b, c, &n};
  kernel_fn fn[16];
  double best_cpu[16], best_wall[16];
  for (int j = 0; j < k; j++) {
    void* h = dlopen(argv[3 + 2 * j], RTLD_NOW);
    if (!h || !(fn[j] = (kernel_fn)dlsym(h, argv[4 + 2 * j]))) { fprintf(stderr, "cannot load %s\n", argv[3 + 2 * j]); return 1; }
    fn[j](args); /* warm-up */
    best_cpu[j] = best_wall[j] = 1e30;
  }
  for (int r = 0; r < rounds; r++)
    for (int j = 0; j < k; j++) {
      double c0 = sec(CLOCK_THREAD_CPUTIME_ID), w0 = sec(CLOCK_MONOTONIC);
      fn[j](args);
      double cpu = sec(CLOCK_THREAD_CPUTIME_ID) - c0, wall = sec(CLOCK_MONOTONIC) - w0;
      if (cpu < best_cpu[j]) best_cpu[j] = cpu;
      if (wall < best_wall[j]) best_wall[j] = wall;
    }
  double flops = 2.0 * n * n * n;
  for (int j = 0; j < k; j++)
    printf("%-16s cpu %8.2f ms %7.1f GFLOP/s   wall %8.2f ms\n", argv[4 + 2 * j], best_cpu[j] * 1e3, flops / best_cpu[j] / 1e9, best_wall[j] * 1e3);
  return 0;
}
