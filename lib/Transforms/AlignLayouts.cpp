//===- AlignLayouts.cpp - Match producer and consumer stream orders -------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A converter is needed wherever a producer writes a tensor in another tile
// order or tile shape than its consumer reads it. Before tiling, this pass
// predicts the itensor type every operand of every linalg op will get from
// `--streamtensor-tile-linalg` and the conversion to kernels (tiled loops
// enclose the access in the tiling pass's order; each operand's indexing map
// gives the offsets and tile shape), and chooses per op the parallel
// tile-loop permutation and the tile sizes that make the most edges between
// linalg ops layout-equivalent, i.e. plain FIFOs. Ties go to fewer converter
// bytes, then to the default plan. Choices are made op by op in program
// order, given the neighbours' current plans, and repeated until stable, so
// a consumer follows its producer and a producer can follow its consumer.
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Transforms/Passes.h"
#include "streamtensor/Transforms/TilingDirectives.h"

#include "streamtensor/Dialect/Dataflow/ConverterSizing.h"
#include "streamtensor/Dialect/Dataflow/DataflowDialect.h"
#include "streamtensor/Dialect/Dataflow/DataflowTypes.h"
#include "mlir/IR/AffineExprVisitor.h"
#include <map>

namespace streamtensor {
#define GEN_PASS_DEF_ALIGNLAYOUTS
#include "streamtensor/Transforms/Passes.h.inc"
} // namespace streamtensor

using namespace mlir;
using streamtensor::kTileSizesAttr;
using streamtensor::kPermutationAttr;
using streamtensor::kUnrollAttr;
using streamtensor::kDataMovementAttr;
using streamtensor::getDefaultTileSize;
using streamtensor::dataflow::computeConverterBuffer;
using streamtensor::dataflow::ITensorType;

static constexpr size_t kMaxPermutedLoops = 5;

/// Whether `expr` is a constant plus a weighted sum of dimensions.
static bool isLinear(AffineExpr expr) {
  bool linear = expr.isPureAffine();
  expr.walk([&](AffineExpr sub) {
    if (isa<AffineSymbolExpr>(sub))
      linear = false;
    if (auto binary = dyn_cast<AffineBinaryOpExpr>(sub))
      if (binary.getKind() != AffineExprKind::Add &&
          binary.getKind() != AffineExprKind::Mul)
        linear = false;
  });
  return linear;
}

/// Value of a linear `expr` at integer dimension values.
static int64_t evaluate(AffineExpr expr, ArrayRef<int64_t> dims) {
  MLIRContext *ctx = expr.getContext();
  SmallVector<AffineExpr> values;
  for (int64_t value : dims)
    values.push_back(getAffineConstantExpr(value, ctx));
  AffineExpr folded =
      simplifyAffineExpr(expr.replaceDims(values), dims.size(), 0);
  return cast<AffineConstantExpr>(folded).getValue();
}

namespace {
/// A tiling of one op: tile size per loop (0 = untiled) and the tiled
/// parallel loops, outermost first.
struct Plan {
  SmallVector<int64_t> tiles;
  SmallVector<int64_t> order;
  bool operator==(const Plan &other) const {
    return tiles == other.tiles && order == other.order;
  }
};

/// One indexing-map result as constant + sum of coefficient * loop; nullopt
/// when it is not linear.
struct LinearForm {
  int64_t constant = 0;
  SmallVector<int64_t> coefficients;
};

struct OpInfo {
  /// Interface handles are cheap values; their queries are not const.
  mutable linalg::LinalgOp op;
  SmallVector<int64_t> ranges;
  SmallVector<bool> reduction;
  /// Loops used in a compound index expression.
  llvm::SmallBitVector compound;
  /// Linear form of every indexing-map result, per operand number.
  std::vector<SmallVector<std::optional<LinearForm>>> linear;
  bool isCopy = false;
  bool sizesFixed = false;
  bool orderFixed = false;
  Plan defaultPlan;
  Plan plan;

