//===- VectorizeStreams.cpp - Several values per FIFO token ---------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A FIFO moves one token per cycle, so a stream of scalars limits its
// producer and consumer to one value per cycle however wide their loops
// could run. Here a stream carries a vector of consecutive values per token:
// the loops touching it are unrolled so that each iteration moves whole
// vectors, and the local arrays the copies index are banked so that they
// are reached in one cycle. The order of the values on the stream is kept,
// so the processes compute what they computed before.
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Analysis/LocalBanks.h"
#include "streamtensor/Conversion/Passes.h"
#include "streamtensor/Dialect/Dataflow/DataflowOps.h"
#include "streamtensor/Dialect/Dataflow/DataflowTypes.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/EquivalenceClasses.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"
#include <limits>
#include <numeric>
#include <set>

namespace streamtensor {
#define GEN_PASS_DEF_VECTORIZESTREAMS
#include "streamtensor/Conversion/Passes.h.inc"
} // namespace streamtensor

using namespace mlir;
using namespace streamtensor;
using dataflow::StreamOp;
using dataflow::StreamReadOp;
using dataflow::StreamType;
using dataflow::StreamWriteOp;

/// Bits one token may carry: a 512-bit word, as an HBM port's.
static constexpr int64_t kTokenBits = 512;
/// Most banks an array is partitioned into for the unrolled copies.
static constexpr int64_t kMostBanks = 16;

namespace {
/// A pipelined innermost loop touching streams of one group.
struct LoopStreams {
  scf::ForOp loop;
  int64_t trips = 0;
  /// Accesses per iteration of each stream, by the process argument.
  llvm::MapVector<Value, int64_t> counts;
  /// Whether copies of the body would cost more than they gain: an
  /// iteration that reads or writes external memory waits on its port
  /// however many copies run, and a large body (a word of 128 4-bit
  /// products) would be repeated for nothing.
  bool keepWhole = false;
  /// Operations of the body, which each copy repeats.
  int64_t ops = 0;
  /// Whether the body may be unrolled completely: the loop is not inside
  /// another, or its body can move into the loop around it
  /// (promoteIntoParent).
  bool completable = true;
};

/// Streams and loops that must change together.
struct Group {
  llvm::SetVector<StreamOp> streams;
  llvm::SetVector<Operation *> loops;
};
} // namespace

/// The trip count of a loop of constant bounds and positive step.
static std::optional<int64_t> getTripCount(scf::ForOp loop) {
  std::optional<int64_t> step = getConstantIntValue(loop.getStep());
  std::optional<int64_t> trips = constantTripCount(
      loop.getLowerBound(), loop.getUpperBound(), loop.getStep());
  if (!step || *step <= 0 || !trips || *trips < 0)
    return std::nullopt;
  return trips;
}

/// A loop whose body can be repeated: innermost (so pipelined), constant
/// trip count, no carried values.
static bool isUnrollable(scf::ForOp loop) {
  if (loop.getNumResults() != 0 || !getTripCount(loop))
    return false;
  bool nested = false;
  loop.getBody()->walk([&](scf::ForOp) { nested = true; });
  return !nested;
}

/// Operations of a loop body beyond which a loop that touches external
/// memory is not copied.
static constexpr int64_t kMostPortLoopOps = 64;
/// Operations an unrolled body may have: more copies of a large body (a
/// prefill product's 128 multiply-adds a row) make hardware, and C++ for
/// the simulation, out of proportion to a stream's width.
static constexpr int64_t kMostUnrolledOps = 2048;

static int64_t countOps(scf::ForOp loop) {
  int64_t ops = 0;
  loop.getBody()->walk([&](Operation *) { ++ops; });
  return ops;
}

static bool isLargePortLoop(scf::ForOp loop, int64_t ops) {
  bool port = false;
  loop.getBody()->walk([&](Operation *op) {
    if (std::optional<MemoryAccess> access = getMemoryAccess(op))
      port |= isa<BlockArgument>(access->memref);
  });
  return port && ops > kMostPortLoopOps;
}

