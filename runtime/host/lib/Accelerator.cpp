#include "streamtensor/host/Accelerator.h"

#include <cstdlib>
#include <fstream>

namespace streamtensor::host {

namespace {

xrt::device openDevice(unsigned index) {
  try {
    return xrt::device(index);
  } catch (const std::exception &e) {
    std::string message =
        "no device: cannot open Alveo device " + std::to_string(index) + " (XRT: " + e.what() + ")";
    // XRT finds its drivers through XILINX_XRT before it looks for cards.
    if (!std::getenv("XILINX_XRT"))
      message += "; on a machine with a card, source the setup.sh of its XRT install first";
    throw NoDeviceError(message);
  }
}

} // namespace

Accelerator::Accelerator(unsigned deviceIndex, const std::string &xclbinPath,
                         const std::string &kernelName)
    : kernelName_(kernelName) {
  if (!std::ifstream(xclbinPath, std::ios::binary))
    throw HostError("cannot read xclbin '" + xclbinPath + "'");
  device_ = openDevice(deviceIndex);
  try {
    xclbin_ = device_.load_xclbin(xclbinPath);
  } catch (const std::exception &e) {
    throw HostError("cannot load xclbin '" + xclbinPath + "': " + e.what());
  }
  try {
    kernel_ = xrt::kernel(device_, xclbin_, kernelName);
  } catch (const std::exception &e) {
    throw HostError("xclbin '" + xclbinPath + "' has no usable kernel '" + kernelName +
                    "': " + e.what());
  }
}

xrt::bo Accelerator::allocate(int arg, std::size_t bytes) {
  try {
    return xrt::bo(device_, bytes, kernel_.group_id(arg));
  } catch (const std::exception &e) {
    throw HostError("cannot allocate " + std::to_string(bytes) + " bytes for argument " +
                    std::to_string(arg) + " of '" + kernelName_ + "': " + e.what());
  }
}

xrt::bo Accelerator::upload(int arg, const void *data, std::size_t bytes) {
  // A zero-byte buffer cannot be allocated; keep one word for empty tensors.
  xrt::bo bo = allocate(arg, bytes ? bytes : 64);
  if (bytes) {
    bo.write(data, bytes, 0);
    bo.sync(XCL_BO_SYNC_BO_TO_DEVICE, bytes, 0);
  }
  return bo;
}

void Accelerator::download(xrt::bo &bo, void *data, std::size_t bytes) {
  if (bytes > bo.size())
    throw HostError("cannot read " + std::to_string(bytes) + " bytes from a buffer of " +
                    std::to_string(bo.size()));
  bo.sync(XCL_BO_SYNC_BO_FROM_DEVICE, bytes, 0);
  bo.read(data, bytes, 0);
}

void Accelerator::run(const std::vector<KernelArg> &args, std::chrono::milliseconds timeout) {
  xrt::run run(kernel_);
  for (std::size_t i = 0; i < args.size(); ++i) {
    int index = static_cast<int>(i);
    std::visit([&](const auto &value) { run.set_arg(index, value); }, args[i]);
  }
  run.start();
  ert_cmd_state state = run.wait(timeout);
  if (state != ERT_CMD_STATE_COMPLETED)
    throw HostError("kernel '" + kernelName_ + "' did not complete within " +
                    std::to_string(timeout.count()) + " ms (state " +
                    std::to_string(static_cast<int>(state)) + ")");
}

LayerWeights::LayerWeights(Accelerator &accel, const ParamFile &params,
                           const std::vector<WeightBinding> &bindings, unsigned layers)
    : bindings_(bindings) {
  auto tensors = resolveLayerTensors(params, bindings, layers);
  for (unsigned layer = 0; layer < layers; ++layer) {
    std::vector<xrt::bo> row;
    for (std::size_t i = 0; i < bindings.size(); ++i) {
      const TensorInfo &t = *tensors[layer][i];
      row.push_back(accel.upload(bindings[i].arg, params.data(t), t.bytes));
    }
    buffers_.push_back(std::move(row));
  }
}

void runLayers(Accelerator &accel, const LayerWeights &weights, std::vector<KernelArg> args,
               int inputArg, int outputArg, std::chrono::milliseconds timeout) {
  auto bufferArg = [&](int arg) -> xrt::bo & {
    if (arg < 0 || static_cast<std::size_t>(arg) >= args.size() ||
        !std::holds_alternative<xrt::bo>(args[arg]))
      throw HostError("argument " + std::to_string(arg) + " is not a buffer argument");
    return std::get<xrt::bo>(args[arg]);
  };
  xrt::bo &input = bufferArg(inputArg);
  xrt::bo &output = bufferArg(outputArg);
  if (input.size() < output.size())
    throw HostError("input buffer is smaller than the output it receives between layers");
  for (unsigned layer = 0; layer < weights.layers(); ++layer) {
    if (layer > 0)
      input.copy(output, output.size(), 0, 0);
    for (std::size_t i = 0; i < weights.bindings().size(); ++i)
      bufferArg(weights.bindings()[i].arg) = weights.buffer(layer, i);
    accel.run(args, timeout);
  }
}

} // namespace streamtensor::host
