//===- TimingModel.cpp - Timing of lowered dataflow processes -------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Analysis/TimingModel.h"
#include "streamtensor/Analysis/HbmChannels.h"
#include "streamtensor/Analysis/LocalBanks.h"
#include "OperatorKeys.h"
#include "streamtensor/Dialect/Dataflow/DataflowOps.h"
#include "streamtensor/Dialect/Dataflow/DataflowTypes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>
#include <limits>
#include <deque>

using namespace mlir;
using streamtensor::detail::getTypeKey;
using streamtensor::detail::isFreeType;
using namespace streamtensor;
using streamtensor::dataflow::StreamOp;
using streamtensor::dataflow::StreamReadOp;
using streamtensor::dataflow::StreamType;
using streamtensor::dataflow::StreamWriteOp;

/// Beyond this many cycles a process is reported instead of timed: the graph
/// model keeps every cycle count below 2^40.
static constexpr int64_t kMaxProcessCycles = int64_t(1) << 44;

//===----------------------------------------------------------------------===//
// Average intervals
//===----------------------------------------------------------------------===//

int64_t StreamAccessTiming::getProducerII() const {
  if (tokens <= 1)
    return 1;
  return std::max<int64_t>(1, (lastCycle - firstCycle) / (tokens - 1));
}

int64_t StreamAccessTiming::getConsumerII() const {
  if (tokens <= 1)
    return 1;
  return std::max<int64_t>(1, (lastCycle + tokens - 2) / (tokens - 1));
}

//===----------------------------------------------------------------------===//
// Operation latencies
//===----------------------------------------------------------------------===//

/// m_axi ports are the memref arguments of a process (as the emitter treats
/// them); local arrays are allocated in it.
static bool isPort(Value memref) { return isa<BlockArgument>(memref); }

namespace {

/// Accesses of one region, relative to its start, per stream argument.
using AccessMap = std::map<unsigned, StreamAccessTiming>;

struct BlockTiming {
  int64_t latency = 0;
  AccessMap accesses;
  /// Bytes moved through m_axi ports.
  int64_t bytesRead = 0, bytesWritten = 0;

  void addBytes(const BlockTiming &other, int64_t times = 1) {
    bytesRead += other.bytesRead * times;
    bytesWritten += other.bytesWritten * times;
  }
};

void mergeShifted(AccessMap &into, const AccessMap &from, int64_t offset) {
  for (const auto &[arg, access] : from) {
    auto [it, inserted] = into.try_emplace(arg, access);
    StreamAccessTiming &merged = it->second;
    if (inserted) {
      merged.firstCycle += offset;
      merged.lastCycle += offset;
      merged.schedule = AccessSchedule();
      merged.schedule.append(access.schedule, offset);
      continue;
    }
    merged.schedule.append(access.schedule, offset);
    merged.tokens += access.tokens;
    merged.firstCycle = std::min(merged.firstCycle, access.firstCycle + offset);
    merged.lastCycle = std::max(merged.lastCycle, access.lastCycle + offset);
  }
}

/// `accesses` happen again every `period` cycles, `times` times in all.
void repeat(AccessMap &accesses, int64_t times, int64_t period) {
  for (auto &[arg, access] : accesses) {
    access.tokens *= times;
    access.lastCycle += (times - 1) * period;
    access.schedule.repeat(times, period);
  }
}

class ProcessTimer {
public:
  ProcessTimer(func::FuncOp func, const TargetDesc &target,
               ProcessTiming &result, const PortShares *shares)
      : func(func), target(target), result(result), shares(shares) {}

  LogicalResult run();

private:
  FailureOr<int64_t> getLatency(Operation *op);
  FailureOr<int64_t> getStreamArg(Operation *op);
  FailureOr<BlockTiming> timeBlock(Block &block, bool inBranch);
  FailureOr<BlockTiming>
  timeSegment(ArrayRef<Operation *> ops,
              llvm::DenseMap<Operation *, int64_t> *starts);
  FailureOr<BlockTiming> timeLoop(scf::ForOp loop);
  /// IIs that recurrences through enclosing flattened loops impose on
  /// innermost loops.
  llvm::DenseMap<Operation *, int64_t> minimumII;
  int64_t getRecurrenceII(scf::ForOp loop,
                          llvm::SmallVectorImpl<std::pair<Operation *, int64_t>>
                              &indexedRecurrences,
                          const llvm::DenseMap<Operation *, int64_t> &starts);
  double getPortRate(scf::ForOp loop, int64_t unroll);
  LogicalResult checkCycles(Operation *op, int64_t cycles);

  func::FuncOp func;
  const TargetDesc &target;
  ProcessTiming &result;
  const PortShares *shares;
};

} // namespace

LogicalResult ProcessTimer::checkCycles(Operation *op, int64_t cycles) {
  if (cycles <= kMaxProcessCycles)
    return success();
  return op->emitError("process takes more than 2^44 cycles; the timing "
                       "model does not handle it");
}

FailureOr<unsigned> streamtensor::getStreamArgNumber(Operation *access,
                                                     func::FuncOp process) {
  Value stream = isa<StreamReadOp>(access)
                     ? cast<StreamReadOp>(access).getSource()
                     : cast<StreamWriteOp>(access).getDest();
  auto arg = dyn_cast<BlockArgument>(stream);
  if (!arg || arg.getOwner() != &process.getBody().front())
    return access->emitError("stream is not an argument of process @")
           << process.getSymName();
  return arg.getArgNumber();
}

FailureOr<int64_t> ProcessTimer::getStreamArg(Operation *op) {
  FailureOr<unsigned> arg = getStreamArgNumber(op, func);
  if (failed(arg))
    return failure();
  return int64_t(*arg);
}

