// Arbitrary-width integers ap_int<W> / ap_uint<W> for simulating emitted
// Vitis HLS code with g++. Values wrap modulo 2^W like hardware registers.
// Result widths of + - * / % & | ^ follow the Vitis rules (wide enough to hold
// the exact result), shifts keep the width of their left operand, and
// range(hi, lo) / (hi, lo) / [bit] read and write bit fields of any width.
#ifndef STREAMTENSOR_SIM_AP_INT_H
#define STREAMTENSOR_SIM_AP_INT_H

#include "streamtensor/sim/ApIntWords.h"

#include <cmath>
#include <ostream>
#include <stdexcept>
#include <string>
#include <type_traits>

// HLS code names its loops with labels that nothing jumps to; keep -Wall
// -Werror builds of emitted code quiet about them. (Unknown `#pragma HLS`
// cannot be silenced from a header: build with -Wno-unknown-pragmas.)
#pragma GCC diagnostic ignored "-Wunused-label"

template <int W> class ap_int;
template <int W> class ap_uint;
template <int W, bool S> class ap_int_base;
template <int W, bool S> class ap_range_ref;
template <int W, bool S> class ap_bit_ref;

namespace streamtensor::sim::apdetail {
using apwords::maxOf;
using apwords::minOf;
using apwords::Word;
using apwords::wordsFor;

template <int W, bool S> struct Select { using type = ap_int<W>; };
template <int W> struct Select<W, false> { using type = ap_uint<W>; };
template <int W, bool S> using Result = typename Select<W, S>::type;

template <typename I> constexpr int bitsOf() {
  return std::is_same_v<I, bool> ? 1 : 8 * static_cast<int>(sizeof(I));
}
template <typename I> constexpr bool signedOf() {
  return !std::is_same_v<I, bool> && std::is_signed_v<I>;
}
// The ap type an integral operand is promoted to.
template <typename I> using FromIntegral = Result<bitsOf<I>(), signedOf<I>()>;
template <typename I>
using IfIntegral = std::enable_if_t<std::is_integral_v<I>, int>;

// Width of a + b / a & b when one side is signed and the other is not: the
// unsigned side needs one more bit to stay positive.
template <int W1, bool S1, int W2, bool S2> constexpr int mixedWidth() {
  return maxOf(W1 + (S2 && !S1 ? 1 : 0), W2 + (S1 && !S2 ? 1 : 0));
}

[[noreturn]] inline void badRange(int hi, int lo, int width) {
  throw std::out_of_range("ap_int: bit range (" + std::to_string(hi) + ", " +
                          std::to_string(lo) + ") outside a " +
                          std::to_string(width) + "-bit value");
}

// Reads bits [lo, lo+len) of v into dst (dn words, zero-filled above).
inline void getBits(const Word *v, int lo, int len, Word *dst, int dn) {
  for (int i = 0; i < dn; ++i)
    dst[i] = 0;
  for (int b = 0; b < len; ++b)
    if (apwords::testBit(v, lo + b))
      apwords::assignBit(dst, b, true);
}

inline void setBits(Word *v, int lo, int len, const Word *src) {
  for (int b = 0; b < len; ++b)
    apwords::assignBit(v, lo + b, apwords::testBit(src, b));
}

inline void reverseBits(Word *v, int len) {
  for (int i = 0, j = len - 1; i < j; ++i, --j) {
    bool bi = apwords::testBit(v, i), bj = apwords::testBit(v, j);
    apwords::assignBit(v, i, bj);
    apwords::assignBit(v, j, bi);
  }
}
} // namespace streamtensor::sim::apdetail