  int64_t tileRange(const Plan &p, unsigned loop) const {
    return p.tiles[loop] ? p.tiles[loop] : ranges[loop];
  }
  SmallVector<int64_t> tiledParallel(ArrayRef<int64_t> tiles) const {
    SmallVector<int64_t> loops;
    for (auto [loop, tile] : llvm::enumerate(tiles))
      if (tile && !reduction[loop])
        loops.push_back(loop);
    return loops;
  }
};

/// One producer result read by one consumer operand.
struct Edge {
  unsigned producer;
  unsigned resultNumber;
  unsigned consumer;
  unsigned operandNumber;
};
} // namespace

/// The itensor type `op` under `plan` gives `operand`, as the tiling pass and
/// the conversion build it; null when it cannot be predicted.
static ITensorType predictType(const OpInfo &info, const Plan &plan,
                               OpOperand &operand) {
  MLIRContext *ctx = info.op.getContext();
  auto tensor = dyn_cast<RankedTensorType>(operand.get().getType());
  if (!tensor || !tensor.hasStaticShape())
    return {};
  bool isInit = info.op.isDpsInit(&operand);
  // Enclosing tile loops: the parallel ones in plan order, then (around
  // input reads only) the reduction ones in original order. A result whose
  // parallel loops are all untiled is written once, whole.
  SmallVector<int64_t> loops(plan.order);
  bool anyTiled = llvm::any_of(plan.tiles, [](int64_t t) { return t != 0; });
  if (!isInit)
    for (auto [loop, tile] : llvm::enumerate(plan.tiles))
      if (tile && info.reduction[loop])
        loops.push_back(loop);
  if (isInit && plan.order.empty())
    loops.clear();
  AffineMap map = info.op.getMatchingIndexingMap(&operand);
  SmallVector<int64_t> shape, tripCounts, steps;
  SmallVector<AffineExpr> exprs;
  if (loops.empty() || !anyTiled) {
    for (int64_t dim = 0; dim < tensor.getRank(); ++dim)
      exprs.push_back(getAffineConstantExpr(0, ctx));
    return ITensorType::get(
        ctx, RankedTensorType::get(tensor.getShape(), tensor.getElementType()),
        {}, {}, AffineMap::get(0, 0, exprs, ctx));
  }
  for (int64_t loop : loops) {
    tripCounts.push_back(info.ranges[loop] / plan.tiles[loop]);
    steps.push_back(plan.tiles[loop]);
  }
  SmallVector<int64_t> position(map.getNumDims(), -1);
  for (auto [index, loop] : llvm::enumerate(loops))
    position[loop] = index;
  for (const std::optional<LinearForm> &form :
       info.linear[operand.getOperandNumber()]) {
    if (!form)
      return {};
    int64_t size = 1;
    AffineExpr expr = getAffineConstantExpr(form->constant, ctx);
    for (auto [loop, coefficient] : llvm::enumerate(form->coefficients)) {
      if (coefficient == 0)
        continue;
      size += std::abs(coefficient) * (info.tileRange(plan, loop) - 1);
      if (position[loop] >= 0)
        expr = expr + getAffineDimExpr(position[loop], ctx) * coefficient;
    }
    shape.push_back(size);
    exprs.push_back(expr);
  }
  AffineMap iterMap = AffineMap::get(loops.size(), 0, exprs, ctx);
  auto element = RankedTensorType::get(shape, tensor.getElementType());
  if (failed(ITensorType::verify([&] { return InFlightDiagnostic(); }, element,
                                 tripCounts, steps, iterMap)))
    return {};
  return ITensorType::get(ctx, element, tripCounts, steps, iterMap);
}

/// Whether every tile `plan` gives the op's operands is dense and the
/// tiling pass accepts the sizes.
static bool isValidPlan(const OpInfo &info, const Plan &plan) {
  for (auto [loop, tile] : llvm::enumerate(plan.tiles))
    if (tile < 0 || tile == info.ranges[loop] ||
        (tile && info.ranges[loop] % tile != 0))
      return false;
  for (const auto &forms : info.linear) {
    for (const std::optional<LinearForm> &form : forms) {
      if (!form)
        return false;
      // A compound index touches prod(tile ranges) elements; they must be
      // the whole run from the first to the last offset.
      int64_t span = 1, count = 1, terms = 0;
      for (auto [loop, coefficient] : llvm::enumerate(form->coefficients)) {
        if (coefficient == 0)
          continue;
        ++terms;
        span += std::abs(coefficient) * (info.tileRange(plan, loop) - 1);
        count *= info.tileRange(plan, loop);
      }
      if (terms > 1 && span != count)
        return false;
    }
  }
  return true;
}

