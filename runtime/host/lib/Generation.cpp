#include "streamtensor/host/Generation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace streamtensor::host {

std::vector<std::int64_t> parseTokenIds(const std::string &text) {
  std::vector<std::int64_t> ids;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos)
      end = text.size();
    std::string item = text.substr(start, end - start);
    std::size_t used = 0;
    long long value = -1;
    try {
      value = std::stoll(item, &used);
    } catch (const std::exception &) {
      used = 0;
    }
    if (item.empty() || used != item.size() || value < 0)
      throw std::invalid_argument("token ids must be non-negative integers separated by "
                                  "commas; got '" + item + "' in '" + text + "'");
    ids.push_back(value);
    start = end + 1;
  }
  return ids;
}

static constexpr float kHidden = -std::numeric_limits<float>::infinity();

std::vector<float> decodeMask(int position, int maxSeq, int window) {
  if (position < 0 || position > maxSeq)
    throw std::out_of_range("position " + std::to_string(position) +
                            " is outside the cache of " + std::to_string(maxSeq) + " rows");
  std::vector<float> mask(static_cast<std::size_t>(maxSeq) + 1, kHidden);
  int first = window > 0 ? std::max(0, position - window + 1) : 0;
  for (int row = first; row < position; ++row)
    mask[row] = 0.0f;
  mask[maxSeq] = 0.0f;
  return mask;
}

std::vector<float> prefillMask(int tokens, int window) {
  std::vector<float> mask(static_cast<std::size_t>(tokens) * tokens, kHidden);
  for (int i = 0; i < tokens; ++i)
    for (int j = 0; j <= i; ++j)
      if (window <= 0 || i - j < window)
        mask[static_cast<std::size_t>(i) * tokens + j] = 0.0f;
  return mask;
}

TokenChooser::TokenChooser(double temperature, int topK, std::uint64_t seed)
    : temperature_(temperature), topK_(topK), random_(seed) {}

std::int64_t TokenChooser::choose(const float *logits, std::size_t count) {
  if (count == 0)
    throw std::invalid_argument("no logits to choose from");
  if (temperature_ <= 0)
    return std::max_element(logits, logits + count) - logits;
  std::vector<std::size_t> ids(count);
  std::iota(ids.begin(), ids.end(), 0);
  std::size_t keep = topK_ > 0 ? std::min<std::size_t>(topK_, count) : count;
  std::partial_sort(ids.begin(), ids.begin() + keep, ids.end(),
                    [&](std::size_t a, std::size_t b) { return logits[a] > logits[b]; });
  ids.resize(keep);
  double top = logits[ids.front()];
  std::vector<double> weights;
  for (std::size_t id : ids)
    weights.push_back(std::exp((logits[id] - top) / temperature_));
  std::discrete_distribution<std::size_t> pick(weights.begin(), weights.end());
  return static_cast<std::int64_t>(ids[pick(random_)]);
}

} // namespace streamtensor::host
