#!/usr/bin/env bash
# Scale benchmark of clustered tuning (issue 11; not CI; run on a quiet machine):
#   benchmarks/cluster-scale/run.sh [workers=8,32,128] [trials=512] [module=examples/mlp_module.py]
# 1. a real 64-trial `tuner tune` of MODULE gives the records (run_secs of real candidates) and the mean build time
#    of one candidate (the run's build seconds × cores / candidates built);
# 2. for each worker count a real `tuner tune --cluster` node tunes MODULE against that many simulated workers
#    (Program.cs: sleeps drawn from step 1) and the sustained trials/min, the ideal rate and the tuner's CPU use print;
# 3. real worker processes (RealWorkers.cs): 48 of step 1's candidates measured by 1 and by 2 `tuner node --roles
#    worker` processes pinned to one core each, then the time from a measuring worker's SIGKILL to its lease's re-queue.
set -euo pipefail
cd "$(dirname "$0")/../.."
workers=${1:-8,32,128}
trials=${2:-512}
module=${3:-examples/mlp_module.py}
out=$(mktemp -d /tmp/tuner-scale.XXXXXX)
trap 'rm -rf "$out"' EXIT
dotnet build -c Release -v q -m:1 benchmarks/cluster-scale >/dev/null
bin=benchmarks/cluster-scale/bin/Release/net10.0
line=$(dotnet "$bin/tuner.dll" tune "$module" --work-dir "$out/real" --max-trials-global 64 --num-trials-per-iter 16 --quiet | grep '^Tuning done')
echo "real run: $line"
build=$(grep -oE 'build [0-9.]+ s' <<<"$line" | grep -oE '[0-9.]+')
built=$(wc -l < "$out/real/database_tuning_record.json")
mean=$(echo "$build * $(nproc) / $built" | bc -l)
dotnet "$bin/ClusterScale.dll" "$module" "$out/real/database_tuning_record.json" --build-secs "$(printf '%.3f' "$mean")" \
  --workers "$workers" --trials "$trials"
dotnet "$bin/ClusterScale.dll" real "$out/real" --items 48