FailureOr<int64_t> ProcessTimer::getLatency(Operation *op) {
  if (isa<memref::AllocOp, memref::AllocaOp, memref::DeallocOp,
          memref::CollapseShapeOp, memref::ExpandShapeOp, memref::CastOp>(op))
    return 0;
  // Taking a memory word apart or assembling one is wiring.
  if (isa<vector::ExtractOp, vector::FromElementsOp>(op))
    return 0;
  // HLS schedules a load from an m_axi port with the interface's read
  // latency; a store is posted.
  if (auto load = dyn_cast<memref::LoadOp>(op))
    if (isPort(load.getMemref()))
      return target.hbm.readLatencyCycles;
  if (isa<memref::LoadOp, memref::StoreOp, StreamReadOp, StreamWriteOp>(op))
    return 1;
  if (auto copy = dyn_cast<memref::CopyOp>(op)) {
    auto type = dyn_cast<MemRefType>(copy.getSource().getType());
    if (!type || !type.hasStaticShape())
      return op->emitError("memref.copy needs static shapes to be timed");
    return type.getNumElements() + 1;
  }
  OperatorClass kind = classifyOperator(op->getName().getStringRef());
  if (kind.kind == OperatorKind::Free)
    return 0;
  if (kind.kind == OperatorKind::Conversion) {
    Type from = op->getOperand(0).getType(), to = op->getResult(0).getType();
    if (isFreeType(from) || isFreeType(to))
      return 0;
    std::string fromKey = getTypeKey(from), toKey = getTypeKey(to);
    // Between widths that share a key (i4 and i8): wiring.
    if (fromKey == toKey)
      return 0;
    if (std::optional<int64_t> cycles =
            target.getConversionLatency(fromKey, toKey))
      return *cycles;
    return op->emitError("target '")
           << target.name << "' has no latency for '" << op->getName()
           << "' from " << fromKey << " to " << toKey;
  }
  if (kind.kind != OperatorKind::Arithmetic || op->getNumOperands() == 0)
    return op->emitError("the timing model has no rule for '")
           << op->getName() << "'";
  Type type = op->getOperand(0).getType();
  if (isFreeType(type))
    return 0;
  std::string typeKey = getTypeKey(type);
  if (std::optional<int64_t> cycles = target.getOpLatency(typeKey, kind.key))
    return *cycles;
  return op->emitError("target '")
         << target.name << "' has no latency for '" << op->getName()
         << "' on " << typeKey << " (key '" << kind.key << "')";
}

namespace {
/// An access to an array inside a segment, at the indices it uses.
struct TimedAccess {
  SmallVector<Value> indices;
  int64_t time;
};
} // namespace

/// `value` as a base plus a constant (`base + 3`), through additions of
/// constants.
static std::pair<Value, int64_t> splitConstantOffset(Value value) {
  int64_t offset = 0;
  while (auto add = value.getDefiningOp<arith::AddIOp>()) {
    if (std::optional<int64_t> c = getConstantIntValue(add.getRhs())) {
      offset += *c;
      value = add.getLhs();
    } else if (std::optional<int64_t> c = getConstantIntValue(add.getLhs())) {
      offset += *c;
      value = add.getRhs();
    } else {
      break;
    }
  }
  return {value, offset};
}

/// Whether two accesses provably touch different elements: in some
/// dimension both indices are one base plus different constants (two lanes
/// of an accumulator row). Unknown indices (a copy) may touch anything.
static bool areDisjoint(ArrayRef<Value> a, ValueRange b) {
  if (a.empty() || a.size() != b.size())
    return false;
  for (auto [x, y] : llvm::zip(a, b)) {
    auto [baseX, offsetX] = splitConstantOffset(x);
    auto [baseY, offsetY] = splitConstantOffset(y);
    if (baseX == baseY && offsetX != offsetY)
      return true;
    std::optional<int64_t> cx = getConstantIntValue(x), cy = getConstantIntValue(y);
    if (cx && cy && *cx != *cy)
      return true;
  }
  return false;
}

