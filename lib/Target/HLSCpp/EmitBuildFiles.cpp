//===- EmitBuildFiles.cpp - Vitis configs, Makefile and manifest ----------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The vendor build of a design, in the conventions of Vitis 2024.1+: one HLS
// component per kernel (`v++ -c --mode hls --config`), one link step with an
// explicit HBM pseudo-channel per m_axi port, and a Makefile driving both
// plus the g++ simulation. All files sit in one directory and name each
// other by the names of HLSCpp.h.
//
//===----------------------------------------------------------------------===//

#include "Design.h"
#include "LayerLoop.h"
#include "streamtensor/Analysis/ResourceModel.h"
#include "streamtensor/Analysis/Target.h"
#include "streamtensor/Target/HLSCpp.h"
#include "llvm/Support/JSON.h"

using namespace mlir;
using namespace streamtensor;
using namespace streamtensor::target;
namespace json = llvm::json;

/// U55C facts (targets/u55c.json and docs/codegen.md).
static constexpr const char *kPart = "xcu55c-fsvh2892-2L-e";
static constexpr const char *kPlatform = "xilinx_u55c_gen3x16_xdma_3_202210_1";
static constexpr int kClockMHz = 250;

std::string streamtensor::target::getHLSConfigFileName(StringRef top) {
  return ("hls_config_" + top + ".cfg").str();
}

static std::string getTypeText(MemRefType type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  for (int64_t dim : type.getShape())
    os << dim << "x";
  os << type.getElementType();
  return text;
}

LogicalResult streamtensor::target::emitHLSConfig(ModuleOp module,
                                                  StringRef topName,
                                                  raw_ostream &os) {
  FailureOr<Design> design = Design::build(module);
  if (failed(design))
    return failure();
  FailureOr<const Top *> top = design->selectTop(topName);
  if (failed(top))
    return failure();
  StringRef name = (*top)->cName;
  os << "# Vitis HLS component of kernel '" << name
     << "' of the StreamTensor design '" << design->getName() << "'\n"
     << "# (streamtensor-translate --emit-hls-config). From the design "
        "directory:\n"
     << "#   v++ -c --mode hls --config " << getHLSConfigFileName(name)
     << " --work_dir " << name << ".hls\n"
     << "part=" << kPart << "\n\n"
     << "[hls]\n"
     << "flow_target=vitis\n"
     << "syn.file=" << kKernelsFile << "\n"
     << "syn.top=" << name << "\n"
     << "clock=" << 1000 / kClockMHz
     << "ns\n"
     // Let HLS merge consecutive f32 accesses into 512-bit HBM beats.
     << "syn.interface.m_axi_alignment_byte_size=64\n"
     << "syn.interface.m_axi_max_widen_bitwidth=512\n"
     << "package.output.format=xo\n"
     << "package.output.file=" << name << ".xo\n"
     << "package.output.syn=true\n";
  return success();
}

LogicalResult streamtensor::target::emitLinkConfig(ModuleOp module,
                                                   raw_ostream &os) {
  FailureOr<Design> design = Design::build(module);
  if (failed(design))
    return failure();
  os << "# v++ link configuration of the StreamTensor design '"
     << design->getName() << "'\n"
     << "# (streamtensor-translate --emit-link-config): one compute unit per "
        "kernel, each\n"
     << "# m_axi bundle on an HBM pseudo-channel (large tensors on channels "
        "of their own,\n"
     << "# small ones sharing), each compute unit in SLR0 when the resource "
        "model says it\n"
     << "# fits there.\n"
     << "[connectivity]\n";
  for (Top &top : design->tops)
    os << "nk=" << top.cName << ":1:" << top.cName << "_1\n";
  for (Top &top : design->tops)
    for (Port &port : top.ports) {
      const Tensor &tensor = design->tensors[port.tensor];
      os << "# " << port.cName << ": " << toString(port.kind) << " '"
         << tensor.name << "' " << getTypeText(tensor.type) << "\n"
         << "sp=" << top.cName << "_1.m_axi_gmem" << port.index << ":HBM["
         << tensor.hbmChannel << "]\n";
    }
  const TargetDesc &target = getDefaultTargetDesc();
  for (Top &top : design->tops) {
    // HBM sits beside SLR0. A compute unit larger than one SLR is left to
    // the implementation tools to place over several (resources.json gives
    // the resource model's assignment of its processes).
    if (target.resources.present && !target.slrs.empty()) {
      FailureOr<TopResources> resources = estimateResources(top.func, target);
      if (failed(resources))
        return failure();
      if (!resources->total.fitsWithin(
              getUsableResources(target.slrs.front(), target))) {
        os << "# " << top.cName
           << "_1 needs more than one SLR: not pinned to one\n";
        continue;
      }
    }
    os << "slr=" << top.cName << "_1:SLR0\n";
  }
  return success();
}

