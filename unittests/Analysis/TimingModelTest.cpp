//===- TimingModelTest.cpp - Process timing from lowered dataflow IR ------===//
//
// Each expectation is computed by hand from the rules of TimingModel.h with
// the latencies of targets/u55c.json (f32 add 4, mul 3; loads, stores and
// stream accesses 1 cycle; index arithmetic free).
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Analysis/OperatorKeys.h"
#include "streamtensor/Analysis/Target.h"
#include "streamtensor/Analysis/TimingModel.h"
#include "streamtensor/Dialect/Dataflow/DataflowDialect.h"
#include "streamtensor/Dialect/Dataflow/DataflowOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

using namespace mlir;
using namespace streamtensor;

namespace {

class TimingModelTest : public ::testing::Test {
protected:
  TimingModelTest() {
    context.loadDialect<arith::ArithDialect, func::FuncDialect,
                        math::MathDialect, memref::MemRefDialect,
                        scf::SCFDialect, dataflow::DataflowDialect>();
  }

  /// Parses `source` and times the function `name`; diagnostics go to
  /// `errors`.
  FailureOr<ProcessTiming> time(StringRef source, StringRef name) {
    if (failed(parse(source)))
      return failure();
    auto func = module->lookupSymbol<func::FuncOp>(name);
    EXPECT_TRUE(func) << name.str();
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
      errors += diag.str() + "\n";
      return success();
    });
    return analyzeProcessTiming(func, getDefaultTargetDesc());
  }

  LogicalResult parse(StringRef source) {
    module = parseSourceString<ModuleOp>(source, &context);
    EXPECT_TRUE(module) << "cannot parse the test input";
    return success(bool(module));
  }

  MLIRContext context;
  OwningOpRef<ModuleOp> module;
  std::string errors;
};

const char *kCopy = R"mlir(
func.func private @copy(%in: !dataflow.stream<f32, 8>, %out: !dataflow.stream<f32, 8>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  scf.for %i = %c0 to %c8 step %c1 {
    %v = dataflow.stream_read %in : !dataflow.stream<f32, 8> -> f32
    %w = arith.addf %v, %v : f32
    dataflow.stream_write %w into %out : f32 -> !dataflow.stream<f32, 8>
  }
  return
}
)mlir";

} // namespace

/// Read at 0, add 1..5, write at 5: iteration latency 6, II 1, so
/// L = 7 * 1 + 6 = 13; writes at 5..12 (D = 6, II 1), reads at 0..7.
TEST_F(TimingModelTest, PipelinedCopy) {
  FailureOr<ProcessTiming> timing = time(kCopy, "copy");
  ASSERT_TRUE(succeeded(timing)) << errors;
  EXPECT_EQ(timing->latency, 13);
  ASSERT_EQ(timing->loops.size(), 1u);
  EXPECT_TRUE(timing->loops[0].pipelined);
  EXPECT_EQ(timing->loops[0].ii, 1);
  EXPECT_EQ(timing->loops[0].recurrenceII, 0);
  EXPECT_EQ(timing->loops[0].iterationLatency, 6);

  const StreamAccessTiming &in = timing->streams.at(0);
  EXPECT_FALSE(in.isWrite);
  EXPECT_EQ(in.tokens, 8);
  EXPECT_EQ(in.firstCycle, 0);
  EXPECT_EQ(in.lastCycle, 7);
  EXPECT_EQ(in.getConsumerII(), 1);

  const StreamAccessTiming &out = timing->streams.at(1);
  EXPECT_TRUE(out.isWrite);
  EXPECT_EQ(out.tokens, 8);
  EXPECT_EQ(out.getInitialDelay(), 6);
  EXPECT_EQ(out.lastCycle, 12);
  EXPECT_EQ(out.getProducerII(), 1);
}

