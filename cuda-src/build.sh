#!/usr/bin/env bash
# Builds the native prover libraries into $1 (the Maven module native-bindings passes its
# target/classes/native), object files into $2 (default $1/obj): the CPU library always (gcc is
# required), the CUDA library when nvcc is on the PATH (and, into the object dir, the kernel
# benchmark cuda/bench_kernels.cu and cuda/host_check.cu, which it runs), otherwise a message
# saying it was skipped. make rebuilds only what changed.
set -euo pipefail
OUT=${1:?usage: build.sh <output dir> [object dir]}
OBJ=${2:-$OUT/obj}
cd "$(dirname "${BASH_SOURCE[0]}")"
if ! command -v "${CC:-gcc}" >/dev/null 2>&1; then
  echo "cuda-src: ${CC:-gcc} not found; the native-cpu back end needs a C compiler with OpenMP" >&2
  exit 1
fi
make -s OUT="$OUT" OBJ="$OBJ" CC="${CC:-gcc}" cpu
echo "cuda-src: built $OUT/libproofline_cpu.so"
if [[ "${PROOFLINE_SKIP_CUDA:-}" == "1" ]]; then
  echo "cuda-src: CUDA build skipped (PROOFLINE_SKIP_CUDA=1)"
elif command -v "${NVCC:-nvcc}" >/dev/null 2>&1; then
  make -s OUT="$OUT" NVCC="${NVCC:-nvcc}" cuda
  echo "cuda-src: built $OUT/libproofline_cuda.so with $("${NVCC:-nvcc}" --version | tail -1)"
  # the kernel benchmark too, so that it keeps compiling; beside the objects, not in the jar
  make -s OUT="$OBJ" NVCC="${NVCC:-nvcc}" cuda-bench
  # the fused transform's indices, checked on this host's CPU (no GPU needed)
  make -s OUT="$OBJ" NVCC="${NVCC:-nvcc}" cuda-host-check
  "$OBJ/proofline_cuda_host_check"
else
  echo "cuda-src: nvcc not on the PATH, CUDA back end not built (install the CUDA toolkit 12 or newer to build it)"
fi
