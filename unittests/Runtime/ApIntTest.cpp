#include <ap_int.h>

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <random>

namespace {

__extension__ typedef unsigned __int128 U128;

TEST(ApIntTest, ConstructionWrapsToWidth) {
  EXPECT_EQ(ap_uint<8>(300), 44);
  EXPECT_EQ(ap_int<8>(200), -56);
  EXPECT_EQ(ap_uint<8>(-1), 255);
  EXPECT_EQ(ap_int<3>(4), -4);
  EXPECT_EQ(ap_uint<1>(3), 1);
  EXPECT_EQ(ap_uint<65>(-1).to_string(16), "1ffffffffffffffff");
  EXPECT_EQ(ap_int<65>(-1).to_string(), "-1");
}

TEST(ApIntTest, ArithmeticResultsAreWideUntilAssigned) {
  ap_uint<8> a = 200, b = 100;
  ap_uint<8> wrapped = a + b;
  EXPECT_EQ(wrapped, 44);
  EXPECT_EQ(a + b, 300);
  EXPECT_EQ((a + b) >> 1, 150);
  EXPECT_EQ(b - a, -100);
  ap_uint<8> difference = b - a;
  EXPECT_EQ(difference, 156);
  EXPECT_EQ(a * b, 20000);
  ap_uint<8> product = a * b;
  EXPECT_EQ(product, 20000 % 256);
}

TEST(ApIntTest, CompoundAssignmentWraps) {
  ap_uint<4> c = 15;
  ++c;
  EXPECT_EQ(c, 0);
  c -= 1;
  EXPECT_EQ(c, 15);
  ap_int<8> s = 127;
  s += 1;
  EXPECT_EQ(s, -128);
  s *= 3;
  EXPECT_EQ(s, -128);
}

TEST(ApIntTest, MatchesInt128Arithmetic) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 2000; ++i) {
    U128 x = (U128(rng()) << 64) | rng(), y = (U128(rng()) << 64) | rng();
    ap_uint<128> a, b;
    a.range(127, 64) = static_cast<std::uint64_t>(x >> 64);
    a.range(63, 0) = static_cast<std::uint64_t>(x);
    b.range(127, 64) = static_cast<std::uint64_t>(y >> 64);
    b.range(63, 0) = static_cast<std::uint64_t>(y);
    auto check = [](const ap_uint<128> &v, U128 expect) {
      EXPECT_EQ(v.range(63, 0).to_uint64(), static_cast<std::uint64_t>(expect));
      EXPECT_EQ(v.range(127, 64).to_uint64(), static_cast<std::uint64_t>(expect >> 64));
    };
    check(a + b, x + y);
    check(a - b, x - y);
    check(a * b, x * y);
    check(a ^ b, x ^ y);
    check(a << 37, x << 37);
    check(a >> 71, x >> 71);
    if (y != 0) {
      check(a / b, x / y);
      check(a % b, x % y);
    }
    EXPECT_EQ(a < b, x < y);
  }
}

TEST(ApIntTest, WideValuesWrapAround) {
  ap_uint<512> one = 1;
  ap_uint<512> top = one << 511;
  EXPECT_TRUE(top.test(511));
  ap_uint<512> doubled = top + top;
  EXPECT_TRUE(doubled.iszero());
  ap_uint<512> all = ~ap_uint<512>(0);
  ap_uint<512> next = all + 1;
  EXPECT_TRUE(next.iszero());
  EXPECT_EQ(all.to_string(16), std::string(128, 'f'));
  EXPECT_EQ((one << 100).to_string(), "1267650600228229401496703205376");
  ap_uint<512> parsed(("0x" + std::string(128, 'f')).c_str());
  EXPECT_EQ(parsed, all);
}

TEST(ApIntTest, RangeReadWriteAcrossWords) {
  ap_uint<512> w = 0;
  w.range(95, 32) = 0x1122334455667788ULL;
  EXPECT_EQ(w.range(95, 32).to_uint64(), 0x1122334455667788ULL);
  EXPECT_EQ(w.range(31, 0), 0u);
  EXPECT_EQ(w.range(127, 96), 0u);
  EXPECT_EQ(w(63, 32), 0x55667788u);
  w(511, 504) = 0xAB;
  EXPECT_EQ(w.range(511, 504), 0xABu);
  // Writing a narrower range truncates the value.
  w.range(3, 0) = 0x1F;
  EXPECT_EQ(w.range(7, 0), 0x0Fu);
  const ap_uint<512> &constant = w;
  EXPECT_EQ(constant.range(95, 64).to_uint(), 0x11223344u);
}

TEST(ApIntTest, RangeOfSignedValueIsZeroExtended) {
  ap_int<16> v = -1;
  EXPECT_EQ(v.range(7, 0), 255u);
  v.range(15, 8) = 0;
  EXPECT_EQ(v, 255);
  v.range(15, 15) = 1;
  EXPECT_EQ(v, -32768 + 255);
}