LogicalResult streamtensor::target::emitMakefile(ModuleOp module,
                                                 StringRef runtimeDir,
                                                 raw_ostream &os) {
  FailureOr<Design> design = Design::build(module);
  if (failed(design))
    return failure();
  std::string kernels;
  for (Top &top : design->tops)
    kernels += (kernels.empty() ? "" : " ") + top.cName;

  os << "# Build of the StreamTensor design '" << design->getName()
     << "' (streamtensor-translate --emit-makefile).\n"
     << R"mk(#
#   make sim                    bounded-FIFO simulation of the kernels (g++ only)
#   make run-sim DATA=dir       run it on dir/<tensor>.bin, writing dir/<tensor>.out.bin
#   make sim-timed              the same simulation counting cycles (estimates of
#                               the target model, docs/timed-simulation.md)
#   make run-sim-timed DATA=dir run it, writing the cycle report to dir/timing.json
#   make sw_emu | hw_emu | hw   kernels (v++ -c), xclbin (v++ -l) and host program
#   make run-<target> PARAMS=params.bin DATA=dir
#   make host                   host program only (XRT headers and libxrt_coreutil)
#   make xrt-sim                the kernels as a library for the simulated XRT device
#                               (runtime/xrt-sim), named by a simulated xclbin
#   make run-host-sim PARAMS=params.bin DATA=dir
#                               host.cpp linked against the simulated XRT device
#                               and run on it: the host program without a card
#
# STREAMTENSOR_RUNTIME is the runtime/ folder of StreamTensor: simulation
# headers and sources (sim/) and the host support library (host/).
)mk"
     << "STREAMTENSOR_RUNTIME ?= " << runtimeDir << "\n"
     << "PLATFORM ?= " << kPlatform << "\n"
     << "KERNEL_FREQ_MHZ ?= " << kClockMHz << "\n"
     << "KERNELS := " << kernels << "\n"
     << R"mk(VPP ?= v++
CXX ?= g++
DATA ?= data
PARAMS ?= params.bin
XRT_INCLUDE ?= $(if $(XILINX_XRT),$(XILINX_XRT)/include,/usr/include/xrt)
XRT_LIBDIR ?= $(if $(XILINX_XRT),$(XILINX_XRT)/lib,/usr/lib/x86_64-linux-gnu)
SIM_CXXFLAGS ?= -std=c++17 -O2 -Wall -Wno-unknown-pragmas
HOST_CXXFLAGS ?= -std=c++17 -O2 -Wall

