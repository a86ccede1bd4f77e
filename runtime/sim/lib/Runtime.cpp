#include "Runtime.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <sys/syscall.h>
#include <unistd.h>

namespace streamtensor::sim::detail {

namespace {

thread_local std::shared_ptr<ThreadState> currentThread;

// Unregisters an outside thread when it exits.
struct OutsideThread {
  ThreadState *state = nullptr;
  ~OutsideThread() {
    if (state)
      Runtime::get().removeThread(state);
  }
};
thread_local OutsideThread outsideThread;

std::atomic<int> outsideThreadCount{0};

// Positive integer from the environment, or `fallback` when unset; a
// malformed value is reported once and ignored.
long envNumber(const char *name, long fallback) {
  const char *text = std::getenv(name);
  if (!text || !*text)
    return fallback;
  char *end = nullptr;
  long value = std::strtol(text, &end, 10);
  if (*end || value <= 0) {
    std::cerr << "streamtensor-sim: ignoring " << name << "='" << text
              << "' (expected a positive integer)\n";
    return fallback;
  }
  return value;
}

} // namespace

Runtime::Runtime() {
  quietTime_ = std::chrono::milliseconds(
      envNumber("STREAMTENSOR_SIM_DEADLOCK_MS", quietTime_.count()));
  stackBytes_ = static_cast<std::size_t>(
                    envNumber("STREAMTENSOR_SIM_STACK_MB", long(stackBytes_ >> 20)))
                << 20;
}

// Never destroyed: thread-local and static destructors that run at exit
// (outside threads, static streams) still reach it.
Runtime &Runtime::get() {
  static Runtime *runtime = new Runtime();
  return *runtime;
}

std::shared_ptr<ThreadState> Runtime::current() {
  if (currentThread)
    return currentThread;
  bool isMain = syscall(SYS_gettid) == getpid();
  std::string name =
      isMain ? "main" : "thread-" + std::to_string(++outsideThreadCount);
  auto state = std::make_shared<ThreadState>(name, false);
  get().addThreads({state});
  currentThread = state;
  outsideThread.state = state.get();
  return state;
}

void Runtime::adopt(std::shared_ptr<ThreadState> state) {
  currentThread = std::move(state);
}

void Runtime::addThreads(const std::vector<std::shared_ptr<ThreadState>> &threads) {
  std::lock_guard<std::mutex> guard(mutex_);
  threads_.insert(threads_.end(), threads.begin(), threads.end());
}

void Runtime::removeThreads(const std::vector<std::shared_ptr<ThreadState>> &threads,
                            ThreadState *joiner) {
  std::lock_guard<std::mutex> guard(mutex_);
  threads_.erase(std::remove_if(threads_.begin(), threads_.end(),
                                [&](const std::shared_ptr<ThreadState> &t) {
                                  return std::find(threads.begin(), threads.end(),
                                                   t) != threads.end();
                                }),
                 threads_.end());
  joiner->joining = nullptr;
}

void Runtime::removeThread(ThreadState *thread) {
  std::lock_guard<std::mutex> guard(mutex_);
  threads_.erase(std::remove_if(threads_.begin(), threads_.end(),
                                [&](const std::shared_ptr<ThreadState> &t) {
                                  return t.get() == thread;
                                }),
                 threads_.end());
}

void Runtime::addChannel(ChannelCore *channel) {
  std::lock_guard<std::mutex> guard(mutex_);
  channel->id_ = nextChannelId_++;
  channels_[channel->id_] = channel;
}

void Runtime::removeChannel(ChannelCore *channel) {
  std::lock_guard<std::mutex> guard(mutex_);
  channels_.erase(channel->id_);
}

void Runtime::abortAll(ErrorKind kind, const std::string &report) {
  auto shared = std::make_shared<const std::string>(report);
  std::lock_guard<std::mutex> guard(mutex_);
  for (auto &entry : channels_) {
    std::lock_guard<std::mutex> lock(entry.second->mutex_);
    entry.second->poison(kind, shared);
  }
}

std::string Runtime::leftoverReport(const RegionState &region) {
  auto member = [&](const ThreadState *t) {
    for (const auto &p : region.processes)
      if (p.get() == t)
        return true;
    return false;
  };
  std::string report;
  std::lock_guard<std::mutex> guard(mutex_);
  for (auto &entry : channels_) {
    ChannelCore &c = *entry.second;
    std::lock_guard<std::mutex> lock(c.mutex_);
    if (c.count_ == 0 || c.abortReport_ || !member(c.producer_.holder) ||
        !member(c.consumer_.holder))
      continue;
    c.leftoverReported_ = true;
    report += "  channel '" + c.name_ + "' still holds " +
              std::to_string(c.count_) + " token(s) (" + c.describe() + ")\n";
  }
  if (report.empty())
    return report;
  return "leftover tokens: dataflow region '" + region.name +
         "' finished with tokens in its internal streams; the producer wrote "
         "more than the consumer read\n" +
         report;
}

void Runtime::addPendingError(std::string message) {
  std::lock_guard<std::mutex> guard(pendingMutex_);
  pending_.push_back(std::move(message));
}

std::vector<std::string> Runtime::takePendingErrors() {
  std::lock_guard<std::mutex> guard(pendingMutex_);
  std::vector<std::string> out;
  out.swap(pending_);
  return out;
}

} // namespace streamtensor::sim::detail
