//===- DataflowGraphJSON.cpp - Dataflow graphs as JSON documents ----------===//

#include "streamtensor/Analysis/DataflowGraphJSON.h"

#include "DataflowGraphJSONReader.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace llvm;
using namespace streamtensor;
using streamtensor::detail::JSONFieldReader;
using Limits = streamtensor::DataflowGraphLimits;

namespace {
class GraphReader {
public:
  GraphReader(StringRef bufferName) : reader(bufferName) {}

  Expected<DataflowGraph> read(const json::Value &root);

private:
  bool readKernel(const json::Value &value, unsigned index);
  bool readEdge(const json::Value &value, unsigned index);
  bool readSchedule(const json::Object &object, StringRef key,
                    const Twine &path, int64_t tokens,
                    AccessSchedule &schedule);
  /// Resolves "name" or "hbm:N"; sets `kernel` to kExternal for HBM.
  bool readEndpoint(const json::Object &object, StringRef key,
                    const std::string &path, int &kernel, int &channel);
  bool checkSchedules();

  JSONFieldReader reader;
  DataflowGraph graph;
  int64_t totalTokens = 0;
};
} // namespace

bool GraphReader::readKernel(const json::Value &value, unsigned index) {
  std::string path = formatv("$.kernels[{0}]", index);
  const json::Object *object = reader.asObject(value, path);
  if (!object || !reader.checkKeys(*object, {"name", "latency"}, path))
    return false;
  std::string name;
  int64_t latency = 0;
  if (!reader.getString(*object, "name", path, name) ||
      !reader.getInt(*object, "latency", path, latency, 1, Limits::kMaxCycles))
    return false;
  if (name.empty())
    return reader.fail(path + ".name", "kernel names must not be empty");
  if (StringRef(name).starts_with("hbm:"))
    return reader.fail(path + ".name",
                       "names starting with 'hbm:' denote HBM channels");
  if (std::optional<unsigned> other = graph.lookupKernel(name))
    return reader.fail(path + ".name",
                       formatv("duplicate kernel name '{0}' (also "
                               "$.kernels[{1}])",
                               name, *other));
  graph.addKernel(name, latency);
  return true;
}

bool GraphReader::readEndpoint(const json::Object &object, StringRef key,
                               const std::string &path, int &kernel,
                               int &channel) {
  std::string name;
  if (!reader.getString(object, key, path, name))
    return false;
  StringRef text(name);
  if (text.consume_front("hbm:")) {
    unsigned number = 0;
    if (text.getAsInteger(10, number) || number > 1023)
      return reader.fail(path + "." + key,
                         "expected 'hbm:N' with a channel number N in [0, "
                         "1023], got '" +
                             name + "'");
    kernel = DataflowEdge::kExternal;
    channel = number;
    return true;
  }
  std::optional<unsigned> index = graph.lookupKernel(name);
  if (!index)
    return reader.fail(path + "." + key, "unknown kernel '" + name + "'");
  kernel = *index;
  return true;
}

/// An optional access schedule: [[count, first cycle, cycles between
/// accesses], ...] in program order, covering the edge's tokens, each run
/// starting after the previous one's last access.
bool GraphReader::readSchedule(const json::Object &object, StringRef key,
                               const Twine &path, int64_t tokens,
                               AccessSchedule &schedule) {
  if (!object.get(key))
    return true;
  std::string where = (path + "." + key).str();
  const json::Array *runs = reader.getArray(object, key, path);
  if (!runs)
    return false;
  int64_t covered = 0, previousLast = -1;
  for (auto [i, value] : llvm::enumerate(*runs)) {
    std::string item = formatv("{0}[{1}]", where, i);
    const json::Array *run = value.getAsArray();
    std::optional<int64_t> count = run && run->size() == 3
                                       ? (*run)[0].getAsInteger()
                                       : std::nullopt;
    std::optional<int64_t> first =
        count ? (*run)[1].getAsInteger() : std::nullopt;
    std::optional<double> ii = count ? (*run)[2].getAsNumber() : std::nullopt;
    if (!count || !first || !ii)
      return reader.fail(item, "expected [count, first cycle, cycles between "
                               "accesses]");
    ScheduleSegment segment{*count, *first, *ii};
    if (*count < 1 || *count > tokens - covered)
      return reader.fail(item, "the runs must cover the edge's tokens exactly");
    if (*first <= previousLast || *first < 0 || *ii < 1 ||
        segment.last() > Limits::kMaxCycles)
      return reader.fail(item, "runs must start after the previous run's "
                               "last access, with at least one cycle between "
                               "accesses, within 2^40 cycles");
    covered += *count;
    previousLast = segment.last();
    schedule.add(segment);
  }
  if (covered != tokens)
    return reader.fail(where, "the runs must cover the edge's tokens exactly");
  return true;
}