TEST(ApIntTest, ReversedRangeReversesBits) {
  ap_uint<8> v = 0b00000011;
  EXPECT_EQ(v.range(0, 7), 0b11000000u);
  v.range(0, 3) = 0b0001;
  EXPECT_EQ(v.range(3, 0), 0b1000u);
}

TEST(ApIntTest, OutOfRangeSliceThrows) {
  ap_uint<16> v = 0;
  EXPECT_THROW(v.range(16, 0), std::out_of_range);
  EXPECT_THROW(v.range(3, -1), std::out_of_range);
  EXPECT_THROW(v[16], std::out_of_range);
}

TEST(ApIntTest, PacksFloatBitsIntoMemoryWord) {
  float lanes[16];
  for (int i = 0; i < 16; ++i)
    lanes[i] = -1.5f + 0.37f * i;
  ap_uint<512> word;
  for (int i = 0; i < 16; ++i) {
    union {
      float f;
      std::uint32_t u;
    } bits;
    bits.f = lanes[i];
    word.range(32 * i + 31, 32 * i) = bits.u;
  }
  for (int i = 0; i < 16; ++i) {
    union {
      std::uint32_t u;
      float f;
    } bits;
    bits.u = word.range(32 * i + 31, 32 * i).to_uint();
    EXPECT_EQ(bits.f, lanes[i]);
  }
  std::uint32_t firstBits;
  std::memcpy(&firstBits, &lanes[0], 4);
  EXPECT_EQ(word.range(31, 0), firstBits);
}

TEST(ApIntTest, MixedSignComparison) {
  EXPECT_TRUE(ap_int<8>(-1) < ap_uint<8>(1));
  EXPECT_TRUE(ap_uint<64>(~0ULL) > ap_int<64>(-1));
  EXPECT_TRUE(ap_int<70>(-5) < 0);
  EXPECT_TRUE(3u > ap_int<4>(-8));
  EXPECT_EQ(ap_uint<200>(7), ap_int<9>(7));
}

TEST(ApIntTest, ShiftsKeepWidth) {
  EXPECT_EQ(ap_int<8>(-128) >> 7, -1);
  EXPECT_EQ(ap_uint<8>(128) >> 7, 1);
  EXPECT_EQ(ap_uint<8>(0x81) << 1, 2);
  EXPECT_EQ(ap_uint<8>(1) << 8, 0);
  EXPECT_EQ(ap_uint<8>(4) << -1, 2);
  ap_uint<8> amount = 3;
  EXPECT_EQ(ap_uint<16>(1) << amount, 8);
}

TEST(ApIntTest, DivisionFollowsCSemantics) {
  EXPECT_EQ(ap_int<16>(-7) / ap_int<16>(2), -3);
  EXPECT_EQ(ap_int<16>(-7) % ap_int<16>(2), -1);
  EXPECT_EQ(ap_uint<16>(65535) / 5, 13107);
  EXPECT_THROW(ap_uint<16>(1) / ap_uint<16>(0), std::domain_error);
}

TEST(ApIntTest, ConvertsToAndFromBuiltins) {
  int i = ap_uint<8>(200);
  EXPECT_EQ(i, 200);
  long long n = ap_int<8>(-3);
  EXPECT_EQ(n, -3);
  EXPECT_EQ(ap_uint<8>(3.9), 3);
  EXPECT_EQ(ap_int<8>(-3.9), -3);
  EXPECT_EQ(ap_int<70>(-1e20).to_double(), -1e20);
  EXPECT_EQ(ap_uint<512>(std::ldexp(1.0, 300)).to_double(), std::ldexp(1.0, 300));
  EXPECT_FLOAT_EQ(ap_uint<10>(1000).to_float(), 1000.0f);
  EXPECT_EQ(ap_uint<12>(4095).to_int(), 4095);
  int table[4] = {10, 11, 12, 13};
  EXPECT_EQ(table[ap_uint<2>(3)], 13);
}

TEST(ApIntTest, BitReferences) {
  ap_uint<70> v = 0;
  v[69] = 1;
  v[3] = true;
  EXPECT_TRUE(v[69]);
  EXPECT_FALSE(v[68]);
  EXPECT_EQ(v.range(3, 0), 8u);
  v.clear(69);
  EXPECT_EQ(v, 8);
}

TEST(ApIntTest, ParsesStringsAndRejectsGarbage) {
  EXPECT_EQ(ap_int<16>("-42"), -42);
  EXPECT_EQ(ap_uint<8>("0b1010"), 10);
  EXPECT_EQ(ap_uint<8>("ff", 16), 255);
  EXPECT_THROW(ap_uint<8>("12z"), std::invalid_argument);
  EXPECT_THROW(ap_uint<8>(""), std::invalid_argument);
}

} // namespace