SIM_INCLUDE = $(STREAMTENSOR_RUNTIME)/sim/include
SIM_SOURCES = $(wildcard $(STREAMTENSOR_RUNTIME)/sim/lib/*.cpp)
HOST_INCLUDE = $(STREAMTENSOR_RUNTIME)/host/include
HOST_SOURCES = $(wildcard $(STREAMTENSOR_RUNTIME)/host/lib/*.cpp)
XRT_SIM_INCLUDE = $(STREAMTENSOR_RUNTIME)/xrt-sim/include
XRT_SIM_SOURCES = $(wildcard $(STREAMTENSOR_RUNTIME)/xrt-sim/lib/*.cpp)
check-runtime = $(if $(wildcard $(SIM_INCLUDE)/streamtensor_dataflow.h),,$(error \
  STREAMTENSOR_RUNTIME='$(STREAMTENSOR_RUNTIME)' is not the runtime/ folder of StreamTensor))

.PHONY: all sim run-sim sim-timed run-sim-timed host xrt-sim host-sim run-host-sim sw_emu hw_emu hw run-sw_emu run-hw_emu run-hw clean
all: sim

# Vitis finds this header next to the kernels; the simulation uses it too.
streamtensor_dataflow.h:
	$(check-runtime)
	cp $(SIM_INCLUDE)/streamtensor_dataflow.h $@

sim: streamtensor-sim
streamtensor-sim: kernels.cpp sim_main.cpp streamtensor_dataflow.h
	$(check-runtime)
	$(CXX) $(SIM_CXXFLAGS) -I$(SIM_INCLUDE) kernels.cpp sim_main.cpp $(SIM_SOURCES) -o $@ -pthread

run-sim: streamtensor-sim
	./streamtensor-sim $(DATA)

sim-timed: streamtensor-sim-timed
streamtensor-sim-timed: kernels.cpp sim_main.cpp streamtensor_dataflow.h
	$(check-runtime)
	$(CXX) $(SIM_CXXFLAGS) -DSTREAMTENSOR_SIM_TIMED -I$(SIM_INCLUDE) kernels.cpp sim_main.cpp \
	  $(SIM_SOURCES) -o $@ -pthread

run-sim-timed: streamtensor-sim-timed
	STREAMTENSOR_SIM_TIMING_OUT=$(DATA)/timing.json ./streamtensor-sim-timed $(DATA)

host: streamtensor-host
streamtensor-host: host.cpp
	$(check-runtime)
	$(CXX) $(HOST_CXXFLAGS) -I$(HOST_INCLUDE) -I$(SIM_INCLUDE) -I$(XRT_INCLUDE) host.cpp $(HOST_SOURCES) -o $@ \
	  -L$(XRT_LIBDIR) -lxrt_coreutil -luuid -pthread

# -Bsymbolic: a kernel named like a C library function (step, index) must
# call itself, not the library's.
xrt-sim: streamtensor-xrt-sim.so
streamtensor-xrt-sim.so: kernels.cpp xrt_sim_entry.cpp streamtensor_dataflow.h
	$(check-runtime)
	$(CXX) $(SIM_CXXFLAGS) -fPIC -shared -Wl,-Bsymbolic -I$(SIM_INCLUDE) kernels.cpp xrt_sim_entry.cpp \
	  $(SIM_SOURCES) -o $@ -pthread

host-sim: streamtensor-host-sim
streamtensor-host-sim: host.cpp
	$(check-runtime)
	$(CXX) $(HOST_CXXFLAGS) -I$(HOST_INCLUDE) -I$(SIM_INCLUDE) -I$(XRT_SIM_INCLUDE) host.cpp \
	  $(HOST_SOURCES) $(XRT_SIM_SOURCES) -o $@ -ldl -pthread

# Every kernel of the design, from the library `make xrt-sim` builds.
simulated.xclbin:
	printf 'streamtensor-simulated-xclbin 1\n' > $@
	for k in $(KERNELS); do printf 'kernel %s streamtensor-xrt-sim.so\n' $$k >> $@; done

run-host-sim: streamtensor-host-sim streamtensor-xrt-sim.so simulated.xclbin
	./streamtensor-host-sim simulated.xclbin $(PARAMS) $(DATA)

# Software emulation compiles the C++ kernels natively.
sw_emu/%.xo: kernels.cpp streamtensor_dataflow.h
	@mkdir -p sw_emu
	$(VPP) -c -t sw_emu --platform $(PLATFORM) -k $* -o $@ kernels.cpp

# Hardware and hardware emulation share the synthesized kernels.
%.xo: kernels.cpp streamtensor_dataflow.h hls_config_%.cfg
	$(VPP) -c --mode hls --config hls_config_$*.cfg --work_dir $*.hls

sw_emu/design.xclbin: $(KERNELS:%=sw_emu/%.xo) link.cfg
	$(VPP) -l -t sw_emu --platform $(PLATFORM) --config link.cfg -o $@ $(filter %.xo,$^)

hw_emu/design.xclbin hw/design.xclbin: %/design.xclbin: $(KERNELS:%=%.xo) link.cfg
	@mkdir -p $*
	$(VPP) -l -t $* --platform $(PLATFORM) --kernel_frequency $(KERNEL_FREQ_MHZ) \
	  --config link.cfg -o $@ $(filter %.xo,$^)

emconfig.json:
	emconfigutil --platform $(PLATFORM) --od .

sw_emu hw_emu hw: %: %/design.xclbin streamtensor-host

run-sw_emu run-hw_emu: run-%: % emconfig.json
	XCL_EMULATION_MODE=$* ./streamtensor-host $*/design.xclbin $(PARAMS) $(DATA)

run-hw: hw
	./streamtensor-host hw/design.xclbin $(PARAMS) $(DATA)

clean:
	rm -rf streamtensor-sim streamtensor-sim-timed streamtensor-host streamtensor-xrt-sim.so \
	  streamtensor-host-sim simulated.xclbin sw_emu hw_emu hw *.xo *.hls _x .Xil \
	  emconfig.json .run *.log
)mk";
  return success();
}

