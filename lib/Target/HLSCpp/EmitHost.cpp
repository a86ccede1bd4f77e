//===- EmitHost.cpp - XRT host program of a design ------------------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The host program mirrors the simulation driver on a card: tensors from
// outside come from `<dir>/<name>.bin`, weights from the packed parameter
// file, outputs go to `<dir>/<name>.out.bin`. When the parameter file holds
// `layers.<L>.<weight>` for every weight, the kernels run once per layer with
// that layer's weights (uploaded once, in the HBM bank of their port), and
// the design's output is copied on the device into its input between layers.
// Everything that can be checked on the host is checked before the card is
// opened.
//
//===----------------------------------------------------------------------===//

#include "Design.h"
#include "HostLayouts.h"
#include "streamtensor/Target/HLSCpp.h"

using namespace mlir;
using namespace streamtensor;
using namespace streamtensor::target;

static const char *const kHostHelpers = R"cpp(
namespace {

constexpr auto kRunTimeout = std::chrono::seconds(60);

std::vector<char> readTensor(const std::string &dir, const std::string &name,
                             std::size_t bytes) {
  const std::string path = dir + "/" + name + ".bin";
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in)
    throw HostError("cannot open input tensor file '" + path + "'");
  if (static_cast<std::size_t>(in.tellg()) != bytes)
    throw HostError("input tensor file '" + path + "' holds " +
                    std::to_string(static_cast<long long>(in.tellg())) +
                    " bytes; tensor '" + name + "' needs " + std::to_string(bytes));
  std::vector<char> data(bytes);
  in.seekg(0);
  if (!in.read(data.data(), static_cast<std::streamsize>(bytes)))
    throw HostError("cannot read input tensor file '" + path + "'");
  return data;
}

void writeTensor(const std::string &dir, const std::string &name,
                 const std::vector<char> &data) {
  const std::string path = dir + "/" + name + ".out.bin";
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out.write(data.data(), static_cast<std::streamsize>(data.size())))
    throw HostError("cannot write output tensor file '" + path + "'");
}

// A weight of the parameter file, checked against the port it feeds.
[[maybe_unused]] const TensorInfo &findWeight(const ParamFile &params, const std::string &name,
                             DType dtype, std::uint64_t elements) {
  const TensorInfo &info = params.get(name);
  if (info.dtype != dtype || info.elements() != elements)
    throw HostError(params.path() + ": tensor '" + name + "' is " +
                    dtypeName(info.dtype) + " with " + std::to_string(info.elements()) +
                    " elements; the design needs " + dtypeName(dtype) + " with " +
                    std::to_string(elements));
  return info;
}

} // namespace
)cpp";

/// Names the host program uses unqualified: its own locals and helpers and
/// those of the host library. Tensor variables must hide none of them.
static constexpr const char *kHostNames =
    "argc argv run xclbin paramsPath dir params weightNames layered layers "
    "perLayer weights layer weightBuffers readTensor writeTensor findWeight "
    "kRunTimeout name e Accelerator ParamFile TensorInfo DType HostError "
    "NoDeviceError WeightBinding countLayers expandLayerPattern dtypeName xrt";

static StringRef getDTypeEnum(Type type) {
  if (type.isF32())
    return "DType::F32";
  if (type.isF64())
    return "DType::F64";
  if (type.isInteger(4))
    return "DType::I4";
  if (type.isInteger(8))
    return "DType::I8";
  if (type.isInteger(16))
    return "DType::I16";
  if (type.isInteger(32))
    return "DType::I32";
  return "DType::I64";
}

/// Packed sub-byte elements share bytes (two 4-bit codes a byte).
static int64_t getNumBytes(const Tensor &tensor) {
  return (tensor.getNumElements() *
              tensor.getStorageElementType().getIntOrFloatBitWidth() +
          7) /
         8;
}

namespace {
/// Where a tensor's buffer lives: the first port that carries it.
struct Home {
  unsigned top;
  unsigned arg;
};
} // namespace