/// How many times the body of `loop` runs per process call: its trip count
/// times those of the loops around it (a large number when one is unknown).
static int64_t getExecutions(scf::ForOp loop) {
  int64_t executions = 1;
  for (Operation *op = loop; op; op = op->getParentOp())
    if (auto around = dyn_cast<scf::ForOp>(op)) {
      std::optional<int64_t> trips = getTripCount(around);
      executions = trips ? executions * std::max<int64_t>(1, *trips)
                         : std::numeric_limits<int32_t>::max();
      executions =
          std::min<int64_t>(executions, std::numeric_limits<int32_t>::max());
    }
  return executions;
}

/// Most lanes a token of `element` may have, 1 when it cannot be a vector.
static int64_t getMostLanes(Type element, int64_t maxLanes) {
  if (!element.isIntOrFloat() || element.getIntOrFloatBitWidth() < 8)
    return 1;
  return std::max<int64_t>(
      1, std::min(maxLanes, kTokenBits / element.getIntOrFloatBitWidth()));
}

/// The unroll that makes every stream of `loop` move whole tokens of
/// `lanes` per iteration, or 0 when the trip count does not allow it.
static int64_t getUnroll(const LoopStreams &loop, int64_t lanes) {
  int64_t unroll = 1;
  for (auto [arg, count] : loop.counts)
    unroll = std::lcm(unroll, lanes / std::gcd(lanes, count));
  if (unroll > 1 && (loop.keepWhole || unroll * loop.ops > kMostUnrolledOps))
    return 0;
  if (unroll == loop.trips && unroll > 1 && !loop.completable)
    return 0;
  return loop.trips % unroll == 0 ? unroll : 0;
}

/// Repeats the body of `loop` `unroll` times per iteration, in order, the
/// step multiplied. The trip count is a multiple of `unroll`.
static void unrollInPlace(scf::ForOp loop, int64_t unroll) {
  if (unroll == 1)
    return;
  int64_t step = *getConstantIntValue(loop.getStep());
  OpBuilder b(loop);
  Location loc = loop.getLoc();
  loop.getStepMutable().assign(
      b.create<arith::ConstantIndexOp>(loc, step * unroll));
  Block *body = loop.getBody();
  SmallVector<Operation *> original;
  for (Operation &op : body->without_terminator())
    original.push_back(&op);
  Value iv = loop.getInductionVar();
  b.setInsertionPoint(body->getTerminator());
  for (int64_t copy = 1; copy < unroll; ++copy) {
    IRMapping mapping;
    mapping.map(
        iv, b.create<arith::AddIOp>(
                loc, iv, b.create<arith::ConstantIndexOp>(loc, step * copy)));
    for (Operation *op : original)
      b.clone(*op, mapping);
  }
}

/// Whether the body of `loop`, unrolled completely, can join the loop
/// around it as its pipelined body: that loop has constant bounds, and its
/// other operations touch no stream and hold no loop, so the joined body is
/// one pipeline iteration whose streams all move vectors.
static bool canPromote(scf::ForOp loop) {
  auto parent = dyn_cast<scf::ForOp>(loop->getParentOp());
  if (!parent)
    return !isa<scf::ForOp>(loop->getParentOp());
  if (!getTripCount(parent) || parent.getNumResults() != 0)
    return false;
  return llvm::all_of(parent.getBody()->without_terminator(), [&](Operation &op) {
    return &op == loop.getOperation() ||
           (op.getNumRegions() == 0 && !isa<StreamReadOp, StreamWriteOp>(op));
  });
}

