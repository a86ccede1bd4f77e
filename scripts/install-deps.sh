#!/usr/bin/env bash
# Installs every system package StreamTensor needs on Debian 12 (bookworm).
# Idempotent: when everything is present it only runs dpkg-query and exits.
set -euo pipefail

packages=(
  # Build toolchain
  build-essential cmake ninja-build ccache pkg-config git
  # LLVM/MLIR 19 (headers under /usr/lib/llvm-19), FileCheck and lit
  llvm-19-dev llvm-19-tools libmlir-19-dev mlir-19-tools
  # Unit tests
  googletest libgtest-dev
  # Python front end and its tests
  python3 python3-torch python3-numpy python3-pytest
  # An optimized BLAS for PyTorch and NumPy (without it they use the reference BLAS)
  libopenblas0-pthread
  # Design-space exploration (search) and its pictures
  python3-optuna python3-matplotlib
  # Tokenizers of Llama-style checkpoints; English text to train the demo model on
  python3-sentencepiece fortunes
  # LP solver for FIFO sizing
  coinor-libclp-dev coinor-libcbc-dev
  # Host runtime (XRT native API) and graph rendering
  libxrt-dev graphviz
  uuid-dev # XRT's xrt_uuid.h includes <uuid/uuid.h> and needs -luuid
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
  [[ "$status" == ii* ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: not root and no sudo; install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