/// Schedules straight-line operations as soon as their operands, the
/// memory they touch and their stream allow. Nested scf.if regions take the
/// longer of their branches.
FailureOr<BlockTiming>
ProcessTimer::timeSegment(ArrayRef<Operation *> ops,
                          llvm::DenseMap<Operation *, int64_t> *starts) {
  BlockTiming timing;
  llvm::DenseMap<Value, int64_t> ready;
  // Per array, the accesses so far: a load's issue, a store's completion.
  llvm::DenseMap<Value, SmallVector<TimedAccess>> stores, loads;
  llvm::DenseMap<int64_t, int64_t> streamNext;

  auto operandReady = [&](Operation *op) {
    int64_t start = 0;
    op->walk([&](Operation *nested) {
      for (Value operand : nested->getOperands()) {
        auto it = ready.find(operand);
        if (it != ready.end())
          start = std::max(start, it->second);
      }
    });
    return start;
  };

  for (Operation *op : ops) {
    int64_t start = operandReady(op);
    int64_t latency = 0;
    std::optional<int64_t> streamArg;

    if (auto ifOp = dyn_cast<scf::IfOp>(op)) {
      for (Region *region : {&ifOp.getThenRegion(), &ifOp.getElseRegion()}) {
        if (region->empty())
          continue;
        FailureOr<BlockTiming> branch = timeBlock(region->front(), true);
        if (failed(branch))
          return failure();
        if (!branch->accesses.empty())
          return op->emitError("stream accessed under scf.if: the number of "
                               "tokens is not static");
        latency = std::max(latency, branch->latency);
        // The larger branch's traffic: an upper bound.
        timing.bytesRead = std::max(timing.bytesRead, branch->bytesRead);
        timing.bytesWritten =
            std::max(timing.bytesWritten, branch->bytesWritten);
      }
    } else {
      if (std::optional<MemoryAccess> access = getMemoryAccess(op))
        if (isPort(access->memref))
          (access->isLoad ? timing.bytesRead : timing.bytesWritten) +=
              getTokenBytes(
                  cast<MemRefType>(access->memref.getType()).getElementType());
      FailureOr<int64_t> cycles = getLatency(op);
      if (failed(cycles))
        return failure();
      latency = *cycles;
    }

    // Memory order on one array: a load waits for the last store, a store
    // for the last store and the last load.
    SmallVector<Value, 2> readMemrefs, writtenMemrefs;
    if (auto load = dyn_cast<memref::LoadOp>(op))
      readMemrefs.push_back(load.getMemref());
    else if (auto store = dyn_cast<memref::StoreOp>(op))
      writtenMemrefs.push_back(store.getMemref());
    else if (auto copy = dyn_cast<memref::CopyOp>(op)) {
      readMemrefs.push_back(copy.getSource());
      writtenMemrefs.push_back(copy.getTarget());
    }
    ValueRange indices;
    if (std::optional<MemoryAccess> access = getMemoryAccess(op))
      indices = access->indices;
    // Only accesses that may touch the same element are ordered.
    auto after = [&](const SmallVector<TimedAccess> &earlier) {
      int64_t time = 0;
      for (const TimedAccess &other : earlier)
        if (!areDisjoint(other.indices, indices))
          time = std::max(time, other.time);
      return time;
    };
    for (Value memref : readMemrefs)
      start = std::max(start, after(stores[memref]));
    for (Value memref : writtenMemrefs)
      start = std::max({start, after(stores[memref]), after(loads[memref])});

    if (isa<StreamReadOp, StreamWriteOp>(op)) {
      FailureOr<int64_t> arg = getStreamArg(op);
      if (failed(arg))
        return failure();
      streamArg = *arg;
      start = std::max(start, streamNext.lookup(*arg));
      streamNext[*arg] = start + 1;
    }

    int64_t done = start + latency;
    if (failed(checkCycles(op, done)))
      return failure();
    for (Value memref : readMemrefs)
      loads[memref].push_back({SmallVector<Value>(indices), start});
    for (Value memref : writtenMemrefs)
      stores[memref].push_back({SmallVector<Value>(indices), done});
    for (Value value : op->getResults())
      ready[value] = done;
    if (starts)
      (*starts)[op] = start;
    result.opStarts[op] = start;
    timing.latency = std::max(timing.latency, done);

    if (streamArg) {
      StreamAccessTiming access;
      access.isWrite = isa<StreamWriteOp>(op);
      access.tokens = 1;
      access.firstCycle = access.lastCycle = start;
      access.schedule = AccessSchedule::single(start);
      mergeShifted(timing.accesses, AccessMap{{unsigned(*streamArg), access}},
                   0);
    }
  }
  return timing;
}

FailureOr<BlockTiming> ProcessTimer::timeBlock(Block &block, bool inBranch) {
  BlockTiming timing;
  SmallVector<Operation *> segment;
  auto flush = [&]() -> LogicalResult {
    if (segment.empty())
      return success();
    FailureOr<BlockTiming> part = timeSegment(segment, nullptr);
    if (failed(part))
      return failure();
    // A branch's latency is part of its scf.if's.
    if (!inBranch)
      result.segmentLatency[segment.back()] = part->latency;
    mergeShifted(timing.accesses, part->accesses, timing.latency);
    timing.latency += part->latency;
    timing.addBytes(*part);
    segment.clear();
    return success();
  };
  for (Operation &op : block) {
    if (op.hasTrait<OpTrait::IsTerminator>())
      continue;
    auto loop = dyn_cast<scf::ForOp>(op);
    if (!loop) {
      segment.push_back(&op);
      continue;
    }
    if (failed(flush()))
      return failure();
    FailureOr<BlockTiming> part = timeLoop(loop);
    if (failed(part))
      return failure();
    mergeShifted(timing.accesses, part->accesses, timing.latency);
    timing.latency += part->latency;
    timing.addBytes(*part);
    if (failed(checkCycles(loop, timing.latency)))
      return failure();
  }
  if (failed(flush()))
    return failure();
  return timing;
}

/// True if `value` is computed, inside `loop`, from its induction variable.
static bool dependsOnInductionVar(Value value, scf::ForOp loop,
                                  llvm::DenseMap<Value, bool> &cache) {
  if (value == loop.getInductionVar())
    return true;
  Operation *def = value.getDefiningOp();
  if (!def || !loop->isProperAncestor(def))
    return false;
  auto [it, inserted] = cache.try_emplace(value, false);
  if (!inserted)
    return it->second;
  bool depends = llvm::any_of(def->getOperands(), [&](Value operand) {
    return dependsOnInductionVar(operand, loop, cache);
  });
  cache[value] = depends;
  return depends;
}

/// True if `value` is computed, inside `loop`, from the result of `source`.
static bool dependsOn(Value value, Operation *source, scf::ForOp loop,
                      llvm::DenseSet<Value> &visited) {
  Operation *def = value.getDefiningOp();
  if (!def || !loop->isProperAncestor(def))
    return false;
  if (def == source)
    return true;
  if (!visited.insert(value).second)
    return false;
  return llvm::any_of(def->getOperands(), [&](Value operand) {
    return dependsOn(operand, source, loop, visited);
  });
}

/// Cycles a local-array read takes before its value can be used.
static constexpr int64_t kLocalLoadCycles = 2;

