// Deadlock detection. There is no watchdog thread: every thread that waits
// (on a stream or for a region to finish) wakes up each poll interval and
// calls checkForDeadlock(), so detection costs nothing while work progresses
// and needs no thread that could outlive the simulation.
//
// The check locks every channel in id order, which freezes all stream state
// and every Blocked status. The system is deadlocked when, in that snapshot,
// no registered thread is running, every blocked thread waits on a channel
// that still cannot serve it, and every joining thread has a live process.
// Nothing can then ever change. Requiring the snapshot to stay identical for
// the quiet time also covers threads the runtime does not know about.
#include "Runtime.h"

#include <cstdio>

namespace streamtensor::sim::detail {

namespace {

bool regionHasLiveProcess(const RegionState *region) {
  if (!region)
    return false;
  for (const auto &p : region->processes)
    if (p->status.load() != ThreadStatus::Done)
      return true;
  return false;
}

} // namespace

void Runtime::checkForDeadlock() {
  std::unique_lock<std::mutex> checking(checkMutex_, std::try_to_lock);
  if (!checking)
    return;
  auto now = std::chrono::steady_clock::now();
  if (now - lastCheck_ < pollInterval_ / 2)
    return;
  lastCheck_ = now;

  std::lock_guard<std::mutex> guard(mutex_);
  auto clear = [&] { suspect_ = false; };
  for (const auto &t : threads_)
    if (t->status.load() == ThreadStatus::Running)
      return clear();

  std::vector<std::unique_lock<std::mutex>> locks;
  locks.reserve(channels_.size());
  std::uint64_t transfers = 0;
  for (auto &entry : channels_) {
    locks.emplace_back(entry.second->mutex_);
    transfers += entry.second->transfers_;
  }

  bool anyBlocked = false;
  for (const auto &t : threads_) {
    switch (t->status.load()) {
    case ThreadStatus::Running:
      return clear();
    case ThreadStatus::Blocked: {
      ChannelCore *c = t->waitingOn.load();
      if (!c || c->abortReport_ || c->ready(t->waitingToWrite.load()))
        return clear();
      anyBlocked = true;
      break;
    }
    case ThreadStatus::Joining:
      if (!regionHasLiveProcess(t->joining.load()))
        return clear();
      break;
    case ThreadStatus::Done:
      break;
    }
  }
  if (!anyBlocked)
    return clear();

  if (!suspect_ || transfers != suspectTransfers_) {
    suspect_ = true;
    suspectSince_ = now;
    suspectTransfers_ = transfers;
    return;
  }
  if (now - suspectSince_ < quietTime_)
    return;

  auto report = std::make_shared<const std::string>(deadlockReport(now - suspectSince_));
  for (auto &entry : channels_)
    entry.second->poison(ErrorKind::Deadlock, report);
  suspect_ = false;
}

// Built while checkForDeadlock holds every lock, so the figures are one
// consistent snapshot.
std::string Runtime::deadlockReport(std::chrono::steady_clock::duration quiet) const {
  std::string blocked, joining;
  int blockedCount = 0;
  for (const auto &t : threads_) {
    ThreadStatus status = t->status.load();
    if (status == ThreadStatus::Blocked) {
      const ChannelCore &c = *t->waitingOn.load();
      bool write = t->waitingToWrite.load();
      ++blockedCount;
      blocked += "  process '" + t->name + "' blocked " +
                 (write ? "writing to" : "reading from") + " channel '" + c.name_ +
                 "': " + (write ? "full" : "empty") + " (" + c.describe() + ")\n";
    } else if (status == ThreadStatus::Joining) {
      joining += "  process '" + t->name + "' waits for dataflow region '" +
                 t->joining.load()->name + "'\n";
    }
  }
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2f",
                std::chrono::duration<double>(quiet).count());
  return "deadlock: " + std::to_string(blockedCount) +
         " process(es) blocked on streams and none can proceed (no progress for " +
         seconds + " s)\n" + blocked + joining;
}

} // namespace streamtensor::sim::detail
