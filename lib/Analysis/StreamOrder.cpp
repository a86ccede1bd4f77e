//===- StreamOrder.cpp - Deadlock check from stream access order ----------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Analysis/StreamOrder.h"

#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <deque>

using namespace llvm;
using namespace streamtensor;

//===----------------------------------------------------------------------===//
// Programs
//===----------------------------------------------------------------------===//

void StreamAccessProgram::addAccess(unsigned port, bool isWrite,
                                    int64_t count) {
  if (count <= 0)
    return;
  if (nodes.size() > mergeBarrier) {
    Node &last = nodes.back();
    if (!last.isLoop && last.port == port && last.isWrite == isWrite &&
        last.count <= INT64_MAX - count) {
      last.count += count;
      return;
    }
  }
  Node node;
  node.port = port;
  node.isWrite = isWrite;
  node.count = count;
  nodes.push_back(node);
}

void StreamAccessProgram::openLoop(int64_t trips) {
  openLoops.push_back(nodes.size());
  savedBarriers.push_back(mergeBarrier);
  Node loop;
  loop.isLoop = true;
  loop.count = trips;
  nodes.push_back(loop);
  mergeBarrier = nodes.size();
}

void StreamAccessProgram::closeLoop() {
  unsigned index = openLoops.back();
  unsigned barrier = savedBarriers.back();
  openLoops.pop_back();
  savedBarriers.pop_back();
  int64_t trips = nodes[index].count;
  unsigned bodySize = nodes.size() - index - 1;
  if (trips <= 0 || bodySize == 0) {
    nodes.resize(index);
    mergeBarrier = barrier;
    return;
  }
  const Node &body = nodes[index + 1];
  if (bodySize == 1 && !body.isLoop && body.count <= INT64_MAX / trips) {
    Node run = body;
    nodes.resize(index);
    mergeBarrier = barrier;
    addAccess(run.port, run.isWrite, run.count * trips);
    return;
  }
  nodes[index].end = nodes.size();
  // A run after the loop must not grow the last run of its body.
  mergeBarrier = nodes.size();
}

std::vector<int64_t> StreamAccessProgram::countTokens(unsigned numPorts,
                                                      bool writes) const {
  std::vector<int64_t> counts(numPorts, 0);
  // Repetitions of the node at each index: product of enclosing trips.
  std::vector<std::pair<unsigned, int64_t>> scopes;
  int64_t times = 1;
  for (unsigned i = 0, e = nodes.size(); i < e; ++i) {
    while (!scopes.empty() && i >= nodes[scopes.back().first].end) {
      times = scopes.back().second;
      scopes.pop_back();
    }
    const Node &node = nodes[i];
    if (node.isLoop) {
      scopes.push_back({i, times});
      times = (__int128)times * node.count > INT64_MAX ? INT64_MAX
                                                       : times * node.count;
      continue;
    }
    if (node.isWrite == writes && node.port < numPorts) {
      __int128 sum = (__int128)counts[node.port] + (__int128)times * node.count;
      counts[node.port] = sum > INT64_MAX ? INT64_MAX : int64_t(sum);
    }
  }
  return counts;
}

//===----------------------------------------------------------------------===//
// Replay
//===----------------------------------------------------------------------===//

namespace {

/// Position of one process in its program.
struct Cursor {
  struct Frame {
    unsigned loop;
    int64_t left;
  };
  std::vector<Frame> frames;
  unsigned pc = 0;
  int64_t remaining = 0;
  bool done = false;

  /// Moves from `pc` to the next access run, entering and leaving loops.
  void settle(ArrayRef<StreamAccessProgram::Node> nodes) {
    while (true) {
      if (!frames.empty() && pc == nodes[frames.back().loop].end) {
        if (--frames.back().left > 0) {
          pc = frames.back().loop + 1;
          continue;
        }
        frames.pop_back();
        continue;
      }
      if (pc >= nodes.size()) {
        done = true;
        return;
      }
      const StreamAccessProgram::Node &node = nodes[pc];
      if (node.isLoop) {
        frames.push_back({pc, node.count});
        ++pc;
        continue;
      }
      remaining = node.count;
      return;
    }
  }
};

class Replay {
public:
  Replay(const StreamOrderNetwork &network, const StreamOrderOptions &options)
      : network(network), options(options) {}

