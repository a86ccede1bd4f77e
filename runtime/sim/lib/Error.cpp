#include "streamtensor/sim/Error.h"

#include "Runtime.h"
#include "streamtensor/sim/Timing.h"

#include <iostream>

namespace streamtensor::sim {

const char *toString(ErrorKind kind) {
  switch (kind) {
  case ErrorKind::Deadlock:
    return "deadlock";
  case ErrorKind::MultipleProducers:
    return "multiple producers";
  case ErrorKind::MultipleConsumers:
    return "multiple consumers";
  case ErrorKind::LeftoverTokens:
    return "leftover tokens";
  case ErrorKind::ProcessFailed:
    return "process failed";
  }
  return "unknown";
}

std::vector<std::string> takePendingErrors() {
  return detail::Runtime::get().takePendingErrors();
}

int runMain(const std::function<void()> &body) {
  int status = 0;
  auto fail = [&](const std::string &message) {
    std::cerr << "streamtensor-sim: error: " << message;
    if (message.empty() || message.back() != '\n')
      std::cerr << '\n';
    status = 1;
  };
  try {
    body();
  } catch (const std::exception &e) {
    fail(e.what());
  } catch (...) {
    fail("simulation failed with an unknown exception");
  }
  for (const std::string &message : takePendingErrors())
    fail(message);
  if (status == 0) {
    std::string error = timing::writeReport();
    if (!error.empty())
      fail(error);
  }
  return status;
}

} // namespace streamtensor::sim