/// A loop unrolled completely runs once: where canPromote allows, its body
/// moves into the loop around it, which becomes the pipelined one
/// (canonicalization would otherwise drop the loop and its directives).
/// Returns the loop that now holds the body.
static scf::ForOp promoteIntoParent(scf::ForOp loop) {
  auto parent = dyn_cast<scf::ForOp>(loop->getParentOp());
  if (!parent || !canPromote(loop))
    return loop;
  for (StringRef name : {"dataflow.pipeline_ii", "dataflow.unroll"})
    if (Attribute attr = loop->getAttr(name))
      parent->setAttr(name, attr);
  loop.getInductionVar().replaceAllUsesWith(loop.getLowerBound());
  Block *body = parent.getBody();
  body->getOperations().splice(
      Block::iterator(loop), loop.getBody()->getOperations(),
      loop.getBody()->begin(), std::prev(loop.getBody()->end()));
  loop->erase();
  return parent;
}

/// The update `element = op(element, term)` of an accumulator: a load, an
/// associative and commutative op, a store to the same element.
struct Accumulation {
  memref::LoadOp load;
  Operation *combine;
  memref::StoreOp store;
  Value term;
};

static std::optional<Accumulation> matchAccumulation(memref::StoreOp store) {
  Operation *combine = store.getValue().getDefiningOp();
  if (!combine || !combine->hasOneUse() ||
      combine->getBlock() != store->getBlock() ||
      !isa<arith::AddFOp, arith::AddIOp, arith::MaximumFOp, arith::MinimumFOp,
           arith::MaxNumFOp, arith::MinNumFOp, arith::MaxSIOp, arith::MinSIOp>(
          combine))
    return std::nullopt;
  for (int side = 0; side < 2; ++side) {
    auto load = combine->getOperand(side).getDefiningOp<memref::LoadOp>();
    if (!load || !load->hasOneUse() || load.getMemRef() != store.getMemRef() ||
        load->getBlock() != store->getBlock())
      continue;
    return Accumulation{load, combine, store, combine->getOperand(1 - side)};
  }
  return std::nullopt;
}

/// The copies of an unrolled body that all update one accumulator element
/// form a chain as long as the copies; their terms are combined as a tree
/// and the element updated once, so the iteration waits for one update.
/// Sums of floats are reassociated, which rounding notices only in the last
/// bits.
static void combineAccumulations(Block *body) {
  llvm::MapVector<Value, SmallVector<Accumulation>> chains;
  llvm::DenseSet<Value> disqualified;
  for (Operation &op : *body) {
    if (auto store = dyn_cast<memref::StoreOp>(op)) {
      std::optional<Accumulation> update = matchAccumulation(store);
      if (!update) {
        disqualified.insert(store.getMemRef());
        continue;
      }
      chains[store.getMemRef()].push_back(*update);
    }
  }
  for (Operation &op : *body)
    if (auto load = dyn_cast<memref::LoadOp>(op))
      if (chains.count(load.getMemRef()) &&
          llvm::none_of(chains[load.getMemRef()],
                        [&](const Accumulation &a) { return a.load == load; }))
        disqualified.insert(load.getMemRef());
  for (auto &[memref, chain] : chains) {
    if (chain.size() < 2 || disqualified.contains(memref))
      continue;
    // One element, the same combining op, each update before the next load.
    BankAccess first = getBankAccess(*getMemoryAccess(chain.front().store));
    bool same = llvm::all_of(chain, [&](Accumulation a) {
      BankAccess load = getBankAccess(*getMemoryAccess(a.load));
      BankAccess store = getBankAccess(*getMemoryAccess(a.store));
      for (size_t dim = 0; dim < first.indices.size(); ++dim)
        for (const BankAccess *access : {&load, &store})
          if (!access->indices[dim].sameTerms(first.indices[dim]) ||
              access->indices[dim].constant != first.indices[dim].constant)
            return false;
      return a.combine->getName() == chain.front().combine->getName();
    });
    for (size_t i = 0; i + 1 < chain.size() && same; ++i)
      same = chain[i].store->isBeforeInBlock(chain[i + 1].load);
    if (!same)
      continue;
    Operation *proto = chain.front().combine;
    OpBuilder b(chain.back().store);
    auto build = [&](Value lhs, Value rhs) {
      OperationState state(proto->getLoc(), proto->getName());
      state.addOperands({lhs, rhs});
      state.addTypes(proto->getResultTypes());
      state.addAttributes(proto->getAttrs());
      return b.create(state)->getResult(0);
    };
    SmallVector<Value> level;
    for (const Accumulation &a : chain)
      level.push_back(a.term);
    while (level.size() > 1) {
      SmallVector<Value> next;
      for (size_t i = 0; i + 1 < level.size(); i += 2)
        next.push_back(build(level[i], level[i + 1]));
      if (level.size() % 2)
        next.push_back(level.back());
      level = std::move(next);
    }
    // The first load moves down to the update: the element is read once.
    chain.front().load->moveBefore(chain.back().store);
    Value updated = build(chain.front().load, level.front());
    b.create<memref::StoreOp>(chain.back().store.getLoc(), updated, memref,
                              chain.back().store.getIndices());
    for (Accumulation a : chain) {
      a.store->erase();
      a.combine->erase();
      if (a.load != chain.front().load)
        a.load->erase();
    }
  }
}