/// The smallest II that lets every loop-carried element of a local array
/// (stored at indices that do not depend on the induction variable, after a
/// value computed from a load of the same element) be stored before the
/// next iteration loads it: store done minus load issue.
int64_t ProcessTimer::getRecurrenceII(
    scf::ForOp loop,
    llvm::SmallVectorImpl<std::pair<Operation *, int64_t>> &indexedRecurrences,
    const llvm::DenseMap<Operation *, int64_t> &starts) {
  int64_t recurrence = 0;
  llvm::DenseMap<Value, bool> cache;
  Block *body = loop.getBody();
  for (Operation &op : *body) {
    auto store = dyn_cast<memref::StoreOp>(op);
    if (!store || !isLocalArray(store.getMemref()))
      continue;
    bool indexed = llvm::any_of(store.getIndices(), [&](Value index) {
      return dependsOnInductionVar(index, loop, cache);
    });
    for (Operation &other : *body) {
      auto load = dyn_cast<memref::LoadOp>(other);
      if (!load || load.getMemref() != store.getMemref() ||
          !llvm::equal(load.getIndices(), store.getIndices()))
        continue;
      llvm::DenseSet<Value> visited;
      if (!dependsOn(store.getValue(), load, loop, visited))
        continue;
      // HLS issues the load of a recurrence as late as its first use
      // allows (a local read takes a cycle or two), not as early as its
      // address is known: the recurrence runs from there to the store.
      int64_t loadStart = starts.lookup(load.getOperation());
      int64_t firstUse = std::numeric_limits<int64_t>::max();
      for (Operation *user : load->getUsers())
        if (starts.count(user))
          firstUse = std::min(firstUse, starts.lookup(user));
      if (firstUse != std::numeric_limits<int64_t>::max())
        loadStart = std::max(loadStart, firstUse - kLocalLoadCycles);
      int64_t distance = starts.lookup(store.getOperation()) + 1 - loadStart;
      if (indexed)
        indexedRecurrences.push_back({store.getOperation(), distance});
      else
        recurrence = std::max(recurrence, distance);
    }
  }
  return recurrence;
}

/// The loop that is the whole body of `loop`, if any: the two form a perfect
/// nest that HLS flattens when the inner one is pipelined.
static scf::ForOp getPerfectlyNestedLoop(scf::ForOp loop) {
  Block *body = loop.getBody();
  if (!llvm::hasSingleElement(body->without_terminator()))
    return nullptr;
  if (loop.getNumResults() != 0)
    return nullptr;
  return dyn_cast<scf::ForOp>(body->front());
}

/// How much `value` grows per iteration of `loop` when it is affine in the
/// induction variable through additions, subtractions and multiplications
/// by constants; nothing for other dependences.
static std::optional<int64_t> getIVCoefficient(Value value, scf::ForOp loop,
                                               llvm::DenseMap<Value, bool> &cache) {
  if (value == loop.getInductionVar())
    return 1;
  if (!dependsOnInductionVar(value, loop, cache))
    return 0;
  Operation *def = value.getDefiningOp();
  auto both = [&](Value a, Value b)
      -> std::optional<std::pair<int64_t, int64_t>> {
    std::optional<int64_t> ca = getIVCoefficient(a, loop, cache);
    std::optional<int64_t> cb = getIVCoefficient(b, loop, cache);
    if (!ca || !cb)
      return std::nullopt;
    return std::make_pair(*ca, *cb);
  };
  if (auto add = dyn_cast<arith::AddIOp>(def))
    if (auto c = both(add.getLhs(), add.getRhs()))
      return c->first + c->second;
  if (auto sub = dyn_cast<arith::SubIOp>(def))
    if (auto c = both(sub.getLhs(), sub.getRhs()))
      return c->first - c->second;
  if (auto mul = dyn_cast<arith::MulIOp>(def)) {
    std::optional<int64_t> lhs = getConstantIntValue(mul.getLhs());
    std::optional<int64_t> rhs = getConstantIntValue(mul.getRhs());
    if (rhs)
      if (std::optional<int64_t> c = getIVCoefficient(mul.getLhs(), loop, cache))
        return *c * *rhs;
    if (lhs)
      if (std::optional<int64_t> c = getIVCoefficient(mul.getRhs(), loop, cache))
        return *c * *lhs;
  }
  return std::nullopt;
}

/// Whether successive iterations of `loop` access consecutive (or the same)
/// elements: only the innermost index moves with the induction variable,
/// by one element per iteration.
static bool isContiguousAccess(ValueRange indices, scf::ForOp loop) {
  llvm::DenseMap<Value, bool> cache;
  for (auto [position, index] : llvm::enumerate(indices)) {
    std::optional<int64_t> c = getIVCoefficient(index, loop, cache);
    bool innermost = position + 1 == indices.size();
    if (!c || (*c != 0 && !(innermost && *c == 1)))
      return false;
  }
  return true;
}

/// The cycles the port shares need per iteration of an innermost `loop`,
/// unrounded: a loop that moves a 64-byte word per iteration through a
/// 57.5 B/cycle channel runs at II 1 with the port pausing it now and then.
/// Without the shares (a process timed alone), only what the m_axi port
/// itself allows: one beat per cycle.
double ProcessTimer::getPortRate(scf::ForOp loop, int64_t unroll) {
  struct Demand {
    double beats = 0, bytes = 0;
    int64_t stridedReads = 0;
  };
  llvm::DenseMap<unsigned, Demand> demand;
  for (Operation &op : loop.getBody()->without_terminator()) {
    std::optional<MemoryAccess> access = getMemoryAccess(&op);
    if (!access || !isPort(access->memref))
      continue;
    auto arg = cast<BlockArgument>(access->memref);
    Type element = cast<MemRefType>(arg.getType()).getElementType();
    double bytes = double(getTokenBytes(element));
    Demand &d = demand[arg.getArgNumber()];
    d.beats += 1;
    bool contiguous = isContiguousAccess(access->indices, loop);
    d.bytes += contiguous ? bytes
                          : std::max(bytes, double(target.hbm.minAccessBytes));
    if (access->isLoad && !contiguous)
      ++d.stridedReads;
  }
  double ii = 1;
  for (auto [arg, d] : demand) {
    if (!shares) {
      ii = std::max(ii, d.beats * double(unroll));
      continue;
    }
    auto it = shares->find(arg);
    PortShare share = it == shares->end() ? PortShare() : it->second;
    ii = std::max(ii, d.beats * double(unroll) / share.beatsPerCycle);
    if (share.bytesPerCycle > 0)
      ii = std::max(ii, d.bytes * double(unroll) / share.bytesPerCycle);
    // Each strided read is a burst of its own: a port keeps only so many
    // in flight over the read latency.
    if (d.stridedReads > 0)
      ii = std::max(ii, double(d.stridedReads * unroll) *
                            double(target.hbm.readLatencyCycles) /
                            double(target.hbm.outstandingBursts));
  }
  return ii;
}

