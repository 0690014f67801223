#!/usr/bin/env bash
# Resuming a long session (not CI; a quiet machine): how long `tuner tune` takes from process start until its task is
# ready to search again when its work_dir holds a 10 000-trial session.
#   benchmarks/engine/recovery.sh [total=10000] [out-dir=/tmp/tuner-recovery-bench]
# 1. a real 64-trial session of GMM-512 (`tuner tune`, 64 per round, seed 1);
# 2. `Bench grow-journal` journals it up to TOTAL trials as the engine would (a raised budget, then per 64 a grant,
#    the batch of distinct programs sampled from the real design space, their results with synthetic latencies — no
#    compiling —, a snapshot every 500 results); the record log keeps its 64 lines, so the first start repairs it;
# 3. `tuner tune` with the same budget, three times, with TUNER_STARTUP_TRACE=1: the first restores the record log's
#    missing lines from the journal; the others find it whole. Each prints the start-up marks: "session recovered" is
#    the journal's recovery (latest snapshot + the events after it), "task 0 prepared" is the task ready to search
#    (its measured set from the journal's hashes, its cost model pre-trained on tuner.engine.pretrain-limit results).
set -euo pipefail
cd "$(dirname "$0")/../.."
total=${1:-10000}
out=${2:-/tmp/tuner-recovery-bench}
rm -rf "$out"; mkdir -p "$out"
echo "host: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
dotnet build -c Release -v q -m:1 src/Host >/dev/null
dotnet build -c Release -v q -m:1 benchmarks/Bench >/dev/null
tuner=(dotnet src/Host/bin/Release/net10.0/tuner.dll)
sed 's/1024/512/g' benchmarks/traces/gmm1024.py > "$out/gmm512.py"
work=$out/work

echo "== a real 64-trial session"
"${tuner[@]}" tune "$out/gmm512.py" --work-dir "$work" --max-trials-global 64 --num-trials-per-iter 64 --seed 1 2>&1 | grep '^Tuning done'
echo "== grown to $total trials"
dotnet benchmarks/Bench/bin/Release/net10.0/Bench.dll grow-journal "$work" "$out/gmm512.py" "$total"
sqlite3 "$work/journal.db" "SELECT 'snapshots kept: ' || count(*) || ', latest ' || printf('%.1f', max(length(snapshot)) / 1e6) || ' MB' FROM snapshot" 2>/dev/null || true

for run in "record log short by $((total - 64)) lines" "record log whole" "record log whole, again"; do
  echo "== resume ($run)"
  start=$(date +%s.%N)
  TUNER_STARTUP_TRACE=1 "${tuner[@]}" tune "$out/gmm512.py" --work-dir "$work" --max-trials-global "$total" --num-trials-per-iter 64 --seed 1 2>&1 |
    grep -E 'startup .*(db open|plan shown|session prestart|session recovered|records repaired|task 0 prepared)|^resuming|^warning' || true
  printf 'process wall %.2f s\n' "$(echo "$(date +%s.%N) - $start" | bc -l)"
done
grep -h 'resumed with' "$work"/logs/task_0_*.log | tail -1 | sed 's/^[0-9-]* [0-9:.]* //'
