#!/usr/bin/env bash
# Regenerates the committed FFM bindings in src/main/java/io/proofline/nativebackend/ffi from
# ../cuda-src/include/proofline_native.h. Run it after changing the header; builds never need it.
#
# jextract is not in any package registry here; it is built from source with plain javac:
#   jextract version: openjdk/jextract commit f9866df (checked 2026-12-01), Temurin 25,
#   Debian bookworm libclang 19 (packages libclang1-19 and libclang-common-19-dev).
#   1. git clone https://github.com/openjdk/jextract && git -C jextract checkout f9866df
#   2. apt-get install libclang1-19 libclang-common-19-dev
#   3. compile: find jextract/src/main/java -name '*.java' > files.txt
#               javac --release 25 -nowarn -d ~/.jextract/classes @files.txt
#      copy the non-Java files under src/main/java and src/main/resources into ~/.jextract/classes
#   4. ln -s /usr/lib/llvm-19/lib/libclang-19.so.1 ~/.jextract/lib/libclang.so
#   5. a launcher ~/.jextract/jextract running
#        java --enable-native-access=org.openjdk.jextract -Djava.library.path=~/.jextract/lib \
#             -p ~/.jextract/classes -m org.openjdk.jextract/org.openjdk.jextract.JextractTool \
#             -I /usr/lib/llvm-19/lib/clang/19/include "$@"
#      (clang's own stddef.h/stdint.h come from that -I directory).
# Set JEXTRACT to the launcher if it is elsewhere.
#
# Only the constants and the *_fn function pointer types are generated: each *_fn class has an
# invoke(MemorySegment address, ...) that calls through an address, so the back end can look
# the same symbols up in the CPU or the CUDA library (SymbolLookup.libraryLookup per path) and
# use one generated binding for both. No -l: the bindings load nothing themselves.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
JEXTRACT=${JEXTRACT:-$HOME/.jextract/jextract}
HEADER=../cuda-src/include/proofline_native.h
OUT=src/main/java
PKG=io.proofline.nativebackend.ffi
rm -rf "$OUT/${PKG//.//}"
args=()
for fn in backend_name kernel_set last_error device_count memory_info ntt_forward ntt_inverse ntt_coset_forward coset_lde \
          coset_lde_from_evaluations poseidon2_permute hash_rows merkle_layers commit_lde commit_evaluations release \
          combine_columns deep_codeword quotient fri_fold; do
  args+=(--include-typedef "pl_${fn}_fn")
done
for c in PL_OK PL_ERR_ARGUMENT PL_ERR_NO_DEVICE PL_ERR_DEVICE PL_ERR_MEMORY PL_MAX_LOG_LENGTH PL_MAX_LOG_BLOWUP \
         PL_Q_CONST PL_Q_COLUMN PL_Q_NEXT PL_Q_PUBLIC PL_Q_X PL_Q_L0 PL_Q_ADD PL_Q_SUB PL_Q_MUL PL_Q_ADD_CONST \
         PL_Q_SUB_CONST PL_Q_CONST_SUB PL_Q_MUL_CONST PL_Q_OUT PL_Q_MAX_REGISTERS; do
  args+=(--include-constant "$c")
done
"$JEXTRACT" --output "$OUT" -t "$PKG" --header-class-name ProoflineNative "${args[@]}" "$HEADER"