/// Reads an i64 array attribute of the op, if it is well formed.
static std::optional<SmallVector<int64_t>> getArray(Operation *op,
                                                    StringRef name,
                                                    size_t size) {
  auto array = dyn_cast_or_null<DenseI64ArrayAttr>(op->getAttr(name));
  if (!array || array.size() != static_cast<int64_t>(size))
    return std::nullopt;
  return SmallVector<int64_t>(array.asArrayRef());
}

/// Collects the op's facts and its current plan; nullopt when the op is left
/// to the tiling pass as is (dynamic, or with attributes it will reject).
static std::optional<OpInfo> analyzeOp(linalg::LinalgOp op) {
  if (!op.hasPureTensorSemantics() || isa<linalg::FillOp>(op))
    return std::nullopt;
  OpInfo info;
  info.op = op;
  info.ranges = op.getStaticLoopRanges();
  if (llvm::any_of(info.ranges, ShapedType::isDynamic))
    return std::nullopt;
  size_t numLoops = info.ranges.size();
  for (utils::IteratorType type : op.getIteratorTypesArray())
    info.reduction.push_back(type == utils::IteratorType::reduction);
  info.compound = llvm::SmallBitVector(numLoops);
  for (AffineMap map : op.getIndexingMapsArray())
    for (AffineExpr expr : map.getResults())
      if (!isa<AffineDimExpr, AffineConstantExpr>(expr))
        expr.walk([&](AffineExpr sub) {
          if (auto dim = dyn_cast<AffineDimExpr>(sub))
            info.compound.set(dim.getPosition());
        });
  info.isCopy = op->hasAttr(kDataMovementAttr);
  for (OpOperand &operand : op->getOpOperands()) {
    SmallVector<std::optional<LinearForm>> forms;
    AffineMap map = op.getMatchingIndexingMap(&operand);
    SmallVector<int64_t> zeros(map.getNumDims(), 0);
    for (AffineExpr expr : map.getResults()) {
      if (!isLinear(expr)) {
        forms.push_back(std::nullopt);
        continue;
      }
      LinearForm form;
      form.constant = evaluate(expr, zeros);
      for (unsigned loop = 0; loop < map.getNumDims(); ++loop) {
        SmallVector<int64_t> unit(zeros);
        unit[loop] = 1;
        form.coefficients.push_back(evaluate(expr, unit) - form.constant);
      }
      forms.push_back(std::move(form));
    }
    info.linear.push_back(std::move(forms));
  }

  // Sizes: the user's (or the copy pass's), else the tiling defaults.
  for (size_t loop = 0; loop < numLoops; ++loop)
    info.defaultPlan.tiles.push_back(
        info.compound[loop] ? 0 : getDefaultTileSize(info.ranges[loop]));
  if (op->hasAttr(kTileSizesAttr)) {
    std::optional<SmallVector<int64_t>> sizes =
        getArray(op, kTileSizesAttr, numLoops);
    if (!sizes)
      return std::nullopt;
    for (auto [loop, size] : llvm::enumerate(*sizes))
      if (size == info.ranges[loop])
        size = 0;
    info.defaultPlan.tiles = *sizes;
    info.sizesFixed = !info.isCopy;
  }
  // User unroll factors must keep dividing the tile ranges.
  if (op->hasAttr(kUnrollAttr))
    info.sizesFixed = true;
  if (!isValidPlan(info, info.defaultPlan) && !info.sizesFixed)
    return std::nullopt;
  info.defaultPlan.order = info.tiledParallel(info.defaultPlan.tiles);
  if (op->hasAttr(kPermutationAttr)) {
    std::optional<SmallVector<int64_t>> permutation = getArray(
        op, kPermutationAttr, info.defaultPlan.order.size());
    if (!permutation)
      return std::nullopt;
    SmallVector<int64_t> order;
    for (int64_t position : *permutation) {
      if (position < 0 ||
          position >= static_cast<int64_t>(info.defaultPlan.order.size()))
        return std::nullopt;
      order.push_back(info.defaultPlan.order[position]);
    }
    info.defaultPlan.order = order;
    info.orderFixed = true;
    // A permutation is given per tiled loop: keep the sizes it refers to.
    info.sizesFixed = true;
  }
  info.plan = info.defaultPlan;
  return info;
}

