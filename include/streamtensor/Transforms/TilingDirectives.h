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

#include "llvm/ADT/StringRef.h"
#include <cstdint>

namespace streamtensor {

/// Tile size per loop (0 = untiled).
constexpr llvm::StringLiteral kTileSizesAttr = "streamtensor.tile_sizes";
/// Order of the tiled parallel loops.
constexpr llvm::StringLiteral kPermutationAttr = "streamtensor.permutation";
/// Unroll factor per loop inside a tile.
constexpr llvm::StringLiteral kUnrollAttr = "streamtensor.unroll";
/// Marks copies that stand for data movement (reshapes, slices).
constexpr llvm::StringLiteral kDataMovementAttr = "streamtensor.data_movement";

/// Ranges up to this size stay untiled by default.
constexpr int64_t kDefaultTileSize = 16;

/// The default tile of a loop of `range` iterations (0 = untiled): the
/// largest divisor not above 16. When the only such divisor is 1, tiles of
/// one element would serialize the dimension, so the smallest divisor above
/// 16 is taken instead; a prime range stays untiled.
int64_t getDefaultTileSize(int64_t range);

} // namespace streamtensor

#endif // STREAMTENSOR_TRANSFORMS_TILINGDIRECTIVES_H