LogicalResult streamtensor::target::emitHostProgram(ModuleOp module,
                                                    raw_ostream &os) {
  FailureOr<Design> design = Design::build(module);
  if (failed(design))
    return failure();
  const std::vector<Tensor> &tensors = design->tensors;

  std::vector<Home> homes(tensors.size(), Home{~0u, 0});
  std::vector<bool> readLater(tensors.size(), false);
  for (auto [topIndex, top] : llvm::enumerate(design->tops))
    for (Port &port : top.ports) {
      if (homes[port.tensor].top == ~0u)
        homes[port.tensor] = Home{unsigned(topIndex), port.index};
      if (port.kind != PortKind::Output && tensors[port.tensor].producer >= 0 &&
          unsigned(tensors[port.tensor].producer) < topIndex)
        readLater[port.tensor] = true;
    }

  SmallVector<unsigned> inputs, weights, outputs, finalOutputs;
  bool hasInOut = false;
  for (auto [i, tensor] : llvm::enumerate(tensors)) {
    if (tensor.weight)
      weights.push_back(i);
    else if (tensor.producer < 0 || tensor.inOut)
      inputs.push_back(i);
    if (tensor.producer >= 0) {
      outputs.push_back(i);
      if (!readLater[i])
        finalOutputs.push_back(i);
    }
    hasInOut |= tensor.inOut;
  }
  // Layers chain when exactly one tensor enters and one leaves the design,
  // of the same type; then layer L + 1 reads what layer L wrote.
  bool chainable = !hasInOut && inputs.size() == 1 &&
                   finalOutputs.size() == 1 &&
                   haveSameLayout(tensors[inputs[0]], tensors[finalOutputs[0]],
                                  module.getContext());

  NameScope scope;
  SmallVector<StringRef> fixed;
  StringRef(kHostNames).split(fixed, ' ');
  for (StringRef name : fixed)
    scope.reserve(name);
  for (StringRef name : kLayoutHelperNames)
    scope.reserve(name);
  std::vector<std::string> vars, bos;
  for (const Tensor &tensor : tensors) {
    vars.push_back(scope.unique(tensor.name));
    bos.push_back(scope.unique(vars.back() + "_bo"));
  }
  std::vector<std::string> accels;
  for (Top &top : design->tops)
    accels.push_back(scope.unique("accel_" + top.cName));

  os << "// Host program of the StreamTensor design '" << design->getName()
     << "' (streamtensor-translate --emit-host).\n"
     << "//\n"
     << "// usage: <program> XCLBIN PARAMS DIR\n"
     << "// Runs the kernels on Alveo card 0 through the XRT native API: "
        "inputs from\n"
     << "// DIR/<name>.bin, weights from the packed parameter file PARAMS, "
        "outputs to\n"
     << "// DIR/<name>.out.bin. With layers.<L>.<weight> tensors in PARAMS "
        "the kernels\n"
     << "// run once per layer with that layer's weights.\n"
     << "// Exit status: 0 success, 1 bad input or failed run, 2 no usable "
        "card.\n"
     << "#include \"streamtensor/host/Accelerator.h\"\n\n"
     << "#include <chrono>\n"
     << "#include <cstdint>\n"
     << "#include <cstring>\n"
     << "#include <fstream>\n"
     << "#include <iostream>\n"
     << "#include <string>\n"
     << "#include <vector>\n\n"
     << "using namespace streamtensor::host;\n"
     << kHostHelpers;
  if (llvm::any_of(tensors, [](const Tensor &t) { return t.isPacked(); }))
    os << kLayoutHelpers;

  os << "\nnamespace {\n\n"
     << "int run(int argc, char **argv) {\n"
     << "  if (argc != 4) {\n"
     << "    std::cerr << \"usage: \" << argv[0] << \" XCLBIN PARAMS DIR\\n\"\n"
     << "              << \"  inputs from DIR/<tensor>.bin, weights from "
        "PARAMS, outputs to DIR/<tensor>.out.bin\\n\";\n"
     << "    return 1;\n"
     << "  }\n"
     << "  const std::string xclbin = argv[1], paramsPath = argv[2], dir = "
        "argv[3];\n\n";

  // Weights: per layer when the file is layered, else once.
  os << "  // Everything is checked on the host before the card is opened.\n"
     << "  ParamFile params = ParamFile::open(paramsPath);\n"
     << "  const std::vector<std::string> weightNames = {";
  for (auto [i, w] : llvm::enumerate(weights))
    os << (i ? ", " : "") << quoteCString(tensors[w].name);
  os << "};\n"
     << "  std::vector<WeightBinding> layered;\n"
     << "  for (const std::string &name : weightNames)\n"
     << "    layered.push_back({static_cast<int>(layered.size()), "
        "\"layers.{layer}.\" + name});\n"
     << "  unsigned layers = weightNames.empty() ? 0 : countLayers(params, "
        "layered);\n"
     << "  const bool perLayer = layers > 0;\n"
     << "  if (!perLayer)\n"
     << "    layers = 1;\n";
  if (!chainable)
    os << "  if (layers > 1)\n"
       << "    throw HostError(paramsPath + \" holds \" + "
          "std::to_string(layers) +\n"
       << "                    \" layers, but the design has no single input "
          "and output of one type to chain them\");\n";
  os << "  std::vector<std::vector<const TensorInfo *>> weights(layers);\n"
     << "  for (unsigned layer = 0; layer < layers; ++layer) {\n";
  for (auto [i, w] : llvm::enumerate(weights))
    os << "    weights[layer].push_back(&findWeight(params, perLayer ? "
          "expandLayerPattern(layered["
       << i << "].pattern, layer) : weightNames[" << i << "], "
       << getDTypeEnum(tensors[w].getStorageElementType()) << ", "
       << tensors[w].getNumElements() << "));\n";
  os << "  }\n";
  // Weights are packed in the parameter file; other tensors are packed here.
  auto elementBytes = [&](unsigned i) {
    return std::to_string(tensors[i].getElementType().getIntOrFloatBitWidth() / 8);
  };
  for (unsigned i : inputs) {
    if (!tensors[i].isPacked()) {
      os << "  const std::vector<char> " << vars[i] << " = readTensor(dir, "
         << quoteCString(tensors[i].name) << ", " << getNumBytes(tensors[i])
         << ");\n";
      continue;
    }
    std::string logical = scope.unique(vars[i] + "_logical");
    os << "  const std::vector<char> " << logical << " = readTensor(dir, "
       << quoteCString(tensors[i].name) << ", " << getNumBytes(tensors[i])
       << ");\n"
       << "  std::vector<char> " << vars[i] << "(" << logical << ".size());\n"
       << "  toPort(" << logical << ".data(), " << vars[i] << ".data(), "
       << elementBytes(i) << ", " << getPackedOrderCall(tensors[i]) << ");\n";
  }

  os << "\n";
  for (auto [top, accel] : llvm::zip(design->tops, accels))
    os << "  Accelerator " << accel << "(0, xclbin, " << quoteCString(top.cName)
       << ");\n";
  // Buffers live in the bank of their first port; the link config gives
  // every port of one tensor the same pseudo-channel.
  for (auto [i, tensor] : llvm::enumerate(tensors)) {
    if (tensor.weight)
      continue;
    const Home &home = homes[i];
    os << "  xrt::bo " << bos[i] << " = " << accels[home.top];
    if (tensor.producer < 0 || tensor.inOut)
      os << ".upload(" << home.arg << ", " << vars[i] << ".data(), " << vars[i]
         << ".size());\n";
    else
      os << ".allocate(" << home.arg << ", " << getNumBytes(tensor) << ");\n";
  }
  if (!weights.empty()) {
    os << "  // weightBuffers[layer][i] holds weightNames[i] of that layer.\n"
       << "  std::vector<std::vector<xrt::bo>> weightBuffers(layers);\n"
       << "  for (unsigned layer = 0; layer < layers; ++layer) {\n";
    for (auto [i, w] : llvm::enumerate(weights)) {
      const Home &home = homes[w];
      os << "    weightBuffers[layer].push_back(" << accels[home.top]
         << ".upload(" << home.arg << ", params.data(*weights[layer][" << i
         << "]), weights[layer][" << i << "]->bytes));\n";
    }
    os << "  }\n";
  }

  os << "\n  for (unsigned layer = 0; layer < layers; ++layer) {\n";
  if (chainable)
    os << "    if (layer > 0)\n"
       << "      " << bos[inputs[0]] << ".copy(" << bos[finalOutputs[0]] << ", "
       << getNumBytes(tensors[inputs[0]]) << ");\n";
  for (auto [top, accel] : llvm::zip(design->tops, accels)) {
    os << "    " << accel << ".run({";
    for (Port &port : top.ports) {
      os << (port.index ? ", " : "");
      auto weight = llvm::find(weights, port.tensor);
      if (weight != weights.end())
        os << "weightBuffers[layer][" << (weight - weights.begin()) << "]";
      else
        os << bos[port.tensor];
    }
    os << "}, kRunTimeout);\n";
  }
  os << "  }\n\n";

  for (unsigned i : outputs) {
    std::string data = scope.unique(vars[i] + "_out");
    os << "  std::vector<char> " << data << "(" << getNumBytes(tensors[i])
       << ");\n"
       << "  " << accels[homes[i].top] << ".download(" << bos[i] << ", " << data
       << ".data(), " << data << ".size());\n";
    if (tensors[i].isPacked()) {
      std::string logical = scope.unique(vars[i] + "_logical");
      os << "  std::vector<char> " << logical << "(" << data << ".size());\n"
         << "  fromPort(" << data << ".data(), " << logical << ".data(), "
         << elementBytes(i) << ", " << getPackedOrderCall(tensors[i]) << ");\n";
      data = logical;
    }
    os << "  writeTensor(dir, " << quoteCString(tensors[i].name) << ", " << data
       << ");\n";
  }
  os << "  std::cout << \"ran \" << layers << "
     << quoteCString(" layer(s) of design '" + design->getName() +
                     "' on device 0\n")
     << ";\n"
     << "  return 0;\n"
     << "}\n\n"
     << "} // namespace\n\n"
     << "int main(int argc, char **argv) {\n"
     << "  try {\n"
     << "    return run(argc, argv);\n"
     << "  } catch (const NoDeviceError &e) {\n"
     << "    std::cerr << \"error: \" << e.what() << \"\\n\";\n"
     << "    return 2;\n"
     << "  } catch (const std::exception &e) {\n"
     << "    std::cerr << \"error: \" << e.what() << \"\\n\";\n"
     << "    return 1;\n"
     << "  }\n"
     << "}\n";
  return success();
}