/// Cycles from a pipeline's start to its end: the last iteration issues
/// after the others' average cycles and takes the iteration latency.
static int64_t getPipelineLatency(const LoopTiming &info) {
  return int64_t(std::ceil(double(info.pipelineTrips - 1) *
                               info.cyclesPerIteration -
                           1e-9)) +
         info.iterationLatency;
}

/// The unroll factor HLS applies to an innermost loop (`dataflow.unroll`),
/// lowered to a divisor of the trip count so that every pipeline iteration
/// runs the same number of iterations.
static int64_t getUnrollFactor(scf::ForOp loop, int64_t trips) {
  auto attr = loop->getAttrOfType<IntegerAttr>("dataflow.unroll");
  if (!attr || attr.getInt() <= 1 || trips <= 1)
    return 1;
  int64_t unroll = std::min(attr.getInt(), trips);
  while (trips % unroll != 0)
    --unroll;
  return unroll;
}

/// The II the local arrays allow the accesses of one iteration of `loop`
/// (copies unrolled in the IR among them): two ports per bank, the bank of
/// each access from its index where that is known (LocalBanks.h).
static int64_t getBankII(scf::ForOp loop) {
  llvm::MapVector<Value, SmallVector<BankAccess>> accesses;
  for (Operation &op : loop.getBody()->without_terminator())
    if (std::optional<MemoryAccess> access = getMemoryAccess(&op))
      if (isLocalArray(access->memref))
        accesses[access->memref].push_back(
            getBankAccess(*access));
  int64_t ii = 1;
  for (auto &[memref, list] : accesses) {
    auto shape = cast<MemRefType>(memref.getType()).getShape();
    SmallVector<int64_t> factors(shape.size(), 1);
    if (auto attr = memref.getDefiningOp()->getAttrOfType<DenseI64ArrayAttr>(
            "dataflow.partition"))
      for (auto [dim, factor] : llvm::enumerate(attr.asArrayRef()))
        if (dim < factors.size())
          factors[dim] = std::max<int64_t>(1, factor);
    ii = std::max(ii, getBankCycles(list, shape, factors));
  }
  return ii;
}

/// The II the local arrays allow when `unroll` copies of the body of an
/// innermost `loop` access them in one pipeline iteration: two ports per
/// bank (BRAM), banks from `dataflow.partition`. Several accesses of one
/// copy count too (a memory word unpacked into a tile buffer).
static int64_t getLocalMemoryII(scf::ForOp loop, int64_t unroll) {
  if (unroll == 1)
    return getBankII(loop);
  // The copies read one element where the index does not move with the
  // induction variable: HLS merges those loads into one.
  llvm::DenseMap<Value, int64_t> accesses;
  llvm::DenseMap<Value, bool> cache;
  for (Operation &op : loop.getBody()->without_terminator())
    if (std::optional<MemoryAccess> access = getMemoryAccess(&op))
      if (isLocalArray(access->memref)) {
        bool moves = llvm::any_of(access->indices, [&](Value index) {
          return dependsOnInductionVar(index, loop, cache);
        });
        accesses[access->memref] += moves || !access->isLoad ? unroll : 1;
      }
  int64_t ii = 1;
  for (auto [memref, count] : accesses) {
    int64_t banks = 1;
    if (auto factors = memref.getDefiningOp()->getAttrOfType<DenseI64ArrayAttr>(
            "dataflow.partition")) {
      auto shape = cast<MemRefType>(memref.getType()).getShape();
      for (auto [dim, factor] : llvm::enumerate(factors.asArrayRef()))
        if (dim < shape.size() && factor > 1)
          banks *= std::min<int64_t>(factor, shape[dim]);
    }
    ii = std::max(ii, (count + 2 * banks - 1) / (2 * banks));
  }
  return ii;
}

