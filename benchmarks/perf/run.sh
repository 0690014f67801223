#!/usr/bin/env bash
# Side-by-side figures for docs/perf-findings.md (not CI). Needs cc, libopenblas-dev and the .NET SDK.
#   benchmarks/perf/run.sh [out-dir]
# 1. The hand conv trace (benchmarks/traces/fused_conv2d_add_relu.json) through our C vs the untuned function vs
#    OpenBLAS im2col + sgemm (+ bias/relu) and the sgemm part alone: one process, 3 interleaved rounds, 1 and 2 threads.
# 2. The transposed batched matmul (benchmarks/traces/tbg.py): a register-tiled schedule reading B strided vs the same
#    schedule with B packed by CacheRead + TransformLayout (tuner bench --trace-dir, untuned beside each).
# 3. The generated C of the conv and TBG schedules, gcc's vectorization report and the conv inner loop's assembly.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-/tmp/tuner-perf}
mkdir -p "$out"
# This VM masks its CPU model and its environment presets OpenBLAS's Haswell (AVX2) kernels: use the AVX-512 ones
# (PERF_OPENBLAS_CORETYPE overrides).
export OPENBLAS_CORETYPE=${PERF_OPENBLAS_CORETYPE:-SkylakeX}
dotnet build -c Release -v q -m:1 benchmarks/Bench >/dev/null
dotnet build -v q -m:1 src/Host >/dev/null
bench=benchmarks/Bench/bin/Release/net10.0/Bench.dll
echo "host: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
for threads in 1 2; do
  OPENBLAS_NUM_THREADS=$threads dotnet "$bench" conv benchmarks/traces/conv2d_nchw_bias_relu.py benchmarks/traces/fused_conv2d_add_relu.json "$threads"
done
dotnet src/Host/bin/Debug/net10.0/tuner.dll bench benchmarks/traces/tbg.py --trace-dir benchmarks/traces/tbg --target "llvm -num-cores 1"
dotnet "$bench" emit benchmarks/traces/conv2d_nchw_bias_relu.py benchmarks/traces/fused_conv2d_add_relu.json "$out/conv.c"
for t in tbg tbg_packed; do dotnet "$bench" emit benchmarks/traces/tbg.py "benchmarks/traces/tbg/$t.json" "$out/$t.c"; done
for f in conv tbg tbg_packed; do
  cc -O3 -march=native -fopenmp -fPIC -c -fopt-info-vec-optimized -fopt-info-vec-missed "$out/$f.c" -o /dev/null 2>&1 \
    | grep "$f.c" | grep -v "clobbers memory" > "$out/$f.vec.txt" || true
  cc -O3 -march=native -fopenmp -fPIC -S "$out/$f.c" -o "$out/$f.s"
done
# The conv's innermost loop: the block of instructions around its first FMA (loads, broadcasts and FMAs per step).
awk '/vfmadd231ps/ && !done {start = NR - 12; done = 1} {line[NR] = $0} END {for (i = start; i < start + 40; i++) print line[i]}' "$out/conv.s" \
  | grep -E "vmovups|vbroadcastss|vfmadd|^\.L|j[a-z]+ " > "$out/conv.inner.s"
echo "conv inner loop: $(grep -c vfmadd "$out/conv.inner.s") FMAs, $(grep -cE 'vmovups.*\{z\}|vbroadcastss' "$out/conv.inner.s") loads ($out/conv.inner.s)"
echo "generated C, vectorization reports (*.vec.txt) and assembly in $out"