namespace {
struct AlignLayoutsPass
    : public streamtensor::impl::AlignLayoutsBase<AlignLayoutsPass> {
  using AlignLayoutsBase::AlignLayoutsBase;

  void runOnOperation() override;

private:
  /// Tile sizes under which `info`'s `operand` gets the element shape of
  /// `type` (the other end of an edge), other loops keeping `base`.
  std::optional<SmallVector<int64_t>>
  getMatchingTiles(const OpInfo &info, OpOperand &operand, ITensorType type,
                   ArrayRef<int64_t> base) const;
  /// Candidate plans of op `index`, the current one first.
  SmallVector<Plan> getCandidates(unsigned index) const;
  /// (plain edges, converter bytes) of the edges of op `index` under `plan`.
  std::pair<int64_t, int64_t> score(unsigned index, const Plan &plan) const;

  /// predictType, memoized per (op, operand, plan).
  ITensorType predict(unsigned index, const Plan &plan,
                      OpOperand &operand) const;

  std::vector<OpInfo> infos;
  std::vector<Edge> edges;
  mutable std::map<std::vector<int64_t>, ITensorType> typeCache;
  /// Edges incident to each op.
  std::vector<SmallVector<unsigned>> incident;
};
} // namespace

ITensorType AlignLayoutsPass::predict(unsigned index, const Plan &plan,
                                     OpOperand &operand) const {
  std::vector<int64_t> key{index, operand.getOperandNumber()};
  key.insert(key.end(), plan.tiles.begin(), plan.tiles.end());
  key.push_back(-1);
  key.insert(key.end(), plan.order.begin(), plan.order.end());
  auto [it, inserted] = typeCache.try_emplace(std::move(key));
  if (inserted)
    it->second = predictType(infos[index], plan, operand);
  return it->second;
}

std::optional<SmallVector<int64_t>>
AlignLayoutsPass::getMatchingTiles(const OpInfo &info, OpOperand &operand,
                                   ITensorType type,
                                   ArrayRef<int64_t> base) const {
  AffineMap map = info.op.getMatchingIndexingMap(&operand);
  ArrayRef<int64_t> shape = type.getElementShape();
  if (shape.size() != map.getNumResults())
    return std::nullopt;
  SmallVector<int64_t> tiles(base);
  for (auto [dim, expr] : llvm::enumerate(map.getResults())) {
    auto loopExpr = dyn_cast<AffineDimExpr>(expr);
    if (!loopExpr)
      continue;
    unsigned loop = loopExpr.getPosition();
    int64_t size = shape[dim];
    if (size <= 0 || info.ranges[loop] % size != 0)
      return std::nullopt;
    tiles[loop] = size == info.ranges[loop] ? 0 : size;
  }
  return tiles;
}

