// The element-type independent half of hls::stream: a bounded FIFO's lock,
// occupancy, blocking, single-producer/single-consumer ownership and the
// bookkeeping the deadlock watchdog reads.
#ifndef STREAMTENSOR_SIM_CHANNEL_H
#define STREAMTENSOR_SIM_CHANNEL_H

#include "streamtensor/sim/Error.h"

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

namespace streamtensor::sim::detail {

struct ThreadState;
class Runtime;

enum class Side { Producer, Consumer };

// One operation on a channel: holds its lock and the calling thread.
struct ChannelOp {
  std::unique_lock<std::mutex> lock;
  ThreadState *self;
};

class ChannelCore {
public:
  // depth 0 means unbounded (plain hls::stream<T>, as in Vitis C simulation).
  ChannelCore(const char *name, std::size_t depth);
  ~ChannelCore();
  ChannelCore(const ChannelCore &) = delete;
  ChannelCore &operator=(const ChannelCore &) = delete;

  // Locks the channel and records the caller as its producer or consumer;
  // throws SimulationError if another live thread already holds that side
  // or the simulation has been aborted.
  ChannelOp begin(Side side);
  // Locks without claiming a side (size()).
  std::unique_lock<std::mutex> inspect();

  // Block until a token / a free slot is available.
  void awaitToken(ChannelOp &op) { await(op, false); }
  void awaitSpace(ChannelOp &op) { await(op, true); }

  bool hasToken() const { return count_ > 0; }
  bool hasSpace() const { return depth_ == 0 || count_ < depth_; }
  void pushed();
  void popped();

  std::size_t count() const { return count_; }
  std::size_t depth() const { return depth_; }
  const std::string &name() const { return name_; }

private:
  friend class Runtime;

  struct Claim {
    ThreadState *holder = nullptr; // compared only, never dereferenced
    std::weak_ptr<ThreadState> alive;
    std::string name;
  };

  void await(ChannelOp &op, bool forWrite);
  bool ready(bool forWrite) const { return forWrite ? hasSpace() : hasToken(); }
  [[noreturn]] void throwAborted() const;
  // Marks the channel failed and wakes its waiters; caller holds mutex_.
  void poison(ErrorKind kind, const std::shared_ptr<const std::string> &report);
  std::string describe() const;

  std::uint64_t id_ = 0;
  std::string name_;
  std::size_t depth_;
  std::mutex mutex_;
  std::condition_variable tokenCv_, spaceCv_;
  std::size_t count_ = 0;
  std::uint64_t transfers_ = 0;
  int readersWaiting_ = 0, writersWaiting_ = 0;
  Claim producer_, consumer_;
  std::shared_ptr<const std::string> abortReport_;
  ErrorKind abortKind_ = ErrorKind::Deadlock;
  bool leftoverReported_ = false;
};

} // namespace streamtensor::sim::detail

#endif
