//===- HbmChannels.cpp - Ports of the top functions over HBM --------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Analysis/HbmChannels.h"
#include "streamtensor/Analysis/ResourceModel.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/STLExtras.h"
#include <numeric>

using namespace mlir;
using namespace streamtensor;

std::vector<unsigned>
streamtensor::assignHbmChannels(ArrayRef<int64_t> bytes, unsigned channels,
                                ArrayRef<std::optional<unsigned>> fixed) {
  std::vector<unsigned> channelOf(bytes.size(), 0);
  if (channels == 0)
    return channelOf;
  std::vector<int64_t> ports(channels, 0), total(channels, 0);
  auto place = [&](size_t tensor, unsigned channel) {
    channelOf[tensor] = channel;
    ++ports[channel];
    total[channel] += bytes[tensor];
  };
  std::vector<size_t> order(bytes.size());
  std::iota(order.begin(), order.end(), 0);
  for (size_t tensor : order)
    if (tensor < fixed.size() && fixed[tensor])
      place(tensor, *fixed[tensor] % channels);
  llvm::stable_sort(order,
                    [&](size_t a, size_t b) { return bytes[a] > bytes[b]; });
  for (size_t tensor : order) {
    if (tensor < fixed.size() && fixed[tensor])
      continue;
    // A port takes its bytes times the ports splitting its channel; the
    // sum over the ports grows by the channel's bytes and the new port's
    // bytes times the ports sharing it now.
    unsigned best = 0;
    int64_t bestGrowth = 0;
    for (unsigned channel = 0; channel < channels; ++channel) {
      int64_t growth = total[channel] + (ports[channel] + 1) * bytes[tensor];
      if (channel == 0 || growth < bestGrowth) {
        best = channel;
        bestGrowth = growth;
      }
    }
    place(tensor, best);
  }
  return channelOf;
}

std::string streamtensor::getPortTensorName(func::FuncOp top, unsigned index) {
  if (auto name = top.getArgAttrOfType<StringAttr>(index, "streamtensor.name"))
    return name.str();
  return (top.getSymName() + ".arg" + Twine(index)).str();
}

int64_t streamtensor::getPortBytes(MemRefType type) {
  if (!type.hasStaticShape())
    return 0;
  return (type.getNumElements() * getElementBits(type.getElementType()) + 7) /
         8;
}

FailureOr<llvm::StringMap<unsigned>>
streamtensor::getHbmChannels(ModuleOp module, unsigned channels) {
  llvm::StringMap<unsigned> indexOf;
  std::vector<std::string> names;
  std::vector<int64_t> bytes;
  std::vector<std::optional<unsigned>> fixed;
  for (auto top : module.getOps<func::FuncOp>()) {
    if (!top->hasAttr("dataflow.top"))
      continue;
    for (unsigned index = 0; index < top.getNumArguments(); ++index) {
      auto type = dyn_cast<MemRefType>(top.getArgument(index).getType());
      if (!type)
        continue;
      std::string name = getPortTensorName(top, index);
      auto [it, inserted] = indexOf.try_emplace(name, names.size());
      if (inserted) {
        names.push_back(name);
        bytes.push_back(0);
        fixed.push_back(std::nullopt);
      }
      unsigned tensor = it->second;
      bytes[tensor] = std::max(bytes[tensor], getPortBytes(type));
      auto attr = top.getArgAttrOfType<IntegerAttr>(index, kHbmChannelAttr);
      if (!attr)
        continue;
      if (attr.getInt() < 0 || attr.getInt() >= int64_t(channels))
        return top.emitError("argument ")
               << index << " (tensor '" << name << "') has " << kHbmChannelAttr
               << " = " << attr.getInt() << "; the target has " << channels
               << " pseudo-channels (0 to " << channels - 1 << ")";
      if (fixed[tensor] && *fixed[tensor] != attr.getInt())
        return top.emitError("tensor '")
               << name << "' is on HBM channel " << *fixed[tensor]
               << " in an earlier kernel and on " << attr.getInt() << " here";
      fixed[tensor] = unsigned(attr.getInt());
    }
  }
  std::vector<unsigned> channelOf = assignHbmChannels(bytes, channels, fixed);
  llvm::StringMap<unsigned> result;
  for (auto [name, channel] : llvm::zip(names, channelOf))
    result[name] = channel;
  return result;
}