/// Replaces the scalar reads and writes of `arg` in `body` by one vector
/// access per `lanes` of them.
static void packAccesses(Block *body, Value arg, VectorType token) {
  int64_t lanes = token.getNumElements();
  SmallVector<Operation *> accesses;
  for (Operation &op : *body)
    if (llvm::is_contained(op.getOperands(), arg))
      accesses.push_back(&op);
  OpBuilder b(body->getParentOp()->getContext());
  for (size_t start = 0; start < accesses.size(); start += lanes) {
    ArrayRef<Operation *> run = ArrayRef(accesses).slice(
        start, std::min<size_t>(lanes, accesses.size() - start));
    Location loc = run.front()->getLoc();
    if (isa<StreamReadOp>(run.front())) {
      b.setInsertionPoint(run.front());
      Value word = b.create<StreamReadOp>(loc, token, arg);
      for (auto [lane, op] : llvm::enumerate(run)) {
        b.setInsertionPoint(op);
        Value value = b.create<vector::ExtractOp>(loc, word, int64_t(lane));
        op->getResult(0).replaceAllUsesWith(value);
        op->erase();
      }
      continue;
    }
    SmallVector<Value> values;
    for (Operation *op : run)
      values.push_back(cast<StreamWriteOp>(op).getValue());
    b.setInsertionPointAfter(run.back());
    Value word = b.create<vector::FromElementsOp>(loc, token, values);
    b.create<StreamWriteOp>(loc, word, arg);
    for (Operation *op : run)
      op->erase();
  }
}

/// A vector built from the lanes of one vector of its type, in order, is
/// that vector (a memory word written to a stream as it was read).
static void foldRebuiltWords(func::FuncOp func) {
  func.walk([](vector::FromElementsOp build) {
    Value source;
    for (auto [lane, element] : llvm::enumerate(build.getElements())) {
      auto extract = element.getDefiningOp<vector::ExtractOp>();
      if (!extract || extract.getVector().getType() != build.getType() ||
          (source && extract.getVector() != source))
        return;
      std::optional<int64_t> position =
          getConstantIntValue(extract.getMixedPosition()[0]);
      if (!position || *position != int64_t(lane))
        return;
      source = extract.getVector();
    }
    if (!source)
      return;
    SmallVector<Value> elements(build.getElements());
    build.getResult().replaceAllUsesWith(source);
    build->erase();
    for (Value element : elements)
      if (element.use_empty())
        element.getDefiningOp()->erase();
  });
}

