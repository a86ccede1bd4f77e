// A dataflow region of the simulation: every process runs in its own thread,
// all of them start together in run(), and run() returns once all finished.
// It throws SimulationError on deadlock, on a stream with two producers or
// two consumers, on tokens left in a stream internal to the region, or when
// a process throws.
#ifndef STREAMTENSOR_SIM_DATAFLOW_H
#define STREAMTENSOR_SIM_DATAFLOW_H

#include "streamtensor/sim/Error.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace streamtensor::sim {

class Dataflow {
public:
  explicit Dataflow(std::string name);
  ~Dataflow();
  Dataflow(const Dataflow &) = delete;
  Dataflow &operator=(const Dataflow &) = delete;

  // Adds a process; names appear in reports as "<region>/<process>".
  void spawn(std::string name, std::function<void()> body);
  // Runs every process to completion; a region runs once.
  void run();

  struct Task; // one process; defined in Dataflow.cpp

private:
  std::string name_;
  std::vector<std::unique_ptr<Task>> tasks_;
  bool ran_ = false;
};

} // namespace streamtensor::sim

#endif
