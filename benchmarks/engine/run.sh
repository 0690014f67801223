#!/usr/bin/env bash
# The actor engine against the synchronous loop it replaced, and the engine's overlap of search with build on vs off
# (not CI; run on a quiet machine, figures side by side).
#   [PER_ITER=64] [REPEAT=1] [OVERLAP_ON=1] benchmarks/engine/run.sh [trials=256] [out-dir=/tmp/tuner-engine-bench] [resume-trials=1000]
# REPEAT=3 runs each configuration three times (alternating) and compares medians; OVERLAP_ON=0 leaves overlap-on out;
# resume-trials=0 skips part 3.
# 1. trials per minute: `tuner tune` of commit 472a3bc (the last synchronous loop, built in a temporary worktree) and
#    of this checkout's engine with tuner.engine.overlap-search on and off (the default), on GMM-512 and on
#    examples/mlp_module.py, same seed, flags and machine, alternating old / on / off so that drifting load hits all
#    alike; then the ratios engine/old and overlap on/off;
# 2. the journal's share of the engine's wall time (its own "journal … s" in the final line);
# 3. time from process start to the first new trial when resuming after kill -9: a resume-trials session is started,
#    killed with SIGKILL once it has half of them, and resumed; the first "measured" line of the resumed run's task
#    log gives the moment (the pending batch, measured first, counts as the first new trials).
set -euo pipefail
cd "$(dirname "$0")/../.."
trials=${1:-256}
out=${2:-/tmp/tuner-engine-bench}
resume=${3:-1000}
per_round=${PER_ITER:-64} # --num-trials-per-iter of the trials-per-minute runs
repeat=${REPEAT:-1}
labels=(old overlap-on overlap-off)
[ "${OVERLAP_ON:-1}" = 0 ] && labels=(old overlap-off)
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
common=(--max-trials-global "$trials" --num-trials-per-iter "$per_round" --seed 1)

printf 'tuner.engine.overlap-search = off\n' > "$out/overlap-off.conf"
printf 'tuner.engine.overlap-search = on\n' > "$out/overlap-on.conf"

declare -A rate # "label module" -> trials/min
tune() { # label dll module workdir [extra flags] → prints "label module trials wall_s trials/min journal_s"
  local label=$1 dll=$2 module=$3 work=$4 start end line
  shift 4
  start=$(date +%s.%N)
  line=$(dotnet "$dll" tune "$module" --work-dir "$work" "${common[@]}" "$@" 2>/dev/null | grep '^Tuning done' || true)
  end=$(date +%s.%N)
  if [ -z "$line" ]; then
    printf '%-11s %-16s FAILED (no "Tuning done" line; see %s/logs)\n' "$label" "$(basename "$module")" "$work"
    return
  fi
  local wall; wall=$(echo "$end - $start" | bc -l)
  local measured; measured=$(sed -E 's/.*: ([0-9]+) trials measured this run.*/\1/' <<<"$line")
  local journal; journal=$(grep -oE 'journal [0-9.]+ s' <<<"$line" | grep -oE '[0-9.]+' || echo 0)
  local ahead; ahead=$(grep -oE '[0-9.]+ s of the search ran ahead' <<<"$line" | grep -oE '^[0-9.]+' || echo 0)
  local r; r=$(echo "$measured * 60 / $wall" | bc -l)
  runs["$label $(basename "$module")"]+="$r "
  printf '%-11s %-16s %5s trials %8.1f s %7.1f trials/min  journal %s s (%.1f %%)  search ahead during builds %s s\n' "$label" "$(basename "$module")" \
    "$measured" "$wall" "$r" "$journal" "$(echo "100 * $journal / $wall" | bc -l)" "$ahead"
}
declare -A runs # "label module" -> every run's trials/min

median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

ratio() { # a b module → "a/b" of their trials/min, or "-" when either failed
  local x=${rate["$1 $3"]:-} y=${rate["$2 $3"]:-}
  if [ -n "$x" ] && [ -n "$y" ]; then printf '%.2f' "$(echo "$x / $y" | bc -l)"; else printf -- '-'; fi
}

echo "== trials per minute ($trials trials, $per_round per round, seed 1, process wall time including start-up)"
echo "   old = the synchronous loop ($old_rev); overlap-off = the engine as shipped (tuner.engine.overlap-search = off); overlap-on = the engine with it on"
for round in $(seq "$repeat"); do
  for module in "$out/gmm512.py" examples/mlp_module.py; do
    name=$(basename "$module" .py)
    for label in "${labels[@]}"; do
      case $label in
        old) tune old "$old" "$module" "$out/old-$name-$round" ;;
        overlap-on) tune overlap-on "$new" "$module" "$out/on-$name-$round" --config "$out/overlap-on.conf" ;;
        overlap-off) tune overlap-off "$new" "$module" "$out/off-$name-$round" --config "$out/overlap-off.conf" ;;
      esac
    done
  done
done
for key in "${!runs[@]}"; do rate["$key"]=$(median <<<"${runs[$key]}"); done
for module in "$out/gmm512.py" examples/mlp_module.py; do
  m=$(basename "$module")
  [ "$repeat" -gt 1 ] && for label in "${labels[@]}"; do printf '%s %s: median %.1f trials/min of %s\n' "$m" "$label" "${rate["$label $m"]:-0}" "${runs["$label $m"]:-}"; done
  echo "$m: engine/old $(ratio overlap-off old "$m")x, overlap on/off $(ratio overlap-on overlap-off "$m")x (trials per minute)"
done
[ "$resume" -gt 0 ] || exit 0

per_iter=$(( resume >= 256 ? 64 : (resume + 3) / 4 )) # a small check run still has several batches
echo "== resume after kill -9 ($resume-trial session on GMM-512, $per_iter per round, killed at $((resume / 2)) trials)"
work=$out/resume
resume_run=(dotnet "$new" tune "$out/gmm512.py" --work-dir "$work" --max-trials-global "$resume" --num-trials-per-iter "$per_iter" --seed 1)
"${resume_run[@]}" >/dev/null 2>&1 &
pid=$!
until [ -f "$work/database_tuning_record.json" ] && [ "$(wc -l < "$work/database_tuning_record.json")" -ge $((resume / 2)) ]; do
  kill -0 "$pid" 2>/dev/null || break
  sleep 1
done
kill -9 "$pid" 2>/dev/null || echo "(the first run ended before it was killed)"
wait "$pid" 2>/dev/null || true
measured_lines() { cat "$work"/logs/task_0_*.log 2>/dev/null | grep -c ' measured ' || true; }
before=$(measured_lines)
start=$(date +%s.%N)
"${resume_run[@]}" >/dev/null 2>&1 &
pid=$!
until [ "$(measured_lines)" -gt "$before" ]; do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
first=$(date +%s.%N)
if [ "$(measured_lines)" -gt "$before" ]; then
  printf 'first new trials %.1f s after process start (includes start-up, journal recovery, record-log check, task restore)\n' \
    "$(echo "$first - $start" | bc -l)"
else
  echo "no new trial: the resumed run had nothing left to measure"
fi
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
dotnet "$new" sessions "$work"
