#!/usr/bin/env bash
# The CUDA back end's checks, for a machine with an NVIDIA GPU (Ampere sm_80, Hopper sm_90, or
# newer through the PTX), the CUDA toolkit 12+ (nvcc on the PATH) and a driver at least as new
# as the toolkit. From the repository root or anywhere:
#
#   native-bindings/gpu-check.sh            # tests, then benchmarks (about 10 minutes)
#   native-bindings/gpu-check.sh --tests    # only the differential tests (a minute or two)
#
# It records the device, driver and toolkit, runs the differential tests against the Java back
# end with the CUDA back end required (./proofline test --gpu), then the back ends side by side
# and the prover table on CUDA (./proofline bench --gpu). Everything it prints is also written
# to native-bindings/target/gpu-check/ for docs/benchmarks.md. A GPU machine without a JDK,
# Maven or network takes `./proofline gpu-bundle` instead (see gpu-bundle-run.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT=native-bindings/target/gpu-check
mkdir -p "$OUT"
{
  date -u +"date: %Y-%m-%d %H:%M UTC"
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader \
    | sed 's/^/device, driver, memory: /' || echo "nvidia-smi: not found"
  command -v nvcc >/dev/null && nvcc --version | tail -1 | sed 's/^/nvcc: /' || echo "nvcc: not on the PATH (the CUDA library will not be built)"
  lscpu | sed -n 's/^Model name: */cpu: /p'
  echo "cores: $(nproc)"
} | tee "$OUT/machine.txt"
./proofline test --gpu 2>&1 | tee "$OUT/tests.txt"
if [[ "${1:-}" != "--tests" ]]; then
  ./proofline bench --gpu 2>&1 | tee "$OUT/bench.txt"
  cp bench/target/jmh-backends.txt "$OUT/" 2>/dev/null || true
fi
echo "gpu-check: results in $OUT"
