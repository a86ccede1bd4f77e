//===- Pipelines.cpp - StreamTensor named pass pipelines ------------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Transforms/Pipelines.h"
#include "streamtensor/Conversion/Passes.h"
#include "streamtensor/Dialect/Dataflow/Passes.h"
#include "streamtensor/Transforms/Passes.h"
#include "mlir/Conversion/TosaToLinalg/TosaToLinalg.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/ErrorHandling.h"

using namespace mlir;

/// Appends upstream passes given in textual form; the spelling is fixed
/// here, so a parse failure is a programming error.
static void addUpstream(OpPassManager &pm, StringRef pipeline) {
  if (failed(parsePassPipeline(pipeline, pm)))
    llvm::report_fatal_error("invalid built-in pass pipeline");
}

void streamtensor::buildLinalgCleanupPipeline(OpPassManager &pm) {
  tosa::addTosaToLinalgPasses(pm, TosaToLinalgOptions());
  pm.addPass(createCanonicalizerPass());
  pm.addNestedPass<func::FuncOp>(createFuseElementwiseOps());
  pm.addPass(createLinalgFoldUnitExtentDimsPass());
  pm.addPass(createCanonicalizerPass());
  pm.addNestedPass<func::FuncOp>(createReadThroughUnitCollapses());
  pm.addNestedPass<func::FuncOp>(createSplitConcatConsumers());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

void streamtensor::buildDataflowPipeline(OpPassManager &pm,
                                         int64_t memoryBudget,
                                         bool streamWeights,
                                         int64_t weightPorts,
                                         int64_t maxTileBytes,
                                         int64_t minPortBytes,
                                         int64_t portBudget) {
  // Reshapes and slices between linalg ops become tileable copies, and
  // every op's tile sizes and loop order are chosen to match its neighbours
  // before tiling fixes them.
  // Producers read through slices are split per slice (q, k and v of a
  // fused projection); the weight slices this leaves are argument views.
  // Transposes of external tensors become the consumers' access order.
  pm.addNestedPass<func::FuncOp>(createFoldExternalTransposes());
  pm.addNestedPass<func::FuncOp>(
      createTileableDataMovement(TileableDataMovementOptions{true}));
  // Output dimensions with no good divisor are padded to a tileable size
  // (after the split of producers read through slices, which would undo
  // it).
  if (streamWeights)
    pm.addNestedPass<func::FuncOp>(createPadWeightColumns(
        PadWeightColumnsOptions{/*multiple=*/1024, /*maxPadFraction=*/0.05,
                                /*padResults=*/true}));
  // Large weights are read through several ports in parallel; each weight
  // slice, from that split or the one above, becomes a weight of its own,
  // with its own port and HBM channel.
  if (weightPorts > 1)
    pm.addNestedPass<func::FuncOp>(
        createSplitWeightPorts(SplitWeightPortsOptions{
            weightPorts, portBudget, minPortBytes}));
  pm.addNestedPass<func::FuncOp>(createWeightSliceArguments());
  // A consumer of the pieces those splits join that makes them smaller (the
  // dequantization of a grouped product's per-group sums), however small,
  // is split with them, so the join carries its results instead; the
  // weight slices that split leaves (the scales of each column block)
  // become weights of their own.
  if (weightPorts > 1) {
    pm.addNestedPass<func::FuncOp>(
        createSplitConcatConsumers(SplitConcatConsumersOptions{1, true}));
    pm.addNestedPass<func::FuncOp>(createWeightSliceArguments());
  }
  // Contractions streaming a weight from HBM get word-wide datapaths first;
  // layout alignment keeps their tiles and fits the neighbours to them.
  if (streamWeights) {
    PlanWeightStreamingOptions plan;
    plan.maxTileBytes = maxTileBytes;
    pm.addNestedPass<func::FuncOp>(createPlanWeightStreaming(plan));
  }
  pm.addNestedPass<func::FuncOp>(createAlignLayouts());
  pm.addNestedPass<func::FuncOp>(createTileLinalg());
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToDataflow());
  pm.addNestedPass<func::FuncOp>(
      dataflow::createFuseKernels(dataflow::FuseKernelsOptions{memoryBudget}));
  // The joins of column blocks become one task each.
  pm.addNestedPass<func::FuncOp>(dataflow::createMergeInsertChains());
  // Converters are pure: identical ones of one producer merge here, before
  // forks give each stream a single consumer.
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addPass(dataflow::createSizeConverters());
  pm.addPass(dataflow::createEnsureSingleUse());
  // External tensors get tiled layouts and memory words (paper section 4.5).
  pm.addPass(dataflow::createPackKernelInterface());
  pm.addPass(dataflow::createWidenKernelInterface());
}

