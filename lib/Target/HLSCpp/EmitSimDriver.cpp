//===- EmitSimDriver.cpp - main() of the bounded-FIFO simulation ----------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The driver replaces the Vitis testbench: it reads every tensor that comes
// from outside the design from `<dir>/<name>.bin`, runs the tops in module
// order (a tensor one top writes and a later one reads stays in memory), and
// writes every output to `<dir>/<name>.out.bin`. Everything runs inside
// streamtensor::sim::runMain, so a deadlock, a bad file or any other failure
// is one message on stderr and exit status 1.
//
//===----------------------------------------------------------------------===//

#include "Design.h"
#include "HostLayouts.h"
#include "streamtensor/Target/HLSCpp.h"

using namespace mlir;
using namespace streamtensor;
using namespace streamtensor::target;

/// Sub-byte elements packed in the words of a widened port.
static bool isPackedSubByte(const Tensor &tensor) {
  return isSubByte(tensor.getElementType()) &&
         tensor.getStorageElementType() == tensor.getElementType();
}

static const char *const kSubByteHelpers = R"cpp(
namespace {

// Sub-byte elements (one byte each in the tensor files) as the port holds
// them: `bits` bits apiece, element 0 in the lowest bits of byte 0.
PortBuffer<std::uint8_t> packBits(const PortBuffer<int8_t> &values, unsigned bits) {
  PortBuffer<std::uint8_t> packed((values.size() * bits + 7) / 8, 0);
  const unsigned mask = (1u << bits) - 1;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const unsigned field = static_cast<std::uint8_t>(values[i]) & mask;
    const std::size_t bit = i * bits;
    packed[bit / 8] |= static_cast<std::uint8_t>(field << (bit % 8));
    if (bit % 8 + bits > 8)
      packed[bit / 8 + 1] |= static_cast<std::uint8_t>(field >> (8 - bit % 8));
  }
  return packed;
}

} // namespace
)cpp";

static const char *const kDriverHelpers = R"cpp(
namespace {

// Port buffers start on a 512-bit boundary: a widened port is read as
// hls::vector words, which are aligned to their 64 bytes.
constexpr std::size_t kPortAlignment = 64;

template <typename T> struct PortAllocator {
  using value_type = T;
  PortAllocator() = default;
  template <typename U> PortAllocator(const PortAllocator<U> &) {}
  T *allocate(std::size_t n) {
    return static_cast<T *>(
        ::operator new(n * sizeof(T), std::align_val_t(kPortAlignment)));
  }
  void deallocate(T *p, std::size_t) {
    ::operator delete(p, std::align_val_t(kPortAlignment));
  }
  template <typename U> bool operator==(const PortAllocator<U> &) const { return true; }
  template <typename U> bool operator!=(const PortAllocator<U> &) const { return false; }
};

template <typename T> using PortBuffer = std::vector<T, PortAllocator<T>>;

// Reads `elements` values of `dtype` from <dir>/<name>.bin, a raw
// little-endian array whose size must match exactly.
template <typename T>
PortBuffer<T> readTensor(const std::string &dir, const char *name,
                          std::size_t elements, const char *dtype) {
  const std::string path = dir + "/" + name + ".bin";
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in)
    throw std::runtime_error("cannot open input tensor file '" + path + "'");
  const std::streamoff bytes = in.tellg();
  const std::streamoff expected = static_cast<std::streamoff>(elements * sizeof(T));
  if (bytes != expected)
    throw std::runtime_error("input tensor file '" + path + "' holds " +
                             std::to_string(bytes) + " bytes; tensor '" + name +
                             "' needs " + std::to_string(expected) + " (" +
                             std::to_string(elements) + " x " + dtype + ")");
  PortBuffer<T> data(elements);
  in.seekg(0);
  if (!in.read(reinterpret_cast<char *>(data.data()), expected))
    throw std::runtime_error("cannot read input tensor file '" + path + "'");
  return data;
}

template <typename T>
void writeTensor(const std::string &dir, const char *name, const PortBuffer<T> &data) {
  const std::string path = dir + "/" + name + ".out.bin";
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out.write(reinterpret_cast<const char *>(data.data()),
                 static_cast<std::streamsize>(data.size() * sizeof(T))))
    throw std::runtime_error("cannot write output tensor file '" + path + "'");
  std::cout << "wrote " << path << " (" << data.size() << " values)\n";
}

} // namespace
)cpp";