  StreamOrderResult run();

private:
  bool bind();
  void step(unsigned process);
  void wake(int process, unsigned channel);
  /// Grows the full FIFOs of one wait cycle; false if there is none to grow.
  bool repairOnce();
  void describeWaits();
  int otherEnd(unsigned process) const;

  const StreamOrderNetwork &network;
  const StreamOrderOptions &options;
  StreamOrderResult result;

  std::vector<Cursor> cursors;
  std::vector<int> blockedOn;
  std::vector<bool> queued;
  std::deque<unsigned> worklist;

  std::vector<int> writer, reader;
  std::vector<int64_t> tokens, occupancy, growth;
};

} // namespace

/// Checks that every channel has one writer and one reader that agree on
/// the token count.
bool Replay::bind() {
  unsigned numChannels = network.channels.size();
  writer.assign(numChannels, -1);
  reader.assign(numChannels, -1);
  tokens.assign(numChannels, 0);
  std::vector<int64_t> reads(numChannels, 0);
  for (auto [p, process] : llvm::enumerate(network.processes)) {
    unsigned numPorts = process.channelOfPort.size();
    std::vector<int64_t> written = process.program->countTokens(numPorts, true);
    std::vector<int64_t> read = process.program->countTokens(numPorts, false);
    for (const auto &node : process.program->getNodes())
      if (!node.isLoop && (node.port >= numPorts ||
                           process.channelOfPort[node.port] < 0)) {
        result.reason = formatv("process '{0}' accesses port {1}, which is "
                                "bound to no stream",
                                process.name, node.port);
        return false;
      }
    for (unsigned port = 0; port < numPorts; ++port) {
      int channel = process.channelOfPort[port];
      if (channel < 0 || (!written[port] && !read[port]))
        continue;
      const std::string &name = network.channels[channel].name;
      if (written[port] && read[port]) {
        result.reason = formatv("process '{0}' both reads and writes '{1}'",
                                process.name, name);
        return false;
      }
      std::vector<int> &end = written[port] ? writer : reader;
      if (end[channel] >= 0) {
        result.reason =
            formatv("stream '{0}' has two {1}s", name,
                    written[port] ? "writer" : "reader");
        return false;
      }
      end[channel] = p;
      (written[port] ? tokens : reads)[channel] =
          written[port] ? written[port] : read[port];
    }
  }
  for (unsigned c = 0; c < numChannels; ++c) {
    const std::string &name = network.channels[c].name;
    if (writer[c] < 0 && reader[c] < 0)
      continue;
    if (writer[c] < 0 || reader[c] < 0) {
      result.reason = formatv("stream '{0}' has no {1}", name,
                              writer[c] < 0 ? "writer" : "reader");
      return false;
    }
    if (tokens[c] != reads[c]) {
      result.reason = formatv(
          "stream '{0}' is written {1} times by '{2}' but read {3} times by "
          "'{4}'",
          name, tokens[c], network.processes[writer[c]].name, reads[c],
          network.processes[reader[c]].name);
      return false;
    }
  }
  return true;
}

void Replay::wake(int process, unsigned channel) {
  if (process < 0 || blockedOn[process] != int(channel))
    return;
  blockedOn[process] = -1;
  if (!queued[process]) {
    queued[process] = true;
    worklist.push_back(process);
  }
}

void Replay::step(unsigned p) {
  const StreamOrderNetwork::Process &process = network.processes[p];
  ArrayRef<StreamAccessProgram::Node> nodes = process.program->getNodes();
  Cursor &cursor = cursors[p];
  while (!cursor.done) {
    const StreamAccessProgram::Node &node = nodes[cursor.pc];
    unsigned channel = process.channelOfPort[node.port];
    int64_t &held = occupancy[channel];
    int64_t moved =
        node.isWrite
            ? std::min(cursor.remaining, result.depths[channel] - held)
            : std::min(cursor.remaining, held);
    if (moved <= 0) {
      blockedOn[p] = channel;
      return;
    }
    held += node.isWrite ? moved : -moved;
    cursor.remaining -= moved;
    wake(node.isWrite ? reader[channel] : writer[channel], channel);
    if (cursor.remaining == 0) {
      ++cursor.pc;
      cursor.settle(nodes);
    }
  }
}

