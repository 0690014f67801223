/*
 * Tuner runner worker: loads candidate shared libraries with dlopen and times them, one command per stdin line,
 * one reply per stdout line. It runs in its own process so that a crashing or hanging candidate kills only it.
 *
 * Command (fields separated by tabs):
 *   run <lib> <symbol> <number> <repeat> <min_repeat_ms> <flush 0|1> <warmup 0|1> <cutoff_ms> <nargs> <argfile>...
 *     argfile: a file holding one argument's bytes (buffer data, or a scalar's value); mapped MAP_SHARED so
 *     outputs written by the kernel land in the file.
 *   quit
 * Reply: "ok <secs> <secs> ..." (one mean per repeat) or "err <message>".
 * Timing follows TVM's evaluator: one warm-up call, then per repeat `number` calls timed together, `number`
 * raised (x1.618, or enough for min_repeat_ms) until a repeat lasts at least min_repeat_ms. Not in TVM: when
 * cutoff_ms > 0 and the warm-up call alone took longer, each repeat is one call (the candidate is far slower than
 * the best known, and the min_repeat_ms loop would spend most of the run time on it). Not in TVM either: a batch
 * that overruns twice min_repeat_ms (the kernel got slower than the previous batch predicted) stops early.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef int32_t (*kernel_fn)(void**);

#define MAX_FIELDS 4096

static double now_sec(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Evicts the arguments from the CPU caches (TVM's cache_flush_cpu_non_first_arg flushes them too). */
static void flush_cache(void** args, size_t* sizes, int nargs) {
#if defined(__x86_64__) || defined(__i386__)
  for (int i = 0; i < nargs; i++)
    for (size_t off = 0; off < sizes[i]; off += 64) __builtin_ia32_clflush((char*)args[i] + off);
  __builtin_ia32_mfence();
#else
  static volatile char* scratch = 0;
  const size_t n = 64u << 20;
  if (!scratch) scratch = malloc(n);
  for (size_t off = 0; off < n; off += 64) scratch[off]++;
  (void)args; (void)sizes; (void)nargs;
#endif
}

/* Replies go to a private copy of the original stdout; fd 1 is pointed at stderr so that a candidate that
 * prints cannot corrupt the protocol. */
static FILE* proto;

static void reply_err(const char* what, const char* detail) {
  fprintf(proto, "err %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
  fflush(proto);
}

static void run(char** f, int nf) {
  if (nf < 10) { reply_err("malformed run command", NULL); return; }
  const char* lib = f[1]; const char* sym = f[2];
  long number = atol(f[3]), repeat = atol(f[4]);
  double min_repeat_ms = atof(f[5]);
  int flush = atoi(f[6]), warmup = atoi(f[7]), nargs = atoi(f[9]);
  double cutoff_ms = atof(f[8]);
  if (nargs < 0 || nf != 10 + nargs || number < 1 || repeat < 1) { reply_err("malformed run command", NULL); return; }
  void* h = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
  if (!h) { reply_err("dlopen failed", dlerror()); return; }
  kernel_fn fn = (kernel_fn)dlsym(h, sym);
  if (!fn) { reply_err("symbol not found", sym); return; }
  void** args = calloc((size_t)nargs + 1, sizeof(void*));
  size_t* sizes = calloc((size_t)nargs + 1, sizeof(size_t));
  int ok = 1;
  for (int i = 0; i < nargs && ok; i++) {
    int fd = open(f[10 + i], O_RDWR);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) { reply_err("cannot open argument file", f[10 + i]); ok = 0; if (fd >= 0) close(fd); break; }
    sizes[i] = (size_t)st.st_size;
    args[i] = mmap(NULL, sizes[i] ? sizes[i] : 1, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    if (args[i] == MAP_FAILED) { args[i] = NULL; reply_err("cannot map argument file", f[10 + i]); ok = 0; }
  }
  if (ok) {
    double w0 = now_sec();
    int32_t rc = warmup ? fn(args) : 0;
    if (rc != 0) { fprintf(proto, "err kernel returned %d\n", rc); fflush(proto); ok = 0; }
    if (warmup && cutoff_ms > 0.0 && (now_sec() - w0) * 1e3 > cutoff_ms) { number = 1; min_repeat_ms = 0.0; }
    char* out = malloc(32 * (size_t)repeat + 16);
    size_t len = (size_t)sprintf(out, "ok");
    for (long r = 0; r < repeat && ok; r++) {
      if (flush) flush_cache(args, sizes, nargs);
      double ms = 0.0;
      int zero_times = 0;
      do {
        if (ms > 0.0) {
          double need = min_repeat_ms / (ms / (double)number) + 1.0, grown = (double)number * 1.618;
          number = (long)(need > grown ? need : grown);
        }
        double t0 = now_sec();
        long calls = 0;
        while (calls < number) {
          rc |= fn(args);
          calls++;
          /* Not in TVM: `number` is extrapolated from the previous, shorter batch. When the kernel then runs far
           * slower (a starved process, OpenMP threads waiting for busy cores), those calls could take minutes and
           * the worker be killed as hung. The clock is read after 1, 2, 4, ... and then every 64 calls (cheap), and
           * a batch that has run twice min_repeat_ms stops: its mean over the calls made is the figure. */
          if (min_repeat_ms > 0.0 && ((calls & (calls - 1)) == 0 || (calls & 63) == 0) &&
              (now_sec() - t0) * 1e3 > 2.0 * min_repeat_ms) break;
        }
        number = calls;
        ms = (now_sec() - t0) * 1e3;
        if (ms == 0.0) zero_times++;
      } while (ms < min_repeat_ms && zero_times < 10 && rc == 0);
      if (rc != 0) { fprintf(proto, "err kernel returned %d\n", rc); fflush(proto); ok = 0; break; }
      len += (size_t)sprintf(out + len, " %.17g", ms / 1e3 / (double)number);
    }
    if (ok) { fprintf(proto, "%s\n", out); fflush(proto); }
    free(out);
  }
  for (int i = 0; i < nargs; i++) if (args[i]) munmap(args[i], sizes[i] ? sizes[i] : 1);
  free(args); free(sizes);
}

int main(void) {
  char* line = NULL;
  size_t cap = 0;
  ssize_t n;
  static char* f[MAX_FIELDS];
  proto = fdopen(dup(STDOUT_FILENO), "w");
  if (!proto || dup2(STDERR_FILENO, STDOUT_FILENO) < 0) return 1;
  while ((n = getline(&line, &cap, stdin)) > 0) {
    if (line[n - 1] == '\n') line[--n] = 0;
    int nf = 0;
    for (char* p = line; p && nf < MAX_FIELDS;) {
      f[nf++] = p;
      p = strchr(p, '\t');
      if (p) *p++ = 0;
    }
    if (nf == 0 || f[0][0] == 0) continue;
    if (strcmp(f[0], "quit") == 0) break;
    if (strcmp(f[0], "ping") == 0) { fprintf(proto, "ok\n"); fflush(proto); continue; }
    if (strcmp(f[0], "run") == 0) run(f, nf);
    else reply_err("unknown command", f[0]);
  }
  free(line);
  return 0;
}