/// Partitions the local arrays the unrolled `loops` access so that their
/// copies meet as few times as possible on one bank.
static void partitionArrays(ArrayRef<scf::ForOp> loops,
                            const std::set<int64_t> &laneCounts) {
  // Powers of two, and the lane counts, which need not be ones.
  std::set<int64_t> factors(laneCounts.begin(), laneCounts.end());
  for (int64_t factor = 1; factor <= kMostBanks; factor *= 2)
    factors.insert(factor);
  llvm::MapVector<Operation *, SmallVector<SmallVector<BankAccess>>> arrays;
  for (scf::ForOp loop : loops) {
    llvm::MapVector<Operation *, SmallVector<BankAccess>> perLoop;
    for (Operation &op : loop.getBody()->without_terminator())
      if (std::optional<MemoryAccess> access = getMemoryAccess(&op))
        if (isLocalArray(access->memref))
          perLoop[access->memref.getDefiningOp()].push_back(
              getBankAccess(*access));
    for (auto &[alloc, accesses] : perLoop)
      arrays[alloc].push_back(std::move(accesses));
  }
  for (auto &[alloc, perLoop] : arrays) {
    auto type = cast<MemRefType>(alloc->getResult(0).getType());
    ArrayRef<int64_t> shape = type.getShape();
    SmallVector<int64_t> current(shape.size(), 1);
    if (auto old =
            alloc->getAttrOfType<DenseI64ArrayAttr>("dataflow.partition"))
      current.assign(old.asArrayRef().begin(), old.asArrayRef().end());
    auto cost = [&](ArrayRef<int64_t> factors) {
      int64_t cycles = 0;
      for (const auto &accesses : perLoop)
        cycles += getBankCycles(accesses, shape, factors);
      return cycles;
    };
    auto banks = [&](ArrayRef<int64_t> factors) {
      int64_t product = 1;
      for (auto [dim, factor] : llvm::enumerate(factors))
        product *= std::min(factor, shape[dim]);
      return product;
    };
    // Every candidate factor per dimension, no fewer banks than now.
    SmallVector<int64_t> best = current, candidate = current;
    int64_t bestCost = cost(current), bestBanks = banks(current);
    std::function<void(size_t)> search = [&](size_t dim) {
      if (dim == shape.size()) {
        int64_t count = banks(candidate);
        if (count > std::max(kMostBanks, banks(current)))
          return;
        int64_t c = cost(candidate);
        if (c < bestCost || (c == bestCost && count < bestBanks)) {
          best = candidate;
          bestCost = c;
          bestBanks = count;
        }
        return;
      }
      for (int64_t factor : factors) {
        if (factor > 1 && factor > shape[dim])
          break;
        candidate[dim] = std::max(current[dim], factor);
        search(dim + 1);
      }
      candidate[dim] = current[dim];
    };
    if (bestCost > int64_t(perLoop.size()))
      search(0);
    if (best != current)
      alloc->setAttr("dataflow.partition",
                     DenseI64ArrayAttr::get(alloc->getContext(), best));
  }
}

namespace {
struct VectorizeStreamsPass
    : public streamtensor::impl::VectorizeStreamsBase<VectorizeStreamsPass> {
  using VectorizeStreamsBase::VectorizeStreamsBase;

  void runOnOperation() override {
    if (maxLanes < 2)
      return;
    ModuleOp module = getOperation();
    llvm::StringMap<int64_t> calls;
    module.walk([&](func::CallOp call) { ++calls[call.getCallee()]; });
    for (auto top : module.getOps<func::FuncOp>())
      if (top->hasAttr("dataflow.top") && !top.isExternal())
        vectorizeTop(top, calls);
    for (auto func : module.getOps<func::FuncOp>())
      if (!func.isExternal())
        foldRebuiltWords(func);
  }

  void vectorizeTop(func::FuncOp top, const llvm::StringMap<int64_t> &calls);
  void vectorizeGroup(
      const Group &group, llvm::MapVector<Operation *, LoopStreams> &loops,
      llvm::DenseMap<StreamOp, SmallVector<Value>> &args,
      const llvm::DenseMap<Operation *, int64_t> &processTokens,
      SmallVectorImpl<scf::ForOp> &unrolled, std::set<int64_t> &laneCounts);
};
} // namespace

