//===- TilingDirectives.cpp - Default tile sizes --------------------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Transforms/TilingDirectives.h"

int64_t streamtensor::getDefaultTileSize(int64_t range) {
  if (range <= kDefaultTileSize)
    return 0;
  for (int64_t size = kDefaultTileSize; size > 1; --size)
    if (range % size == 0)
      return size;
  for (int64_t size = kDefaultTileSize + 1; size * size <= range; ++size)
    if (range % size == 0)
      return size;
  return 0;
}