bool GraphReader::readEdge(const json::Value &value, unsigned index) {
  std::string path = formatv("$.edges[{0}]", index);
  const json::Object *object = reader.asObject(value, path);
  if (!object ||
      !reader.checkKeys(*object,
                        {"name", "from", "to", "tokens", "initial_delay",
                         "producer_ii", "consumer_ii", "token_bytes",
                         "producer_schedule", "consumer_schedule"},
                        path))
    return false;
  DataflowEdge edge;
  int fromChannel = -1, toChannel = -1;
  if (!reader.getString(*object, "name", path, edge.name, false) ||
      !readEndpoint(*object, "from", path, edge.from, fromChannel) ||
      !readEndpoint(*object, "to", path, edge.to, toChannel) ||
      !reader.getInt(*object, "tokens", path, edge.tokens, 1,
                     Limits::kMaxCycles) ||
      !reader.getInt(*object, "token_bytes", path, edge.tokenBytes, 1,
                     Limits::kMaxTokenBytes, /*required=*/false))
    return false;
  if (edge.isDmaRead() && edge.isDmaWrite())
    return reader.fail(path, "an edge cannot connect two HBM channels");
  edge.hbmChannel = edge.isDmaRead() ? fromChannel : toChannel;

  // The HBM side of a DMA edge is timed by the target's memory model, so its
  // timing fields would be ignored; reject them instead.
  auto forbid = [&](StringRef key, StringRef side) {
    if (!object->get(key))
      return true;
    return reader.fail(path + "." + key,
                       "not allowed on a DMA edge: the HBM model sets the " +
                           side + " timing");
  };
  if (edge.isDmaRead()) {
    if (!forbid("initial_delay", "producer") ||
        !forbid("producer_ii", "producer") ||
        !forbid("producer_schedule", "producer"))
      return false;
  } else {
    int64_t maxII = Limits::kMaxCycles / edge.tokens;
    if (!reader.getInt(*object, "initial_delay", path, edge.initialDelay, 1,
                       Limits::kMaxCycles) ||
        !reader.getInt(*object, "producer_ii", path, edge.producerII, 1,
                       maxII))
      return false;
  }
  if (edge.isDmaWrite()) {
    if (!forbid("consumer_ii", "consumer") ||
        !forbid("consumer_schedule", "consumer"))
      return false;
  } else if (!reader.getInt(*object, "consumer_ii", path, edge.consumerII, 1,
                            Limits::kMaxCycles / edge.tokens)) {
    return false;
  }
  if (!readSchedule(*object, "producer_schedule", path, edge.tokens,
                    edge.producerSchedule) ||
      !readSchedule(*object, "consumer_schedule", path, edge.tokens,
                    edge.consumerSchedule))
    return false;
  totalTokens += edge.tokens;
  if (totalTokens > Limits::kMaxTotalTokens)
    return reader.fail(path + ".tokens",
                       formatv("the graph carries more than {0} tokens in "
                               "total, beyond what the simulator records",
                               Limits::kMaxTotalTokens));
  graph.addEdge(edge);
  return true;
}

bool GraphReader::checkSchedules() {
  for (unsigned k = 0; k < graph.getNumKernels(); ++k) {
    auto [bound, edge] = graph.getMinimumLatency(k);
    const DataflowKernel &kernel = graph.getKernel(k);
    if (kernel.latency >= bound)
      continue;
    const DataflowEdge &e = graph.getEdge(edge);
    std::string reason =
        e.from == int(k)
            ? formatv("its last token on edge {0} ({1}) is readable at cycle "
                      "{2}",
                      edge, graph.describeEdge(edge), bound)
                  .str()
            : formatv("its last read on edge {0} ({1}) is issued at cycle {2}",
                      edge, graph.describeEdge(edge), bound - 1)
                  .str();
    return reader.fail(formatv("$.kernels[{0}].latency", k),
                       formatv("latency {0} of kernel '{1}' is shorter than "
                               "its own schedule: {2}",
                               kernel.latency, kernel.name, reason));
  }
  std::vector<unsigned> cycle;
  graph.topologicalOrder(&cycle);
  if (!cycle.empty()) {
    std::string names;
    for (unsigned k : cycle)
      names += (names.empty() ? "" : " -> ") + graph.getKernel(k).name;
    return reader.fail("$.edges", "the graph is not a DAG: kernels " + names +
                                      " form a cycle");
  }
  return true;
}