// Storage and members shared by ap_int<W> (S = true) and ap_uint<W>.
template <int W, bool S> class ap_int_base {
  static_assert(W >= 1 && W <= (1 << 20), "ap_int width must be in [1, 2^20]");

public:
  using Word = streamtensor::sim::apwords::Word;
  static constexpr int width = W;
  static constexpr bool is_signed = S;
  static constexpr int kWords = streamtensor::sim::apwords::wordsFor(W);
  using RetType = std::conditional_t<S, long long, unsigned long long>;

  // Normalized two's-complement words; public so the free operators below
  // can reach them, not meant for emitted code.
  Word words_[kWords];

  ap_int_base() : words_{} {}

  template <typename I, streamtensor::sim::apdetail::IfIntegral<I> = 0>
  ap_int_base(I value) {
    bool negative = false;
    if constexpr (streamtensor::sim::apdetail::signedOf<I>())
      negative = value < 0;
    words_[0] = static_cast<Word>(value);
    for (int i = 1; i < kWords; ++i)
      words_[i] = negative ? ~Word(0) : 0;
    normalize();
  }

  // Truncates toward zero and wraps, as a conversion to a W-bit register.
  ap_int_base(double value) : words_{} {
    if (std::isnan(value) || std::isinf(value))
      return;
    double magnitude = std::trunc(std::fabs(value));
    if (magnitude < 18446744073709551616.0) {
      words_[0] = static_cast<Word>(magnitude);
    } else {
      int exponent = 0;
      double fraction = std::frexp(magnitude, &exponent);
      Word mantissa = static_cast<Word>(std::ldexp(fraction, 64));
      long long shift = static_cast<long long>(exponent) - 64;
      if (shift < 64LL * kWords) {
        words_[0] = mantissa;
        streamtensor::sim::apwords::shiftLeft(words_, kWords, shift);
      }
    }
    if (value < 0)
      streamtensor::sim::apwords::negate(words_, kWords);
    normalize();
  }

  template <int W2, bool S2> ap_int_base(const ap_int_base<W2, S2> &other) {
    streamtensor::sim::apwords::extend(other.words_, other.kWords, S2, words_,
                                       kWords);
    normalize();
  }

  template <int W2, bool S2> ap_int_base(const ap_range_ref<W2, S2> &range);
  template <int W2, bool S2>
  ap_int_base(const ap_bit_ref<W2, S2> &bit) : ap_int_base(bool(bit)) {}

  // Parses "123", "-5", "0x1f", "0b101" or "0o17"; radix 0 means "from the
  // prefix, else decimal". Digits beyond W bits wrap.
  ap_int_base(const char *text, int radix = 0) : words_{} {
    std::string s = text ? text : "";
    std::size_t pos = 0;
    bool negative = false;
    if (pos < s.size() && (s[pos] == '-' || s[pos] == '+'))
      negative = s[pos++] == '-';
    if (s.size() - pos > 2 && s[pos] == '0') {
      char p = static_cast<char>(s[pos + 1] | 0x20);
      int prefixed = p == 'x' ? 16 : p == 'b' ? 2 : p == 'o' ? 8 : 0;
      if (prefixed && (radix == 0 || radix == prefixed)) {
        radix = prefixed;
        pos += 2;
      }
    }
    if (radix == 0)
      radix = 10;
    if (radix < 2 || radix > 36 || pos >= s.size())
      throw std::invalid_argument("ap_int: cannot parse '" + s + "'");
    ap_int_base<W + 8, false> acc;
    for (; pos < s.size(); ++pos) {
      char c = s[pos];
      int d = c >= '0' && c <= '9'   ? c - '0'
              : c >= 'a' && c <= 'z' ? c - 'a' + 10
              : c >= 'A' && c <= 'Z' ? c - 'A' + 10
                                     : 99;
      if (d >= radix)
        throw std::invalid_argument("ap_int: invalid digit in '" + s + "'");
      acc = ap_int_base<W + 8, false>(acc * ap_int_base<8, false>(radix) +
                                      ap_int_base<8, false>(d));
    }
    *this = ap_int_base(acc);
    if (negative)
      *this = ap_int_base(-*this);
  }

  // Conversion to the C integer of the same signedness (low 64 bits).
  operator RetType() const { return static_cast<RetType>(words_[0]); }

  int length() const { return W; }
  int to_int() const { return static_cast<int>(words_[0]); }
  unsigned to_uint() const { return static_cast<unsigned>(words_[0]); }
  long to_long() const { return static_cast<long>(words_[0]); }
  unsigned long to_ulong() const { return static_cast<unsigned long>(words_[0]); }
  long long to_int64() const { return static_cast<long long>(words_[0]); }
  unsigned long long to_uint64() const { return words_[0]; }
  bool iszero() const { return streamtensor::sim::apwords::isZero(words_, kWords); }
  bool is_zero() const { return iszero(); }

  double to_double() const {
    Word mag[kWords];
    for (int i = 0; i < kWords; ++i)
      mag[i] = words_[i];
    bool negative = streamtensor::sim::apwords::isNegative(words_, kWords, S);
    if (negative)
      streamtensor::sim::apwords::negate(mag, kWords);
    double result = 0;
    for (int i = kWords - 1; i >= 0; --i)
      result = result * 18446744073709551616.0 + static_cast<double>(mag[i]);
    return negative ? -result : result;
  }
  float to_float() const { return static_cast<float>(to_double()); }

  std::string to_string(int radix = 10) const {
    if (radix < 2 || radix > 36)
      throw std::invalid_argument("ap_int: to_string radix must be in [2, 36]");
    Word mag[kWords];
    for (int i = 0; i < kWords; ++i)
      mag[i] = words_[i];
    bool negative = streamtensor::sim::apwords::isNegative(words_, kWords, S);
    if (negative)
      streamtensor::sim::apwords::negate(mag, kWords);
    std::string digits;
    do {
      unsigned d = streamtensor::sim::apwords::divideSmall(
          mag, kWords, static_cast<unsigned>(radix));
      digits.insert(digits.begin(), "0123456789abcdefghijklmnopqrstuvwxyz"[d]);
    } while (!streamtensor::sim::apwords::isZero(mag, kWords));
    return (negative ? "-" : "") + digits;
  }

  // Bit fields. Reading a range yields the bits zero-extended; hi < lo reads
  // them in reverse order, as in Vitis.
  ap_range_ref<W, S> range(int hi, int lo) { return ap_range_ref<W, S>(this, hi, lo); }
  ap_range_ref<W, S> range() { return range(W - 1, 0); }
  ap_range_ref<W, S> operator()(int hi, int lo) { return range(hi, lo); }
  ap_uint<W> range(int hi, int lo) const;
  ap_uint<W> range() const { return range(W - 1, 0); }
  ap_uint<W> operator()(int hi, int lo) const { return range(hi, lo); }

  ap_bit_ref<W, S> operator[](int bit) { return ap_bit_ref<W, S>(this, bit); }
  bool operator[](int bit) const { return test(bit); }
  ap_bit_ref<W, S> bit(int index) { return (*this)[index]; }
  bool bit(int index) const { return test(index); }
  bool test(int bit) const {
    checkBit(bit);
    return streamtensor::sim::apwords::testBit(words_, bit);
  }
  void set(int bit) { set_bit(bit, true); }
  void clear(int bit) { set_bit(bit, false); }
  void set_bit(int bit, bool value) {
    checkBit(bit);
    streamtensor::sim::apwords::assignBit(words_, bit, value);
    normalize();
  }

  template <typename T> ap_int_base &operator+=(const T &o) { return *this = ap_int_base(*this + o); }
  template <typename T> ap_int_base &operator-=(const T &o) { return *this = ap_int_base(*this - o); }
  template <typename T> ap_int_base &operator*=(const T &o) { return *this = ap_int_base(*this * o); }
  template <typename T> ap_int_base &operator/=(const T &o) { return *this = ap_int_base(*this / o); }
  template <typename T> ap_int_base &operator%=(const T &o) { return *this = ap_int_base(*this % o); }
  template <typename T> ap_int_base &operator&=(const T &o) { return *this = ap_int_base(*this & o); }
  template <typename T> ap_int_base &operator|=(const T &o) { return *this = ap_int_base(*this | o); }
  template <typename T> ap_int_base &operator^=(const T &o) { return *this = ap_int_base(*this ^ o); }
  template <typename T> ap_int_base &operator<<=(const T &o) { return *this = ap_int_base(*this << o); }
  template <typename T> ap_int_base &operator>>=(const T &o) { return *this = ap_int_base(*this >> o); }
  ap_int_base &operator++() { return *this += 1; }
  ap_int_base &operator--() { return *this -= 1; }
  ap_int_base operator++(int) { ap_int_base old = *this; *this += 1; return old; }
  ap_int_base operator--(int) { ap_int_base old = *this; *this -= 1; return old; }

  void normalize() { streamtensor::sim::apwords::normalize(words_, kWords, W, S); }
  void checkBit(int bit) const {
    if (bit < 0 || bit >= W)
      streamtensor::sim::apdetail::badRange(bit, bit, W);
  }
};

