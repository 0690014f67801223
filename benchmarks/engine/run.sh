#!/usr/bin/env bash
# The actor engine against the synchronous loop it replaced (not CI; run on a quiet machine, figures side by side).
#   benchmarks/engine/run.sh [trials=256] [out-dir=/tmp/tuner-engine-bench]
# 1. trials per minute: `tuner tune` of the engine (this checkout) and of commit 472a3bc (the last synchronous loop,
#    built in a temporary worktree) on GMM-512 and on examples/mlp_module.py, same seed, flags and machine, alternating
#    old/new so that drifting load hits both alike;
# 2. the journal's share of the engine's wall time (its own "journal … s" in the final line);
# 3. time from process start to the first new trial when resuming after kill -9: a 1000-trial session is started,
#    killed with SIGKILL once it has 500 trials, and resumed; the first "measured" line of the resumed run's task log
#    gives the moment (the pending batch, measured first, counts as the first new trials).
set -euo pipefail
cd "$(dirname "$0")/../.."
trials=${1:-256}
out=${2:-/tmp/tuner-engine-bench}
old_rev=472a3bc
rm -rf "$out"; mkdir -p "$out"
echo "host: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"

# Builds: this checkout (Release) and the old loop in a temporary worktree (removed at exit).
dotnet build -c Release -v q -m:1 src/Host >/dev/null
new=src/Host/bin/Release/net10.0/tuner.dll
old_tree=$(mktemp -d /tmp/tuner-oldloop.XXXXXX)
trap 'git worktree remove --force "$old_tree" >/dev/null 2>&1 || true' EXIT
git worktree add --detach "$old_tree" "$old_rev" >/dev/null 2>&1
dotnet build -c Release -v q -m:1 "$old_tree/src/Host" >/dev/null
old=$old_tree/src/Host/bin/Release/net10.0/tuner.dll

sed 's/1024/512/g' benchmarks/traces/gmm1024.py > "$out/gmm512.py"
common=(--max-trials-global "$trials" --num-trials-per-iter 64 --seed 1)

tune() { # label dll module workdir → prints "label module trials wall_s trials/min journal_s"
  local label=$1 dll=$2 module=$3 work=$4 start end line
  start=$(date +%s.%N)
  line=$(dotnet "$dll" tune "$module" --work-dir "$work" "${common[@]}" 2>/dev/null | grep '^Tuning done' || true)
  end=$(date +%s.%N)
  local wall; wall=$(echo "$end - $start" | bc -l)
  local measured; measured=$(sed -E 's/.*: ([0-9]+) trials measured this run.*/\1/' <<<"$line")
  local journal; journal=$(grep -oE 'journal [0-9.]+ s' <<<"$line" | grep -oE '[0-9.]+' || echo 0)
  printf '%-7s %-16s %5s trials %8.1f s %7.1f trials/min  journal %s s (%.1f %%)\n' "$label" "$(basename "$module")" "$measured" "$wall" \
    "$(echo "$measured * 60 / $wall" | bc -l)" "$journal" "$(echo "100 * $journal / $wall" | bc -l)"
}

echo "== trials per minute ($trials trials, 64 per round, process wall time including start-up)"
for module in "$out/gmm512.py" examples/mlp_module.py; do
  name=$(basename "$module" .py)
  tune old "$old" "$module" "$out/old-$name"
  tune engine "$new" "$module" "$out/new-$name"
done

echo "== resume after kill -9 (1000-trial session on GMM-512, killed at 500 trials)"
work=$out/resume
dotnet "$new" tune "$out/gmm512.py" --work-dir "$work" --max-trials-global 1000 --num-trials-per-iter 64 --seed 1 >/dev/null 2>&1 &
pid=$!
until [ -f "$work/database_tuning_record.json" ] && [ "$(wc -l < "$work/database_tuning_record.json")" -ge 500 ]; do sleep 1; done
kill -9 "$pid"; wait "$pid" 2>/dev/null || true
before=$(grep -c ' measured ' "$work"/logs/task_0_*.log)
start=$(date +%s.%N)
dotnet "$new" tune "$out/gmm512.py" --work-dir "$work" --max-trials-global 1000 --num-trials-per-iter 64 --seed 1 >/dev/null 2>&1 &
pid=$!
until [ "$(grep -c ' measured ' "$work"/logs/task_0_*.log)" -gt "$before" ]; do sleep 0.05; done
first=$(date +%s.%N)
kill -9 "$pid"; wait "$pid" 2>/dev/null || true
printf 'first new trials %.1f s after process start (includes start-up, journal recovery, record-log check, task restore)\n' \
  "$(echo "$first - $start" | bc -l)"
dotnet "$new" sessions "$work"