static json::Array toJSON(ArrayRef<int64_t> values) {
  json::Array array;
  for (int64_t value : values)
    array.push_back(value);
  return array;
}

/// How a tensor of `bits`-bit elements sits in external memory
/// (docs/codegen.md, manifest): row-major element by element without a
/// layout.
static json::Object
getLayoutJSON(const std::optional<dataflow::InterfaceLayout> &layout,
              unsigned bits) {
  if (!layout)
    return json::Object{{"packed", false},
                        {"contiguous", false},
                        {"vector_lanes", 1},
                        {"word_bits", bits}};
  json::Object object{{"packed", layout->packed},
                      {"contiguous", true},
                      {"vector_lanes", layout->lanes},
                      {"word_bits", layout->lanes * bits},
                      {"pack_shape", toJSON(layout->shape)}};
  if (layout->packed) {
    object["outer_dims_perm"] = toJSON(layout->outerDimsPerm);
    object["inner_tiles"] = toJSON(layout->innerTiles);
    object["packed_shape"] = toJSON(layout->getPackedShape());
  }
  return object;
}

static json::Object getLayoutJSON(const Tensor &tensor) {
  return getLayoutJSON(tensor.layout,
                       tensor.getStorageElementType().getIntOrFloatBitWidth());
}

/// The layer-loop kernel's arguments, for the host (docs/codegen.md).
static json::Object getLayerLoopJSON(const Design &design,
                                     const LayerLoop &loop) {
  json::Array args, appends;
  for (auto [i, arg] : llvm::enumerate(loop.args)) {
    json::Object entry{{"index", int64_t(i)},
                       {"c_name", arg.cName},
                       {"tensor", arg.tensor},
                       {"role", arg.role},
                       {"elements", arg.elements},
                       {"element_bytes", arg.elementBytes},
                       {"per_layer", arg.perLayerElements != 0}};
    if (!arg.tensorIndex) {
      entry["shape"] = toJSON(arg.shape);
      entry["layout"] = getLayoutJSON(arg.layout, 32);
    }
    args.push_back(std::move(entry));
  }
  for (const LayerLoopAppend &append : loop.appends)
    appends.push_back(json::Object{{"from", design.tensors[append.from].name},
                                   {"to", loop.args[append.target].tensor}});
  return json::Object{{"kernel", loop.cName},
                      {"layers", loop.layers},
                      {"chain", json::Array{design.tensors[loop.chainIn].name,
                                            design.tensors[loop.chainOut].name}},
                      {"args", std::move(args)},
                      {"position_arg", int64_t(loop.args.size())},
                      {"append", std::move(appends)}};
}