/// A row sum: the accumulator element acc[0] is loaded (0), added (1..5) and
/// stored (5, done at 6) in every inner iteration, so II = 6 - 0 = 6 and the
/// inner loop takes 7 * 6 + 6 = 48 cycles. Outer body: initial store (1) +
/// inner loop (48) + load (1) and write (1) = 51; four rows take 204.
/// Reads of row r at 51 r + 1 + 6 j: the last at 153 + 43 = 196, so the
/// averaged consumer II is ceil(196 / 31) = 7. Writes at 51 r + 50: D = 51,
/// II = 51.
TEST_F(TimingModelTest, ReductionRecurrenceBoundsII) {
  const char *source = R"mlir(
func.func private @rowsum(%in: !dataflow.stream<f32, 32>, %out: !dataflow.stream<f32, 4>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %zero = arith.constant 0.0 : f32
  %acc = memref.alloc() : memref<1xf32>
  scf.for %i = %c0 to %c4 step %c1 {
    memref.store %zero, %acc[%c0] : memref<1xf32>
    scf.for %j = %c0 to %c8 step %c1 {
      %v = dataflow.stream_read %in : !dataflow.stream<f32, 32> -> f32
      %a = memref.load %acc[%c0] : memref<1xf32>
      %s = arith.addf %a, %v : f32
      memref.store %s, %acc[%c0] : memref<1xf32>
    }
    %r = memref.load %acc[%c0] : memref<1xf32>
    dataflow.stream_write %r into %out : f32 -> !dataflow.stream<f32, 4>
  }
  return
}
)mlir";
  FailureOr<ProcessTiming> timing = time(source, "rowsum");
  ASSERT_TRUE(succeeded(timing)) << errors;
  ASSERT_EQ(timing->loops.size(), 2u);
  const LoopTiming &inner = timing->loops[0];
  EXPECT_TRUE(inner.pipelined);
  EXPECT_EQ(inner.tripCount, 8);
  EXPECT_EQ(inner.recurrenceII, 6);
  EXPECT_EQ(inner.ii, 6);
  EXPECT_EQ(inner.iterationLatency, 6);
  EXPECT_EQ(inner.latency, 48);
  const LoopTiming &outer = timing->loops[1];
  EXPECT_FALSE(outer.pipelined);
  EXPECT_EQ(outer.latency, 204);
  EXPECT_EQ(timing->latency, 204);

  const StreamAccessTiming &in = timing->streams.at(0);
  EXPECT_EQ(in.tokens, 32);
  EXPECT_EQ(in.firstCycle, 1);
  EXPECT_EQ(in.lastCycle, 196);
  EXPECT_EQ(in.getConsumerII(), 7);
  const StreamAccessTiming &out = timing->streams.at(1);
  EXPECT_EQ(out.tokens, 4);
  EXPECT_EQ(out.getInitialDelay(), 51);
  EXPECT_EQ(out.lastCycle, 203);
  EXPECT_EQ(out.getProducerII(), 51);
}

/// An element indexed by the induction variable is a different one in every
/// iteration: no recurrence, II 1, iteration load 1 + mul 3 + store 1 = 5,
/// so 15 + 5 = 20 cycles. Two writes to one stream per iteration force II 2:
/// write at 0 and 1, 7 * 2 + 2 = 16 cycles.
TEST_F(TimingModelTest, NoRecurrenceAcrossElementsAndStreamPortBound) {
  const char *source = R"mlir(
func.func private @square(%out: !dataflow.stream<f32, 16>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %one = arith.constant 1.0 : f32
  %buf = memref.alloc() : memref<16xf32>
  scf.for %j = %c0 to %c16 step %c1 {
    %a = memref.load %buf[%j] : memref<16xf32>
    %m = arith.mulf %a, %a : f32
    memref.store %m, %buf[%j] : memref<16xf32>
  }
  scf.for %j = %c0 to %c8 step %c1 {
    dataflow.stream_write %one into %out : f32 -> !dataflow.stream<f32, 16>
    dataflow.stream_write %one into %out : f32 -> !dataflow.stream<f32, 16>
  }
  return
}
)mlir";
  FailureOr<ProcessTiming> timing = time(source, "square");
  ASSERT_TRUE(succeeded(timing)) << errors;
  ASSERT_EQ(timing->loops.size(), 2u);
  EXPECT_EQ(timing->loops[0].recurrenceII, 0);
  EXPECT_EQ(timing->loops[0].ii, 1);
  EXPECT_EQ(timing->loops[0].iterationLatency, 5);
  EXPECT_EQ(timing->loops[0].latency, 20);
  EXPECT_EQ(timing->loops[1].ii, 2);
  EXPECT_EQ(timing->loops[1].latency, 16);
  EXPECT_EQ(timing->latency, 36);
  const StreamAccessTiming &out = timing->streams.at(0);
  EXPECT_EQ(out.tokens, 16);
  EXPECT_EQ(out.firstCycle, 20);
  EXPECT_EQ(out.lastCycle, 20 + 14 + 1);
  EXPECT_EQ(out.getProducerII(), 1);
}

