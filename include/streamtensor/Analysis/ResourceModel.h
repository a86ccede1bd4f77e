//===- ResourceModel.h - On-chip resources of a lowered design --*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Estimates the DSPs, BRAM36, URAM, LUTs and flip-flops of a dataflow.top
// function from its lowered IR: the operators of every process (each
// operation of a pipelined loop instantiated once per unrolled copy, shared
// across the II), its local arrays (per bank: LUTRAM, BRAM36 or URAM by
// size), the FIFOs (shift registers or BRAM by depth) and the m_axi ports,
// with the per-unit costs of the target's `resource_costs`. An estimate, not
// a synthesis result.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_ANALYSIS_RESOURCEMODEL_H
#define STREAMTENSOR_ANALYSIS_RESOURCEMODEL_H

#include "streamtensor/Analysis/Target.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <string>
#include <vector>

namespace streamtensor {

struct ResourceUsage {
  int64_t dsp = 0, bram36 = 0, uram = 0, lut = 0, ff = 0;
  ResourceUsage &operator+=(const ResourceUsage &other);
  /// Whether no resource exceeds `limit`'s.
  bool fitsWithin(const ResourceUsage &limit) const {
    return dsp <= limit.dsp && bram36 <= limit.bram36 && uram <= limit.uram &&
           lut <= limit.lut && ff <= limit.ff;
  }
};

struct NamedUsage {
  std::string name;
  ResourceUsage usage;
};

struct TopResources {
  std::string top;
  ResourceUsage total;
  /// Per process (callee name), FIFOs and ports together.
  std::vector<NamedUsage> processes;
  ResourceUsage fifos, ports;
  /// Each FIFO (its dataflow.stream op) and each m_axi port (its argument
  /// of the top function), for placing them with their processes.
  std::vector<std::pair<mlir::Operation *, ResourceUsage>> fifoList;
  std::vector<std::pair<mlir::Value, ResourceUsage>> portList;
};

/// The resources of `top`, a dataflow.top function whose processes are
/// defined in its module. Fails with an error at the operation the model
/// cannot cost, or when the target has no `resource_costs`.
mlir::FailureOr<TopResources> estimateResources(mlir::func::FuncOp top,
                                                const TargetDesc &target);

/// The bits of one element (a vector's lanes together; index: 64), as a
/// memory word or a FIFO token holds it.
int64_t getElementBits(mlir::Type type);

/// Where a FIFO of `depth` tokens of `width` bits is built; the emitted
/// code binds it there (`bind_storage`) unless HLS's default is the same.
enum class FifoStorage { ShiftRegister, Lutram, Memory };
FifoStorage getFifoStorage(int64_t depth, int64_t width,
                           const TargetDesc &target);

/// What one SLR offers a design: its resources less the shell's share and
/// the routing headroom of the target.
ResourceUsage getUsableResources(const SlrResources &slr,
                                 const TargetDesc &target);

} // namespace streamtensor

#endif // STREAMTENSOR_ANALYSIS_RESOURCEMODEL_H
