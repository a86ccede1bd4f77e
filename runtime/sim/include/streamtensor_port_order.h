// Users give and receive row-major tensors; a port with a packed layout
// (docs/interface-layout.md) holds them reordered as tensor.pack would. The
// emitted simulation driver, host programs and generation programs reorder
// with these; header-only, so each program needs nothing else.
#ifndef STREAMTENSOR_PORT_ORDER_H
#define STREAMTENSOR_PORT_ORDER_H

#include <cstddef>
#include <cstring>
#include <vector>

namespace streamtensor {

// Where element i of a row-major tensor of `shape` sits in a port packed
// with outer dimensions in `perm` order and inner `tiles`.
inline std::vector<std::size_t> packedOrder(const std::vector<std::size_t> &shape,
                                            const std::vector<std::size_t> &perm,
                                            const std::vector<std::size_t> &tiles) {
  const std::size_t rank = shape.size();
  std::vector<std::size_t> outerStride(rank), innerStride(rank);
  std::size_t stride = 1;
  for (std::size_t d = rank; d-- > 0;) {
    innerStride[d] = stride;
    stride *= tiles[d];
  }
  for (std::size_t k = rank; k-- > 0;) {
    outerStride[perm[k]] = stride;
    stride *= shape[perm[k]] / tiles[perm[k]];
  }
  std::vector<std::size_t> order(stride), index(rank, 0);
  for (std::size_t &at : order) {
    at = 0;
    for (std::size_t d = 0; d < rank; ++d)
      at += index[d] / tiles[d] * outerStride[d] + index[d] % tiles[d] * innerStride[d];
    for (std::size_t d = rank; d-- > 0 && ++index[d] == shape[d];)
      index[d] = 0;
  }
  return order;
}

// Copies elements of `bytes` bytes from row-major order into port order.
inline void toPort(const void *logical, void *port, std::size_t bytes,
                   const std::vector<std::size_t> &order) {
  for (std::size_t i = 0; i < order.size(); ++i)
    std::memcpy(static_cast<char *>(port) + order[i] * bytes,
                static_cast<const char *>(logical) + i * bytes, bytes);
}

inline void fromPort(const void *port, void *logical, std::size_t bytes,
                     const std::vector<std::size_t> &order) {
  for (std::size_t i = 0; i < order.size(); ++i)
    std::memcpy(static_cast<char *>(logical) + i * bytes,
                static_cast<const char *>(port) + order[i] * bytes, bytes);
}

} // namespace streamtensor

#endif
