// hls:: math functions for simulation, computed with the C++ library in the
// argument's own precision (float stays float).
#ifndef STREAMTENSOR_SIM_HLS_MATH_H
#define STREAMTENSOR_SIM_HLS_MATH_H

#include <cmath>

namespace hls {

template <typename T> T exp(T x) { return std::exp(x); }
template <typename T> T log(T x) { return std::log(x); }
template <typename T> T sqrt(T x) { return std::sqrt(x); }
template <typename T> T rsqrt(T x) { return T(1) / std::sqrt(x); }
template <typename T> T recip(T x) { return T(1) / x; }
template <typename T> T tanh(T x) { return std::tanh(x); }
template <typename T> T erf(T x) { return std::erf(x); }
template <typename T> T sin(T x) { return std::sin(x); }
template <typename T> T cos(T x) { return std::cos(x); }
template <typename T> T pow(T x, T y) { return std::pow(x, y); }
template <typename T> T fabs(T x) { return std::fabs(x); }
template <typename T> T fmax(T x, T y) { return std::fmax(x, y); }
template <typename T> T fmin(T x, T y) { return std::fmin(x, y); }

} // namespace hls

#endif
