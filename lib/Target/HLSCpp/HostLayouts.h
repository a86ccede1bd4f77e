//===- HostLayouts.h - Host-side packing of port layouts --------*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Users give and receive row-major tensors; a port with a packed layout holds
// them reordered as tensor.pack would. The simulation driver and the host
// program both reorder with runtime/sim/include/streamtensor_port_order.h.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_LIB_TARGET_HLSCPP_HOSTLAYOUTS_H
#define STREAMTENSOR_LIB_TARGET_HLSCPP_HOSTLAYOUTS_H

#include "Design.h"

namespace streamtensor::target {

/// C++ bringing `packedOrder`, `toPort` and `fromPort` into the program's
/// scope (an include of streamtensor_port_order.h: runtime/sim/include).
extern const char *const kLayoutHelpers;

/// Names the helpers take in the emitted program's scope.
constexpr const char *kLayoutHelperNames[] = {"packedOrder", "toPort",
                                              "fromPort"};

/// The `packedOrder(...)` call giving the port position of every element of
/// the packed tensor `tensor`.
std::string getPackedOrderCall(const Tensor &tensor);

/// Whether two tensors are stored alike in external memory.
bool haveSameLayout(const Tensor &a, const Tensor &b, mlir::MLIRContext *ctx);

} // namespace streamtensor::target

#endif // STREAMTENSOR_LIB_TARGET_HLSCPP_HOSTLAYOUTS_H