// Assignable view of bits [min(hi,lo), max(hi,lo)] of an ap value.
template <int W, bool S> class ap_range_ref {
public:
  ap_range_ref(ap_int_base<W, S> *target, int hi, int lo)
      : target_(target), hi_(hi), lo_(lo) {
    if (hi < 0 || lo < 0 || hi >= W || lo >= W)
      streamtensor::sim::apdetail::badRange(hi, lo, W);
  }

  int length() const { return (hi_ > lo_ ? hi_ - lo_ : lo_ - hi_) + 1; }

  ap_uint<W> get() const;
  operator unsigned long long() const { return get().to_uint64(); }
  int to_int() const { return get().to_int(); }
  unsigned to_uint() const { return get().to_uint(); }
  long long to_int64() const { return get().to_int64(); }
  unsigned long long to_uint64() const { return get().to_uint64(); }
  std::string to_string(int radix = 10) const { return get().to_string(radix); }

  template <int W2, bool S2> ap_range_ref &operator=(const ap_int_base<W2, S2> &value) {
    assign(value.words_, value.kWords, S2);
    return *this;
  }
  template <typename I, streamtensor::sim::apdetail::IfIntegral<I> = 0>
  ap_range_ref &operator=(I value) {
    return *this = streamtensor::sim::apdetail::FromIntegral<I>(value);
  }
  ap_range_ref &operator=(const ap_range_ref &other) { return *this = other.get(); }
  template <int W2, bool S2> ap_range_ref &operator=(const ap_range_ref<W2, S2> &other) {
    return *this = other.get();
  }

private:
  void assign(const typename ap_int_base<W, S>::Word *src, int sn, bool srcSigned) {
    using namespace streamtensor::sim;
    constexpr int n = apwords::wordsFor(W);
    apwords::Word bits[n];
    apwords::extend(src, sn, srcSigned, bits, n);
    if (hi_ < lo_)
      apdetail::reverseBits(bits, length());
    apdetail::setBits(target_->words_, hi_ < lo_ ? hi_ : lo_, length(), bits);
    target_->normalize();
  }

  ap_int_base<W, S> *target_;
  int hi_, lo_;
};

