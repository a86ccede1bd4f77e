// xrt::kernel and xrt::run of the simulated device (runtime/xrt-sim). A run
// calls the kernel's emitted C++ in the bounded-FIFO simulation when it is
// started; wait() then reports how it ended. A kernel that fails in the
// simulation (deadlock, bad access) makes wait() throw std::runtime_error
// with the simulation's message.
#ifndef STREAMTENSOR_XRT_SIM_XRT_KERNEL_H
#define STREAMTENSOR_XRT_SIM_XRT_KERNEL_H

#include "xrt/xrt_bo.h"
#include "xrt/xrt_device.h"
#include "xrt/xrt_uuid.h"

#include <chrono>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

enum ert_cmd_state {
  ERT_CMD_STATE_NEW = 1,
  ERT_CMD_STATE_QUEUED = 2,
  ERT_CMD_STATE_RUNNING = 3,
  ERT_CMD_STATE_COMPLETED = 4,
  ERT_CMD_STATE_ERROR = 5,
  ERT_CMD_STATE_ABORT = 6,
  ERT_CMD_STATE_SUBMITTED = 7,
  ERT_CMD_STATE_TIMEOUT = 8,
};

namespace xrt {

namespace sim {
struct KernelState;
} // namespace sim

class kernel {
public:
  kernel() = default;
  // std::runtime_error if the xclbin has no kernel `name`.
  kernel(const device &dev, const uuid &xclbin_id, const std::string &name);

  // One memory for every argument on the simulated device.
  int group_id(int argno) const;
  const std::shared_ptr<sim::KernelState> &state() const { return state_; }

private:
  std::shared_ptr<sim::KernelState> state_;
};

class run {
public:
  run() = default;
  explicit run(const kernel &krnl);

  void set_arg(int index, const bo &buffer);
  void set_arg(int index, bo &buffer) { set_arg(index, static_cast<const bo &>(buffer)); }
  template <typename T,
            typename = std::enable_if_t<std::is_arithmetic_v<std::decay_t<T>>>>
  void set_arg(int index, T &&value) {
    std::decay_t<T> copy = value;
    set_scalar(index, &copy, sizeof(copy));
  }

  void start();
  ert_cmd_state wait(const std::chrono::milliseconds &timeout =
                         std::chrono::milliseconds{0}) const;
  ert_cmd_state state() const;

private:
  void set_scalar(int index, const void *value, std::size_t bytes);
  struct Pending;
  std::shared_ptr<Pending> pending_;
};

} // namespace xrt

#endif
