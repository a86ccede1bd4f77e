//===- CycleSimTrace.cpp - Timeline of a simulation for Perfetto ----------===//

#include "streamtensor/Analysis/CycleSimTrace.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"

#include <algorithm>

using namespace llvm;
using namespace streamtensor;

namespace {
constexpr int kNodePid = 1;
constexpr int kFifoPid = 2;

class TraceWriter {
public:
  TraceWriter(const TimedGraph &graph, const SimResult &result,
              raw_ostream &os)
      : graph(graph), result(result), out(os) {}

  void write(StringRef title);

private:
  /// Cycles to trace microseconds at the target clock.
  void timestamp(StringRef key, int64_t cycles) {
    double us = double(cycles) / graph.clockMHz;
    out.attributeBegin(key);
    out.rawValue([&](raw_ostream &os) { os << format("%.4f", us); });
    out.attributeEnd();
  }
  void metadata(StringRef kind, int pid, int tid, StringRef name);
  void span(unsigned node, StringRef name, StringRef category, int64_t begin,
            int64_t end);
  void writeNode(unsigned node);
  void writeFifo(unsigned edge);

  const TimedGraph &graph;
  const SimResult &result;
  json::OStream out;
};
} // namespace

void TraceWriter::metadata(StringRef kind, int pid, int tid, StringRef name) {
  out.object([&] {
    out.attribute("name", kind);
    out.attribute("ph", "M");
    out.attribute("pid", pid);
    out.attribute("tid", tid);
    out.attributeObject("args", [&] { out.attribute("name", name); });
  });
}

void TraceWriter::span(unsigned node, StringRef name, StringRef category,
                       int64_t begin, int64_t end) {
  if (end <= begin)
    return;
  out.object([&] {
    out.attribute("name", name);
    out.attribute("cat", category);
    out.attribute("ph", "X");
    out.attribute("pid", kNodePid);
    out.attribute("tid", int64_t(node) + 1);
    timestamp("ts", begin);
    timestamp("dur", end - begin);
    out.attributeObject("args", [&] {
      out.attribute("begin_cycle", begin);
      out.attribute("cycles", end - begin);
    });
  });
}

void TraceWriter::writeNode(unsigned node) {
  const SimNodeStats &stats = result.nodes[node];
  int64_t launch = 0;
  // In a deadlock nothing happens from the cycle after the last progress.
  int64_t end = stats.finished ? stats.finish : result.cycles + 1;
  int64_t start = stats.started ? stats.start : end;
  span(node, "waiting for first inputs", "wait", launch, std::min(start, end));
  int64_t cursor = start;
  for (const SimStall &stall : result.stalls[node]) {
    span(node, "busy", "busy", cursor, stall.begin);
    const TimedEdge &edge = graph.edges[stall.edge];
    std::string name = stall.onFull ? "stall: " + edge.label + " full"
                                    : "stall: " + edge.label + " empty";
    span(node, name, stall.onFull ? "stall_output" : "stall_input",
         stall.begin, stall.end);
    cursor = stall.end;
  }
  if (stats.finished) {
    span(node, "busy", "busy", cursor, end);
    return;
  }
  // A deadlocked node worked until its last access, then waited forever.
  int64_t blockedFrom = std::max(cursor, stats.lastEvent + 1);
  span(node, "busy", "busy", cursor, blockedFrom);
  span(node, "blocked (deadlock)", "deadlock", blockedFrom, end);
}

void TraceWriter::writeFifo(unsigned edge) {
  const std::vector<int64_t> &writes = result.writeCycles[edge];
  const std::vector<int64_t> &reads = result.readCycles[edge];
  std::string name = "fifo " + std::to_string(edge) + ": " +
                     graph.edges[edge].label;
  auto counter = [&](int64_t cycle, int64_t tokens) {
    out.object([&] {
      out.attribute("name", name);
      out.attribute("ph", "C");
      out.attribute("pid", kFifoPid);
      timestamp("ts", cycle);
      out.attributeObject("args", [&] { out.attribute("tokens", tokens); });
    });
  };
  // Occupancy during cycle t counts writes and reads of earlier cycles.
  counter(0, 0);
  size_t w = 0, r = 0;
  int64_t occupancy = 0;
  while (w < writes.size() || r < reads.size()) {
    int64_t next = std::min(w < writes.size() ? writes[w] : INT64_MAX,
                            r < reads.size() ? reads[r] : INT64_MAX);
    int64_t before = occupancy;
    for (; w < writes.size() && writes[w] == next; ++w)
      ++occupancy;
    for (; r < reads.size() && reads[r] == next; ++r)
      --occupancy;
    if (occupancy != before)
      counter(next + 1, occupancy);
  }
}

void TraceWriter::write(StringRef title) {
  out.object([&] {
    out.attributeArray("traceEvents", [&] {
      metadata("process_name", kNodePid, 0, "kernels: " + title.str());
      metadata("process_name", kFifoPid, 0, "FIFO occupancy (tokens)");
      for (unsigned n = 0, e = graph.nodes.size(); n < e; ++n) {
        metadata("thread_name", kNodePid, n + 1, graph.nodes[n].name);
        out.object([&] {
          out.attribute("name", "thread_sort_index");
          out.attribute("ph", "M");
          out.attribute("pid", kNodePid);
          out.attribute("tid", int64_t(n) + 1);
          out.attributeObject("args",
                              [&] { out.attribute("sort_index", int64_t(n)); });
        });
      }
      for (unsigned n = 0, e = graph.nodes.size(); n < e; ++n)
        writeNode(n);
      for (unsigned e = 0, end = graph.edges.size(); e < end; ++e)
        writeFifo(e);
    });
    out.attribute("displayTimeUnit", "ns");
    out.attributeObject("otherData", [&] {
      out.attribute("title", title);
      out.attribute("clock_mhz", graph.clockMHz);
      out.attribute("deadlock", result.deadlock);
      out.attribute("cycles", result.cycles);
    });
  });
}

void streamtensor::writeSimulationTrace(const TimedGraph &graph,
                                        const SimResult &result,
                                        StringRef title, raw_ostream &os) {
  TraceWriter(graph, result, os).write(title);
  os << "\n";
}