/// A pipeline_ii attribute raises the II: 8 iterations at II 3 plus the
/// 6-cycle iteration: 27 cycles.
TEST_F(TimingModelTest, PipelineAttributeRaisesII) {
  std::string source = kCopy;
  source.replace(source.find("  }\n  return"), 12,
                 "  } {dataflow.pipeline_ii = 3 : i64}\n  return");
  FailureOr<ProcessTiming> timing = time(source, "copy");
  ASSERT_TRUE(succeeded(timing)) << errors;
  EXPECT_EQ(timing->loops[0].ii, 3);
  EXPECT_EQ(timing->latency, 27);
  EXPECT_EQ(timing->streams.at(1).getProducerII(), 3);
}

TEST_F(TimingModelTest, RejectsUnsupportedIR) {
  const char *source = R"mlir(
func.func private @dynamic(%out: !dataflow.stream<f32, 4>, %n: index) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %one = arith.constant 1.0 : f32
  scf.for %j = %c0 to %n step %c1 {
    dataflow.stream_write %one into %out : f32 -> !dataflow.stream<f32, 4>
  }
  return
}
func.func private @guarded(%out: !dataflow.stream<f32, 4>, %p: i1) attributes {dataflow.process} {
  %one = arith.constant 1.0 : f32
  scf.if %p {
    dataflow.stream_write %one into %out : f32 -> !dataflow.stream<f32, 4>
  }
  return
}
func.func private @odd_width(%in: !dataflow.stream<i24, 4>, %out: !dataflow.stream<i24, 4>) attributes {dataflow.process} {
  %v = dataflow.stream_read %in : !dataflow.stream<i24, 4> -> i24
  %l = arith.subi %v, %v : i24
  dataflow.stream_write %l into %out : i24 -> !dataflow.stream<i24, 4>
  return
}
)mlir";
  EXPECT_TRUE(failed(time(source, "dynamic")));
  EXPECT_NE(errors.find("loop bounds and step must be constants"),
            std::string::npos)
      << errors;
  errors.clear();
  EXPECT_TRUE(failed(time(source, "guarded")));
  EXPECT_NE(errors.find("stream accessed under scf.if"), std::string::npos)
      << errors;
  errors.clear();
  EXPECT_TRUE(failed(time(source, "odd_width")));
  EXPECT_NE(errors.find("has no latency for 'arith.subi' on i24 (key 'add')"),
            std::string::npos)
      << errors;
}

/// DMA in -> copy -> DMA out: one kernel (L 13), two edges on the
/// pseudo-channels of the top arguments they access.
TEST_F(TimingModelTest, GraphOfTopFunction) {
  std::string source = std::string(kCopy) + R"mlir(
func.func private @top_dma_in0(%x: memref<8xf32>, %s: !dataflow.stream<f32, 8>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  scf.for %i = %c0 to %c8 step %c1 {
    %v = memref.load %x[%i] : memref<8xf32>
    dataflow.stream_write %v into %s : f32 -> !dataflow.stream<f32, 8>
  }
  return
}
func.func private @top_dma_out0(%s: !dataflow.stream<f32, 8>, %y: memref<8xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  scf.for %i = %c0 to %c8 step %c1 {
    %v = dataflow.stream_read %s : !dataflow.stream<f32, 8> -> f32
    memref.store %v, %y[%i] : memref<8xf32>
  }
  return
}
func.func @top(%x: memref<8xf32>, %y: memref<8xf32> {dataflow.port = 5 : i64}) attributes {dataflow.top} {
  %s0 = dataflow.stream {dataflow.name = "s0"} : !dataflow.stream<f32, 8>
  %s1 = dataflow.stream {dataflow.name = "s1"} : !dataflow.stream<f32, 8>
  call @top_dma_in0(%x, %s0) : (memref<8xf32>, !dataflow.stream<f32, 8>) -> ()
  call @copy(%s0, %s1) : (!dataflow.stream<f32, 8>, !dataflow.stream<f32, 8>) -> ()
  call @top_dma_out0(%s1, %y) : (!dataflow.stream<f32, 8>, memref<8xf32>) -> ()
  return
}
)mlir";
  ASSERT_TRUE(succeeded(parse(source)));
  auto top = module->lookupSymbol<func::FuncOp>("top");
  FailureOr<TopFunctionGraph> built =
      graphFromTopFunction(top, getDefaultTargetDesc());
  ASSERT_TRUE(succeeded(built));
  const DataflowGraph &graph = built->graph;
  ASSERT_EQ(graph.getNumKernels(), 1u);
  EXPECT_EQ(graph.getKernel(0).name, "copy");
  EXPECT_EQ(graph.getKernel(0).latency, 13);
  ASSERT_EQ(graph.getNumEdges(), 2u);

  const DataflowEdge &in = graph.getEdge(0);
  EXPECT_TRUE(in.isDmaRead());
  EXPECT_EQ(in.hbmChannel, 0);
  EXPECT_EQ(in.to, 0);
  EXPECT_EQ(in.tokens, 8);
  EXPECT_EQ(in.consumerII, 1);
  EXPECT_EQ(in.tokenBytes, 4);
  EXPECT_EQ(in.name, "s0");

  const DataflowEdge &out = graph.getEdge(1);
  EXPECT_TRUE(out.isDmaWrite());
  EXPECT_EQ(out.hbmChannel, 5);
  EXPECT_EQ(out.from, 0);
  EXPECT_EQ(out.initialDelay, 6);
  EXPECT_EQ(out.producerII, 1);
  EXPECT_EQ(out.name, "s1");
}

