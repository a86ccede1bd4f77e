//===- HostLayouts.cpp - Host-side packing of port layouts ----------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "HostLayouts.h"

using namespace mlir;
using namespace streamtensor;
using namespace streamtensor::target;

const char *const streamtensor::target::kLayoutHelpers = R"cpp(
namespace {

// Port position of every element of a row-major tensor of `shape` stored as
// tensor.pack stores it: tiles of `tiles` on every dimension, innermost, and
// the tile indices outside them in the dimension order `perm`.
std::vector<std::size_t> packedOrder(const std::vector<std::size_t> &shape,
                                     const std::vector<std::size_t> &perm,
                                     const std::vector<std::size_t> &tiles) {
  const std::size_t rank = shape.size();
  std::vector<std::size_t> outerStride(rank), innerStride(rank);
  std::size_t stride = 1;
  for (std::size_t d = rank; d-- > 0;) {
    innerStride[d] = stride;
    stride *= tiles[d];
  }
  for (std::size_t k = rank; k-- > 0;) {
    outerStride[perm[k]] = stride;
    stride *= shape[perm[k]] / tiles[perm[k]];
  }
  std::vector<std::size_t> order(stride), index(rank, 0);
  for (std::size_t &at : order) {
    at = 0;
    for (std::size_t d = 0; d < rank; ++d)
      at += index[d] / tiles[d] * outerStride[d] + index[d] % tiles[d] * innerStride[d];
    for (std::size_t d = rank; d-- > 0 && ++index[d] == shape[d];)
      index[d] = 0;
  }
  return order;
}

// Copies every element (`bytes` bytes each) of a row-major tensor to its
// place in the port, and back.
void toPort(const void *logical, void *port, std::size_t bytes,
            const std::vector<std::size_t> &order) {
  for (std::size_t i = 0; i < order.size(); ++i)
    std::memcpy(static_cast<char *>(port) + order[i] * bytes,
                static_cast<const char *>(logical) + i * bytes, bytes);
}

void fromPort(const void *port, void *logical, std::size_t bytes,
              const std::vector<std::size_t> &order) {
  for (std::size_t i = 0; i < order.size(); ++i)
    std::memcpy(static_cast<char *>(logical) + i * bytes,
                static_cast<const char *>(port) + order[i] * bytes, bytes);
}

} // namespace
)cpp";

static std::string list(ArrayRef<int64_t> values) {
  std::string text = "{";
  for (auto [i, value] : llvm::enumerate(values))
    text += (i ? ", " : "") + std::to_string(value);
  return text + "}";
}

std::string streamtensor::target::getPackedOrderCall(const Tensor &tensor) {
  const dataflow::InterfaceLayout &layout = *tensor.layout;
  return "packedOrder(" + list(layout.shape) + ", " +
         list(layout.outerDimsPerm) + ", " + list(layout.innerTiles) + ")";
}

bool streamtensor::target::haveSameLayout(const Tensor &a, const Tensor &b,
                                          MLIRContext *ctx) {
  if (a.type != b.type || a.layout.has_value() != b.layout.has_value())
    return false;
  return !a.layout || a.layout->toAttr(ctx) == b.layout->toAttr(ctx);
}