/// The process at the other end of the stream `process` waits on.
int Replay::otherEnd(unsigned process) const {
  unsigned channel = blockedOn[process];
  return writer[channel] == int(process) ? reader[channel] : writer[channel];
}

bool Replay::repairOnce() {
  unsigned numProcesses = network.processes.size();
  unsigned start = 0;
  while (start < numProcesses && blockedOn[start] < 0)
    ++start;
  if (start == numProcesses)
    return false;
  // Every waiting process waits on one stream whose other end waits too (a
  // finished end would have matched all tokens), so the walk ends in a cycle.
  std::vector<int> seenAt(numProcesses, -1);
  std::vector<unsigned> path;
  int p = start;
  while (p >= 0 && blockedOn[p] >= 0 && seenAt[p] < 0) {
    seenAt[p] = path.size();
    path.push_back(p);
    p = otherEnd(p);
  }
  if (p < 0 || blockedOn[p] < 0)
    return false;
  bool grown = false;
  for (unsigned i = seenAt[p]; i < path.size(); ++i) {
    unsigned process = path[i];
    unsigned channel = blockedOn[process];
    if (writer[channel] != int(process) ||
        result.depths[channel] >= tokens[channel])
      continue;
    if (growth[channel] == 0)
      result.repaired.push_back(channel);
    growth[channel] = std::max<int64_t>(1, growth[channel] * 2);
    result.depths[channel] =
        std::min(tokens[channel], result.depths[channel] + growth[channel]);
    wake(process, channel);
    grown = true;
  }
  return grown;
}

void Replay::describeWaits() {
  for (unsigned p = 0, e = network.processes.size(); p < e; ++p) {
    if (blockedOn[p] < 0)
      continue;
    unsigned channel = blockedOn[p];
    const std::string &name = network.channels[channel].name;
    if (writer[channel] == int(p))
      result.waits.push_back(formatv(
          "process '{0}' waits to write '{1}' (full, {2}/{3})",
          network.processes[p].name, name, occupancy[channel],
          result.depths[channel]));
    else
      result.waits.push_back(formatv("process '{0}' waits to read '{1}' "
                                     "(empty)",
                                     network.processes[p].name, name));
  }
}

StreamOrderResult Replay::run() {
  unsigned numProcesses = network.processes.size();
  unsigned numChannels = network.channels.size();
  result.depths.resize(numChannels);
  for (unsigned c = 0; c < numChannels; ++c)
    result.depths[c] = std::max<int64_t>(1, network.channels[c].depth);
  if (!bind())
    return std::move(result);

  occupancy.assign(numChannels, 0);
  growth.assign(numChannels, 0);
  cursors.assign(numProcesses, Cursor());
  blockedOn.assign(numProcesses, -1);
  queued.assign(numProcesses, true);
  for (unsigned p = 0; p < numProcesses; ++p) {
    cursors[p].settle(network.processes[p].program->getNodes());
    worklist.push_back(p);
  }
  while (true) {
    while (!worklist.empty()) {
      unsigned p = worklist.front();
      worklist.pop_front();
      queued[p] = false;
      step(p);
    }
    if (llvm::all_of(cursors, [](const Cursor &c) { return c.done; })) {
      result.completed = true;
      return std::move(result);
    }
    if (!options.repair || !repairOnce())
      break;
  }
  describeWaits();
  result.reason = options.repair
                      ? "the processes wait on each other in a cycle without "
                        "a FIFO that can grow"
                      : "deadlock: the processes wait on each other in a "
                        "cycle";
  return std::move(result);
}

StreamOrderResult
streamtensor::replayStreamOrder(const StreamOrderNetwork &network,
                                const StreamOrderOptions &options) {
  return Replay(network, options).run();
}
