//===- TargetTest.cpp - Target description loading ------------------------===//

#include "streamtensor/Analysis/Target.h"

#include "llvm/ADT/StringExtras.h"

#include "gtest/gtest.h"

using namespace streamtensor;

namespace {

std::string parseError(llvm::StringRef text) {
  llvm::Expected<TargetDesc> target = parseTargetDesc(text, "t.json");
  if (target)
    return "";
  return llvm::toString(target.takeError());
}

/// The built-in description with one substring replaced.
std::string editDefault(llvm::StringRef from, llvm::StringRef to) {
  std::string text = getDefaultTargetJSON().str();
  size_t at = text.find(from.str());
  EXPECT_NE(at, std::string::npos) << from.str();
  if (at != std::string::npos)
    text.replace(at, from.size(), to.str());
  return text;
}

TEST(Target, DefaultIsTheU55C) {
  const TargetDesc &target = getDefaultTargetDesc();
  EXPECT_EQ(target.name, "u55c");
  EXPECT_EQ(target.clockMHz, 250);
  ASSERT_EQ(target.slrs.size(), 3u);
  SlrResources total = target.getTotalResources();
  EXPECT_EQ(total.dsps, 9024);
  EXPECT_EQ(total.bram36, 2016);
  EXPECT_EQ(total.urams, 960);
  EXPECT_EQ(total.luts, 1303680);
  // 2016 x 36 Kib + 960 x 288 Kib.
  EXPECT_EQ(target.getOnChipMemoryBytes(), 44679168);
  EXPECT_EQ(target.hbm.pseudoChannels, 32);
  EXPECT_DOUBLE_EQ(target.getChannelBytesPerCycle(), 57.5);
  EXPECT_EQ(target.getPortBytesPerCycle(), 64);
  EXPECT_DOUBLE_EQ(target.cyclesToMilliseconds(250000), 1.0);
  EXPECT_DOUBLE_EQ(target.hostLinkGBps, 12.0);
  EXPECT_DOUBLE_EQ(target.boardPowerWatts, 150);
}

TEST(Target, OperationLatencies) {
  const TargetDesc &target = getDefaultTargetDesc();
  for (llvm::StringRef type : {"f64", "f32", "i64", "i32", "i16", "i8"})
    for (llvm::StringRef op : {"add", "mul", "mac", "div", "max", "compare"})
      EXPECT_TRUE(target.getOpLatency(type, op).has_value())
          << type.str() << " " << op.str();
  for (llvm::StringRef op : {"exp", "tanh", "sqrt", "rsqrt", "cbrt", "round"}) {
    EXPECT_TRUE(target.getOpLatency("f32", op).has_value()) << op.str();
    EXPECT_FALSE(target.getOpLatency("i8", op).has_value()) << op.str();
  }
  EXPECT_TRUE(target.getOpLatency("i64", "bits").has_value());
  EXPECT_FALSE(target.getOpLatency("f32", "bits").has_value());
  EXPECT_TRUE(target.getConversionLatency("f32", "i8").has_value());
  EXPECT_TRUE(target.getConversionLatency("i64", "f32").has_value());
  EXPECT_FALSE(target.getOpLatency("f16", "add").has_value());
  EXPECT_EQ(target.getOpLatency("f32", "erf"), 30);
}

TEST(Target, EveryOperatorAndTypeIsRequired) {
  EXPECT_EQ(parseError(editDefault("\"erf\": 30,", "")),
            "t.json: $.op_latency_cycles.f32.erf: missing required field");
  EXPECT_EQ(parseError(editDefault("\"erf\": 30,", "\"erf\": -1,")),
            "t.json: $.op_latency_cycles.f32.erf: expected an integer in "
            "[0, 1048576], got -1");
  EXPECT_EQ(parseError(editDefault("\"i64_to_f32\": 6,", "")),
            "t.json: $.conversion_latency_cycles.i64_to_f32: missing required "
            "field");
  EXPECT_EQ(parseError(editDefault("\"i16\": {\"add\": {", "\"u16\": {\"add\": {")),
            "t.json: $.resource_costs.operators: needs costs for every "
            "element type; i16 is missing");
}

TEST(Target, UserFileOverridesNumbers) {
  llvm::Expected<TargetDesc> target = parseTargetDesc(
      editDefault("\"clock_mhz\": 250", "\"clock_mhz\": 300"), "user.json");
  ASSERT_TRUE(bool(target)) << llvm::toString(target.takeError());
  EXPECT_EQ(target->clockMHz, 300);
  EXPECT_NEAR(target->getChannelBytesPerCycle(), 14.375e3 / 300, 1e-9);
}

TEST(Target, ErrorsNameTheJSONPath) {
  EXPECT_EQ(parseError(editDefault("\"channel_gbps\": 14.375,", "")),
            "t.json: $.hbm.channel_gbps: missing required field");
  EXPECT_EQ(parseError(editDefault("\"read_latency_cycles\": 100",
                                   "\"read_latency_cycles\": -4")),
            "t.json: $.hbm.read_latency_cycles: expected an integer in [0, "
            "1048576], got -4");
  EXPECT_TRUE(llvm::StringRef(parseError(editDefault(
                                  "\"port_bits\"", "\"port_bit\"")))
                  .starts_with("t.json: $.hbm.port_bit: unknown field"));
  EXPECT_EQ(parseError(editDefault("\"dsp\": 3008, \"bram36\": 672, \"uram\": "
                                   "320}\n  ]",
                                   "\"dsp\": 3008, \"bram36\": 672, \"uram\": "
                                   "\"many\"}\n  ]")),
            "t.json: $.slrs[2].uram: expected an integer in [0, "
            "1099511627776], got \"many\"");
  EXPECT_EQ(parseError(editDefault("\"tanh\": 30,", "")),
            "t.json: $.op_latency_cycles.f32.tanh: missing required field");
  EXPECT_EQ(parseError("{\"name\": \"x\",\n \"clock_mhz\": }"),
            "t.json:2:15: invalid JSON: Invalid JSON value");
  EXPECT_EQ(parseError("[]"), "t.json: $: expected an object");
}

TEST(Target, MissingFile) {
  llvm::Expected<TargetDesc> target = loadTargetDesc("/nonexistent/t.json");
  ASSERT_FALSE(bool(target));
  EXPECT_TRUE(llvm::StringRef(llvm::toString(target.takeError()))
                  .starts_with("cannot read target description "
                               "'/nonexistent/t.json'"));
}

} // namespace
