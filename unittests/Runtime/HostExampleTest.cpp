// Runs the example host program the way a user would on a machine without
// an Alveo card.
#include "streamtensor/host/ParamFile.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using namespace streamtensor::host;
using testing::HasSubstr;

struct Outcome {
  int status;
  std::string output;
};

Outcome runExample(const std::string &args) {
  std::string command = std::string(STREAMTENSOR_HOST_EXAMPLE) + " " + args + " 2>&1";
  Outcome out{-1, ""};
  FILE *pipe = popen(command.c_str(), "r");
  if (!pipe)
    return out;
  char buffer[512];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe))
    out.output.append(buffer, n);
  int raw = pclose(pipe);
  out.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return out;
}

class HostExampleTest : public testing::Test {
protected:
  void SetUp() override {
    dir_ = std::filesystem::path(testing::TempDir()) /
           ("host-" + std::to_string(getpid()) + "-" +
            testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    float w[4] = {1, 2, 3, 4}, b[2] = {0.5f, -0.5f};
    ParamFileWriter writer;
    for (int layer = 0; layer < 2; ++layer) {
      writer.add("layers." + std::to_string(layer) + ".weight", DType::F32, {2, 2}, w, 16);
      writer.add("layers." + std::to_string(layer) + ".bias", DType::F32, {2}, b, 8);
    }
    writer.write(path("params"));
    std::ofstream(path("input"), std::ios::binary).write(reinterpret_cast<char *>(b), 8);
    std::ofstream(path("design.xclbin"), std::ios::binary) << "not a real xclbin";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string path(const std::string &name) const { return (dir_ / name).string(); }
  std::string files(const std::string &params) const {
    return path("design.xclbin") + " " + params + " " + path("input") + " " + path("output");
  }

  std::filesystem::path dir_;
};

TEST_F(HostExampleTest, WithoutCardReportsNoDevice) {
  Outcome r = runExample(files(path("params")));
  if (r.output.find("cannot load xclbin") != std::string::npos)
    GTEST_SKIP() << "an Alveo card is present: " << r.output;
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("error: no device: cannot open Alveo device 0"));
  EXPECT_FALSE(std::filesystem::exists(path("output")));
}

TEST_F(HostExampleTest, BadParameterFileFailsBeforeTheDevice) {
  std::ofstream(path("garbage"), std::ios::binary) << std::string(64, 'x');
  Outcome r = runExample(files(path("garbage")));
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_THAT(r.output, HasSubstr("bad magic"));
}

TEST_F(HostExampleTest, MissingArgumentsPrintUsage) {
  Outcome r = runExample("");
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.output, HasSubstr("usage:"));
}

} // namespace
