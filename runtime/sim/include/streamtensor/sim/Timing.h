// The clock of the timed simulation (docs/timed-simulation.md). Every thread
// that runs emitted code keeps its own cycle count: a process advances it by
// the static schedule the emitter wrote into the code (the offset of each
// stream or memory access within its segment or pipeline iteration, the
// latency of each segment, the II and depth of each pipelined loop) and
// stalls it when a token, a free FIFO slot or memory data is not there yet.
// Tokens carry the cycle they become readable and FIFOs remember when each
// slot was freed, so no global event queue is needed: the processes' access
// orders are static, which makes the result independent of thread timing.
#ifndef STREAMTENSOR_SIM_TIMING_H
#define STREAMTENSOR_SIM_TIMING_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace streamtensor::sim::timing {

using Cycle = std::int64_t;

// A span of cycles a process waited: on a read ('r'), a write ('w') or
// memory ('m').
struct StallSpan {
  std::int64_t begin, end;
  char kind;
};

struct ProcessClock {
  // Issue cycle of the current straight-line segment or pipeline iteration,
  // including every stall so far.
  Cycle base = 0;
  // Scheduled offset of the next access from `base`.
  Cycle offset = 0;
  Cycle start = 0;
  Cycle stalledOnRead = 0;
  Cycle stalledOnWrite = 0;
  Cycle waitingOnMemory = 0;
  // Cycle the last m_axi write is acknowledged: the process ends no earlier.
  Cycle lastWriteDone = 0;
  // Where the stalls were, for the trace: neighbouring spans of one kind
  // are merged, and past kMaxStallSpans pairs of spans are merged.
  std::vector<StallSpan> stalls;
  static constexpr std::size_t kMaxStallSpans = 4096;

  Cycle now() const { return base + offset; }
  // Delays the current access (and with it the rest of the schedule) to
  // `cycle`, counting the delay in `counter` and the span as `kind`.
  void stallUntil(Cycle cycle, Cycle &counter, char kind) {
    Cycle late = cycle - now();
    if (late <= 0)
      return;
    Cycle begin = now();
    base += late;
    counter += late;
    if (!stalls.empty() && stalls.back().kind == kind &&
        begin <= stalls.back().end) {
      stalls.back().end = cycle;
      return;
    }
    stalls.push_back({begin, cycle, kind});
    if (stalls.size() > kMaxStallSpans)
      coarsenStalls();
  }
  void coarsenStalls();
};

// The calling thread's clock.
ProcessClock &clock();

inline void at(Cycle offset) { clock().offset = offset; }
inline void delay(Cycle cycles) {
  ProcessClock &c = clock();
  c.base += cycles;
  c.offset = 0;
}

// A pipelined loop: iteration i + 1 issues II cycles after iteration i (after
// its stalls); the loop ends `depth` cycles after its last issue. Unrolled by
// U, a pipeline iteration runs U iterations of the C loop, one cycle apart.
class Pipeline {
public:
  Pipeline(Cycle ii, Cycle depth, Cycle unroll = 1)
      : clock_(clock()), ii_(ii), depth_(depth),
        unroll_(unroll > 0 ? unroll : 1) {
    clock_.offset = 0;
  }
  void iterate() {
    clock_.offset = 0;
    if (!started_) {
      started_ = true;
      copy_ = 0;
      return;
    }
    if (++copy_ == unroll_) {
      copy_ = 0;
      clock_.base += ii_ - (unroll_ - 1);
    } else {
      clock_.base += 1;
    }
  }
  void finish() {
    if (started_)
      clock_.base += depth_ - copy_;
    started_ = false;
    clock_.offset = 0;
  }

private:
  ProcessClock &clock_;
  Cycle ii_, depth_, unroll_;
  Cycle copy_ = 0;
  bool started_ = false;
};

// External memory as the emitted top describes it (targets/*.json).
struct MemoryConfig {
  double clockMHz = 250;
  Cycle readLatency = 100;
  Cycle writeLatency = 100;
  // Bursts in flight per port and beats per burst (the m_axi defaults).
  int outstanding = 16;
  int maxBurstBeats = 16;
  double channelBytesPerCycle = 57.5;
  double totalBytesPerCycle = 1840;
  // Smallest transfer a pseudo-channel serves for a new burst.
  int minAccessBytes = 32;
  Cycle launchCycles = 0;
};

void configure(const MemoryConfig &config);
// An m_axi port of the top about to run: `bytes` of memory at `base`,
// `elementBytes` per beat, on HBM pseudo-channel `channel`, accessed by
// `users` processes.
void registerPort(const void *base, std::size_t bytes, std::size_t elementBytes,
                  const char *name, int channel, int users);
// Charges one beat at `address` to its port at the current access's cycle;
// stalls the clock when the data (a read) or the port (a write) is late.
void touch(const void *address, std::size_t bytes, bool write);

// A process the emitter could not time: fails the timed simulation.
[[noreturn]] void unsupported(const char *why);

template <typename T> T &load(T *base, std::int64_t index) {
  touch(base + index, sizeof(T), false);
  return base[index];
}
template <typename T> T &store(T *base, std::int64_t index) {
  touch(base + index, sizeof(T), true);
  return base[index];
}

// Hooks of the dataflow runtime. A region starts at its caller's cycle (plus
// the kernel launch cost for a top-level region, one kernel invocation); each
// process starts there on its own clock; the caller resumes at the latest
// process end.
struct Region;
Region *beginRegion(const std::string &name, bool topLevel);
void beginProcess(Region *region);
void endProcess(Region *region, const std::string &name);
void endRegion(Region *region);

// What the timed simulation measured: one RegionResult per top-level region
// (one kernel call), with the processes of its nested regions.
struct ProcessResult {
  std::string name;
  Cycle start, end, stalledOnRead, stalledOnWrite, waitingOnMemory;
  std::vector<StallSpan> stalls;
};
struct PortResult {
  std::string name;
  int channel;
  std::size_t beatBytes;
  std::uint64_t bytesRead, bytesWritten, beats, bursts;
  Cycle first, last;
};
struct RegionResult {
  std::string name;
  Cycle start, end, launch;
  std::vector<ProcessResult> processes;
  std::vector<PortResult> ports;
};
std::vector<RegionResult> regions();
// Forgets regions, ports, bandwidth bookings and the memory configuration;
// the calling thread's clock restarts at cycle 0.
void reset();

// Writes every top-level region run so far as JSON to the file that
// STREAMTENSOR_SIM_TIMING_OUT names, if it names one. Returns an error
// message, empty on success.
std::string writeReport();

} // namespace streamtensor::sim::timing

#endif
