// Two's-complement arithmetic on little-endian arrays of 64-bit words, the
// storage of ap_int/ap_uint. Values are kept normalized: the bits above the
// declared width repeat the sign bit (signed) or are zero (unsigned), so that
// extension, comparison and conversion never need to mask.
#ifndef STREAMTENSOR_SIM_APINTWORDS_H
#define STREAMTENSOR_SIM_APINTWORDS_H

#include <cstdint>
#include <stdexcept>

namespace streamtensor::sim::apwords {

using Word = std::uint64_t;
__extension__ typedef unsigned __int128 DoubleWord;

constexpr int wordsFor(int width) { return (width + 63) / 64; }
constexpr int maxOf(int a, int b) { return a > b ? a : b; }
constexpr int minOf(int a, int b) { return a < b ? a : b; }

inline bool isNegative(const Word *v, int n, bool isSigned) {
  return isSigned && static_cast<std::int64_t>(v[n - 1]) < 0;
}

// Wraps v (n words) to `width` bits and re-extends the top word.
inline void normalize(Word *v, int n, int width, bool isSigned) {
  int topBits = width - 64 * (n - 1);
  if (topBits == 64)
    return;
  Word mask = (Word(1) << topBits) - 1;
  bool negative = isSigned && ((v[n - 1] >> (topBits - 1)) & 1);
  v[n - 1] = negative ? (v[n - 1] | ~mask) : (v[n - 1] & mask);
}

// Copies a normalized value into dn words, sign- or zero-extending.
inline void extend(const Word *src, int sn, bool srcSigned, Word *dst, int dn) {
  Word fill = isNegative(src, sn, srcSigned) ? ~Word(0) : 0;
  for (int i = 0; i < dn; ++i)
    dst[i] = i < sn ? src[i] : fill;
}

inline void add(const Word *a, const Word *b, Word *r, int n) {
  Word carry = 0;
  for (int i = 0; i < n; ++i) {
    DoubleWord s = DoubleWord(a[i]) + b[i] + carry;
    r[i] = static_cast<Word>(s);
    carry = static_cast<Word>(s >> 64);
  }
}

inline void sub(const Word *a, const Word *b, Word *r, int n) {
  Word borrow = 0;
  for (int i = 0; i < n; ++i) {
    Word bi = b[i] + borrow;
    Word next = (borrow && bi == 0) || a[i] < bi ? 1 : 0;
    r[i] = a[i] - bi;
    borrow = next;
  }
}

inline void negate(Word *v, int n) {
  Word carry = 1;
  for (int i = 0; i < n; ++i) {
    DoubleWord s = DoubleWord(~v[i]) + carry;
    v[i] = static_cast<Word>(s);
    carry = static_cast<Word>(s >> 64);
  }
}

// r = a * b truncated to n words; r must not alias a or b.
inline void mul(const Word *a, const Word *b, Word *r, int n) {
  for (int i = 0; i < n; ++i)
    r[i] = 0;
  for (int i = 0; i < n; ++i) {
    Word carry = 0;
    for (int j = 0; i + j < n; ++j) {
      DoubleWord p = DoubleWord(a[i]) * b[j] + r[i + j] + carry;
      r[i + j] = static_cast<Word>(p);
      carry = static_cast<Word>(p >> 64);
    }
  }
}

inline void shiftLeft(Word *v, int n, long long amount) {
  if (amount >= 64LL * n) {
    for (int i = 0; i < n; ++i)
      v[i] = 0;
    return;
  }
  int words = static_cast<int>(amount / 64), bits = static_cast<int>(amount % 64);
  for (int i = n - 1; i >= 0; --i) {
    Word hi = i - words >= 0 ? v[i - words] : 0;
    Word lo = i - words - 1 >= 0 ? v[i - words - 1] : 0;
    v[i] = bits ? (hi << bits) | (lo >> (64 - bits)) : hi;
  }
}

// Shifts right, filling with the sign bit when `arithmetic` is set.
inline void shiftRight(Word *v, int n, long long amount, bool arithmetic) {
  Word fill = arithmetic && static_cast<std::int64_t>(v[n - 1]) < 0 ? ~Word(0) : 0;
  if (amount >= 64LL * n) {
    for (int i = 0; i < n; ++i)
      v[i] = fill;
    return;
  }
  int words = static_cast<int>(amount / 64), bits = static_cast<int>(amount % 64);
  for (int i = 0; i < n; ++i) {
    Word lo = i + words < n ? v[i + words] : fill;
    Word hi = i + words + 1 < n ? v[i + words + 1] : fill;
    v[i] = bits ? (lo >> bits) | (hi << (64 - bits)) : lo;
  }
}

// Three-way comparison of two n-word values read as signed.
inline int compareSigned(const Word *a, const Word *b, int n) {
  auto ta = static_cast<std::int64_t>(a[n - 1]), tb = static_cast<std::int64_t>(b[n - 1]);
  if (ta != tb)
    return ta < tb ? -1 : 1;
  for (int i = n - 2; i >= 0; --i)
    if (a[i] != b[i])
      return a[i] < b[i] ? -1 : 1;
  return 0;
}

inline bool isZero(const Word *v, int n) {
  for (int i = 0; i < n; ++i)
    if (v[i])
      return false;
  return true;
}

inline bool testBit(const Word *v, int bit) { return (v[bit / 64] >> (bit % 64)) & 1; }

inline void assignBit(Word *v, int bit, bool value) {
  Word m = Word(1) << (bit % 64);
  v[bit / 64] = value ? (v[bit / 64] | m) : (v[bit / 64] & ~m);
}

// Unsigned long division of n-word magnitudes, bit by bit: simple and only
// used where the emitted code divides wide integers, which is rare.
inline void divideUnsigned(const Word *a, const Word *b, Word *q, Word *r, int n) {
  if (isZero(b, n))
    throw std::domain_error("ap_int: division by zero");
  for (int i = 0; i < n; ++i)
    q[i] = r[i] = 0;
  for (int bit = 64 * n - 1; bit >= 0; --bit) {
    shiftLeft(r, n, 1);
    r[0] |= testBit(a, bit) ? 1 : 0;
    bool geq = true;
    for (int i = n - 1; i >= 0; --i)
      if (r[i] != b[i]) {
        geq = r[i] > b[i];
        break;
      }
    if (geq) {
      sub(r, b, r, n);
      assignBit(q, bit, true);
    }
  }
}

// Divides an n-word magnitude in place by a small divisor, returning the rest.
inline unsigned divideSmall(Word *v, int n, unsigned divisor) {
  DoubleWord rest = 0;
  for (int i = n - 1; i >= 0; --i) {
    DoubleWord cur = (rest << 64) | v[i];
    v[i] = static_cast<Word>(cur / divisor);
    rest = cur % divisor;
  }
  return static_cast<unsigned>(rest);
}

} // namespace streamtensor::sim::apwords

#endif