FailureOr<BlockTiming> ProcessTimer::timeLoop(scf::ForOp loop) {
  std::optional<int64_t> lower = getConstantIntValue(loop.getLowerBound());
  std::optional<int64_t> upper = getConstantIntValue(loop.getUpperBound());
  std::optional<int64_t> step = getConstantIntValue(loop.getStep());
  if (!lower || !upper || !step)
    return loop.emitError("loop bounds and step must be constants to be timed");
  if (*step <= 0)
    return loop.emitError("loop step must be positive");
  int64_t trips = *upper > *lower ? (*upper - *lower + *step - 1) / *step : 0;

  LoopTiming info;
  info.loop = loop;
  info.tripCount = trips;
  bool innermost = true;
  loop.getBody()->walk([&](scf::ForOp) { innermost = false; });

  BlockTiming timing;
  // A loop that is not pipelined runs its body `trips` times in a row.
  auto runSequentially = [&](const BlockTiming &body) -> LogicalResult {
    if (trips <= 0)
      return success();
    if (body.latency > 0 && trips > kMaxProcessCycles / body.latency)
      return loop.emitError("loop takes more than 2^44 cycles; the timing "
                            "model does not handle it");
    timing.latency = trips * body.latency;
    timing.accesses = body.accesses;
    timing.addBytes(body, trips);
    repeat(timing.accesses, trips, body.latency);
    return success();
  };
  if (innermost) {
    llvm::DenseMap<Operation *, int64_t> starts;
    SmallVector<Operation *> ops;
    for (Operation &op : loop.getBody()->without_terminator())
      ops.push_back(&op);
    FailureOr<BlockTiming> iteration = timeSegment(ops, &starts);
    if (failed(iteration))
      return failure();
    // An unrolled loop issues `unroll` copies of its body per pipeline
    // iteration, one cycle apart; whatever they share (a stream, a port, a
    // bank of a local array, an accumulator) bounds the II.
    int64_t unroll = getUnrollFactor(loop, trips);
    int64_t ii = 1;
    info.recurrenceII =
        getRecurrenceII(loop, info.indexedRecurrences, starts);
    ii = std::max(ii, info.recurrenceII * unroll);
    for (const auto &[arg, access] : iteration->accesses)
      ii = std::max(ii, access.tokens * unroll);
    if (auto attr = loop->getAttrOfType<IntegerAttr>("dataflow.pipeline_ii"))
      ii = std::max<int64_t>(ii, attr.getInt());
    ii = std::max(ii, minimumII.lookup(loop.getOperation()));
    double portRate = getPortRate(loop, unroll);
    ii = std::max(ii, int64_t(portRate + 1e-9));
    ii = std::max(ii, getLocalMemoryII(loop, unroll));
    info.pipelined = true;
    info.ii = ii;
    info.cyclesPerIteration = std::max(double(ii), portRate);
    info.unroll = unroll;
    info.iterationLatency =
        std::max<int64_t>(1, iteration->latency) + unroll - 1;
    info.pipelineTrips = trips / unroll;
    if (trips > 0) {
      if (info.pipelineTrips - 1 > kMaxProcessCycles / ii)
        return loop.emitError("loop takes more than 2^44 cycles; the timing "
                              "model does not handle it");
      timing.latency = getPipelineLatency(info);
      timing.accesses = iteration->accesses;
      if (unroll > 1)
        for (auto &[arg, access] : timing.accesses) {
          // The copies' accesses to one stream, one per cycle.
          access.tokens *= unroll;
          access.lastCycle = access.firstCycle + access.tokens - 1;
          access.schedule = AccessSchedule();
          access.schedule.add({access.tokens, access.firstCycle, 1});
        }
      timing.addBytes(*iteration, trips);
      repeat(timing.accesses, info.pipelineTrips, ii);
    }
  } else if (scf::ForOp inner = getPerfectlyNestedLoop(loop)) {
    FailureOr<BlockTiming> body = timeLoop(inner);
    if (failed(body))
      return failure();
    // timeLoop(inner) recorded the inner loop last.
    LoopTiming &nested = result.loops.back();
    if (nested.pipelined) {
      // An element the inner loop updates at an index independent of this
      // loop comes back after one pass of the inner pipeline: that pass
      // must be long enough for the update to complete. The inner loop is
      // timed again at the II this allows.
      int64_t pass = std::max<int64_t>(1, nested.pipelineTrips);
      int64_t recurrenceII = 0;
      SmallVector<std::pair<Operation *, int64_t>> carried;
      llvm::DenseMap<Value, bool> cache;
      for (auto [op, distance] : nested.indexedRecurrences) {
        auto store = cast<memref::StoreOp>(op);
        if (llvm::any_of(store.getIndices(), [&](Value index) {
              return dependsOnInductionVar(index, loop, cache);
            })) {
          carried.push_back({op, distance});
          continue;
        }
        recurrenceII = std::max(recurrenceII, (distance + pass - 1) / pass);
      }
      if (recurrenceII > nested.ii) {
        scf::ForOp innermost = inner;
        while (scf::ForOp next = getPerfectlyNestedLoop(innermost))
          innermost = next;
        minimumII[innermost.getOperation()] = recurrenceII;
        result.loops.pop_back();
        body = timeLoop(inner);
        if (failed(body))
          return failure();
      }
      // `nested` may have been replaced by the new timing.
      LoopTiming &nestedNow = result.loops.back();
      nestedNow.inFlattenedNest = true;
      nestedNow.flattened = false;
      nestedNow.recurrenceII = std::max(nestedNow.recurrenceII, recurrenceII);
      // Elements indexed by this loop recur once per pass of the whole nest.
      info.indexedRecurrences = carried;
      info.pipelined = info.flattened = true;
      info.ii = nestedNow.ii;
      info.cyclesPerIteration = nestedNow.cyclesPerIteration;
      info.unroll = nestedNow.unroll;
      info.iterationLatency = nestedNow.iterationLatency;
      if (nestedNow.pipelineTrips > 0 &&
          trips > kMaxProcessCycles / nestedNow.pipelineTrips / nestedNow.ii)
        return loop.emitError("loop takes more than 2^44 cycles; the timing "
                              "model does not handle it");
      info.pipelineTrips = trips * nestedNow.pipelineTrips;
      if (info.pipelineTrips > 0) {
        int64_t pass = int64_t(std::llround(
            double(nestedNow.pipelineTrips) * info.cyclesPerIteration));
        // A fractional II (a memory-bound pipeline) rounded per pass may
        // put the last accesses a little after the continuous pipeline's
        // end; the nest lasts until they are done.
        timing.latency = std::max(getPipelineLatency(info),
                                  (trips - 1) * pass + body->latency);
        timing.accesses = body->accesses;
        timing.addBytes(*body, trips);
        repeat(timing.accesses, trips, pass);
      }
    } else if (failed(runSequentially(*body))) {
      return failure();
    }
  } else {
    FailureOr<BlockTiming> body = timeBlock(*loop.getBody(), false);
    if (failed(body) || failed(runSequentially(*body)))
      return failure();
  }
  info.latency = timing.latency;
  result.loops.push_back(info);
  return timing;
}

