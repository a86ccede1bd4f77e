// Example of the host program generated for a layered design: kernel "top"
// with arguments (in, out, weight, bias, n) runs once per layer, each time
// with layers.<L>.weight and layers.<L>.bias from the packed parameter file,
// each layer reading the previous layer's output.
//
// Exit status: 0 success, 1 bad input or failed run, 2 no usable card.
#include "streamtensor/host/Accelerator.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>

using namespace streamtensor::host;

namespace {

constexpr int kInArg = 0, kOutArg = 1, kWeightArg = 2, kBiasArg = 3;
const std::vector<WeightBinding> kWeights = {{kWeightArg, "layers.{layer}.weight"},
                                             {kBiasArg, "layers.{layer}.bias"}};

std::vector<char> readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw HostError("cannot read '" + path + "'");
  return std::vector<char>(std::istreambuf_iterator<char>(in), {});
}

int run(int argc, char **argv) {
  if (argc != 5) {
    std::cerr << "usage: " << argv[0] << " XCLBIN PARAMS INPUT OUTPUT\n"
              << "  runs kernel 'top' once per layer with layers.<L>.weight/bias from "
                 "PARAMS;\n  INPUT and OUTPUT hold raw little-endian f32 activations\n";
    return 1;
  }
  std::string xclbin = argv[1], paramsPath = argv[2], inputPath = argv[3],
              outputPath = argv[4];

  // Check everything on the host before touching the card.
  ParamFile params = ParamFile::open(paramsPath);
  unsigned layers = countLayers(params, kWeights);
  if (layers == 0)
    throw HostError(paramsPath + ": no tensors 'layers.0.weight' and 'layers.0.bias'");
  std::vector<char> input = readFile(inputPath);
  if (input.empty() || input.size() % sizeof(float))
    throw HostError(inputPath + ": expected a non-empty array of f32 values");
  auto n = static_cast<std::uint32_t>(input.size() / sizeof(float));

  Accelerator accel(0, xclbin, "top");
  LayerWeights weights(accel, params, kWeights, layers);
  std::vector<KernelArg> args = {accel.upload(kInArg, input.data(), input.size()),
                                 accel.allocate(kOutArg, input.size()),
                                 weights.buffer(0, 0), weights.buffer(0, 1), n};
  runLayers(accel, weights, args, kInArg, kOutArg, std::chrono::seconds(60));

  std::vector<char> output(input.size());
  accel.download(std::get<xrt::bo>(args[kOutArg]), output.data(), output.size());
  std::ofstream out(outputPath, std::ios::binary);
  if (!out.write(output.data(), static_cast<std::streamsize>(output.size())))
    throw HostError("cannot write '" + outputPath + "'");
  std::cout << "ran " << layers << " layer(s) of " << n << " values on device 0\n";
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  try {
    return run(argc, argv);
  } catch (const NoDeviceError &e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception &e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}