SmallVector<Plan> AlignLayoutsPass::getCandidates(unsigned index) const {
  const OpInfo &info = infos[index];
  SmallVector<SmallVector<int64_t>> sizeOptions{info.plan.tiles};
  auto addSizes = [&](SmallVector<int64_t> tiles) {
    if (!llvm::is_contained(sizeOptions, tiles))
      sizeOptions.push_back(std::move(tiles));
  };
  if (!info.sizesFixed) {
    addSizes(info.defaultPlan.tiles);
    // The tile shape each neighbour streams.
    for (unsigned edgeIndex : incident[index]) {
      const Edge &edge = edges[edgeIndex];
      bool asConsumer = edge.consumer == index;
      const OpInfo &other = infos[asConsumer ? edge.producer : edge.consumer];
      OpOperand &otherOperand =
          asConsumer ? *other.op.getDpsInitOperand(edge.resultNumber)
                     : other.op->getOpOperand(edge.operandNumber);
      ITensorType type = predict(asConsumer ? edge.producer : edge.consumer,
                                 other.plan, otherOperand);
      if (!type)
        continue;
      OpOperand &ownOperand =
          asConsumer ? info.op->getOpOperand(edge.operandNumber)
                     : *info.op.getDpsInitOperand(edge.resultNumber);
      if (auto tiles = getMatchingTiles(info, ownOperand, type,
                                        info.defaultPlan.tiles))
        addSizes(*tiles);
      if (auto tiles =
              getMatchingTiles(info, ownOperand, type, info.plan.tiles))
        addSizes(*tiles);
    }
  }

  int64_t defaultTrips = 1;
  for (auto [loop, tile] : llvm::enumerate(info.defaultPlan.tiles))
    defaultTrips *= tile ? info.ranges[loop] / tile : 1;

  SmallVector<Plan> plans{info.plan};
  for (const SmallVector<int64_t> &tiles : sizeOptions) {
    Plan plan{tiles, info.tiledParallel(tiles)};
    if (!isValidPlan(info, plan))
      continue;
    // Never trade a streamed op for a single whole-tensor token.
    int64_t trips = 1;
    for (auto [loop, tile] : llvm::enumerate(tiles))
      trips *= tile ? info.ranges[loop] / tile : 1;
    if (trips == 1 && defaultTrips > 1)
      continue;
    if (info.orderFixed && tiles == info.defaultPlan.tiles)
      plan.order = info.defaultPlan.order;
    if (info.orderFixed || plan.order.size() > kMaxPermutedLoops) {
      if (!llvm::is_contained(plans, plan))
        plans.push_back(plan);
      continue;
    }
    SmallVector<int64_t> order(plan.order);
    llvm::sort(order);
    do {
      Plan permuted{tiles, order};
      if (!llvm::is_contained(plans, permuted))
        plans.push_back(permuted);
    } while (std::next_permutation(order.begin(), order.end()));
  }
  return plans;
}

std::pair<int64_t, int64_t> AlignLayoutsPass::score(unsigned index,
                                                    const Plan &plan) const {
  int64_t plain = 0, bytes = 0;
  for (unsigned edgeIndex : incident[index]) {
    const Edge &edge = edges[edgeIndex];
    const OpInfo &producer = infos[edge.producer];
    const OpInfo &consumer = infos[edge.consumer];
    const Plan &producerPlan =
        edge.producer == index ? plan : producer.plan;
    const Plan &consumerPlan =
        edge.consumer == index ? plan : consumer.plan;
    ITensorType from =
        predict(edge.producer, producerPlan,
                *producer.op.getDpsInitOperand(edge.resultNumber));
    ITensorType to = predict(edge.consumer, consumerPlan,
                             consumer.op->getOpOperand(edge.operandNumber));
    if (!from || !to)
      continue;
    if (from == to || from.isLayoutEquivalentTo(to)) {
      ++plain;
      continue;
    }
    if (from.getDataShape() == to.getDataShape())
      bytes += computeConverterBuffer(from, to).getBytes(from.getDataType());
  }
  return {plain, bytes};
}