template <int W, bool S> class ap_bit_ref {
public:
  ap_bit_ref(ap_int_base<W, S> *target, int bit) : target_(target), bit_(bit) {
    target->checkBit(bit);
  }
  operator bool() const { return target_->test(bit_); }
  ap_bit_ref &operator=(bool value) {
    target_->set_bit(bit_, value);
    return *this;
  }
  ap_bit_ref &operator=(const ap_bit_ref &other) { return *this = bool(other); }
  bool operator~() const { return !bool(*this); }

private:
  ap_int_base<W, S> *target_;
  int bit_;
};

template <int W> class ap_int : public ap_int_base<W, true> {
  using Base = ap_int_base<W, true>;

public:
  ap_int() = default;
  template <typename I, streamtensor::sim::apdetail::IfIntegral<I> = 0>
  ap_int(I value) : Base(value) {}
  ap_int(double value) : Base(value) {}
  template <int W2, bool S2> ap_int(const ap_int_base<W2, S2> &o) : Base(o) {}
  template <int W2, bool S2> ap_int(const ap_range_ref<W2, S2> &r) : Base(r) {}
  template <int W2, bool S2> ap_int(const ap_bit_ref<W2, S2> &b) : Base(b) {}
  ap_int(const char *text, int radix = 0) : Base(text, radix) {}
};

