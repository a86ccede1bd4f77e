//===- EmitXrtSimEntry.cpp - Kernels of a simulated xclbin ----------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The entry points through which runtime/xrt-sim calls a design's kernels:
// built with kernels.cpp into a shared library, it is what a simulated
// xclbin names. Each argument arrives as a pointer: a buffer's memory, or
// the address of a scalar.
//
//===----------------------------------------------------------------------===//

#include "Design.h"
#include "LayerLoop.h"
#include "streamtensor/Target/HLSCpp.h"

using namespace mlir;
using namespace streamtensor;
using namespace streamtensor::target;

namespace {
struct Entry {
  std::string name;
  std::vector<std::string> pointerTypes; // element types of buffer arguments
  bool position = false;                 // a trailing `int position`
};
} // namespace

LogicalResult streamtensor::target::emitXrtSimEntry(ModuleOp module,
                                                    raw_ostream &os) {
  FailureOr<Design> design = Design::build(module);
  if (failed(design))
    return failure();
  FailureOr<std::optional<LayerLoop>> layerLoop = getLayerLoop(*design);
  if (failed(layerLoop))
    return failure();

  std::vector<Entry> entries;
  for (const Top &top : design->tops) {
    Entry entry{top.cName, {}, false};
    for (const Port &port : top.ports)
      entry.pointerTypes.push_back(
          getPortCType(design->tensors[port.tensor].type.getElementType()));
    entries.push_back(std::move(entry));
  }
  if (*layerLoop) {
    Entry entry{(*layerLoop)->cName, {}, true};
    for (const LayerLoopArg &arg : (*layerLoop)->args)
      entry.pointerTypes.push_back(arg.cType);
    entries.push_back(std::move(entry));
  }

  os << "// Entry points of the StreamTensor design '" << design->getName()
     << "' for the simulated XRT\n"
     << "// device (streamtensor-translate --emit-xrt-sim-entry; "
        "runtime/xrt-sim). Built with\n"
     << "// " << kKernelsFile << " into a shared library by `make xrt-sim`.\n"
     << "#include <ap_int.h>\n"
     << "#include <hls_vector.h>\n\n"
     << "#include <cstdint>\n"
     << "#include <cstring>\n"
     << "#include <exception>\n"
     << "#include <string>\n\n";
  for (const Entry &entry : entries) {
    os << "extern \"C\" void " << entry.name << "(";
    for (auto [i, type] : llvm::enumerate(entry.pointerTypes))
      os << (i ? ", " : "") << type << " *";
    if (entry.position)
      os << ", int";
    os << ");\n";
  }
  os << "\n// Arguments of `kernel`, or -1 when the library has no such "
        "kernel.\n"
     << "extern \"C\" int streamtensor_xrt_sim_arguments(const char *kernel) "
        "{\n";
  for (const Entry &entry : entries)
    os << "  if (std::strcmp(kernel, " << quoteCString(entry.name)
       << ") == 0)\n"
       << "    return " << entry.pointerTypes.size() + entry.position << ";\n";
  os << "  return -1;\n"
     << "}\n\n"
     << "// Runs `kernel`; returns nullptr, or what went wrong.\n"
     << "extern \"C\" const char *streamtensor_xrt_sim_run(const char *kernel, "
        "void *const *args) {\n"
     << "  static thread_local std::string error;\n"
     << "  try {\n";
  for (const Entry &entry : entries) {
    os << "    if (std::strcmp(kernel, " << quoteCString(entry.name)
       << ") == 0) {\n"
       << "      " << entry.name << "(";
    for (auto [i, type] : llvm::enumerate(entry.pointerTypes))
      os << (i ? ", " : "") << "static_cast<" << type << " *>(args[" << i
         << "])";
    if (entry.position)
      os << ", *static_cast<const std::int32_t *>(args["
         << entry.pointerTypes.size() << "])";
    os << ");\n"
       << "      return nullptr;\n"
       << "    }\n";
  }
  os << "    error = std::string(\"no kernel '\") + kernel + \"'\";\n"
     << "  } catch (const std::exception &e) {\n"
     << "    error = e.what();\n"
     << "  }\n"
     << "  return error.c_str();\n"
     << "}\n";
  return success();
}
