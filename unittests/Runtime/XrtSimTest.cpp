// The simulated XRT device (runtime/xrt-sim) behind the host library, and the
// host-side helpers of generation programs.
#include "streamtensor_port_order.h"
#include "streamtensor/host/Accelerator.h"
#include "streamtensor/host/Generation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>

using namespace streamtensor::host;
using ::testing::HasSubstr;

namespace {

std::string writeXclbin(const std::string &name, const std::string &text) {
  std::string path = ::testing::TempDir() + name;
  std::ofstream(path) << text;
  return path;
}

std::string goodXclbin() {
  return writeXclbin("good.xclbin", "streamtensor-simulated-xclbin 1\n"
                                    "kernel scale " STREAMTENSOR_XRT_SIM_TEST_KERNELS "\n"
                                    "kernel times " STREAMTENSOR_XRT_SIM_TEST_KERNELS " scale\n"
                                    "kernel broken " STREAMTENSOR_XRT_SIM_TEST_KERNELS "\n");
}

template <typename F> std::string errorOf(F &&f) {
  try {
    f();
  } catch (const std::exception &e) {
    return e.what();
  }
  return "no error";
}

TEST(XrtSim, RunsAKernelThroughTheHostLibrary) {
  for (const char *name : {"scale", "times"}) {
    Accelerator accel(0, goodXclbin(), name);
    float in[4] = {1, 2, 3, 4}, out[4] = {};
    xrt::bo inBo = accel.upload(0, in, sizeof(in));
    xrt::bo outBo = accel.allocate(1, sizeof(out));
    accel.run({inBo, outBo, 2.5f}, std::chrono::seconds(1));
    accel.download(outBo, out, sizeof(out));
    EXPECT_EQ(out[0], 2.5f);
    EXPECT_EQ(out[3], 10.0f);
  }
}

TEST(XrtSim, RefusesWhatACardWouldRefuse) {
  EXPECT_THAT(errorOf([] { xrt::device(1); }), HasSubstr("device 0 only"));
  xrt::device device(0);
  std::string real = writeXclbin("real.xclbin", "xclbin2");
  EXPECT_THAT(errorOf([&] { device.load_xclbin(real); }), HasSubstr("not a simulated xclbin"));
  std::string missing = writeXclbin("missing.xclbin", "streamtensor-simulated-xclbin 1\n"
                                                      "kernel k /nonexistent/k.so\n");
  EXPECT_THAT(errorOf([&] { device.load_xclbin(missing); }),
              HasSubstr("cannot load kernel library '/nonexistent/k.so'"));
  std::string bad = writeXclbin("bad.xclbin", "streamtensor-simulated-xclbin 1\nkernal k x\n");
  EXPECT_THAT(errorOf([&] { device.load_xclbin(bad); }), HasSubstr("bad.xclbin:2: expected"));
  std::string unknown = writeXclbin(
      "unknown.xclbin",
      "streamtensor-simulated-xclbin 1\nkernel k " STREAMTENSOR_XRT_SIM_TEST_KERNELS " nope\n");
  EXPECT_THAT(errorOf([&] { device.load_xclbin(unknown); }), HasSubstr("has no kernel 'nope'"));

  xrt::uuid id = device.load_xclbin(goodXclbin());
  EXPECT_THAT(errorOf([&] { xrt::kernel(device, id, "absent"); }),
              HasSubstr("no kernel 'absent'"));
  xrt::kernel kernel(device, id, "scale");
  EXPECT_THAT(errorOf([&] { kernel.group_id(3); }), HasSubstr("no argument 3"));

  xrt::bo bo(device, 16, kernel.group_id(0));
  char bytes[32] = {};
  EXPECT_THAT(errorOf([&] { bo.write(bytes, 8, 12); }), HasSubstr("outside a buffer of 16"));
  EXPECT_THAT(errorOf([&] { bo.read(bytes, 17, 0); }), HasSubstr("outside a buffer of 16"));
  EXPECT_THAT(errorOf([&] { xrt::bo(device, 0, 0); }), HasSubstr("0 bytes"));

  xrt::run run(kernel);
  run.set_arg(0, bo);
  EXPECT_THAT(errorOf([&] { run.start(); }), HasSubstr("argument 1 of kernel 'scale' is not set"));
  EXPECT_THAT(errorOf([&] { run.set_arg(5, bo); }), HasSubstr("has no argument 5"));
}

TEST(XrtSim, AFailedKernelNamesTheSimulationsReason) {
  Accelerator accel(0, goodXclbin(), "broken");
  EXPECT_THAT(errorOf([&] { accel.run({}, std::chrono::seconds(1)); }),
              HasSubstr("kernel 'broken' failed in the simulation: deadlock"));
}

TEST(Generation, TokenIdsMasksAndChoices) {
  EXPECT_EQ(parseTokenIds("3,1,4"), (std::vector<std::int64_t>{3, 1, 4}));
  EXPECT_THAT(errorOf([] { parseTokenIds("3,,4"); }), HasSubstr("got '' in '3,,4'"));
  EXPECT_THAT(errorOf([] { parseTokenIds("3,-1"); }), HasSubstr("'-1'"));

  std::vector<float> decode = decodeMask(3, 6, 2);
  ASSERT_EQ(decode.size(), 7u);
  EXPECT_TRUE(std::isinf(decode[1]));
  EXPECT_EQ(decode[2], 0.0f);
  EXPECT_TRUE(std::isinf(decode[3]));
  EXPECT_EQ(decode[6], 0.0f);
  std::vector<float> prefill = prefillMask(3, 0);
  EXPECT_EQ(prefill[1 * 3 + 0], 0.0f);
  EXPECT_TRUE(std::isinf(prefill[0 * 3 + 1]));

  float logits[4] = {0.5f, 2.0f, 2.0f, -1.0f};
  EXPECT_EQ(TokenChooser(0, 0, 0).choose(logits, 4), 1);
  TokenChooser sampler(1.0, 2, 7);
  for (int i = 0; i < 50; ++i) {
    std::int64_t token = sampler.choose(logits, 4);
    EXPECT_TRUE(token == 1 || token == 2);
  }

  // A 2x4 tensor packed in 2x2 tiles, column tiles outermost.
  std::vector<std::size_t> order = streamtensor::packedOrder({2, 4}, {1, 0}, {2, 2});
  EXPECT_EQ(order, (std::vector<std::size_t>{0, 1, 4, 5, 2, 3, 6, 7}));
}

} // namespace
