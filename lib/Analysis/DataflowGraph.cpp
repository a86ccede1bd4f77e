//===- DataflowGraph.cpp - Kernels connected by FIFO edges ----------------===//

#include "streamtensor/Analysis/DataflowGraph.h"

#include "llvm/ADT/Twine.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>

using namespace llvm;
using namespace streamtensor;

unsigned DataflowGraph::addKernel(StringRef name, int64_t latency) {
  unsigned index = kernels.size();
  kernels.push_back({name.str(), latency});
  kernelByName.try_emplace(name, index);
  return index;
}

unsigned DataflowGraph::addEdge(const DataflowEdge &edge) {
  edges.push_back(edge);
  return edges.size() - 1;
}

std::optional<unsigned> DataflowGraph::lookupKernel(StringRef name) const {
  auto it = kernelByName.find(name);
  if (it == kernelByName.end())
    return std::nullopt;
  return it->second;
}

int64_t DataflowGraph::getTotalTokens() const {
  int64_t total = 0;
  for (const DataflowEdge &edge : edges)
    total += edge.tokens;
  return total;
}

std::string DataflowGraph::describeEdge(unsigned index) const {
  const DataflowEdge &edge = edges[index];
  auto endpoint = [&](int kernel) -> std::string {
    if (kernel == DataflowEdge::kExternal)
      return "hbm:" + std::to_string(edge.hbmChannel);
    if (kernel < 0 || unsigned(kernel) >= kernels.size())
      return "<invalid kernel " + std::to_string(kernel) + ">";
    return kernels[kernel].name;
  };
  return endpoint(edge.from) + " -> " + endpoint(edge.to);
}

std::string DataflowGraph::getEdgeLabel(unsigned index) const {
  if (!edges[index].name.empty())
    return edges[index].name;
  return describeEdge(index);
}

std::vector<unsigned>
DataflowGraph::topologicalOrder(std::vector<unsigned> *cycle) const {
  unsigned numKernels = kernels.size();
  std::vector<std::vector<unsigned>> successorEdges(numKernels);
  std::vector<unsigned> inDegree(numKernels, 0);
  for (auto [index, edge] : llvm::enumerate(edges)) {
    if (edge.isDma())
      continue;
    successorEdges[edge.from].push_back(index);
    ++inDegree[edge.to];
  }
  std::vector<unsigned> order, ready;
  for (unsigned k = 0; k < numKernels; ++k)
    if (inDegree[k] == 0)
      ready.push_back(k);
  // Pop the lowest index first so that the order is stable and readable.
  std::reverse(ready.begin(), ready.end());
  while (!ready.empty()) {
    unsigned k = ready.back();
    ready.pop_back();
    order.push_back(k);
    for (unsigned e : successorEdges[k])
      if (--inDegree[edges[e].to] == 0)
        ready.push_back(edges[e].to);
  }
  if (order.size() == numKernels || !cycle)
    return order;

  // Every kernel left has a predecessor that is also left: walking
  // predecessors from any of them must revisit a kernel.
  std::vector<int> predecessorEdge(numKernels, -1);
  for (auto [index, edge] : llvm::enumerate(edges))
    if (!edge.isDma() && inDegree[edge.to] > 0 && inDegree[edge.from] > 0)
      predecessorEdge[edge.to] = index;
  unsigned start = 0;
  while (inDegree[start] == 0)
    ++start;
  std::vector<int> seenAt(numKernels, -1);
  std::vector<unsigned> walk;
  unsigned k = start;
  while (seenAt[k] < 0) {
    seenAt[k] = walk.size();
    walk.push_back(k);
    k = edges[predecessorEdge[k]].from;
  }
  cycle->assign(walk.begin() + seenAt[k], walk.end());
  std::reverse(cycle->begin(), cycle->end());
  // Start at the lowest index so that the message does not depend on where
  // the walk entered the cycle.
  std::rotate(cycle->begin(), std::min_element(cycle->begin(), cycle->end()),
              cycle->end());
  cycle->push_back(cycle->front());
  return order;
}

std::pair<int64_t, int>
DataflowGraph::getMinimumLatency(unsigned kernel) const {
  int64_t bound = 1;
  int boundEdge = -1;
  for (auto [index, edge] : llvm::enumerate(edges)) {
    int64_t need = 0;
    // An access schedule is exact; the whole-cycle average IIs (rounded)
    // only bound a kernel that has none.
    if (edge.from == int(kernel)) {
      need = edge.producerSchedule.empty()
                 ? edge.initialDelay + (edge.tokens - 1) * edge.producerII
                 : edge.producerSchedule.getSegments().back().last() + 1;
    } else if (edge.to == int(kernel)) {
      need = edge.consumerSchedule.empty()
                 ? (edge.tokens - 1) * edge.consumerII + 1
                 : edge.consumerSchedule.getSegments().back().last() + 1;
    } else {
      continue;
    }
    if (need > bound) {
      bound = need;
      boundEdge = index;
    }
  }
  return {bound, boundEdge};
}

