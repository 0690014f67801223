#!/usr/bin/env bash
# End-to-end latency of the example Relax models, untuned vs tuned (issue 13's figures; not CI: run on an idle
# machine, the figures of one run side by side).
#   benchmarks/models/run.sh [trials-per-task=64] [out-dir=/tmp/tuner-models-bench] [MODEL.py ...]
# For each model (default: examples/mlp_relax.py, transformer_relax.py, conv_relax.py):
# 1. `tuner bench-model MODEL` lists the PrimFuncs main calls after LegalizeOps → FuseOps → FuseTIR (the tasks);
# 2. `tuner tune MODEL --max-trials-per-task T --max-trials-global T × tasks` (seed 1) into out-dir/<model>;
# 3. `tuner bench-model MODEL --work-dir out-dir/<model>`: untuned and tuned timed in the same process.
# Prints a compact table per model: end-to-end µs untuned / tuned, speed-up, and each PrimFunc's share of the
# tuned model's latency. The raw outputs stay in out-dir (<model>.tune.txt, <model>.bench.txt).
set -euo pipefail
cd "$(dirname "$0")/../.."
per_task=${1:-64}
out=${2:-/tmp/tuner-models-bench}
shift $(( $# < 2 ? $# : 2 ))
models=("$@")
[ ${#models[@]} -gt 0 ] || models=(examples/mlp_relax.py examples/transformer_relax.py examples/conv_relax.py)
rm -rf "$out"; mkdir -p "$out"
echo "host: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ); $per_task trials per task"

dotnet build -c Release -v q -m:1 src/Host >/dev/null
tuner() { dotnet src/Host/bin/Release/net10.0/tuner.dll "$@"; }

# The PrimFunc rows of a bench-model table (between its header and the "Total" line).
rows() { awk '/^PrimFunc /{on=1; next} /^Total /{on=0} on' "$1"; }

summary=()
for model in "${models[@]}"; do
  name=$(basename "$model" .py)
  tuner bench-model "$model" > "$out/$name.plan.txt"
  tasks=$(rows "$out/$name.plan.txt" | wc -l)
  [ "$tasks" -gt 0 ] || { echo "$model: no PrimFunc calls found" >&2; exit 1; }
  budget=$(( per_task * tasks ))
  per_iter=$(( per_task < 64 ? per_task : 64 ))
  echo "== $name: $tasks PrimFuncs, tuning $budget trials ($per_task per task)"
  start=$(date +%s.%N)
  tuner tune "$model" --work-dir "$out/$name" --max-trials-global "$budget" --max-trials-per-task "$per_task" \
    --num-trials-per-iter "$per_iter" --seed 1 > "$out/$name.tune.txt" 2>&1
  wall=$(echo "$(date +%s.%N) - $start" | bc -l)
  # tune's plan line ("tuning N tasks (...)") must agree with the count the budget was made from.
  planned=$(sed -nE 's/^tuning ([0-9]+) tasks.*/\1/p' "$out/$name.tune.txt" | head -n 1)
  [ "$planned" = "$tasks" ] || echo "warning: tune planned ${planned:-?} tasks, bench-model listed $tasks" >&2
  grep '^Tuning done' "$out/$name.tune.txt"
  tuner bench-model "$model" --work-dir "$out/$name" > "$out/$name.bench.txt" 2>&1
  # Columns of a row: PrimFunc Calls Untuned(us) Share % Tuned(us) Share % Speed-up
  rows "$out/$name.bench.txt" | awk -v m="$name" '{ printf "  %-22s %-28s untuned %10s us %6s %%   tuned %10s us %6s %%   %s\n", m, $1, $3, $4, $6, $7, $9 }'
  total=$(awk '/^Total /{ print $6, $7, $8 }' "$out/$name.bench.txt")
  summary+=("$(printf '%-22s %6d %7d %9.0f %14s %12s %9s' "$name" "$tasks" "$budget" "$wall" $total)")
done

echo
printf '%-22s %6s %7s %9s %14s %12s %9s\n' model funcs trials tune_s untuned_us tuned_us speed-up
printf '%s\n' "${summary[@]}"