Expected<DataflowGraph> GraphReader::read(const json::Value &root) {
  auto readAll = [&]() -> bool {
    const json::Object *top = reader.asObject(root, "$");
    if (!top || !reader.checkKeys(*top, {"name", "kernels", "edges"}, "$"))
      return false;
    std::string name;
    if (!reader.getString(*top, "name", "$", name, /*required=*/false))
      return false;
    const json::Array *kernels = reader.getArray(*top, "kernels", "$");
    if (!kernels)
      return false;
    if (kernels->size() > Limits::kMaxKernels)
      return reader.fail("$.kernels", formatv("more than {0} kernels",
                                              Limits::kMaxKernels));
    for (auto [index, value] : llvm::enumerate(*kernels))
      if (!readKernel(value, index))
        return false;
    const json::Array *edges = reader.getArray(*top, "edges", "$");
    if (!edges)
      return false;
    for (auto [index, value] : llvm::enumerate(*edges))
      if (!readEdge(value, index))
        return false;
    return checkSchedules();
  };
  if (!readAll())
    return reader.takeError();
  // The checks above cover verify(); keep it as the single source of truth
  // for graphs built elsewhere.
  if (Error error = graph.verify())
    return std::move(error);
  return std::move(graph);
}

Expected<DataflowGraph> streamtensor::parseDataflowGraph(StringRef text,
                                                         StringRef bufferName) {
  Expected<json::Value> root = detail::parseJSONText(text, bufferName);
  if (!root)
    return root.takeError();
  return GraphReader(bufferName).read(*root);
}

Expected<DataflowGraph> streamtensor::loadDataflowGraph(StringRef path) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> buffer =
      MemoryBuffer::getFileOrSTDIN(path, /*IsText=*/true);
  if (std::error_code ec = buffer.getError())
    return createStringError(ec, "cannot read graph '%s': %s",
                             path.str().c_str(), ec.message().c_str());
  return parseDataflowGraph((*buffer)->getBuffer(),
                            path == "-" ? "<stdin>" : path);
}

void streamtensor::printDataflowGraph(const DataflowGraph &graph,
                                      raw_ostream &os) {
  json::OStream out(os, 2);
  auto endpoint = [&](int kernel, int channel) -> std::string {
    if (kernel == DataflowEdge::kExternal)
      return "hbm:" + std::to_string(channel);
    return graph.getKernel(kernel).name;
  };
  out.object([&] {
    out.attributeArray("kernels", [&] {
      for (const DataflowKernel &kernel : graph.getKernels())
        out.object([&] {
          out.attribute("name", kernel.name);
          out.attribute("latency", kernel.latency);
        });
    });
    out.attributeArray("edges", [&] {
      for (const DataflowEdge &edge : graph.getEdges())
        out.object([&] {
          if (!edge.name.empty())
            out.attribute("name", edge.name);
          out.attribute("from", endpoint(edge.from, edge.hbmChannel));
          out.attribute("to", endpoint(edge.to, edge.hbmChannel));
          out.attribute("tokens", edge.tokens);
          if (!edge.isDmaRead()) {
            out.attribute("initial_delay", edge.initialDelay);
            out.attribute("producer_ii", edge.producerII);
          }
          if (!edge.isDmaWrite())
            out.attribute("consumer_ii", edge.consumerII);
          out.attribute("token_bytes", edge.tokenBytes);
          auto writeSchedule = [&](StringRef key,
                                   const AccessSchedule &schedule) {
            if (schedule.empty())
              return;
            out.attributeArray(key, [&] {
              for (const ScheduleSegment &run : schedule.getSegments())
                out.array([&] {
                  out.value(run.count);
                  out.value(run.first);
                  out.value(run.ii);
                });
            });
          };
          if (!edge.isDmaRead())
            writeSchedule("producer_schedule", edge.producerSchedule);
          if (!edge.isDmaWrite())
            writeSchedule("consumer_schedule", edge.consumerSchedule);
        });
    });
  });
  os << "\n";
}