Error DataflowGraph::verify() const {
  using Limits = DataflowGraphLimits;
  auto error = [](const Twine &message) {
    return createStringError(inconvertibleErrorCode(), message);
  };
  if (kernels.size() > Limits::kMaxKernels)
    return error(formatv("{0} kernels exceed the limit of {1}", kernels.size(),
                         Limits::kMaxKernels));
  StringMap<unsigned> seen;
  for (auto [index, kernel] : llvm::enumerate(kernels)) {
    std::string what = formatv("kernel {0} ('{1}')", index, kernel.name);
    if (kernel.name.empty())
      return error(formatv("kernel {0}: empty name", index));
    if (StringRef(kernel.name).starts_with("hbm:"))
      return error(what + ": names starting with 'hbm:' denote HBM channels");
    if (!seen.try_emplace(kernel.name, index).second)
      return error(what + ": duplicate kernel name");
    if (kernel.latency < 1 || kernel.latency > Limits::kMaxCycles)
      return error(formatv("{0}: latency {1} is outside [1, {2}]", what,
                           kernel.latency, Limits::kMaxCycles));
  }

  for (auto [index, edge] : llvm::enumerate(edges)) {
    std::string what = formatv("edge {0} ({1})", index, describeEdge(index));
    auto validKernel = [&](int k) {
      return k >= 0 && unsigned(k) < kernels.size();
    };
    if (edge.isDmaRead() && edge.isDmaWrite())
      return error(what + ": an edge needs at least one kernel end");
    if ((!edge.isDmaRead() && !validKernel(edge.from)) ||
        (!edge.isDmaWrite() && !validKernel(edge.to)))
      return error(what + ": unknown kernel");
    if (edge.isDma() != (edge.hbmChannel >= 0))
      return error(what + ": an HBM channel is required exactly on DMA edges");
    if (edge.tokens < 1 || edge.tokens > Limits::kMaxCycles)
      return error(formatv("{0}: token count {1} is outside [1, {2}]", what,
                           edge.tokens, Limits::kMaxCycles));
    if (edge.tokenBytes < 1 || edge.tokenBytes > Limits::kMaxTokenBytes)
      return error(formatv("{0}: token size {1} bytes is outside [1, {2}]",
                           what, edge.tokenBytes, Limits::kMaxTokenBytes));
    if (!edge.isDmaRead()) {
      if (edge.initialDelay < 1 || edge.producerII < 1)
        return error(what + ": initial delay and producer II must be >= 1");
      if (edge.initialDelay > Limits::kMaxCycles ||
          edge.producerII > Limits::kMaxCycles / edge.tokens)
        return error(formatv("{0}: producing {1} tokens takes more than {2} "
                             "cycles",
                             what, edge.tokens, Limits::kMaxCycles));
    } else if (edge.initialDelay != 0 || edge.producerII != 0) {
      return error(what + ": a DMA read takes its producer timing from the "
                          "HBM model; initial delay and producer II must be 0");
    }
    if (!edge.isDmaWrite()) {
      if (edge.consumerII < 1)
        return error(what + ": consumer II must be >= 1");
      if (edge.consumerII > Limits::kMaxCycles / edge.tokens)
        return error(formatv("{0}: consuming {1} tokens takes more than {2} "
                             "cycles",
                             what, edge.tokens, Limits::kMaxCycles));
    } else if (edge.consumerII != 0) {
      return error(what + ": a DMA write takes its consumer timing from the "
                          "HBM model; consumer II must be 0");
    }
  }

  for (unsigned k = 0; k < kernels.size(); ++k) {
    auto [bound, boundEdge] = getMinimumLatency(k);
    if (kernels[k].latency < bound)
      return error(formatv("kernel {0} ('{1}'): latency {2} is shorter than "
                           "its own schedule: edge {3} ({4}) needs {5}",
                           k, kernels[k].name, kernels[k].latency, boundEdge,
                           describeEdge(boundEdge), bound));
  }

  std::vector<unsigned> cycle;
  topologicalOrder(&cycle);
  if (!cycle.empty()) {
    std::string names;
    for (unsigned k : cycle)
      names += (names.empty() ? "" : " -> ") + kernels[k].name;
    return error("the graph is not a DAG: kernels " + names +
                 " form a cycle");
  }
  return Error::success();
}
