// xrt::device of the simulated device (runtime/xrt-sim): device 0 exists;
// load_xclbin reads a simulated xclbin, a text file naming, per kernel, the
// shared library that runs its emitted code in the bounded-FIFO simulation.
#ifndef STREAMTENSOR_XRT_SIM_XRT_DEVICE_H
#define STREAMTENSOR_XRT_SIM_XRT_DEVICE_H

#include "xrt/xrt_uuid.h"

// Host programs can tell the simulated device from a card.
#define STREAMTENSOR_XRT_SIM 1

#include <memory>
#include <string>

namespace xrt {

namespace sim {
struct DeviceState;
} // namespace sim

class device {
public:
  device() = default;
  // Opens simulated device `index`; only device 0 exists.
  explicit device(unsigned int index);

  // Loads the simulated xclbin at `path` (std::runtime_error if it is not
  // one, or a kernel library cannot be loaded).
  uuid load_xclbin(const std::string &path);
  uuid get_xclbin_uuid() const;

  const std::shared_ptr<sim::DeviceState> &state() const { return state_; }

private:
  std::shared_ptr<sim::DeviceState> state_;
};

} // namespace xrt

#endif
