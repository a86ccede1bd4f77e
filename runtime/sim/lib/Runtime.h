// Process-wide state of the simulation: which threads are processes and what
// each waits on, which channels exist, the deadlock watchdog, and errors that
// could not be thrown where they were found.
#ifndef STREAMTENSOR_SIM_LIB_RUNTIME_H
#define STREAMTENSOR_SIM_LIB_RUNTIME_H

#include "streamtensor/sim/Channel.h"

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace streamtensor::sim::detail {

struct RegionState;

enum class ThreadStatus { Running, Blocked, Joining, Done };

// A process (thread spawned by a Dataflow region) or an outside thread such
// as main() that touched a stream. Fields the watchdog reads are atomics;
// Blocked and the channel waited on only change under that channel's lock.
struct ThreadState {
  ThreadState(std::string processName, bool isProcess)
      : name(std::move(processName)), process(isProcess) {}
  const std::string name;
  const bool process; // spawned by a Dataflow region
  std::atomic<ThreadStatus> status{ThreadStatus::Running};
  std::atomic<ChannelCore *> waitingOn{nullptr};
  std::atomic<bool> waitingToWrite{false};
  std::atomic<RegionState *> joining{nullptr};
};

// A region being run: its processes and how many are still live.
struct RegionState {
  std::string name;
  std::vector<std::shared_ptr<ThreadState>> processes;
  std::mutex mutex;
  std::condition_variable finished;
  int live = 0;
};

class Runtime {
public:
  static Runtime &get();

  // The calling thread's state; outside threads are registered on first use.
  static std::shared_ptr<ThreadState> current();
  // Makes `state` the calling thread's identity (process threads).
  static void adopt(std::shared_ptr<ThreadState> state);

  void addThreads(const std::vector<std::shared_ptr<ThreadState>> &threads);
  void removeThreads(const std::vector<std::shared_ptr<ThreadState>> &threads,
                     ThreadState *joiner);
  void removeThread(ThreadState *thread);
  void addChannel(ChannelCore *channel);
  void removeChannel(ChannelCore *channel);

  // Called by waiting threads; rate-limited and cheap unless every
  // registered thread is waiting.
  void checkForDeadlock();
  // Poisons every live channel so that all waiters wake up and throw.
  void abortAll(ErrorKind kind, const std::string &report);
  // Tokens left in channels whose producer and consumer are both processes
  // of `region`; empty when there are none.
  std::string leftoverReport(const RegionState &region);

  void addPendingError(std::string message);
  std::vector<std::string> takePendingErrors();

  std::chrono::milliseconds pollInterval() const { return pollInterval_; }
  std::size_t stackBytes() const { return stackBytes_; }

private:
  Runtime();
  std::string deadlockReport(std::chrono::steady_clock::duration quiet) const;

  std::mutex mutex_; // guards threads_ and channels_; taken before any channel lock
  std::vector<std::shared_ptr<ThreadState>> threads_;
  std::map<std::uint64_t, ChannelCore *> channels_; // id order = lock order
  std::uint64_t nextChannelId_ = 1;

  std::mutex checkMutex_;
  std::chrono::steady_clock::time_point lastCheck_{};
  bool suspect_ = false;
  std::chrono::steady_clock::time_point suspectSince_{};
  std::uint64_t suspectTransfers_ = 0;

  std::mutex pendingMutex_;
  std::vector<std::string> pending_;

  std::chrono::milliseconds pollInterval_{50};
  std::chrono::milliseconds quietTime_{200};
  std::size_t stackBytes_ = std::size_t(64) << 20;
};

} // namespace streamtensor::sim::detail

#endif