LogicalResult ProcessTimer::run() {
  if (func.isExternal())
    return func.emitError("process @")
           << func.getSymName() << " has no body to time";
  // Each stream argument is either read or written.
  llvm::DenseMap<int64_t, Operation *> firstAccess;
  WalkResult walk = func.walk([&](Operation *op) {
    if (!isa<StreamReadOp, StreamWriteOp>(op))
      return WalkResult::advance();
    FailureOr<int64_t> arg = getStreamArg(op);
    if (failed(arg))
      return WalkResult::interrupt();
    auto [it, inserted] = firstAccess.try_emplace(*arg, op);
    if (!inserted && isa<StreamReadOp>(it->second) != isa<StreamReadOp>(op)) {
      op->emitError("process @")
          << func.getSymName() << " both reads and writes stream argument "
          << *arg;
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  if (walk.wasInterrupted())
    return failure();

  FailureOr<BlockTiming> body = timeBlock(func.getBody().front(), false);
  if (failed(body))
    return failure();
  result.latency = std::max<int64_t>(1, body->latency);
  result.hbmBytesRead = body->bytesRead;
  result.hbmBytesWritten = body->bytesWritten;
  result.streams = std::move(body->accesses);
  return success();
}

FailureOr<ProcessTiming>
streamtensor::analyzeProcessTiming(func::FuncOp func, const TargetDesc &target,
                                   const PortShares *shares) {
  ProcessTiming timing;
  ProcessTimer timer(func, target, timing, shares);
  if (failed(timer.run()))
    return failure();
  return timing;
}

//===----------------------------------------------------------------------===//
// Graph of a top function
//===----------------------------------------------------------------------===//

namespace {
struct CallSite {
  func::CallOp call;
  mutable func::FuncOp callee;
  const ProcessTiming *timing = nullptr;
  enum Kind { Kernel, DmaIn, DmaOut } kind = Kernel;
  int kernel = -1;
  int channel = -1;
};
} // namespace

int64_t streamtensor::getTokenBytes(Type element) {
  if (element.isIntOrFloat())
    return std::max<int64_t>(1, (element.getIntOrFloatBitWidth() + 7) / 8);
  // A memory word of sub-byte lanes packs them: 128 4-bit codes are 64 B.
  if (auto vector = dyn_cast<VectorType>(element)) {
    Type lane = vector.getElementType();
    if (lane.isIntOrFloat())
      return std::max<int64_t>(
          1, (vector.getNumElements() * lane.getIntOrFloatBitWidth() + 7) / 8);
    return vector.getNumElements() * getTokenBytes(lane);
  }
  return 4;
}

/// The pseudo-channel of each memref argument of `top`, by argument number:
/// the module's assignment when `top` is one of its `dataflow.top`
/// functions, else one of its arguments alone.
static FailureOr<llvm::DenseMap<unsigned, int>>
getPortChannels(func::FuncOp top, const TargetDesc &target) {
  unsigned channels = unsigned(std::max<int64_t>(1, target.hbm.pseudoChannels));
  llvm::DenseMap<unsigned, int> result;
  SmallVector<unsigned> ports;
  for (BlockArgument arg : top.getArguments())
    if (isa<MemRefType>(arg.getType()))
      ports.push_back(arg.getArgNumber());
  auto module = top->getParentOfType<ModuleOp>();
  if (module && top->hasAttr("dataflow.top")) {
    FailureOr<llvm::StringMap<unsigned>> byName =
        getHbmChannels(module, channels);
    if (failed(byName))
      return failure();
    for (unsigned port : ports)
      result[port] = int(byName->lookup(getPortTensorName(top, port)));
    return result;
  }
  SmallVector<int64_t> bytes;
  for (unsigned port : ports)
    bytes.push_back(
        getPortBytes(cast<MemRefType>(top.getArgument(port).getType())));
  std::vector<unsigned> alone = assignHbmChannels(bytes, channels);
  for (auto [port, channel] : llvm::zip(ports, alone))
    result[port] = int(channel);
  return result;
}

FailureOr<TopFunctionGraph>
streamtensor::graphFromTopFunction(func::FuncOp top, const TargetDesc &target) {
  TopFunctionGraph result;
  std::deque<ProcessTiming> timings;
  std::vector<CallSite> sites;
  llvm::DenseMap<Operation *, unsigned> siteOfCall;
  llvm::StringSet<> kernelNames;
  SmallVector<StreamOp> streams;
  int dmaRank = 0;

  if (top.isExternal())
    return mlir::emitError(top.getLoc(), "top function has no body");

  // Who shares each m_axi port: the processes called with it. The ports of
  // the top on one pseudo-channel split it equally (HbmChannels.h), and all
  // of them no more than HBM offers in all.
  Block &entry = top.getBody().front();
  llvm::DenseMap<Value, int64_t> portUsers;
  for (auto call : entry.getOps<func::CallOp>())
    for (Value operand : llvm::SmallPtrSet<Value, 8>(
             call.getOperands().begin(), call.getOperands().end()))
      if (auto arg = dyn_cast<BlockArgument>(operand))
        if (arg.getOwner() == &entry && isa<MemRefType>(arg.getType()))
          ++portUsers[arg];
  FailureOr<llvm::DenseMap<unsigned, int>> channelOfArg =
      getPortChannels(top, target);
  if (failed(channelOfArg))
    return failure();
  llvm::DenseMap<int, int64_t> portsOnChannel;
  for (auto [arg, channel] : *channelOfArg)
    ++portsOnChannel[channel];
  llvm::DenseMap<unsigned, double> portBytes;
  double allPorts = 0;
  for (auto [arg, channel] : *channelOfArg) {
    portBytes[arg] = target.getChannelBytesPerCycle() /
                     double(portsOnChannel[channel]);
    allPorts += portBytes[arg];
  }
  if (allPorts > target.getTotalHbmBytesPerCycle())
    for (auto &share : portBytes)
      share.second *= target.getTotalHbmBytesPerCycle() / allPorts;

  for (Operation &op : entry) {
    if (auto stream = dyn_cast<StreamOp>(op)) {
      streams.push_back(stream);
      continue;
    }
    auto call = dyn_cast<func::CallOp>(op);
    if (!call)
      continue;
    auto callee = SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(
        call, call.getCalleeAttr());
    if (!callee)
      return call.emitError("callee @") << call.getCallee() << " not found";
    bool hasStream = llvm::any_of(callee.getArgumentTypes(), [](Type type) {
      return isa<StreamType>(type);
    });
    if (!callee->hasAttr("dataflow.process")) {
      if (hasStream)
        return call.emitError("@")
               << call.getCallee()
               << " takes streams but is not a dataflow.process";
      continue;
    }
    PortShares shares;
    for (auto [index, operand] : llvm::enumerate(call.getOperands())) {
      auto users = portUsers.find(operand);
      if (users == portUsers.end())
        continue;
      double split = double(users->second);
      unsigned arg = cast<BlockArgument>(operand).getArgNumber();
      shares[index] = PortShare{1.0 / split, portBytes.lookup(arg) / split};
    }
    FailureOr<ProcessTiming> timing =
        analyzeProcessTiming(callee, target, &shares);
    if (failed(timing))
      return call.emitError("cannot time process @") << call.getCallee();
    timings.push_back(std::move(*timing));
    CallSite site;
    site.call = call;
    site.callee = callee;
    site.timing = &timings.back();

    StringRef name = callee.getSymName();
    bool namedIn = name.contains("_dma_in"),
         namedOut = name.contains("_dma_out");
    if (namedIn || namedOut) {
      unsigned numStreams = llvm::count_if(
          callee.getArgumentTypes(), [](Type t) { return isa<StreamType>(t); });
      bool writes = false, reads = false;
      for (const auto &[arg, access] : site.timing->streams)
        (access.isWrite ? writes : reads) = true;
      if (numStreams != 1 || (namedIn && (!writes || reads)) ||
          (namedOut && (!reads || writes)))
        return call.emitError("DMA process @")
               << name << " must access exactly one stream, which a _dma_in "
               << "process writes and a _dma_out process reads";
      site.kind = namedIn ? CallSite::DmaIn : CallSite::DmaOut;
      int64_t port = -1;
      for (Value operand : call.getOperands()) {
        auto arg = dyn_cast<BlockArgument>(operand);
        if (!arg || arg.getOwner() != &top.getBody().front() ||
            !isa<MemRefType>(arg.getType()))
          continue;
        port = arg.getArgNumber();
        if (auto attr = top.getArgAttrOfType<IntegerAttr>(arg.getArgNumber(),
                                                          "dataflow.port"))
          port = attr.getInt();
        break;
      }
      if (port < 0)
        port = dmaRank;
      ++dmaRank;
      auto channel = channelOfArg->find(unsigned(port));
      site.channel = channel != channelOfArg->end()
                         ? channel->second
                         : int(port % target.hbm.pseudoChannels);
    } else {
      std::string kernelName = name.str();
      for (int n = 2; kernelNames.contains(kernelName); ++n)
        kernelName = name.str() + "#" + std::to_string(n);
      kernelNames.insert(kernelName);
      site.kernel = result.graph.addKernel(kernelName, site.timing->latency);
    }
    siteOfCall[call] = sites.size();
    sites.push_back(site);
    result.calls.push_back({call, site.kernel});
    result.hbmBytesRead += site.timing->hbmBytesRead;
    result.hbmBytesWritten += site.timing->hbmBytesWritten;
  }

  // Kernel latencies must cover the averaged schedules of their ports.
  std::vector<int64_t> latency(result.graph.getNumKernels());
  for (const CallSite &site : sites)
    if (site.kernel >= 0)
      latency[site.kernel] = site.timing->latency;

  for (StreamOp stream : streams) {
    auto type = cast<StreamType>(stream.getType());
    std::string name;
    if (auto attr = stream->getAttrOfType<StringAttr>("dataflow.name"))
      name = attr.getValue().str();
    else
      name = "stream" + std::to_string(result.streams.size());

    const CallSite *writer = nullptr, *reader = nullptr;
    const StreamAccessTiming *write = nullptr, *read = nullptr;
    for (OpOperand &use : stream->getUses()) {
      auto call = dyn_cast<func::CallOp>(use.getOwner());
      auto it = call ? siteOfCall.find(call) : siteOfCall.end();
      if (it == siteOfCall.end())
        return stream.emitError("stream '")
               << name << "' is used by an operation that is not a call of a "
               << "dataflow.process";
      const CallSite &site = sites[it->second];
      auto access = site.timing->streams.find(use.getOperandNumber());
      if (access == site.timing->streams.end())
        return stream.emitError("stream '")
               << name << "' is passed to @" << site.callee.getSymName()
               << ", which never accesses it";
      if (access->second.isWrite) {
        if (writer)
          return stream.emitError("stream '") << name << "' has two writers";
        writer = &site;
        write = &access->second;
      } else {
        if (reader)
          return stream.emitError("stream '") << name << "' has two readers";
        reader = &site;
        read = &access->second;
      }
    }
    if (!writer || !reader)
      return stream.emitError("stream '")
             << name << "' needs one writer and one reader";
    if (write->tokens != read->tokens)
      return stream.emitError("stream '")
             << name << "' is written " << write->tokens << " times by @"
             << writer->callee.getSymName() << " but read " << read->tokens
             << " times by @" << reader->callee.getSymName();
    if (writer->kernel < 0 && reader->kernel < 0)
      return stream.emitError("stream '")
             << name << "' connects two DMA processes";

    DataflowEdge edge;
    edge.name = name;
    edge.tokens = write->tokens;
    edge.tokenBytes = getTokenBytes(type.getElementType());
    if (writer->kernel >= 0) {
      edge.from = writer->kernel;
      edge.initialDelay = write->getInitialDelay();
      edge.producerII = write->getProducerII();
      edge.producerSchedule = write->schedule;
      latency[writer->kernel] =
          std::max(latency[writer->kernel], write->lastCycle + 1);
    } else {
      edge.hbmChannel = writer->channel;
    }
    if (reader->kernel >= 0) {
      edge.to = reader->kernel;
      edge.consumerII = read->getConsumerII();
      edge.consumerSchedule = read->schedule;
      // The last read, not tokens times the rounded-up average II (a
      // consumer at 1.03 cycles a token would last twice as long).
      latency[reader->kernel] =
          std::max(latency[reader->kernel], read->lastCycle + 1);
    } else {
      edge.hbmChannel = reader->channel;
    }
    unsigned index = result.graph.addEdge(edge);
    result.streams.push_back({stream, index});
  }
  for (unsigned k = 0; k < latency.size(); ++k)
    result.graph.getKernel(k).latency = latency[k];

  if (llvm::Error error = result.graph.verify())
    return mlir::emitError(top.getLoc(), "dataflow graph of @")
           << top.getSymName() << ": " << llvm::toString(std::move(error));
  return result;
}
