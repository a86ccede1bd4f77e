#include "Runtime.h"

#include <thread>

namespace streamtensor::sim::detail {

namespace {
constexpr int kYieldsBeforeSleep = 16;
} // namespace

ChannelCore::ChannelCore(const char *name, std::size_t depth) : depth_(depth) {
  Runtime::get().addChannel(this);
  name_ = name && *name ? name : "stream#" + std::to_string(id_);
}

ChannelCore::~ChannelCore() {
  // Unregister first: the watchdog must not lock a dying channel.
  Runtime::get().removeChannel(this);
  if (count_ > 0 && !abortReport_ && !leftoverReported_)
    Runtime::get().addPendingError(
        "leftover tokens: channel '" + name_ + "' destroyed while holding " +
        std::to_string(count_) + " token(s) (" + describe() + ")");
}

ChannelOp ChannelCore::begin(Side side) {
  // Registering an outside thread takes the runtime lock, so do it before
  // taking ours (runtime before channel is the lock order).
  std::shared_ptr<ThreadState> self = Runtime::current();
  ChannelOp op{std::unique_lock<std::mutex>(mutex_), self.get()};
  if (abortReport_)
    throwAborted();
  Claim &claim = side == Side::Producer ? producer_ : consumer_;
  if (claim.holder == self.get() && !claim.alive.expired())
    return op;
  std::shared_ptr<ThreadState> holder = claim.alive.lock();
  if (!holder || holder == self) {
    claim.holder = self.get();
    claim.alive = self;
    claim.name = self->name;
    return op;
  }
  bool producer = side == Side::Producer;
  ErrorKind kind = producer ? ErrorKind::MultipleProducers : ErrorKind::MultipleConsumers;
  std::string report =
      std::string(producer ? "multiple producers" : "multiple consumers") +
      ": channel '" + name_ + "' is " + (producer ? "written" : "read") +
      " by process '" + holder->name + "' and by process '" + self->name +
      "'; a stream needs exactly one producer and one consumer";
  op.lock.unlock();
  Runtime::get().abortAll(kind, report);
  throw SimulationError(kind, report);
}

std::unique_lock<std::mutex> ChannelCore::inspect() {
  return std::unique_lock<std::mutex>(mutex_);
}

void ChannelCore::await(ChannelOp &op, bool forWrite) {
  // Yield a few times before sleeping: the other side is usually runnable
  // and about to serve us, and a futex sleep/wake pair per token costs
  // several times more than a yield on a busy machine.
  for (int spin = 0; spin < kYieldsBeforeSleep && !ready(forWrite) && !abortReport_; ++spin) {
    op.lock.unlock();
    std::this_thread::yield();
    op.lock.lock();
  }
  if (abortReport_)
    throwAborted();
  if (ready(forWrite))
    return;
  ThreadState &self = *op.self;
  self.waitingOn = this;
  self.waitingToWrite = forWrite;
  self.status = ThreadStatus::Blocked;
  int &waiters = forWrite ? writersWaiting_ : readersWaiting_;
  std::condition_variable &cv = forWrite ? spaceCv_ : tokenCv_;
  ++waiters;
  auto poll = Runtime::get().pollInterval();
  while (!ready(forWrite) && !abortReport_) {
    if (cv.wait_for(op.lock, poll) == std::cv_status::timeout) {
      // The watchdog takes every channel lock; release ours meanwhile.
      op.lock.unlock();
      Runtime::get().checkForDeadlock();
      op.lock.lock();
    }
  }
  --waiters;
  self.status = ThreadStatus::Running;
  self.waitingOn = nullptr;
  if (abortReport_)
    throwAborted();
}

void ChannelCore::pushed() {
  ++count_;
  ++transfers_;
  if (readersWaiting_)
    tokenCv_.notify_one();
}

void ChannelCore::popped() {
  --count_;
  ++transfers_;
  if (writersWaiting_)
    spaceCv_.notify_one();
}

void ChannelCore::throwAborted() const { throw SimulationError(abortKind_, *abortReport_); }

void ChannelCore::poison(ErrorKind kind, const std::shared_ptr<const std::string> &report) {
  if (abortReport_)
    return;
  abortKind_ = kind;
  abortReport_ = report;
  tokenCv_.notify_all();
  spaceCv_.notify_all();
}

std::string ChannelCore::describe() const {
  std::string text = depth_ ? "depth " + std::to_string(depth_) + ", occupancy " +
                                  std::to_string(count_) + "/" + std::to_string(depth_)
                            : "unbounded, occupancy " + std::to_string(count_);
  text += ", producer " + (producer_.name.empty() ? "none" : "'" + producer_.name + "'");
  text += ", consumer " + (consumer_.name.empty() ? "none" : "'" + consumer_.name + "'");
  return text;
}

} // namespace streamtensor::sim::detail