template <int W> class ap_uint : public ap_int_base<W, false> {
  using Base = ap_int_base<W, false>;

public:
  ap_uint() = default;
  template <typename I, streamtensor::sim::apdetail::IfIntegral<I> = 0>
  ap_uint(I value) : Base(value) {}
  ap_uint(double value) : Base(value) {}
  template <int W2, bool S2> ap_uint(const ap_int_base<W2, S2> &o) : Base(o) {}
  template <int W2, bool S2> ap_uint(const ap_range_ref<W2, S2> &r) : Base(r) {}
  template <int W2, bool S2> ap_uint(const ap_bit_ref<W2, S2> &b) : Base(b) {}
  ap_uint(const char *text, int radix = 0) : Base(text, radix) {}
};

template <int W, bool S>
template <int W2, bool S2>
ap_int_base<W, S>::ap_int_base(const ap_range_ref<W2, S2> &range)
    : ap_int_base(range.get()) {}

template <int W, bool S> ap_uint<W> ap_int_base<W, S>::range(int hi, int lo) const {
  using namespace streamtensor::sim;
  if (hi < 0 || lo < 0 || hi >= W || lo >= W)
    apdetail::badRange(hi, lo, W);
  ap_uint<W> out;
  int low = hi < lo ? hi : lo, len = (hi > lo ? hi - lo : lo - hi) + 1;
  apdetail::getBits(words_, low, len, out.words_, out.kWords);
  if (hi < lo)
    apdetail::reverseBits(out.words_, len);
  return out;
}

template <int W, bool S> ap_uint<W> ap_range_ref<W, S>::get() const {
  return static_cast<const ap_int_base<W, S> *>(target_)->range(hi_, lo_);
}

namespace streamtensor::sim::apdetail {
// Applies a word-level operation at result width RW after extending both
// operands, then wraps the result to RW bits.
template <int RW, bool RS, int W1, bool S1, int W2, bool S2, typename Op>
Result<RW, RS> combine(const ap_int_base<W1, S1> &a, const ap_int_base<W2, S2> &b, Op op) {
  constexpr int n = wordsFor(RW);
  Word x[n], y[n];
  apwords::extend(a.words_, a.kWords, S1, x, n);
  apwords::extend(b.words_, b.kWords, S2, y, n);
  Result<RW, RS> r;
  op(x, y, r.words_, n);
  r.normalize();
  return r;
}

// Exact comparison: both sides fit in max(W1, W2) + 1 signed bits.
template <int W1, bool S1, int W2, bool S2>
int compare(const ap_int_base<W1, S1> &a, const ap_int_base<W2, S2> &b) {
  constexpr int n = wordsFor(maxOf(W1, W2) + 1);
  Word x[n], y[n];
  apwords::extend(a.words_, a.kWords, S1, x, n);
  apwords::extend(b.words_, b.kWords, S2, y, n);
  return apwords::compareSigned(x, y, n);
}

// Signed division on magnitudes at a width that holds both operands.
template <int W1, bool S1, int W2, bool S2>
void divide(const ap_int_base<W1, S1> &a, const ap_int_base<W2, S2> &b,
            ap_int<maxOf(W1, W2) + 1> &quotient, ap_int<maxOf(W1, W2) + 1> &rest) {
  constexpr int n = wordsFor(maxOf(W1, W2) + 1);
  Word x[n], y[n];
  apwords::extend(a.words_, a.kWords, S1, x, n);
  apwords::extend(b.words_, b.kWords, S2, y, n);
  bool negA = apwords::isNegative(x, n, true), negB = apwords::isNegative(y, n, true);
  if (negA)
    apwords::negate(x, n);
  if (negB)
    apwords::negate(y, n);
  apwords::divideUnsigned(x, y, quotient.words_, rest.words_, n);
  if (negA != negB)
    apwords::negate(quotient.words_, n);
  if (negA)
    apwords::negate(rest.words_, n);
  quotient.normalize();
  rest.normalize();
}
} // namespace streamtensor::sim::apdetail

