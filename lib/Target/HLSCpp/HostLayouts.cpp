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
#include "streamtensor_port_order.h"

using streamtensor::fromPort;
using streamtensor::packedOrder;
using streamtensor::toPort;
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
