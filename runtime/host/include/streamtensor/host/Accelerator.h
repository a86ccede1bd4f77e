// Host-side support for a generated StreamTensor design on the XRT native
// API: open a card, load the xclbin, place buffers in the HBM bank each
// kernel argument is linked to, upload the packed parameters once, and run
// the kernel once per layer with that layer's weights.
#ifndef STREAMTENSOR_HOST_ACCELERATOR_H
#define STREAMTENSOR_HOST_ACCELERATOR_H

#include "streamtensor/host/LayerBinding.h"
#include "streamtensor/host/ParamFile.h"

#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace streamtensor::host {

// No card could be opened (none installed, no driver, or XRT not set up).
class NoDeviceError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

class HostError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// One kernel argument: a device buffer or a scalar.
using KernelArg = std::variant<xrt::bo, std::int32_t, std::uint32_t, std::int64_t,
                               std::uint64_t, float>;

class Accelerator {
public:
  // Opens card `deviceIndex` (NoDeviceError), loads `xclbinPath` and finds
  // `kernelName` in it (HostError).
  Accelerator(unsigned deviceIndex, const std::string &xclbinPath,
              const std::string &kernelName);

  // A buffer in the memory bank the link config (sp=) gives argument `arg`.
  xrt::bo allocate(int arg, std::size_t bytes);
  // allocate, copy `bytes` from host memory and sync to the device.
  xrt::bo upload(int arg, const void *data, std::size_t bytes);
  // Syncs `bo` from the device and copies its first `bytes` to host memory.
  void download(xrt::bo &bo, void *data, std::size_t bytes);
  // Runs the kernel once with one value per argument, in order, and waits.
  void run(const std::vector<KernelArg> &args, std::chrono::milliseconds timeout);

  xrt::device &device() { return device_; }
  xrt::kernel &kernel() { return kernel_; }

private:
  std::string kernelName_;
  xrt::device device_;
  xrt::uuid xclbin_;
  xrt::kernel kernel_;
};

// Every layer's weights, uploaded once into the banks of their arguments.
class LayerWeights {
public:
  LayerWeights(Accelerator &accel, const ParamFile &params,
               const std::vector<WeightBinding> &bindings, unsigned layers);
  unsigned layers() const { return static_cast<unsigned>(buffers_.size()); }
  const std::vector<WeightBinding> &bindings() const { return bindings_; }
  const xrt::bo &buffer(unsigned layer, std::size_t binding) const {
    return buffers_.at(layer).at(binding);
  }

private:
  std::vector<WeightBinding> bindings_;
  std::vector<std::vector<xrt::bo>> buffers_;
};

// Runs the kernel once per layer. `args` supplies every argument; weight
// arguments are replaced by that layer's buffers. Between layers the buffer
// of `outputArg` is copied on the device into the buffer of `inputArg`, so
// each layer consumes the previous layer's result.
void runLayers(Accelerator &accel, const LayerWeights &weights, std::vector<KernelArg> args,
               int inputArg, int outputArg, std::chrono::milliseconds timeout);

} // namespace streamtensor::host

#endif