#define STREAMTENSOR_AP_BINARY(OP, RW, RS, BODY)                               \
  template <int W1, bool S1, int W2, bool S2>                                  \
  streamtensor::sim::apdetail::Result<(RW), (RS)> operator OP(                 \
      const ap_int_base<W1, S1> &a, const ap_int_base<W2, S2> &b) {            \
    using namespace streamtensor::sim;                                         \
    return apdetail::combine<(RW), (RS)>(                                      \
        a, b, [](const apwords::Word *x, const apwords::Word *y,               \
                 apwords::Word *r, int n) { BODY; });                          \
  }                                                                            \
  template <int W, bool S, typename I,                                         \
            streamtensor::sim::apdetail::IfIntegral<I> = 0>                    \
  auto operator OP(const ap_int_base<W, S> &a, I b) {                          \
    return a OP streamtensor::sim::apdetail::FromIntegral<I>(b);               \
  }                                                                            \
  template <int W, bool S, typename I,                                         \
            streamtensor::sim::apdetail::IfIntegral<I> = 0>                    \
  auto operator OP(I a, const ap_int_base<W, S> &b) {                          \
    return streamtensor::sim::apdetail::FromIntegral<I>(a) OP b;               \
  }

#define STREAMTENSOR_AP_MIXED_WIDTH                                            \
  streamtensor::sim::apdetail::mixedWidth<W1, S1, W2, S2>()

STREAMTENSOR_AP_BINARY(+, STREAMTENSOR_AP_MIXED_WIDTH + 1, S1 || S2,
                       apwords::add(x, y, r, n))
STREAMTENSOR_AP_BINARY(-, STREAMTENSOR_AP_MIXED_WIDTH + 1, true,
                       apwords::sub(x, y, r, n))
STREAMTENSOR_AP_BINARY(*, W1 + W2, S1 || S2, apwords::mul(x, y, r, n))
STREAMTENSOR_AP_BINARY(&, STREAMTENSOR_AP_MIXED_WIDTH, S1 || S2,
                       for (int i = 0; i < n; ++i) r[i] = x[i] & y[i])
STREAMTENSOR_AP_BINARY(|, STREAMTENSOR_AP_MIXED_WIDTH, S1 || S2,
                       for (int i = 0; i < n; ++i) r[i] = x[i] | y[i])
STREAMTENSOR_AP_BINARY(^, STREAMTENSOR_AP_MIXED_WIDTH, S1 || S2,
                       for (int i = 0; i < n; ++i) r[i] = x[i] ^ y[i])

#undef STREAMTENSOR_AP_MIXED_WIDTH
#undef STREAMTENSOR_AP_BINARY

template <int W1, bool S1, int W2, bool S2>
streamtensor::sim::apdetail::Result<W1 + (S2 ? 1 : 0), S1 || S2>
operator/(const ap_int_base<W1, S1> &a, const ap_int_base<W2, S2> &b) {
  constexpr int cw = streamtensor::sim::apwords::maxOf(W1, W2) + 1;
  ap_int<cw> q, r;
  streamtensor::sim::apdetail::divide(a, b, q, r);
  return q;
}

template <int W1, bool S1, int W2, bool S2>
streamtensor::sim::apdetail::Result<
    streamtensor::sim::apwords::minOf(W1, W2 + (S1 && !S2 ? 1 : 0)), S1>
operator%(const ap_int_base<W1, S1> &a, const ap_int_base<W2, S2> &b) {
  constexpr int cw = streamtensor::sim::apwords::maxOf(W1, W2) + 1;
  ap_int<cw> q, r;
  streamtensor::sim::apdetail::divide(a, b, q, r);
  return r;
}

template <int W, bool S, typename I, streamtensor::sim::apdetail::IfIntegral<I> = 0>
auto operator/(const ap_int_base<W, S> &a, I b) {
  return a / streamtensor::sim::apdetail::FromIntegral<I>(b);
}
template <int W, bool S, typename I, streamtensor::sim::apdetail::IfIntegral<I> = 0>
auto operator/(I a, const ap_int_base<W, S> &b) {
  return streamtensor::sim::apdetail::FromIntegral<I>(a) / b;
}
template <int W, bool S, typename I, streamtensor::sim::apdetail::IfIntegral<I> = 0>
auto operator%(const ap_int_base<W, S> &a, I b) {
  return a % streamtensor::sim::apdetail::FromIntegral<I>(b);
}
template <int W, bool S, typename I, streamtensor::sim::apdetail::IfIntegral<I> = 0>
auto operator%(I a, const ap_int_base<W, S> &b) {
  return streamtensor::sim::apdetail::FromIntegral<I>(a) % b;
}

