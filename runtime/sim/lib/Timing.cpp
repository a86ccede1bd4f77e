// Clocks, memory ports and the report of the timed simulation.
#include "streamtensor/sim/Timing.h"

#include "streamtensor/sim/Error.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <vector>

namespace streamtensor::sim::timing {

namespace {

// Bandwidth of one resource (a port, a pseudo-channel, all of HBM) as a
// calendar of fixed buckets of cycles. A request takes the earliest capacity
// at or after its cycle, so threads that reach it out of cycle order (each
// runs ahead on its own clock) still share it fairly.
class Calendar {
public:
  explicit Calendar(double perCycle) : perCycle_(perCycle) {}

  // Serves `amount` units requested at `cycle`; returns the cycle service
  // ends.
  double serve(double cycle, double amount) {
    const double capacity = perCycle_ * kBucket;
    std::size_t bucket = static_cast<std::size_t>(cycle) / kBucket;
    double done = cycle;
    while (amount > 0) {
      if (bucket >= used_.size())
        used_.resize(std::max(bucket + 1, used_.size() * 2), 0.0f);
      double bucketStart = double(bucket) * kBucket;
      double begin = std::max(cycle, bucketStart + used_[bucket] / perCycle_);
      double room = std::min(capacity - used_[bucket],
                             (bucketStart + kBucket - begin) * perCycle_);
      if (room > 1e-9) {
        double taken = std::min(room, amount);
        used_[bucket] += float(taken);
        amount -= taken;
        done = begin + taken / perCycle_;
      }
      ++bucket;
      cycle = std::max(cycle, double(bucket) * kBucket);
    }
    return done;
  }

private:
  static constexpr std::size_t kBucket = 256;
  double perCycle_;
  std::vector<float> used_;
};

struct Port {
  std::string name;
  const char *base;
  std::size_t bytes;
  std::size_t elementBytes;
  int channel;
  // Processes of the kernel that access it; each gets an equal share.
  int users = 1;
  // Bytes per cycle of the pseudo-channel and of all of HBM it may use, set
  // when its kernel call starts (0 before).
  double bytesPerCycle = 0;
  std::mutex mutex;
  std::uint64_t bytesRead = 0, bytesWritten = 0, bursts = 0, beatCount = 0;
  Cycle first = -1, last = 0;
};

} // namespace

struct Region {
  std::string name;
  bool topLevel;
  Region *top; // the top-level region its processes are reported under
  Cycle start = 0, launch = 0;
  std::mutex mutex;
  Cycle end = 0;
  std::vector<ProcessResult> processes;
  std::vector<std::shared_ptr<Port>> ports;
};

namespace {

struct State {
  std::mutex mutex;
  bool configured = false;
  MemoryConfig config;
  std::vector<std::shared_ptr<Port>> ports, pendingPorts;
  // Bumped under `mutex` whenever the ports change; read without it by
  // touch() to know whether its cached port is still valid.
  std::atomic<std::uint64_t> generation{0};
  std::vector<std::unique_ptr<Region>> regions;
};

State &state() {
  static State s;
  return s;
}

// Per thread and port: its share of the port's beats and bytes, the burst
// being formed and when the last `outstanding` bursts complete.
struct Burst {
  std::unique_ptr<Calendar> beatShare, byteShare;
  bool open = false;
  bool write = false;
  std::size_t nextOffset = 0;
  int beats = 0;
  std::vector<Cycle> completions;
  std::size_t issued = 0;
};

struct ThreadPorts {
  std::uint64_t generation = ~std::uint64_t(0);
  Port *last = nullptr;
  std::map<Port *, Burst> bursts;
};

thread_local ProcessClock threadClock;
thread_local ThreadPorts threadPorts;
thread_local Region *threadRegion = nullptr;

Port *findPort(const char *address) {
  ThreadPorts &mine = threadPorts;
  State &s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (mine.generation != s.generation) {
    mine.generation = s.generation;
    mine.last = nullptr;
    mine.bursts.clear();
  }
  for (auto &port : s.ports)
    if (address >= port->base && address < port->base + port->bytes)
      return mine.last = port.get();
  return nullptr;
}

// Splits each pseudo-channel equally among the ports of a kernel call mapped
// to it (and each port among the processes that use it, in touch()), all of
// them within what HBM offers in all: conservative when they are not busy
// at the same time, and independent of the order in which the threads reach
// memory, so every run gives the same cycles. The graph model shares the
// same way (lib/Analysis/TimingModel.cpp).
void shareBandwidth(const std::vector<std::shared_ptr<Port>> &ports,
                    const MemoryConfig &config) {
  std::map<int, int> perChannel;
  for (const auto &port : ports)
    ++perChannel[port->channel];
  double all = 0;
  for (const auto &port : ports) {
    port->bytesPerCycle =
        config.channelBytesPerCycle / perChannel[port->channel];
    all += port->bytesPerCycle;
  }
  if (all > config.totalBytesPerCycle)
    for (const auto &port : ports)
      port->bytesPerCycle *= config.totalBytesPerCycle / all;
}

} // namespace

ProcessClock &clock() { return threadClock; }

void ProcessClock::coarsenStalls() {
  // Merge neighbours pairwise: a merged span covers both and the gap
  // between them, named after the longer one.
  std::vector<StallSpan> merged;
  for (std::size_t i = 0; i < stalls.size(); i += 2) {
    if (i + 1 == stalls.size()) {
      merged.push_back(stalls[i]);
      continue;
    }
    const StallSpan &a = stalls[i], &b = stalls[i + 1];
    char kind = a.end - a.begin >= b.end - b.begin ? a.kind : b.kind;
    merged.push_back({a.begin, b.end, kind});
  }
  stalls = std::move(merged);
}

void unsupported(const char *why) {
  throw SimulationError(ErrorKind::ProcessFailed,
                        std::string("timed simulation: process ") + why);
}

void configure(const MemoryConfig &config) {
  State &s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (s.configured)
    return;
  s.configured = true;
  s.config = config;
}

void registerPort(const void *base, std::size_t bytes, std::size_t elementBytes,
                  const char *name, int channel, int users) {
  auto port = std::make_shared<Port>();
  port->users = std::max(1, users);
  port->name = name;
  port->base = static_cast<const char *>(base);
  port->bytes = bytes;
  port->elementBytes = elementBytes;
  port->channel = channel;
  State &s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  // A later registration of the same memory replaces the earlier one.
  s.ports.erase(std::remove_if(s.ports.begin(), s.ports.end(),
                               [&](const std::shared_ptr<Port> &p) {
                                 return p->base == port->base;
                               }),
                s.ports.end());
  s.ports.push_back(port);
  s.pendingPorts.push_back(port);
  ++s.generation;
}

void touch(const void *address, std::size_t bytes, bool write) {
  const char *at = static_cast<const char *>(address);
  Port *port = threadPorts.last;
  if (!port || threadPorts.generation != state().generation || at < port->base ||
      at >= port->base + port->bytes)
    port = findPort(at);
  if (!port)
    throw SimulationError(ErrorKind::ProcessFailed,
                          "timed simulation: a memory access outside every "
                          "registered m_axi port");
  if (port->bytesPerCycle <= 0)
    throw SimulationError(ErrorKind::ProcessFailed,
                          "timed simulation: port '" + port->name +
                              "' used outside the kernel call it was "
                              "registered for");
  const MemoryConfig &config = state().config;
  ProcessClock &c = threadClock;
  Cycle now = c.now();
  std::size_t offset = std::size_t(at - port->base);

  Burst &burst = threadPorts.bursts[port];
  if (burst.completions.empty()) {
    burst.completions.assign(std::size_t(std::max(1, config.outstanding)), 0);
    burst.beatShare = std::make_unique<Calendar>(1.0 / port->users);
    burst.byteShare =
        std::make_unique<Calendar>(port->bytesPerCycle / port->users);
  }
  bool continues = burst.open && burst.write == write &&
                   offset == burst.nextOffset &&
                   burst.beats < config.maxBurstBeats;
  Cycle request = now;
  if (!continues) {
    // A new burst waits for a free slot among the outstanding ones.
    std::size_t slots = burst.completions.size();
    if (burst.issued >= slots)
      request = std::max(request, burst.completions[burst.issued % slots]);
    ++burst.issued;
    burst.open = true;
    burst.write = write;
    burst.beats = 0;
  }
  ++burst.beats;
  burst.nextOffset = offset + bytes;

  double channelBytes =
      continues ? double(bytes)
                : double(std::max<std::size_t>(bytes, std::size_t(config.minAccessBytes)));
  double served = std::max(burst.beatShare->serve(double(request), 1.0),
                           burst.byteShare->serve(double(request), channelBytes));
  // Rounded to the nearest cycle: rounding up every beat would charge a
  // channel that serves 1.1 cycles per beat 2 cycles per beat.
  Cycle done = Cycle(std::llround(served));
  {
    std::lock_guard<std::mutex> lock(port->mutex);
    ++port->beatCount;
    if (!continues)
      ++port->bursts;
    (write ? port->bytesWritten : port->bytesRead) += bytes;
    if (port->first < 0 || request < port->first)
      port->first = request;
    port->last = std::max(port->last, done);
  }

  std::size_t slot = (burst.issued - 1) % burst.completions.size();
  if (write) {
    // A write leaves once its beat is on the port; it is acknowledged later.
    c.stallUntil(done - 1, c.waitingOnMemory, 'm');
    burst.completions[slot] = done + config.writeLatency;
    c.lastWriteDone = std::max(c.lastWriteDone, done + config.writeLatency);
    return;
  }
  // The schedule expects the data readLatency cycles after the request.
  Cycle arrival = done - 1 + config.readLatency;
  burst.completions[slot] = arrival;
  c.stallUntil(arrival - config.readLatency, c.waitingOnMemory, 'm');
}

Region *beginRegion(const std::string &name, bool topLevel) {
  State &s = state();
  ProcessClock &caller = threadClock;
  auto region = std::make_unique<Region>();
  region->topLevel = topLevel;
  Region *raw = region.get();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (topLevel) {
    region->name = name;
    region->top = raw;
    region->launch = s.config.launchCycles;
    region->start = caller.now() + region->launch;
    region->ports = std::move(s.pendingPorts);
    s.pendingPorts.clear();
    shareBandwidth(region->ports, s.config);
    s.regions.push_back(std::move(region));
    return raw;
  }
  // A nested region reports its processes under the top-level one; it lives
  // until endRegion.
  region->name = name;
  region->top = threadRegion ? threadRegion->top : nullptr;
  region->start = caller.now();
  return region.release();
}

void beginProcess(Region *region) {
  threadClock = ProcessClock();
  threadClock.base = threadClock.start = region->start;
  threadPorts = ThreadPorts();
  threadRegion = region;
}

void endProcess(Region *region, const std::string &name) {
  ProcessClock &c = threadClock;
  ProcessResult record{name,
                       c.start,
                       std::max(c.now(), c.lastWriteDone),
                       c.stalledOnRead,
                       c.stalledOnWrite,
                       c.waitingOnMemory,
                       std::move(c.stalls)};
  {
    std::lock_guard<std::mutex> lock(region->mutex);
    region->end = std::max(region->end, record.end);
  }
  if (Region *top = region->top) {
    std::lock_guard<std::mutex> lock(top->mutex);
    top->processes.push_back(std::move(record));
  }
  threadRegion = nullptr;
}

void endRegion(Region *region) {
  ProcessClock &caller = threadClock;
  Cycle end = std::max(region->end, region->start);
  caller.base = end;
  caller.offset = 0;
  region->end = end;
  if (region->topLevel)
    return;
  // Nested: its processes are already recorded under the top-level region.
  delete region;
}

namespace {

std::string quote(const std::string &text) {
  std::string out = "\"";
  for (char ch : text) {
    if (ch == '"' || ch == '\\')
      out += '\\';
    if (static_cast<unsigned char>(ch) < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", ch);
      out += buffer;
      continue;
    }
    out += ch;
  }
  return out + "\"";
}

} // namespace

std::vector<RegionResult> regions() {
  State &s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  std::vector<RegionResult> results;
  for (auto &region : s.regions) {
    std::lock_guard<std::mutex> regionLock(region->mutex);
    RegionResult result{region->name, region->start, region->end,
                        region->launch, region->processes, {}};
    for (auto &port : region->ports) {
      std::lock_guard<std::mutex> portLock(port->mutex);
      result.ports.push_back({port->name, port->channel, port->elementBytes,
                              port->bytesRead, port->bytesWritten,
                              port->beatCount, port->bursts,
                              std::max<Cycle>(port->first, 0), port->last});
    }
    results.push_back(std::move(result));
  }
  return results;
}

void reset() {
  State &s = state();
  {
    std::lock_guard<std::mutex> lock(s.mutex);
    s.configured = false;
    s.config = MemoryConfig();
    s.ports.clear();
    s.pendingPorts.clear();
    s.regions.clear();
    ++s.generation;
  }
  threadClock = ProcessClock();
  threadPorts = ThreadPorts();
}

std::string writeReport() {
  const char *path = std::getenv("STREAMTENSOR_SIM_TIMING_OUT");
  if (!path || !*path)
    return "";
  bool configured;
  MemoryConfig m;
  {
    State &s = state();
    std::lock_guard<std::mutex> lock(s.mutex);
    configured = s.configured;
    m = s.config;
  }
  std::ostringstream os;
  os << "{\n  \"timed\": " << (configured ? "true" : "false") << ",\n"
     << "  \"clock_mhz\": " << m.clockMHz << ",\n"
     << "  \"memory\": {\"read_latency_cycles\": " << m.readLatency
     << ", \"write_latency_cycles\": " << m.writeLatency
     << ", \"outstanding_bursts\": " << m.outstanding
     << ", \"max_burst_beats\": " << m.maxBurstBeats
     << ", \"channel_bytes_per_cycle\": " << m.channelBytesPerCycle
     << ", \"total_bytes_per_cycle\": " << m.totalBytesPerCycle
     << ", \"min_access_bytes\": " << m.minAccessBytes
     << ", \"launch_cycles\": " << m.launchCycles << "},\n"
     << "  \"regions\": [";
  std::vector<RegionResult> all = regions();
  for (std::size_t r = 0; r < all.size(); ++r) {
    const RegionResult &region = all[r];
    os << (r ? "," : "") << "\n    {\"name\": " << quote(region.name)
       << ", \"start\": " << region.start << ", \"end\": " << region.end
       << ", \"launch_cycles\": " << region.launch << ",\n     \"processes\": [";
    for (std::size_t p = 0; p < region.processes.size(); ++p) {
      const ProcessResult &proc = region.processes[p];
      os << (p ? "," : "") << "\n      {\"name\": " << quote(proc.name)
         << ", \"start\": " << proc.start << ", \"end\": " << proc.end
         << ", \"stalled_on_read\": " << proc.stalledOnRead
         << ", \"stalled_on_write\": " << proc.stalledOnWrite
         << ", \"waiting_on_memory\": " << proc.waitingOnMemory
         << ",\n       \"stalls\": [";
      for (std::size_t k = 0; k < proc.stalls.size(); ++k)
        os << (k ? ", " : "") << "[" << proc.stalls[k].begin << ", "
           << proc.stalls[k].end << ", \"" << proc.stalls[k].kind << "\"]";
      os << "]}";
    }
    os << "],\n     \"ports\": [";
    for (std::size_t p = 0; p < region.ports.size(); ++p) {
      const PortResult &port = region.ports[p];
      os << (p ? "," : "") << "\n      {\"name\": " << quote(port.name)
         << ", \"channel\": " << port.channel
         << ", \"beat_bytes\": " << port.beatBytes
         << ", \"bytes_read\": " << port.bytesRead
         << ", \"bytes_written\": " << port.bytesWritten
         << ", \"beats\": " << port.beats << ", \"bursts\": " << port.bursts
         << ", \"first\": " << port.first << ", \"last\": " << port.last
         << "}";
    }
    os << "]}";
  }
  os << "\n  ]\n}\n";
  std::ofstream out(path);
  out << os.str();
  out.close();
  if (!out)
    return std::string("cannot write the timing report to '") + path + "'";
  return "";
}

} // namespace streamtensor::sim::timing
