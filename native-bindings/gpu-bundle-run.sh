#!/usr/bin/env bash
# The CUDA back end's checks on a GPU machine that has no JDK, no Maven and no network: the
# bundle made by `./proofline gpu-bundle` holds a Java runtime, the built jars and the native
# libraries, and this script (copied into it as run.sh) runs from it:
#
#   bash <bundle>/run.sh [--tests] [results dir]
#
# It records the device, driver and CPU and runs the back-end differential tests with the CUDA
# back end required (as `./proofline test --gpu`). Without --tests it then runs, as
# `./proofline bench --gpu` does but with shorter JMH iterations: the kernels alone on
# device-resident data, the prover table on CUDA, the Java back end on 2 of the machine's cores at
# 2^20 rows (issue 12's yardstick for proof time), and the back ends side by side (JMH, NTT up to
# 2^24; JMH_INCLUDE=<regex> runs fewer of its methods). About 8 to 10 minutes on an H200
# machine; with JMH_INCLUDE='BackendBenchmark.(nttForward|commit|deepCodeword)', about 7.
# Each part has a time limit and writes its output to the results dir (default $OUT when set,
# else <bundle>/results); a part that crashes or runs out of time is reported and the next one
# still runs.
set -uo pipefail
B="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TESTS_ONLY=0
if [[ "${1:-}" == "--tests" ]]; then TESTS_ONLY=1; shift; fi
if [[ "${1:-}" == -* || $# -gt 1 ]]; then
  # an option where the results dir goes (--help included) would become a directory of that name
  echo "usage: bash $0 [--tests] [results dir]" >&2
  exit 2
fi
R="${1:-${OUT:-$B/results}}"
mkdir -p "$R"

# the runtime travels packed (half the size); unpacked once per machine
JRE=/tmp/proofline-jre
[[ -x "$JRE/bin/java" ]] || { mkdir -p "$JRE" && tar -xJf "$B/jre.tar.xz" -C "$JRE" --strip-components=1; } || exit 1
JAVA="$JRE/bin/java"
# libproofline_cpu.so links the OpenMP runtime, which travels beside it
export LD_LIBRARY_PATH="$B/native${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
JVM=(--add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Dproofline.native.dir="$B/native")

{
  date -u +"date: %Y-%m-%d %H:%M UTC"
  nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv,noheader 2>/dev/null \
    | sed 's/^/device, driver, memory, max SM clock: /' || echo "nvidia-smi: not found"
  nvidia-smi 2>/dev/null | sed -n 's/.*CUDA Version: *\([0-9.]*\).*/driver CUDA version: \1/p'
  lscpu | sed -n 's/^Model name: */cpu: /p'
  echo "cores: $(nproc)"
  echo "memory: $(free -g | awk '/^Mem:/ {print $2}') GiB"
  "$JAVA" -version 2>&1 | head -1
  cat "$B/built.txt" 2>/dev/null
} | tee "$R/machine.txt"

status=0
part() {
  # part <name> <seconds> <command...>: runs one part under a time limit, its output to <name>.txt
  local name="$1" limit="$2" rc
  shift 2
  echo "== $name (at most ${limit}s)"
  local start=$SECONDS
  timeout --kill-after=10 "$limit" "$@" 2>&1 | tee "$R/$name.txt"
  rc=${PIPESTATUS[0]}
  echo "== $name: exit $rc after $((SECONDS - start))s" | tee -a "$R/summary.txt"
  [[ $rc -eq 0 ]] || status=1
}

part tests 150 "$JAVA" "${JVM[@]}" -Dproofline.test.gpu=true \
  -jar "$B/lib/junit-platform-console-standalone.jar" execute \
  --class-path "$B/lib/proof-system.jar:$B/lib/native-bindings.jar:$B/lib/native-bindings-tests.jar" \
  --select-package io.proofline.nativebackend --details=tree --disable-banner --disable-ansi-colors --fail-if-no-tests

if [[ $TESTS_ONLY -eq 0 ]]; then
  # the kernels alone, on data already on the device (cuda-src/cuda/bench_kernels.cu)
  part kernels 90 "$B/native/proofline_cuda_bench"
  PROOFLINE_BENCH_PARAMS=standard PROOFLINE_BENCH_REPEATS=2 \
    part prover-cuda 150 "$JAVA" "${JVM[@]}" -Xmx64g -Dproofline.prover.backend=cuda \
    -cp "$B/lib/benchmarks.jar" io.proofline.bench.ProverBench 16 18 20
  # the issue's yardstick for a 2^20-row proof: the Java back end on 2 of this machine's cores,
  # one proof after a warm-up proof, as the CUDA row above (on an H200 machine's Xeon a cold 2^20
  # proof took 133 s; PROOFLINE_BENCH_WARMUP=false skips the warm-up where time is short)
  PROOFLINE_BENCH_PARAMS=standard PROOFLINE_BENCH_REPEATS=1 \
    part prover-java-2-cores 330 taskset -c 0,1 "$JAVA" "${JVM[@]}" -XX:ActiveProcessorCount=2 -Xmx64g \
    -Dproofline.prover.backend=java -cp "$B/lib/benchmarks.jar" io.proofline.bench.ProverBench 20
  # last, so that the parts above fit a lease that runs short; JMH_INCLUDE narrows the methods
  part backends 220 "$JAVA" "${JVM[@]}" -jar "$B/lib/benchmarks.jar" "${JMH_INCLUDE:-BackendBenchmark}" \
    -p backend=java,native-cpu,cuda -p logN=16,20,24 -p logRows=16,20 \
    -f 1 -wi 1 -w 1s -i 3 -r 1s -rf text -rff "$R/jmh-backends.txt"
fi
cat "$R/summary.txt"
exit $status
