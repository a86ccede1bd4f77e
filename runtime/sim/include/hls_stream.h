// hls::stream for simulating emitted Vitis HLS code with g++: a blocking
// FIFO whose capacity is the Depth template argument (hls::stream<T, N>), or
// unbounded for plain hls::stream<T> as in Vitis C simulation. As in Vitis,
// hls::stream<T, N> derives from hls::stream<T>, so processes take their
// streams as hls::stream<T>& whatever the depth.
#ifndef STREAMTENSOR_SIM_HLS_STREAM_H
#define STREAMTENSOR_SIM_HLS_STREAM_H

#include "streamtensor/sim/Channel.h"
#ifdef STREAMTENSOR_SIM_TIMED
#include "streamtensor/sim/Timing.h"
#include <vector>
#endif

#include <cstddef>
#include <deque>
#include <utility>

// Lets shared headers (streamtensor_dataflow.h) tell this simulation apart
// from the vendor's headers.
#define STREAMTENSOR_SIM_RUNTIME 1

// HLS code names its loops with labels that nothing jumps to; keep -Wall
// -Werror builds of emitted code quiet about them. (Unknown `#pragma HLS`
// cannot be silenced from a header: build with -Wno-unknown-pragmas.)
#pragma GCC diagnostic ignored "-Wunused-label"

namespace hls {

template <typename T, int Depth = 0> class stream;

template <typename T> class stream<T, 0> {
  using Side = streamtensor::sim::detail::Side;

public:
  stream() : core_(nullptr, 0) {}
  explicit stream(const char *name) : core_(name, 0) {}
  stream(const stream &) = delete;
  stream &operator=(const stream &) = delete;

  bool empty() const {
    auto op = core_.begin(Side::Consumer);
    return !core_.hasToken();
  }
  bool full() const {
    auto op = core_.begin(Side::Producer);
    return !core_.hasSpace();
  }
  std::size_t size() const {
    auto lock = core_.inspect();
    return core_.count();
  }

  void read(T &out) {
    auto op = core_.begin(Side::Consumer);
    core_.awaitToken(op);
    take(out);
  }
  T read() {
    T out;
    read(out);
    return out;
  }
  bool read_nb(T &out) {
    auto op = core_.begin(Side::Consumer);
    if (!core_.hasToken())
      return false;
    take(out);
    return true;
  }
  void write(const T &value) {
    auto op = core_.begin(Side::Producer);
    core_.awaitSpace(op);
    put(value);
  }
  bool write_nb(const T &value) {
    auto op = core_.begin(Side::Producer);
    if (!core_.hasSpace())
      return false;
    put(value);
    return true;
  }
  void operator>>(T &out) { read(out); }
  void operator<<(const T &value) { write(value); }

protected:
  stream(const char *name, std::size_t depth) : core_(name, depth) {}

private:
  void take(T &out) {
    out = std::move(items_.front());
    items_.pop_front();
#ifdef STREAMTENSOR_SIM_TIMED
    // A token is readable the cycle after its write; its slot is free the
    // cycle after its read.
    auto &clock = streamtensor::sim::timing::clock();
    clock.stallUntil(ready_.front(), clock.stalledOnRead, 'r');
    ready_.pop_front();
    if (std::size_t depth = core_.depth()) {
      freed_.resize(depth);
      freed_[reads_ % depth] = clock.now() + 1;
    }
    ++reads_;
#endif
    core_.popped();
  }
  void put(const T &value) {
#ifdef STREAMTENSOR_SIM_TIMED
    // Token k waits for the slot token k - depth freed.
    auto &clock = streamtensor::sim::timing::clock();
    if (std::size_t depth = core_.depth(); depth && writes_ >= depth)
      clock.stallUntil(freed_[writes_ % depth], clock.stalledOnWrite, 'w');
    ready_.push_back(clock.now() + 1);
    ++writes_;
#endif
    items_.push_back(value);
    core_.pushed();
  }

  mutable streamtensor::sim::detail::ChannelCore core_;
  std::deque<T> items_;
#ifdef STREAMTENSOR_SIM_TIMED
  std::deque<streamtensor::sim::timing::Cycle> ready_;
  std::vector<streamtensor::sim::timing::Cycle> freed_;
  std::size_t reads_ = 0, writes_ = 0;
#endif
};

template <typename T, int Depth> class stream : public stream<T, 0> {
  static_assert(Depth > 0, "hls::stream depth must be positive");

public:
  stream() : stream<T, 0>(nullptr, Depth) {}
  explicit stream(const char *name) : stream<T, 0>(name, Depth) {}
};

} // namespace hls

#endif
