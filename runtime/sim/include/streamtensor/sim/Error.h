// Failures of a bounded-FIFO simulation and the driver entry point that turns
// them into a message on stderr and a non-zero exit code.
#ifndef STREAMTENSOR_SIM_ERROR_H
#define STREAMTENSOR_SIM_ERROR_H

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace streamtensor::sim {

enum class ErrorKind {
  Deadlock,          // every live process waits on a stream that cannot change
  MultipleProducers, // a second thread wrote to a stream
  MultipleConsumers, // a second thread read from a stream
  LeftoverTokens,    // a stream still held tokens when its region ended
  ProcessFailed,     // a process threw, or could not be started
};

const char *toString(ErrorKind kind);

class SimulationError : public std::runtime_error {
public:
  SimulationError(ErrorKind kind, const std::string &report)
      : std::runtime_error(report), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

private:
  ErrorKind kind_;
};

// Errors found where nothing can be thrown (a stream destroyed while holding
// tokens, a dataflow region that was never run). Returns and clears them.
std::vector<std::string> takePendingErrors();

// Runs a simulation driver. Returns 0 when `body` finished and no error is
// pending; otherwise prints every error to stderr and returns 1.
int runMain(const std::function<void()> &body);

} // namespace streamtensor::sim

#endif
