//===- HbmChannels.h - Ports of the top functions over HBM ------*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Every tensor in external memory sits on one HBM pseudo-channel, and the
// ports of a kernel mapped to one channel split its bandwidth equally (the
// rule of the graph model and of the timed simulation alike), so a port
// takes its bytes times the ports on its channel. The channels are chosen to
// keep the sum of that over the ports small: large tensors get channels of
// their own, small ones (biases, norm weights) share. A port's
// `dataflow.hbm_channel` argument attribute fixes its channel; the link
// configuration, the timing model and the timed simulation all read the
// assignment from here.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_ANALYSIS_HBMCHANNELS_H
#define STREAMTENSOR_ANALYSIS_HBMCHANNELS_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/StringMap.h"
#include <optional>
#include <string>
#include <vector>

namespace streamtensor {

/// The argument attribute holding a port's pseudo-channel.
constexpr const char *kHbmChannelAttr = "dataflow.hbm_channel";

/// Channels for tensors of `bytes` each, over `channels` channels; `fixed`
/// (same length, or empty) gives the channel a tensor must keep. Tensors are
/// placed largest first, each where the sum over all ports of bytes times
/// ports on the channel grows least; ties go to the lower channel.
std::vector<unsigned>
assignHbmChannels(llvm::ArrayRef<int64_t> bytes, unsigned channels,
                  llvm::ArrayRef<std::optional<unsigned>> fixed = {});

/// The tensor a top function's argument carries: its `streamtensor.name`,
/// else `<function>.arg<index>`. Kernels share a tensor by name.
std::string getPortTensorName(mlir::func::FuncOp top, unsigned index);

/// Bytes of a port's memref in external memory (sub-byte lanes packed).
int64_t getPortBytes(mlir::MemRefType type);

/// The channel of every tensor the `dataflow.top` functions of `module`
/// carry, by tensor name. Fails (with a diagnostic) when a fixed channel is
/// out of range or one tensor is fixed to two channels.
mlir::FailureOr<llvm::StringMap<unsigned>>
getHbmChannels(mlir::ModuleOp module, unsigned channels);

} // namespace streamtensor

#endif // STREAMTENSOR_ANALYSIS_HBMCHANNELS_H
