#!/bin/sh
# Runs every codegen/builder/runner benchmark once (needs libopenblas-dev: apt-get install -y libopenblas-dev).
# Not part of CI. Run on an idle machine: timings under load are meaningless (see README.md).
set -e
cd "$(dirname "$0")/.."
dotnet build benchmarks/Bench -c Release -v q
uptime
dotnet run -c Release --no-build --project benchmarks/Bench -- trace benchmarks/traces/gmm1024.py benchmarks/traces/gmm1024_hand.json 1
dotnet run -c Release --no-build --project benchmarks/Bench -- trace benchmarks/traces/gmm1024.py benchmarks/traces/gmm1024_hand.json 2
dotnet run -c Release --no-build --project benchmarks/Bench -- gmm 1024 1
dotnet run -c Release --no-build --project benchmarks/Bench -- gmm 1024 2
dotnet run -c Release --no-build --project benchmarks/Bench -- vec 1024 1
dotnet run -c Release --no-build --project benchmarks/Bench -- vec 1024 2
dotnet run -c Release --no-build --project benchmarks/Bench -- gmm 512 1
dotnet run -c Release --no-build --project benchmarks/Bench -- script benchmarks/scripts/gmm512_tvm_best.py 1
dotnet run -c Release --no-build --project benchmarks/Bench -- build-rate 64
uptime
