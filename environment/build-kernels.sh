#!/usr/bin/env bash
# Builds the WebAssembly kernels in lib/tensor/kernels/ (each NAME.c → NAME.wasm) with Debian's
# clang-14 and lld-14 (apt-get install -y clang-14 lld-14): no emscripten, no libc. Every kernel
# imports a shared memory (1 MiB initial, 4 GiB maximum) so that worker threads can run instances
# of it on the same data (see lib/tensor/kernels/module.ts).
# The .wasm files are committed, so users never need a compiler; CI rebuilds them and the test
# test/tensor/kernels.test.ts checks that the committed files match a rebuild byte for byte.
#
# Usage: environment/build-kernels.sh [OUTPUT_DIR]   (default: beside the sources)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="$here/lib/tensor/kernels"
out="${1:-$src}"
mkdir -p "$out"
for c in "$src"/*.c; do
  name="$(basename "$c" .c)"
  clang-14 --target=wasm32 -O3 -msimd128 -mbulk-memory -matomics -nostdlib \
    -Wl,--no-entry -Wl,--export=__heap_base -Wl,--strip-all \
    -Wl,--import-memory -Wl,--shared-memory -Wl,--initial-memory=1048576 -Wl,--max-memory=4294967296 \
    -o "$out/$name.wasm" "$c"
  echo "built $out/$name.wasm ($(stat -c %s "$out/$name.wasm") bytes)"
done