void AlignLayoutsPass::runOnOperation() {
  func::FuncOp func = getOperation();
  if (func.isExternal())
    return;
  infos.clear();
  edges.clear();
  typeCache.clear();
  DenseMap<Operation *, unsigned> indexOf;
  for (Operation &op : func.getBody().front()) {
    auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
    if (!linalgOp)
      continue;
    std::optional<OpInfo> info = analyzeOp(linalgOp);
    if (!info)
      continue;
    indexOf[&op] = infos.size();
    infos.push_back(std::move(*info));
  }
  incident.assign(infos.size(), {});
  for (auto [consumer, info] : llvm::enumerate(infos)) {
    for (OpOperand *operand : info.op.getDpsInputOperands()) {
      auto result = dyn_cast<OpResult>(operand->get());
      if (!result)
        continue;
      auto producer = indexOf.find(result.getOwner());
      if (producer == indexOf.end())
        continue;
      incident[consumer].push_back(edges.size());
      incident[producer->second].push_back(edges.size());
      edges.push_back(Edge{producer->second, result.getResultNumber(),
                           static_cast<unsigned>(consumer),
                           operand->getOperandNumber()});
    }
  }

  // Neighbours of each op (through any edge), once each.
  std::vector<SmallVector<unsigned>> neighbours(infos.size());
  for (const Edge &edge : edges) {
    if (!llvm::is_contained(neighbours[edge.producer], edge.consumer))
      neighbours[edge.producer].push_back(edge.consumer);
    if (!llvm::is_contained(neighbours[edge.consumer], edge.producer))
      neighbours[edge.consumer].push_back(edge.producer);
  }
  using Score = std::pair<int64_t, int64_t>;
  auto better = [](Score a, Score b) {
    return a.first > b.first || (a.first == b.first && a.second < b.second);
  };
  // The best score op `index` can reach given its neighbours' plans.
  auto bestResponse = [&](unsigned index) {
    Score best = score(index, infos[index].plan);
    if (infos[index].sizesFixed && infos[index].orderFixed)
      return best;
    for (const Plan &plan : getCandidates(index)) {
      Score current = score(index, plan);
      if (better(current, best))
        best = current;
    }
    return best;
  };
  // A plan of op `index` is judged by its own edges after every neighbour
  // answered it with its best plan: this sees past a neighbour that has to
  // move too (a producer and a copy that must both switch to another tile).
  auto lookahead = [&](unsigned index, const Plan &plan) {
    Plan saved = infos[index].plan;
    infos[index].plan = plan;
    Score total{0, 0};
    for (unsigned neighbour : neighbours[index]) {
      Score response = bestResponse(neighbour);
      total.first += response.first;
      total.second += response.second;
    }
    infos[index].plan = saved;
    return total;
  };

  for (unsigned sweep = 0; sweep < sweeps; ++sweep) {
    bool changed = false;
    for (unsigned index = 0; index < infos.size(); ++index) {
      OpInfo &info = infos[index];
      if (info.sizesFixed && info.orderFixed)
        continue;
      Plan best = info.plan;
      Score bestScore = score(index, best);
      Score bestAhead = lookahead(index, best);
      for (const Plan &plan : getCandidates(index)) {
        Score current = score(index, plan);
        Score ahead = lookahead(index, plan);
        // Judge by the neighbourhood after it answered, then by the op's
        // own edges; equal plans prefer the default.
        bool improves =
            better(ahead, bestAhead) ||
            (ahead == bestAhead && better(current, bestScore)) ||
            (ahead == bestAhead && current == bestScore &&
             plan == info.defaultPlan && !(best == info.defaultPlan));
        if (improves) {
          best = plan;
          bestScore = current;
          bestAhead = ahead;
        }
      }
      if (!(best == info.plan)) {
        info.plan = best;
        changed = true;
      }
    }
    if (!changed)
      break;
  }

  // Record the choices the tiling pass reads.
  Builder builder(&getContext());
  for (OpInfo &info : infos) {
    Operation *op = info.op;
    if (!info.sizesFixed) {
      bool isDefault = true;
      for (size_t loop = 0; loop < info.ranges.size(); ++loop)
        if (info.plan.tiles[loop] !=
            (info.compound[loop] ? 0 : getDefaultTileSize(info.ranges[loop])))
          isDefault = false;
      if (isDefault && !info.isCopy)
        op->removeAttr(kTileSizesAttr);
      else
        op->setAttr(kTileSizesAttr,
                    builder.getDenseI64ArrayAttr(info.plan.tiles));
    }
    if (!info.orderFixed) {
      SmallVector<int64_t> tiled = info.tiledParallel(info.plan.tiles);
      if (tiled == info.plan.order) {
        op->removeAttr(kPermutationAttr);
        continue;
      }
      SmallVector<int64_t> permutation;
      for (int64_t loop : info.plan.order)
        permutation.push_back(llvm::find(tiled, loop) - tiled.begin());
      op->setAttr(kPermutationAttr, builder.getDenseI64ArrayAttr(permutation));
    }
  }
}
