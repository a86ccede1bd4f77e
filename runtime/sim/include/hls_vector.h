// hls::vector<T, N> for simulation: a fixed array of N lanes with
// element-wise arithmetic, the packed element type of vectorized streams.
#ifndef STREAMTENSOR_SIM_HLS_VECTOR_H
#define STREAMTENSOR_SIM_HLS_VECTOR_H

#include <array>
#include <cstddef>
#include <initializer_list>
#include <stdexcept>

namespace hls {

namespace detail {
constexpr std::size_t alignmentOf(std::size_t bytes) {
  std::size_t power = 1;
  while (power < bytes)
    power *= 2;
  return power;
}
} // namespace detail

// Aligned to its size rounded up to a power of two, as AMD's hls::vector:
// memory viewed as vectors (a 512-bit port) must be aligned that way.
template <typename T, std::size_t N>
class alignas(detail::alignmentOf(N * sizeof(T))) vector {
  static_assert(N > 0, "hls::vector needs at least one lane");

public:
  vector() : lanes_{} {}
  // Broadcasts one value to every lane.
  vector(const T &value) { lanes_.fill(value); }
  vector(std::initializer_list<T> values) : lanes_{} {
    if (values.size() != N)
      throw std::invalid_argument("hls::vector: initializer has the wrong lane count");
    std::size_t i = 0;
    for (const T &v : values)
      lanes_[i++] = v;
  }

  T &operator[](std::size_t i) { return lanes_[i]; }
  const T &operator[](std::size_t i) const { return lanes_[i]; }
  static constexpr std::size_t size() { return N; }

  vector &operator+=(const vector &o) { return apply(o, [](T &a, const T &b) { a += b; }); }
  vector &operator-=(const vector &o) { return apply(o, [](T &a, const T &b) { a -= b; }); }
  vector &operator*=(const vector &o) { return apply(o, [](T &a, const T &b) { a *= b; }); }
  vector &operator/=(const vector &o) { return apply(o, [](T &a, const T &b) { a /= b; }); }

  friend vector operator+(vector a, const vector &b) { return a += b; }
  friend vector operator-(vector a, const vector &b) { return a -= b; }
  friend vector operator*(vector a, const vector &b) { return a *= b; }
  friend vector operator/(vector a, const vector &b) { return a /= b; }
  friend bool operator==(const vector &a, const vector &b) { return a.lanes_ == b.lanes_; }
  friend bool operator!=(const vector &a, const vector &b) { return !(a == b); }

private:
  template <typename F> vector &apply(const vector &o, F f) {
    for (std::size_t i = 0; i < N; ++i)
      f(lanes_[i], o.lanes_[i]);
    return *this;
  }

  std::array<T, N> lanes_;
};

} // namespace hls

#endif