LogicalResult streamtensor::target::emitSimDriver(ModuleOp module,
                                                  raw_ostream &os) {
  FailureOr<Design> design = Design::build(module);
  if (failed(design))
    return failure();

  os << "// Simulation driver of the StreamTensor design '" << design->getName()
     << "' (streamtensor-translate --emit-hls-sim-driver).\n"
     << "//\n"
     << "// usage: <program> DIR\n"
     << "// Reads each input and weight tensor from DIR/<name>.bin (raw "
        "little-endian),\n"
     << "// runs the kernels of " << kKernelsFile
     << " as bounded-FIFO dataflow simulations in\n"
     << "// module order and writes each output tensor to DIR/<name>.out.bin. "
        "Exit status\n"
     << "// 0 on success, 1 on any failure (deadlock, bad tensor file), 2 on "
        "bad usage.\n"
     << "#include \"streamtensor/sim/Error.h\"\n\n"
     << "#include <ap_int.h>\n"
     << "#include <hls_vector.h>\n\n"
     << "#include <cstdint>\n"
     << "#include <cstring>\n"
     << "#include <fstream>\n"
     << "#include <iostream>\n"
     << "#include <new>\n"
     << "#include <stdexcept>\n"
     << "#include <string>\n"
     << "#include <vector>\n\n";

  for (Top &top : design->tops) {
    os << "extern \"C\" void " << top.cName << "(";
    for (Port &port : top.ports)
      os << (port.index ? ", " : "")
         << getPortCType(design->tensors[port.tensor].type.getElementType())
         << " *" << port.cName;
    os << ");\n";
  }
  os << kDriverHelpers;
  if (llvm::any_of(design->tensors, [](const Tensor &t) { return t.isPacked(); }))
    os << kLayoutHelpers;
  if (llvm::any_of(design->tensors, isPackedSubByte))
    os << kSubByteHelpers;

  // Driver locals must not hide the kernels they call.
  NameScope scope(&design->globals);
  for (StringRef fixed : {"dir", "argc", "argv", "readTensor", "writeTensor",
                          "PortBuffer", "PortAllocator", "kPortAlignment",
                          "packBits"})
    scope.reserve(fixed);
  for (StringRef fixed : kLayoutHelperNames)
    scope.reserve(fixed);
  // A packed tensor has a second variable: its port, in packed order; a
  // sub-byte tensor a third: its bits, as the port holds them.
  std::vector<std::string> vars, portVars, bitVars;
  for (const Tensor &tensor : design->tensors) {
    vars.push_back(scope.unique(tensor.name));
    portVars.push_back(tensor.isPacked() ? scope.unique(tensor.name + "_port")
                                         : vars.back());
    bitVars.push_back(isPackedSubByte(tensor)
                          ? scope.unique(tensor.name + "_bits")
                          : portVars.back());
  }
  // Sub-byte elements take a byte each until they are packed.
  auto bufferType = [](const Tensor &tensor) {
    return getPortCType(tensor.getElementType());
  };
  auto declarePort = [&](const Tensor &tensor, StringRef var,
                         StringRef portVar, bool fill) {
    if (!tensor.isPacked())
      return;
    std::string type = bufferType(tensor);
    os << "    PortBuffer<" << type << "> " << portVar << "("
       << tensor.getNumElements() << ");\n";
    if (fill)
      os << "    toPort(" << var << ".data(), " << portVar << ".data(), sizeof("
         << type << "), " << getPackedOrderCall(tensor) << ");\n";
  };

  os << "\nint main(int argc, char **argv) {\n"
     << "  if (argc != 2) {\n"
     << "    std::cerr << \"usage: \" << argv[0] << \" DIR\\n\"\n"
     << "              << \"  reads DIR/<tensor>.bin for each input and "
        "weight, "
        "writes DIR/<tensor>.out.bin for each output\\n\";\n"
     << "    return 2;\n"
     << "  }\n"
     << "  const std::string dir = argv[1];\n"
     << "  return streamtensor::sim::runMain([&] {\n";

  // Inputs first, so a missing file fails before any simulation runs.
  for (auto [tensor, var] : llvm::zip(design->tensors, vars)) {
    if (tensor.producer >= 0 && !tensor.inOut)
      continue;
    std::string type = bufferType(tensor);
    os << "    PortBuffer<" << type << "> " << var << " = readTensor<" << type
       << ">(dir, " << quoteCString(tensor.name) << ", "
       << tensor.getNumElements() << ", "
       << quoteCString(getDTypeName(tensor.getStorageElementType()))
       << ");\n";
  }
  for (auto [tensor, var, portVar] :
       llvm::zip(design->tensors, vars, portVars)) {
    bool produced = tensor.producer >= 0 && !tensor.inOut;
    if (produced)
      os << "    PortBuffer<" << bufferType(tensor) << "> " << var << "("
         << tensor.getNumElements() << ");\n";
    declarePort(tensor, var, portVar, !produced);
  }
  for (auto [tensor, portVar, bitVar] :
       llvm::zip(design->tensors, portVars, bitVars))
    if (isPackedSubByte(tensor))
      os << "    PortBuffer<std::uint8_t> " << bitVar << " = packBits("
         << portVar << ", " << tensor.getElementType().getIntOrFloatBitWidth()
         << ");\n";
  for (Top &top : design->tops) {
    os << "    " << top.cName << "(";
    for (Port &port : top.ports) {
      const Tensor &tensor = design->tensors[port.tensor];
      std::string data = bitVars[port.tensor] + ".data()";
      // A widened port takes memory words, laid out like their lanes.
      if (tensor.getLanes() > 1)
        data = "reinterpret_cast<" + getCType(tensor.type.getElementType()) +
               " *>(" + data + ")";
      os << (port.index ? ", " : "") << data;
    }
    os << ");\n";
  }
  for (auto [tensor, var, portVar] :
       llvm::zip(design->tensors, vars, portVars)) {
    if (tensor.producer < 0)
      continue;
    if (tensor.isPacked())
      os << "    fromPort(" << portVar << ".data(), " << var
         << ".data(), sizeof(" << bufferType(tensor) << "), "
         << getPackedOrderCall(tensor) << ");\n";
    os << "    writeTensor(dir, " << quoteCString(tensor.name) << ", " << var
       << ");\n";
  }
  os << "  });\n"
     << "}\n";
  return success();
}