void streamtensor::buildLowerDataflowPipeline(OpPassManager &pm,
                                              int64_t streamLanes) {
  pm.addPass(createLowerDataflowToFunc());
  pm.addPass(createLowerPackUnpack());
  addUpstream(pm, "one-shot-bufferize{bufferize-function-boundaries "
                  "function-boundary-type-conversion=identity-layout-map},"
                  "buffer-results-to-out-params");
  pm.addNestedPass<func::FuncOp>(createLowerLinalgToLoops());
  pm.addNestedPass<func::FuncOp>(createExpandMemrefCopies());
  addUpstream(pm, "fold-memref-alias-ops,lower-affine,canonicalize,cse");
  // Tiles of external memory feed their multiply-adds word by word.
  pm.addNestedPass<func::FuncOp>(createFuseTileReads());
  pm.addNestedPass<func::FuncOp>(createTreeReductions());
  // Read, compute and write passes over one tile become one pass.
  pm.addNestedPass<func::FuncOp>(createFuseElementLoops());
  // FIFOs carry words of consecutive values, the loops at either end
  // unrolled to move a word per cycle.
  pm.addPass(createVectorizeStreams(VectorizeStreamsOptions{streamLanes}));
  addUpstream(pm, "canonicalize,cse");
  // Loads from external memory inside loops move into reader processes
  // that pay the memory latency once and run ahead through a FIFO.
  pm.addPass(createDecouplePortReads());
  addUpstream(pm, "canonicalize,cse");
  // A loop folding into one element (a norm's sum, a quantization's
  // maximum) folds into several in turn, one token a cycle.
  pm.addNestedPass<func::FuncOp>(createInterleaveAccumulators());
}

namespace {
struct DataflowPipelineOptions
    : public PassPipelineOptions<DataflowPipelineOptions> {
  Option<int64_t> memoryBudget{
      *this, "memory-budget",
      llvm::cl::desc("On-chip bytes one fused kernel may spend on converters"),
      llvm::cl::init(41000000)};
  Option<bool> streamWeights{
      *this, "stream-weights",
      llvm::cl::desc("Give contractions that stream an operand from external "
                     "memory word-wide datapaths "
                     "(--streamtensor-plan-weight-streaming)"),
      llvm::cl::init(true)};
  Option<int64_t> weightPorts{
      *this, "weight-ports",
      llvm::cl::desc("Most ports (HBM pseudo-channels) one large weight is "
                     "split over (--streamtensor-split-weight-ports); 1 keeps "
                     "one port per weight"),
      llvm::cl::init(8)};
  Option<int64_t> maxTileBytes{
      *this, "max-tile-bytes",
      llvm::cl::desc("On-chip bytes of one tile of a streamed weight "
                     "(--streamtensor-plan-weight-streaming)"),
      llvm::cl::init(65536)};
  Option<int64_t> minPortBytes{
      *this, "min-port-bytes",
      llvm::cl::desc("Fewest weight bytes behind one of the ports a weight is "
                     "split over (--streamtensor-split-weight-ports)"),
      llvm::cl::init(262144)};
  // 32 pseudo-channels less those the scales, activations and caches of
  // the phase need to themselves.
  Option<int64_t> portBudget{
      *this, "port-budget",
      llvm::cl::desc("HBM pseudo-channels the large weights of one function "
                     "share; a weight alone in its function takes them all "
                     "(--streamtensor-split-weight-ports)"),
      llvm::cl::init(28)};
};

struct LowerDataflowPipelineOptions
    : public PassPipelineOptions<LowerDataflowPipelineOptions> {
  Option<int64_t> streamLanes{
      *this, "stream-lanes",
      llvm::cl::desc("Most values one FIFO token carries "
                     "(--streamtensor-vectorize-streams); 1 keeps scalar "
                     "tokens"),
      llvm::cl::init(16)};
};
} // namespace

void streamtensor::registerPipelines() {
  PassPipelineRegistration<>(
      "streamtensor-linalg-opt",
      "Lower TOSA to linalg and clean linalg on tensors up (element-wise "
      "fusion, unit-dimension folding, canonicalization, CSE)",
      buildLinalgCleanupPipeline);
  PassPipelineRegistration<DataflowPipelineOptions>(
      "streamtensor-dataflow",
      "Tile linalg, build one kernel per nest, fuse kernels under an on-chip "
      "memory budget, fork shared streams, size layout converters, and pack "
      "and widen the external-memory interfaces",
      [](OpPassManager &pm, const DataflowPipelineOptions &options) {
        buildDataflowPipeline(pm, options.memoryBudget, options.streamWeights,
                              options.weightPorts, options.maxTileBytes,
                              options.minPortBytes, options.portBudget);
      });
  PassPipelineRegistration<LowerDataflowPipelineOptions>(
      "streamtensor-lower-dataflow",
      "Lower fused kernels to FIFO-connected process functions on memrefs, "
      "ready for HLS C++ emission",
      [](OpPassManager &pm, const LowerDataflowPipelineOptions &options) {
        buildLowerDataflowPipeline(pm, options.streamLanes);
      });
}
