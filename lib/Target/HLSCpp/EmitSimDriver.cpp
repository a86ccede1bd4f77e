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
#include "streamtensor/Target/HLSCpp.h"

using namespace mlir;
using namespace streamtensor;
using namespace streamtensor::target;

static const char *const kDriverHelpers = R"cpp(
namespace {

// Reads `elements` values of `dtype` from <dir>/<name>.bin, a raw
// little-endian array whose size must match exactly.
template <typename T>
std::vector<T> readTensor(const std::string &dir, const char *name,
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
  std::vector<T> data(elements);
  in.seekg(0);
  if (!in.read(reinterpret_cast<char *>(data.data()), expected))
    throw std::runtime_error("cannot read input tensor file '" + path + "'");
  return data;
}

template <typename T>
void writeTensor(const std::string &dir, const char *name, const std::vector<T> &data) {
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
     << "#include <cstdint>\n"
     << "#include <fstream>\n"
     << "#include <iostream>\n"
     << "#include <stdexcept>\n"
     << "#include <string>\n"
     << "#include <vector>\n\n";

  for (Top &top : design->tops) {
    os << "extern \"C\" void " << top.cName << "(";
    for (Port &port : top.ports)
      os << (port.index ? ", " : "")
         << getCType(design->tensors[port.tensor].type.getElementType()) << " *"
         << port.cName;
    os << ");\n";
  }
  os << kDriverHelpers;

  // Driver locals must not hide the kernels they call.
  NameScope scope(&design->globals);
  for (StringRef fixed : {"dir", "argc", "argv", "readTensor", "writeTensor"})
    scope.reserve(fixed);
  std::vector<std::string> vars;
  for (const Tensor &tensor : design->tensors)
    vars.push_back(scope.unique(tensor.name));

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
    std::string type = getCType(tensor.type.getElementType());
    os << "    std::vector<" << type << "> " << var << " = readTensor<" << type
       << ">(dir, " << quoteCString(tensor.name) << ", "
       << tensor.getNumElements() << ", "
       << quoteCString(getDTypeName(tensor.type.getElementType())) << ");\n";
  }
  for (auto [tensor, var] : llvm::zip(design->tensors, vars))
    if (tensor.producer >= 0 && !tensor.inOut)
      os << "    std::vector<" << getCType(tensor.type.getElementType()) << "> "
         << var << "(" << tensor.getNumElements() << ");\n";
  for (Top &top : design->tops) {
    os << "    " << top.cName << "(";
    for (Port &port : top.ports)
      os << (port.index ? ", " : "") << vars[port.tensor] << ".data()";
    os << ");\n";
  }
  for (auto [tensor, var] : llvm::zip(design->tensors, vars))
    if (tensor.producer >= 0)
      os << "    writeTensor(dir, " << quoteCString(tensor.name) << ", " << var
         << ");\n";
  os << "  });\n"
     << "}\n";
  return success();
}
