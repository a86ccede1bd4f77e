//===- TestGraphs.h - Small dataflow graphs shared by the tests -*- C++ -*-===//

#ifndef STREAMTENSOR_UNITTESTS_ANALYSIS_TESTGRAPHS_H
#define STREAMTENSOR_UNITTESTS_ANALYSIS_TESTGRAPHS_H

#include "streamtensor/Analysis/DataflowGraph.h"

namespace streamtensor::testing {

/// Adds a kernel-to-kernel edge.
inline unsigned connect(DataflowGraph &graph, unsigned from, unsigned to,
                        int64_t tokens, int64_t initialDelay,
                        int64_t producerII, int64_t consumerII,
                        int64_t tokenBytes = 4) {
  DataflowEdge edge;
  edge.from = from;
  edge.to = to;
  edge.tokens = tokens;
  edge.initialDelay = initialDelay;
  edge.producerII = producerII;
  edge.consumerII = consumerII;
  edge.tokenBytes = tokenBytes;
  return graph.addEdge(edge);
}

/// Gives every kernel the smallest latency its schedule allows, plus slack.
inline void setMinimumLatencies(DataflowGraph &graph, int64_t slack = 0) {
  for (unsigned k = 0; k < graph.getNumKernels(); ++k)
    graph.getKernel(k).latency = graph.getMinimumLatency(k).first + slack;
}

/// Paper Figure 8: Source (initial delay 3, II 1) sends 5 tokens to Target
/// (II 2); the FIFO between them peaks at 3 tokens.
inline DataflowGraph makeFigure8Graph() {
  DataflowGraph graph;
  unsigned source = graph.addKernel("source", 8);
  unsigned target = graph.addKernel("target", 10);
  connect(graph, source, target, /*tokens=*/5, /*initialDelay=*/3,
          /*producerII=*/1, /*consumerII=*/2);
  return graph;
}

/// a -> b -> c and a -> c: b needs 100 cycles before its first token, so
/// the short edge a -> c must buffer about 100 tokens.
inline DataflowGraph makeDiamondGraph() {
  DataflowGraph graph;
  unsigned a = graph.addKernel("a", 1);
  unsigned b = graph.addKernel("b", 1);
  unsigned c = graph.addKernel("c", 1);
  connect(graph, a, b, 500, 2, 1, 1);
  connect(graph, a, c, 500, 2, 1, 1);
  connect(graph, b, c, 500, 100, 1, 1);
  setMinimumLatencies(graph, 5);
  return graph;
}

/// The paper's per-edge LP sizes s1 -> v for the delay D of s1 alone, but v
/// waits for a long chain from another source (s2 -> chain -> v). s1 fills
/// that FIFO, stalls, and starves its other consumer w, which sits on the
/// critical path.
inline DataflowGraph makePerEdgeLPCounterexample() {
  DataflowGraph graph;
  unsigned s1 = graph.addKernel("s1", 1);
  unsigned s2 = graph.addKernel("s2", 1);
  unsigned chain = graph.addKernel("chain", 1);
  unsigned v = graph.addKernel("v", 1);
  unsigned w = graph.addKernel("w", 1);
  connect(graph, s1, v, 64, 1, 1, 1);
  connect(graph, s1, w, 1000, 1, 1, 1);
  connect(graph, s2, chain, 64, 1, 1, 1);
  connect(graph, chain, v, 64, 200, 1, 1);
  setMinimumLatencies(graph);
  return graph;
}

/// Minimising the sum of delays over start times pushes v (one input, three
/// outputs) as late as its consumers allow, so the LP sizes v's outputs for
/// a one-cycle delay. In hardware v starts as soon as s delivers and must
/// hold its tokens for ~100 cycles until a and b start; it stalls and
/// starves z, the longest stream.
inline DataflowGraph makeSumOfDelaysCounterexample() {
  DataflowGraph graph;
  unsigned s = graph.addKernel("s", 1);
  unsigned v = graph.addKernel("v", 1);
  unsigned late = graph.addKernel("late", 1);
  unsigned a = graph.addKernel("a", 1);
  unsigned b = graph.addKernel("b", 1);
  unsigned z = graph.addKernel("z", 1);
  connect(graph, s, v, 1000, 1, 1, 1);
  connect(graph, s, late, 64, 1, 1, 1);
  connect(graph, v, a, 64, 1, 1, 1);
  connect(graph, v, b, 64, 1, 1, 1);
  connect(graph, v, z, 1000, 1, 1, 1);
  connect(graph, late, a, 64, 100, 1, 1);
  connect(graph, late, b, 64, 100, 1, 1);
  setMinimumLatencies(graph);
  return graph;
}

/// a feeds b (which reads 4x faster than a writes, so it stalls on every
/// token and needs 50 tokens before its first output) and c directly.
/// Nominal ASAP expects c to start after ~51 cycles; b's stretched schedule
/// makes it ~200. A FIFO a -> c sized nominally fills, a blocks, b starves:
/// deadlock.
inline DataflowGraph makeStarvationCounterexample() {
  DataflowGraph graph;
  unsigned a = graph.addKernel("a", 1);
  unsigned b = graph.addKernel("b", 1);
  unsigned c = graph.addKernel("c", 1);
  connect(graph, a, b, 100, 1, 4, 1);
  connect(graph, a, c, 100, 1, 4, 1);
  connect(graph, b, c, 100, 50, 1, 1);
  setMinimumLatencies(graph);
  return graph;
}

/// v has one input of 4-byte tokens and two outputs of 64-byte tokens whose
/// consumers wait ~300 cycles for another chain. Holding v until they are
/// ready moves the buffering to the cheap input edge.
inline DataflowGraph makeHoldExample() {
  DataflowGraph graph;
  unsigned s = graph.addKernel("s", 1);
  unsigned v = graph.addKernel("v", 1);
  unsigned slow = graph.addKernel("slow", 1);
  unsigned a = graph.addKernel("a", 1);
  unsigned b = graph.addKernel("b", 1);
  connect(graph, s, v, 512, 1, 1, 1, /*tokenBytes=*/4);
  connect(graph, s, slow, 512, 1, 1, 1, 4);
  connect(graph, v, a, 512, 2, 1, 1, 64);
  connect(graph, v, b, 512, 2, 1, 1, 64);
  connect(graph, slow, a, 512, 300, 1, 1, 4);
  connect(graph, slow, b, 512, 300, 1, 1, 4);
  setMinimumLatencies(graph);
  return graph;
}

} // namespace streamtensor::testing

#endif // STREAMTENSOR_UNITTESTS_ANALYSIS_TESTGRAPHS_H