// Shifts keep the left operand's type; a negative amount shifts the other way.
template <int W, bool S>
streamtensor::sim::apdetail::Result<W, S> shiftBy(const ap_int_base<W, S> &a,
                                                  long long amount, bool left) {
  using namespace streamtensor::sim;
  if (amount < 0) {
    amount = -amount;
    left = !left;
  }
  apdetail::Result<W, S> r(a);
  if (left)
    apwords::shiftLeft(r.words_, r.kWords, amount);
  else
    apwords::shiftRight(r.words_, r.kWords, amount, S);
  r.normalize();
  return r;
}

template <int W, bool S, typename I, streamtensor::sim::apdetail::IfIntegral<I> = 0>
streamtensor::sim::apdetail::Result<W, S> operator<<(const ap_int_base<W, S> &a, I n) {
  return shiftBy(a, static_cast<long long>(n), true);
}
template <int W, bool S, typename I, streamtensor::sim::apdetail::IfIntegral<I> = 0>
streamtensor::sim::apdetail::Result<W, S> operator>>(const ap_int_base<W, S> &a, I n) {
  return shiftBy(a, static_cast<long long>(n), false);
}
template <int W, bool S, int W2, bool S2>
streamtensor::sim::apdetail::Result<W, S> operator<<(const ap_int_base<W, S> &a,
                                                     const ap_int_base<W2, S2> &n) {
  return shiftBy(a, n.to_int64(), true);
}
template <int W, bool S, int W2, bool S2>
streamtensor::sim::apdetail::Result<W, S> operator>>(const ap_int_base<W, S> &a,
                                                     const ap_int_base<W2, S2> &n) {
  return shiftBy(a, n.to_int64(), false);
}

template <int W, bool S>
streamtensor::sim::apdetail::Result<W, S> operator~(const ap_int_base<W, S> &a) {
  streamtensor::sim::apdetail::Result<W, S> r(a);
  for (int i = 0; i < r.kWords; ++i)
    r.words_[i] = ~r.words_[i];
  r.normalize();
  return r;
}
template <int W, bool S> ap_int<W + 1> operator-(const ap_int_base<W, S> &a) {
  return ap_int<1>(0) - a;
}
template <int W, bool S>
streamtensor::sim::apdetail::Result<W, S> operator+(const ap_int_base<W, S> &a) {
  return a;
}
template <int W, bool S> bool operator!(const ap_int_base<W, S> &a) { return a.iszero(); }

#define STREAMTENSOR_AP_COMPARE(OP)                                            \
  template <int W1, bool S1, int W2, bool S2>                                  \
  bool operator OP(const ap_int_base<W1, S1> &a, const ap_int_base<W2, S2> &b) { \
    return streamtensor::sim::apdetail::compare(a, b) OP 0;                    \
  }                                                                            \
  template <int W, bool S, typename I,                                         \
            streamtensor::sim::apdetail::IfIntegral<I> = 0>                    \
  bool operator OP(const ap_int_base<W, S> &a, I b) {                          \
    return a OP streamtensor::sim::apdetail::FromIntegral<I>(b);               \
  }                                                                            \
  template <int W, bool S, typename I,                                         \
            streamtensor::sim::apdetail::IfIntegral<I> = 0>                    \
  bool operator OP(I a, const ap_int_base<W, S> &b) {                          \
    return streamtensor::sim::apdetail::FromIntegral<I>(a) OP b;               \
  }
STREAMTENSOR_AP_COMPARE(==)
STREAMTENSOR_AP_COMPARE(!=)
STREAMTENSOR_AP_COMPARE(<)
STREAMTENSOR_AP_COMPARE(<=)
STREAMTENSOR_AP_COMPARE(>)
STREAMTENSOR_AP_COMPARE(>=)
#undef STREAMTENSOR_AP_COMPARE

template <int W, bool S>
std::ostream &operator<<(std::ostream &os, const ap_int_base<W, S> &v) {
  return os << v.to_string(10);
}

#endif