/// A perfect nest of 4 x 16 around a pipelined loop that loads from an m_axi
/// port: one pipeline of 64 iterations (as Vitis flattens it) whose
/// iteration holds the HBM read latency (100), the write issued at 100:
/// L = 63 + 101 = 164; the schedule lists both accesses.
TEST_F(TimingModelTest, FlattenedNestWithPortLoad) {
  const char *source = R"mlir(
func.func private @dma(%x: memref<64xf32>, %out: !dataflow.stream<f32, 2>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  scf.for %i = %c0 to %c4 step %c1 {
    scf.for %j = %c0 to %c16 step %c1 {
      %k = arith.muli %i, %c16 : index
      %a = arith.addi %k, %j : index
      %v = memref.load %x[%a] : memref<64xf32>
      dataflow.stream_write %v into %out : f32 -> !dataflow.stream<f32, 2>
    }
  }
  return
}
)mlir";
  FailureOr<ProcessTiming> timing = time(source, "dma");
  ASSERT_TRUE(succeeded(timing)) << errors;
  EXPECT_EQ(timing->latency, 164);
  ASSERT_EQ(timing->loops.size(), 2u);
  const LoopTiming &inner = timing->loops[0], &outer = timing->loops[1];
  EXPECT_TRUE(inner.inFlattenedNest);
  EXPECT_TRUE(outer.flattened);
  EXPECT_EQ(outer.pipelineTrips, 64);
  EXPECT_EQ(outer.iterationLatency, 101);
  const StreamAccessTiming &out = timing->streams.at(1);
  EXPECT_EQ(out.tokens, 64);
  EXPECT_EQ(out.firstCycle, 100);
  EXPECT_EQ(out.lastCycle, 163);

  func::FuncOp func = module->lookupSymbol<func::FuncOp>("dma");
  int64_t loadStart = -1, writeStart = -1;
  func.walk([&](Operation *op) {
    if (isa<memref::LoadOp>(op))
      loadStart = timing->opStarts.lookup(op);
    if (isa<dataflow::StreamWriteOp>(op))
      writeStart = timing->opStarts.lookup(op);
  });
  EXPECT_EQ(loadStart, 0);
  EXPECT_EQ(writeStart, 100);
  // Only the constants before the nest form a segment, of no cycles.
  for (const auto &segment : timing->segmentLatency)
    EXPECT_EQ(segment.second, 0);
}

/// The loop after a straight-line segment is not part of a perfect nest; the
/// segment's latency is recorded at its last operation for the emitter.
TEST_F(TimingModelTest, SegmentLatencyBeforeALoop) {
  const char *source = R"mlir(
func.func private @scale(%in: !dataflow.stream<f32, 2>, %out: !dataflow.stream<f32, 2>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %s = dataflow.stream_read %in : !dataflow.stream<f32, 2> -> f32
  %t = arith.mulf %s, %s : f32
  scf.for %i = %c0 to %c8 step %c1 {
    %v = dataflow.stream_read %in : !dataflow.stream<f32, 2> -> f32
    %w = arith.mulf %v, %t : f32
    dataflow.stream_write %w into %out : f32 -> !dataflow.stream<f32, 2>
  }
  return
}
)mlir";
  FailureOr<ProcessTiming> timing = time(source, "scale");
  ASSERT_TRUE(succeeded(timing)) << errors;
  func::FuncOp func = module->lookupSymbol<func::FuncOp>("scale");
  Operation *mul = nullptr;
  func.walk([&](arith::MulFOp op) {
    if (!mul)
      mul = op;
  });
  ASSERT_TRUE(mul);
  // Read 0..1, multiply 1..4: the segment takes 4 cycles; then the loop
  // (read 0, multiply 1..4, write 4; iteration latency 5) takes 7 + 5.
  EXPECT_EQ(timing->segmentLatency.lookup(mul), 4);
  EXPECT_EQ(timing->latency, 4 + 12);
}