void VectorizeStreamsPass::vectorizeTop(func::FuncOp top,
                                        const llvm::StringMap<int64_t> &calls) {
  SymbolTable symbols(top->getParentOfType<ModuleOp>());
  llvm::EquivalenceClasses<Operation *> classes;
  llvm::DenseSet<Operation *> scalar;
  llvm::MapVector<Operation *, LoopStreams> loops;
  llvm::DenseMap<StreamOp, SmallVector<Value>> args;
  for (auto stream : top.getBody().getOps<StreamOp>()) {
    classes.insert(stream);
    auto type = cast<StreamType>(stream.getType());
    bool vectorizable = getMostLanes(type.getElementType(), maxLanes) > 1;
    for (OpOperand &use : stream->getUses()) {
      auto call = dyn_cast<func::CallOp>(use.getOwner());
      auto callee =
          call ? symbols.lookup<func::FuncOp>(call.getCallee()) : nullptr;
      if (!callee || callee.isExternal() ||
          calls.lookup(call.getCallee()) != 1) {
        vectorizable = false;
        continue;
      }
      BlockArgument arg = callee.getArgument(use.getOperandNumber());
      args[stream].push_back(arg);
      for (Operation *user : arg.getUsers()) {
        auto loop = dyn_cast<scf::ForOp>(user->getParentOp());
        if (!isa<StreamReadOp, StreamWriteOp>(user) || !loop ||
            !isUnrollable(loop)) {
          vectorizable = false;
          continue;
        }
        LoopStreams &info = loops[loop];
        if (!info.loop) {
          info.loop = loop;
          info.trips = *getTripCount(loop);
          info.ops = countOps(loop);
          info.keepWhole = isLargePortLoop(loop, info.ops);
          info.completable = canPromote(loop);
        }
        ++info.counts[arg];
        classes.unionSets(stream, loop);
      }
    }
    if (!vectorizable)
      scalar.insert(stream);
  }

  // The tokens each process passes, loop after loop (a loop counts its
  // busiest stream), before any loop is rewritten.
  llvm::DenseMap<Operation *, int64_t> processTokens;
  for (auto &[op, info] : loops) {
    int64_t busiest = 0;
    for (auto [arg, count] : info.counts)
      busiest = std::max(busiest, count);
    processTokens[op->getParentOfType<func::FuncOp>()] +=
        busiest * getExecutions(info.loop);
  }

  SmallVector<scf::ForOp> unrolled;
  std::set<int64_t> laneCounts;
  for (auto it = classes.begin(); it != classes.end(); ++it) {
    if (!it->isLeader())
      continue;
    Group group;
    bool keep = false;
    for (auto member = classes.member_begin(it); member != classes.member_end();
         ++member) {
      if (auto stream = dyn_cast<StreamOp>(*member)) {
        group.streams.insert(stream);
        keep |= scalar.contains(stream);
      } else {
        group.loops.insert(*member);
      }
    }
    if (!keep)
      vectorizeGroup(group, loops, args, processTokens, unrolled, laneCounts);
  }
  partitionArrays(unrolled, laneCounts);
}

