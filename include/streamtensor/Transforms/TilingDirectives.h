//===- TilingDirectives.h - Tiling attributes and defaults ------*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The attributes through which layout alignment, design-space exploration
// and users steer the tiling of each linalg op, and the default tile size,
// shared by every pass that predicts or performs tiling.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_TRANSFORMS_TILINGDIRECTIVES_H
#define STREAMTENSOR_TRANSFORMS_TILINGDIRECTIVES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>
#include <vector>

namespace streamtensor {

/// Tile size per loop (0 = untiled).
constexpr llvm::StringLiteral kTileSizesAttr = "streamtensor.tile_sizes";
/// Order of the tiled parallel loops.
constexpr llvm::StringLiteral kPermutationAttr = "streamtensor.permutation";
/// Unroll factor per loop inside a tile.
constexpr llvm::StringLiteral kUnrollAttr = "streamtensor.unroll";
/// Order of the loops inside a tile (a permutation of the loops).
constexpr llvm::StringLiteral kInnerOrderAttr = "streamtensor.inner_order";
/// Marks copies that stand for data movement (reshapes, slices).
constexpr llvm::StringLiteral kDataMovementAttr = "streamtensor.data_movement";

/// Ranges up to this size stay untiled by default.
constexpr int64_t kDefaultTileSize = 16;

/// The default tile of a loop of `range` iterations (0 = untiled): the
/// largest divisor not above 16. When the only such divisor is 1, tiles of
/// one element would serialize the dimension, so the smallest divisor above
/// 16 is taken instead; a prime range stays untiled.
int64_t getDefaultTileSize(int64_t range);

/// Why `order` cannot order the `numLoops` loops inside a tile (it must hold
/// each of 0 .. numLoops-1 exactly once), or an empty string. Shared by
/// tiling and by the lowering to loops, which both read the attribute.
inline std::string checkInnerOrder(llvm::ArrayRef<int64_t> order,
                                   size_t numLoops) {
  if (order.size() != numLoops)
    return "has " + std::to_string(order.size()) + " entries for " +
           std::to_string(numLoops) + " loops";
  std::vector<bool> seen(numLoops, false);
  for (int64_t loop : order) {
    if (loop < 0 || loop >= int64_t(numLoops))
      return "names loop " + std::to_string(loop) + ", outside 0.." +
             std::to_string(int64_t(numLoops) - 1);
    if (seen[loop])
      return "names loop " + std::to_string(loop) + " twice";
    seen[loop] = true;
  }
  return "";
}

/// Why `unroll` cannot be the unroll factors of `numLoops` loops (one factor
/// of at least 1 per loop), or an empty string.
inline std::string checkUnrollFactors(llvm::ArrayRef<int64_t> unroll,
                                      size_t numLoops) {
  if (unroll.size() != numLoops)
    return "has " + std::to_string(unroll.size()) + " entries for " +
           std::to_string(numLoops) + " loops";
  for (int64_t factor : unroll)
    if (factor < 1)
      return "has the factor " + std::to_string(factor) +
             "; factors must be at least 1";
  return "";
}

} // namespace streamtensor

#endif // STREAMTENSOR_TRANSFORMS_TILINGDIRECTIVES_H
