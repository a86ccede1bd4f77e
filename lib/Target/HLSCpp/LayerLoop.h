//===- LayerLoop.h - A kernel that runs every layer of a block --*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A decoder block compiled once serves every layer of a model: the module
// attribute `streamtensor.layer_loop` asks for a second kernel,
// `<top>_layers`, that calls the block once per layer with that layer's
// weights (at per-layer offsets of each weight port), feeds each layer the
// previous layer's output, and appends the rows the block returns (the new
// keys and values) to caches that hold every layer in external memory.
//
//   streamtensor.layer_loop = {block = {     // the function calling the top
//     layers = 24 : i64,
//     chain = ["x", "y"],               // input, output of one layer
//     per_layer = ["mask"],             // inputs given once per layer
//     kernel = "decode_layers",          // its name (default <top>_layers)
//     append = [{from = "k_new", to = "k_cache"},   // a port of the design
//               {from = "k", to = "k_cache", shape = array<i64: 512, 64>,
//                layout = {...}}]}}     // a cache the design lacks
//
// The kernel's arguments are the top's ports in order (per-layer ones hold
// `layers` copies), then the caches the design lacks, then `int position`,
// the cache row the first appended row goes to.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_LIB_TARGET_HLSCPP_LAYERLOOP_H
#define STREAMTENSOR_LIB_TARGET_HLSCPP_LAYERLOOP_H

#include "Design.h"

#include <optional>

namespace streamtensor::target {

constexpr const char *kLayerLoopAttr = "streamtensor.layer_loop";

/// One argument of the layer-loop kernel.
struct LayerLoopArg {
  std::string cName;
  /// C type of one element (`float`, `hls::vector<float, 16>`).
  std::string cType;
  /// The design's tensor, or the cache name for a cache the design lacks.
  std::string tensor;
  /// weight, input, output or cache.
  std::string role;
  /// Port elements one layer takes; 0 when every layer shares the argument.
  int64_t perLayerElements = 0;
  /// Port elements of one layer's part (the whole argument when shared).
  int64_t elements = 0;
  /// Bytes of one port element.
  int64_t elementBytes = 0;
  /// The index of the design tensor, if any.
  std::optional<unsigned> tensorIndex;
  /// For a cache: its logical shape and layout (the manifest lists them
  /// for a cache the design lacks).
  llvm::SmallVector<int64_t> shape;
  std::optional<dataflow::InterfaceLayout> layout;
};

struct LayerLoopAppend {
  unsigned from;   // output tensor
  unsigned target; // index into LayerLoop::args
};

struct LayerLoop {
  std::string cName;
  const Top *top = nullptr;
  int64_t layers = 0;
  unsigned chainIn = 0, chainOut = 0;
  std::vector<LayerLoopArg> args;
  llvm::SmallVector<LayerLoopAppend> appends;
  /// C names of the helper functions.
  std::string chainName;
  llvm::SmallVector<std::string> appendNames;
};

/// The layer loop the module asks for, checked against the design (errors
/// on the module), or std::nullopt when it asks for none.
mlir::FailureOr<std::optional<LayerLoop>> getLayerLoop(Design &design);

/// The kernel and its helper functions.
void emitLayerLoop(const Design &design, const LayerLoop &loop,
                   llvm::raw_ostream &os);

} // namespace streamtensor::target

#endif // STREAMTENSOR_LIB_TARGET_HLSCPP_LAYERLOOP_H