void VectorizeStreamsPass::vectorizeGroup(
    const Group &group, llvm::MapVector<Operation *, LoopStreams> &loops,
    llvm::DenseMap<StreamOp, SmallVector<Value>> &args,
    const llvm::DenseMap<Operation *, int64_t> &processTokens,
    SmallVectorImpl<scf::ForOp> &unrolled, std::set<int64_t> &laneCounts) {
  int64_t most = maxLanes;
  for (StreamOp stream : group.streams)
    most = std::min(
        most, getMostLanes(cast<StreamType>(stream.getType()).getElementType(),
                           maxLanes));
  // Lanes cost operators: no more than the group's busiest stream needs to
  // pass in `target-cycles`, or the busiest process of the group all the
  // streams it passes one loop after another (a join reading eight pieces).
  int64_t volume = 0;
  for (Operation *loop : group.loops) {
    for (auto [arg, count] : loops[loop].counts)
      volume = std::max(volume, count * getExecutions(loops[loop].loop));
    volume = std::max(
        volume, processTokens.lookup(loop->getParentOfType<func::FuncOp>()));
  }
  int64_t needed = llvm::divideCeil(volume, std::max<int64_t>(1, targetCycles));
  // A short loop inside another is best unrolled completely: the outer
  // loop is then pipelined instead of draining a short pipeline each time.
  int64_t byBits = most;
  for (Operation *op : group.loops) {
    const LoopStreams &info = loops[op];
    if (!isa<scf::ForOp>(op->getParentOp()))
      continue;
    for (auto [arg, count] : info.counts)
      if (info.trips * count <= byBits)
        needed = std::max(needed, info.trips * count);
  }
  most = std::min(most, std::max<int64_t>(1, needed));
  // Any count of lanes will do (a row of 513 scores goes 9 at a time); the
  // widest that every loop's trip count allows.
  int64_t lanes = most;
  for (; lanes >= 2; --lanes)
    if (llvm::all_of(group.loops, [&](Operation *loop) {
          return getUnroll(loops[loop], lanes) > 0;
        }))
      break;
  if (lanes < 2)
    return;
  laneCounts.insert(lanes);

  // The FIFOs and the process arguments carry vectors.
  llvm::SetVector<func::FuncOp> processes;
  for (StreamOp stream : group.streams) {
    auto type = cast<StreamType>(stream.getType());
    auto token = VectorType::get({lanes}, type.getElementType());
    auto vectorType = StreamType::get(stream.getContext(), token,
                                      llvm::divideCeil(type.getDepth(), lanes));
    stream.getResult().setType(vectorType);
    for (Value arg : args[stream]) {
      arg.setType(vectorType);
      processes.insert(cast<func::FuncOp>(
          cast<BlockArgument>(arg).getOwner()->getParentOp()));
    }
  }
  for (func::FuncOp process : processes)
    process.setType(FunctionType::get(process.getContext(),
                                      process.getBody().getArgumentTypes(),
                                      process.getResultTypes()));

  for (Operation *op : group.loops) {
    LoopStreams &info = loops[op];
    scf::ForOp loop = info.loop;
    int64_t unroll = getUnroll(info, lanes);
    int64_t before = 0, after = 0;
    for (auto [arg, count] : info.counts) {
      before = std::max(before, count);
      after = std::max(after, count * unroll / lanes);
    }
    unrollInPlace(loop, unroll);
    if (unroll > 1)
      combineAccumulations(loop.getBody());
    if (unroll == info.trips)
      loop = promoteIntoParent(loop);
    for (auto [arg, count] : info.counts)
      packAccesses(
          loop.getBody(), arg,
          cast<VectorType>(cast<StreamType>(arg.getType()).getElementType()));
    // The II a word loop was given for its stream accesses, and the HLS
    // unroll the copies now stand for, shrink with them.
    MLIRContext *ctx = loop.getContext();
    auto i64 = IntegerType::get(ctx, 64);
    if (auto ii = loop->getAttrOfType<IntegerAttr>("dataflow.pipeline_ii"))
      if (ii.getInt() > 1 && ii.getInt() == before)
        loop->setAttr("dataflow.pipeline_ii",
                      IntegerAttr::get(i64, std::max<int64_t>(1, after)));
    if (auto old = loop->getAttrOfType<IntegerAttr>("dataflow.unroll")) {
      if (old.getInt() / unroll > 1)
        loop->setAttr("dataflow.unroll",
                      IntegerAttr::get(i64, old.getInt() / unroll));
      else
        loop->removeAttr("dataflow.unroll");
    }
    if (unroll > 1)
      unrolled.push_back(loop);
  }
}