/// Unrolled by 2, a loop that reads one stream and accumulates into a local
/// array of one bank: the two copies share the stream (II >= 2) and the
/// array's two ports (two loads and two stores per pipeline iteration,
/// II >= 2); 8 iterations become 4 pipeline iterations, the second copy one
/// cycle behind: iteration latency 6 + 1, L = 3 * 2 + 7 = 13.
TEST_F(TimingModelTest, UnrolledLoopSharesItsStreamAndArray) {
  const char *source = R"mlir(
func.func private @acc(%in: !dataflow.stream<f32, 8>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %buf = memref.alloc() : memref<8xf32>
  scf.for %i = %c0 to %c8 step %c1 {
    %v = dataflow.stream_read %in : !dataflow.stream<f32, 8> -> f32
    %a = memref.load %buf[%i] : memref<8xf32>
    %s = arith.addf %a, %v : f32
    memref.store %s, %buf[%i] : memref<8xf32>
  } {dataflow.unroll = 2 : i64}
  return
}
)mlir";
  FailureOr<ProcessTiming> timing = time(source, "acc");
  ASSERT_TRUE(succeeded(timing)) << errors;
  ASSERT_EQ(timing->loops.size(), 1u);
  const LoopTiming &loop = timing->loops[0];
  EXPECT_EQ(loop.unroll, 2);
  EXPECT_EQ(loop.ii, 2);
  EXPECT_EQ(loop.pipelineTrips, 4);
  EXPECT_EQ(loop.iterationLatency, 7);
  EXPECT_EQ(timing->latency, 13);
  const StreamAccessTiming &in = timing->streams.at(0);
  EXPECT_EQ(in.tokens, 8);
  EXPECT_EQ(in.schedule.at(0), 0);
  EXPECT_EQ(in.schedule.at(1), 1);
  EXPECT_EQ(in.schedule.at(2), 2);
  EXPECT_EQ(in.schedule.at(7), 7);
}

// Every arith and math operation is free, a conversion or keyed; every key
// applies to some element type, and the default target times and costs each
// key on each type of its kind. An operation added upstream, or one the
// compiler starts to emit, cannot reach a process untimed.
TEST(OperatorKeys, EveryArithAndMathOperationIsTimed) {
  MLIRContext context;
  context.loadDialect<arith::ArithDialect, math::MathDialect>();
  const TargetDesc &target = getDefaultTargetDesc();
  int operations = 0;
  for (RegisteredOperationName name : context.getRegisteredOperations()) {
    StringRef dialect = name.getDialectNamespace();
    if (dialect != "arith" && dialect != "math")
      continue;
    ++operations;
    OperatorClass kind = classifyOperator(name.getStringRef());
    EXPECT_NE(kind.kind, OperatorKind::Unknown) << name.getStringRef().str();
    if (kind.kind != OperatorKind::Arithmetic)
      continue;
    bool typed = false;
    for (StringRef type : getElementTypeKeys()) {
      if (!llvm::is_contained(getOperatorKeys(isFloatTypeKey(type)), kind.key))
        continue;
      typed = true;
      EXPECT_TRUE(target.getOpLatency(type, kind.key).has_value())
          << name.getStringRef().str() << " on " << type.str();
    }
    EXPECT_TRUE(typed) << name.getStringRef().str() << " key "
                       << kind.key.str();
  }
  EXPECT_GT(operations, 80);
  for (StringRef from : getElementTypeKeys()) {
    EXPECT_TRUE(target.resources.operators.count(from)) << from.str();
    for (StringRef to : getElementTypeKeys()) {
      if (from != to) {
        EXPECT_TRUE(target.getConversionLatency(from, to).has_value())
            << from.str() << " to " << to.str();
      }
    }
  }
}