LogicalResult streamtensor::target::emitManifest(ModuleOp module,
                                                 raw_ostream &os) {
  FailureOr<Design> design = Design::build(module);
  if (failed(design))
    return failure();
  FailureOr<std::optional<LayerLoop>> layerLoop = getLayerLoop(*design);
  if (failed(layerLoop))
    return failure();

  json::Array tensors;
  for (const Tensor &tensor : design->tensors) {
    StringRef role = tensor.weight          ? "weight"
                     : tensor.inOut         ? "inout"
                     : tensor.producer >= 0 ? "output"
                                            : "input";
    json::Object entry{
        {"name", tensor.name},
        {"role", role},
        {"dtype", getDTypeName(tensor.getStorageElementType())},
        {"shape", toJSON(tensor.logicalShape)},
        {"elements", tensor.getNumElements()},
        {"hbm_channel", tensor.hbmChannel},
        {"layout", getLayoutJSON(tensor)},
    };
    if (tensor.producer >= 0)
      entry["producer"] = design->tops[tensor.producer].cName;
    if (tensor.sliceOf) {
      json::Object slice{{"tensor", tensor.sliceOf->source},
                         {"offsets", toJSON(tensor.sliceOf->offsets)},
                         {"sizes", toJSON(tensor.sliceOf->sizes)}};
      if (tensor.sliceOf->zeroPadded)
        slice["padding"] = "zero";
      entry["slice_of"] = std::move(slice);
    }
    if (!tensor.validShape.empty())
      entry["valid_shape"] = toJSON(tensor.validShape);
    tensors.push_back(std::move(entry));
  }

  json::Array kernels;
  for (Top &top : design->tops) {
    json::Array ports, processes, streams;
    for (Port &port : top.ports)
      ports.push_back(json::Object{
          {"index", port.index},
          {"c_name", port.cName},
          {"tensor", design->tensors[port.tensor].name},
          {"kind", toString(port.kind)},
          {"bundle", "gmem" + std::to_string(port.index)},
          {"hbm_channel", design->tensors[port.tensor].hbmChannel},
      });
    for (ProcessInstance &process : top.processes)
      processes.push_back(json::Object{
          {"name", process.name},
          {"function", design->funcNames.lookup(process.callee)},
      });
    for (Stream &stream : top.streams)
      streams.push_back(json::Object{
          {"name", stream.name},
          {"c_name", stream.cName},
          {"dtype", getDTypeName(stream.type.getElementType())},
          {"depth", stream.type.getDepth()},
          {"producer", top.processes[stream.producer].name},
          {"consumer", top.processes[stream.consumer].name},
      });
    kernels.push_back(json::Object{
        {"name", top.cName},
        {"hls_config", getHLSConfigFileName(top.cName)},
        {"ports", std::move(ports)},
        {"processes", std::move(processes)},
        {"streams", std::move(streams)},
    });
  }

  json::Object manifest{
      {"design", design->getName()},
      {"part", kPart},
      {"platform", kPlatform},
      {"clock_mhz", kClockMHz},
      {"files", json::Object{{"kernels", kKernelsFile},
                             {"sim_driver", kSimDriverFile},
                             {"host", kHostFile},
                             {"xrt_sim_entry", kXrtSimEntryFile},
                             {"link_config", kLinkConfigFile},
                             {"dataflow_header", kDataflowHeader},
                             {"makefile", "Makefile"}}},
      {"kernels", std::move(kernels)},
      {"tensors", std::move(tensors)},
  };
  if (*layerLoop)
    manifest["layer_loop"] = getLayerLoopJSON(*design, **layerLoop);
  os << llvm::formatv("{0:2}", json::Value(std::move(manifest))) << "\n";
  return success();
}
