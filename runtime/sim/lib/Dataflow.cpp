#include "streamtensor/sim/Dataflow.h"

#include "Runtime.h"
#include "streamtensor/sim/Timing.h"

#include <cstring>
#include <pthread.h>

namespace streamtensor::sim {

using detail::RegionState;
using detail::Runtime;
using detail::ThreadState;
using detail::ThreadStatus;

struct Dataflow::Task {
  std::string name;
  std::function<void()> body;
  std::shared_ptr<ThreadState> state;
  RegionState *region = nullptr;
  timing::Region *clocks = nullptr;
  pthread_t thread{};
  bool started = false;
  // The failure that ended the process, and when it happened relative to the
  // others: the earliest one is the cause, later ones are its aftermath.
  std::unique_ptr<SimulationError> error;
  std::uint64_t errorOrder = 0;
};

namespace {

std::atomic<std::uint64_t> errorClock{0};

void finish(Dataflow::Task *task);

} // namespace

Dataflow::Dataflow(std::string name) : name_(std::move(name)) {}

Dataflow::~Dataflow() {
  if (!ran_ && !tasks_.empty())
    Runtime::get().addPendingError("dataflow region '" + name_ + "' has " +
                                   std::to_string(tasks_.size()) +
                                   " process(es) but was never run");
}

void Dataflow::spawn(std::string name, std::function<void()> body) {
  if (ran_)
    throw SimulationError(ErrorKind::ProcessFailed,
                          "process '" + name + "' added to dataflow region '" +
                              name_ + "' after it ran");
  auto task = std::make_unique<Task>();
  task->name = std::move(name);
  task->body = std::move(body);
  tasks_.push_back(std::move(task));
}

namespace {

void recordError(Dataflow::Task *task, ErrorKind kind, const std::string &report) {
  task->error = std::make_unique<SimulationError>(kind, report);
  task->errorOrder = ++errorClock;
}

void *processMain(void *arg) {
  auto *task = static_cast<Dataflow::Task *>(arg);
  Runtime::adopt(task->state);
  timing::beginProcess(task->clocks);
  try {
    task->body();
  } catch (const SimulationError &e) {
    recordError(task, e.kind(), e.what());
  } catch (const std::exception &e) {
    recordError(task, ErrorKind::ProcessFailed,
                "process '" + task->state->name + "' failed: " + e.what());
  } catch (...) {
    recordError(task, ErrorKind::ProcessFailed,
                "process '" + task->state->name + "' failed with an unknown exception");
  }
  // Wake the other processes: without this one they may wait forever.
  if (task->error)
    Runtime::get().abortAll(task->error->kind(), task->error->what());
  timing::endProcess(task->clocks, task->state->name);
  Runtime::adopt(nullptr);
  finish(task);
  return nullptr;
}

void finish(Dataflow::Task *task) {
  task->state->status = ThreadStatus::Done;
  std::lock_guard<std::mutex> lock(task->region->mutex);
  --task->region->live;
  task->region->finished.notify_all();
}

bool startThread(Dataflow::Task *task, std::size_t stackBytes, std::string &why) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  // HLS processes keep their buffers on the stack, often beyond the 8 MiB
  // default; the pages are only committed when touched.
  int rc = pthread_attr_setstacksize(&attr, stackBytes);
  if (rc == 0)
    rc = pthread_create(&task->thread, &attr, processMain, task);
  pthread_attr_destroy(&attr);
  if (rc != 0)
    why = std::strerror(rc);
  return rc == 0;
}

} // namespace

void Dataflow::run() {
  if (ran_)
    throw SimulationError(ErrorKind::ProcessFailed,
                          "dataflow region '" + name_ + "' was run twice");
  ran_ = true;
  std::shared_ptr<ThreadState> caller = Runtime::current();
  Runtime &runtime = Runtime::get();

  // Nested regions are named after the process that runs them.
  RegionState region;
  region.name = caller->process ? caller->name + "/" + name_ : name_;
  // A region run by the host side (not by a process) is one kernel call.
  timing::Region *clocks = timing::beginRegion(region.name, !caller->process);
  for (auto &task : tasks_) {
    task->clocks = clocks;
    task->state = std::make_shared<ThreadState>(region.name + "/" + task->name, true);
    task->region = &region;
    region.processes.push_back(task->state);
  }
  region.live = static_cast<int>(tasks_.size());
  runtime.addThreads(region.processes);
  caller->joining = &region;
  caller->status = ThreadStatus::Joining;

  for (auto &task : tasks_) {
    std::string why;
    task->started = startThread(task.get(), runtime.stackBytes(), why);
    if (!task->started) {
      recordError(task.get(), ErrorKind::ProcessFailed,
                  "cannot start process '" + task->state->name + "': " + why);
      runtime.abortAll(ErrorKind::ProcessFailed, task->error->what());
      finish(task.get());
    }
  }

  {
    std::unique_lock<std::mutex> lock(region.mutex);
    while (region.live > 0) {
      if (region.finished.wait_for(lock, runtime.pollInterval()) ==
          std::cv_status::timeout) {
        lock.unlock();
        runtime.checkForDeadlock();
        lock.lock();
      }
    }
  }
  for (auto &task : tasks_)
    if (task->started)
      pthread_join(task->thread, nullptr);
  caller->status = ThreadStatus::Running;
  timing::endRegion(clocks);

  std::string leftovers = runtime.leftoverReport(region);
  runtime.removeThreads(region.processes, caller.get());
  region.processes.clear();
  for (auto &task : tasks_)
    task->state.reset();

  Task *cause = nullptr;
  for (auto &task : tasks_)
    if (task->error && (!cause || task->errorOrder < cause->errorOrder))
      cause = task.get();
  if (cause)
    throw *cause->error;
  if (!leftovers.empty())
    throw SimulationError(ErrorKind::LeftoverTokens, leftovers);
}

} // namespace streamtensor::sim
