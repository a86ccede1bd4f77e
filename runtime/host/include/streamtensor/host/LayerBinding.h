// Which tensor of a parameter file feeds which kernel argument in each layer.
// Independent of XRT, so generated host programs can check their parameter
// file before touching a card, and tests run without one.
#ifndef STREAMTENSOR_HOST_LAYERBINDING_H
#define STREAMTENSOR_HOST_LAYERBINDING_H

#include "streamtensor/host/ParamFile.h"

#include <string>
#include <vector>

namespace streamtensor::host {

// A weight argument bound to one tensor per layer; "{layer}" in the pattern
// stands for the layer index, e.g. "layers.{layer}.attn.wq".
struct WeightBinding {
  int arg;
  std::string pattern;
};

std::string expandLayerPattern(const std::string &pattern, unsigned layer);
// Number of consecutive layers 0, 1, ... for which every binding names a
// tensor of `params`. Every pattern must contain "{layer}".
unsigned countLayers(const ParamFile &params, const std::vector<WeightBinding> &bindings);
// tensors[layer][i] is the tensor of bindings[i] for that layer; a missing
// tensor is a ParamFileError naming it.
std::vector<std::vector<const TensorInfo *>>
resolveLayerTensors(const ParamFile &params, const std::vector<WeightBinding> &bindings,
                    unsigned layers);

} // namespace streamtensor::host

#endif
