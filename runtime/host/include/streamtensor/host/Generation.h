// Host-side parts of text generation that need no card: token ids from the
// command line, masks and the choice of the next token. The
// generation program emitted for a model (docs/generation.md) uses them.
#ifndef STREAMTENSOR_HOST_GENERATION_H
#define STREAMTENSOR_HOST_GENERATION_H

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace streamtensor::host {

// "3,1,4" -> {3, 1, 4}; std::invalid_argument naming the bad entry.
std::vector<std::int64_t> parseTokenIds(const std::string &text);

// Additive attention masks (0 or -infinity); `window` 0 means no sliding
// window. decodeMask: cache rows 0..maxSeq-1, then the new token itself.
std::vector<float> decodeMask(int position, int maxSeq, int window);
std::vector<float> prefillMask(int tokens, int window);

// Greedy (temperature 0: the first largest logit) or sampled among the
// `topK` most likely (0: all) at `temperature`, seeded.
class TokenChooser {
public:
  TokenChooser(double temperature, int topK, std::uint64_t seed);
  std::int64_t choose(const float *logits, std::size_t count);

private:
  double temperature_;
  int topK_;
  std::mt19937_64 random_;
};

} // namespace streamtensor::host

#endif
