#include "streamtensor/host/LayerBinding.h"

namespace streamtensor::host {

std::string expandLayerPattern(const std::string &pattern, unsigned layer) {
  static const std::string placeholder = "{layer}";
  std::string out;
  std::size_t start = 0;
  for (std::size_t at; (at = pattern.find(placeholder, start)) != std::string::npos;
       start = at + placeholder.size())
    out += pattern.substr(start, at - start) + std::to_string(layer);
  return out + pattern.substr(start);
}

unsigned countLayers(const ParamFile &params, const std::vector<WeightBinding> &bindings) {
  if (bindings.empty())
    return 0;
  for (const WeightBinding &b : bindings)
    if (b.pattern.find("{layer}") == std::string::npos)
      throw ParamFileError("weight pattern '" + b.pattern + "' has no {layer} placeholder");
  unsigned layers = 0;
  // Each layer needs its own tensors, so there are at most as many layers
  // as tensors.
  for (; layers < params.tensors().size(); ++layers)
    for (const WeightBinding &b : bindings)
      if (!params.find(expandLayerPattern(b.pattern, layers)))
        return layers;
  return layers;
}

std::vector<std::vector<const TensorInfo *>>
resolveLayerTensors(const ParamFile &params, const std::vector<WeightBinding> &bindings,
                    unsigned layers) {
  std::vector<std::vector<const TensorInfo *>> out(layers);
  for (unsigned layer = 0; layer < layers; ++layer)
    for (const WeightBinding &b : bindings)
      out[layer].push_back(&params.get(expandLayerPattern(b.pattern, layer)));
  return out;
}

} // namespace streamtensor::host
