#include "streamtensor/host/LayerBinding.h"
#include "streamtensor/host/ParamFile.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace {

using namespace streamtensor::host;
using testing::HasSubstr;

class ParamFileTest : public testing::Test {
protected:
  void SetUp() override {
    dir_ = std::filesystem::path(testing::TempDir()) /
           ("params-" + std::to_string(getpid()) + "-" +
            testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string path(const std::string &name) const { return (dir_ / name).string(); }

  std::vector<char> bytes(const std::string &file) const {
    std::ifstream in(file, std::ios::binary);
    return std::vector<char>(std::istreambuf_iterator<char>(in), {});
  }
  void store(const std::string &file, const std::vector<char> &data) const {
    std::ofstream(file, std::ios::binary).write(data.data(), data.size());
  }
  // Writes a valid two-tensor file and returns its path.
  std::string sample() const {
    std::vector<float> w(6);
    for (int i = 0; i < 6; ++i)
      w[i] = 0.5f * i;
    std::uint8_t nibbles[3] = {0x21, 0x43, 0x05};
    ParamFileWriter writer;
    writer.add("layers.0.weight", DType::F32, {2, 3}, w.data(), w.size() * 4);
    writer.add("layers.0.q4", DType::I4, {5}, nibbles, 3);
    std::string p = path("sample.stparams");
    writer.write(p);
    return p;
  }
  void expectOpenError(const std::string &file, const std::string &message) const {
    try {
      ParamFile::open(file);
      ADD_FAILURE() << "opened a bad file";
    } catch (const ParamFileError &e) {
      EXPECT_THAT(e.what(), HasSubstr(message));
    }
  }

  std::filesystem::path dir_;
};

TEST_F(ParamFileTest, RoundTripsTensors) {
  ParamFile file = ParamFile::open(sample());
  ASSERT_EQ(file.tensors().size(), 2u);
  const TensorInfo &w = file.get("layers.0.weight");
  EXPECT_EQ(w.dtype, DType::F32);
  EXPECT_EQ(w.shape, (std::vector<std::uint64_t>{2, 3}));
  EXPECT_EQ(w.bytes, 24u);
  EXPECT_EQ(w.offset % kParamAlignment, 0u);
  float back[6];
  std::memcpy(back, file.data(w), sizeof back);
  EXPECT_EQ(back[5], 2.5f);
  const TensorInfo &q = file.get("layers.0.q4");
  EXPECT_EQ(q.dtype, DType::I4);
  EXPECT_EQ(q.bytes, 3u);
  EXPECT_EQ(q.offset % kParamAlignment, 0u);
  EXPECT_EQ(file.data(q)[1], 0x43);
  EXPECT_EQ(file.find("missing"), nullptr);
  EXPECT_THROW(file.get("missing"), ParamFileError);
}

TEST_F(ParamFileTest, LayoutMatchesTheDocumentedHeader) {
  std::vector<char> raw = bytes(sample());
  ASSERT_GE(raw.size(), 32u);
  EXPECT_EQ(std::string(raw.data(), 8), "STPARAMS");
  EXPECT_EQ(raw[8], 1);  // version, little-endian
  EXPECT_EQ(raw[12], 2); // tensor count
  EXPECT_EQ(raw.size() % kParamAlignment, 0u);
  std::uint64_t dataOffset = 0, fileSize = 0;
  for (int i = 0; i < 8; ++i) {
    dataOffset |= std::uint64_t(std::uint8_t(raw[16 + i])) << (8 * i);
    fileSize |= std::uint64_t(std::uint8_t(raw[24 + i])) << (8 * i);
  }
  EXPECT_EQ(dataOffset, 4096u);
  EXPECT_EQ(fileSize, raw.size());
  // First index record: name length, name, dtype, rank.
  EXPECT_EQ(raw[32], 15);
  EXPECT_EQ(std::string(raw.data() + 36, 15), "layers.0.weight");
  EXPECT_EQ(raw[51], 1); // f32
  EXPECT_EQ(raw[52], 2); // rank
}

TEST_F(ParamFileTest, RejectsCorruptFiles) {
  std::string good = sample();
  std::vector<char> raw = bytes(good);

  std::vector<char> magic = raw;
  magic[0] = 'X';
  store(path("magic"), magic);
  expectOpenError(path("magic"), "bad magic");

  std::vector<char> version = raw;
  version[8] = 9;
  store(path("version"), version);
  expectOpenError(path("version"), "unsupported version 9");

  store(path("truncated"), std::vector<char>(raw.begin(), raw.end() - 100));
  expectOpenError(path("truncated"), "truncated or padded");

  std::vector<char> dtype = raw;
  dtype[51] = 77;
  store(path("dtype"), dtype);
  expectOpenError(path("dtype"), "unknown dtype code 77");

  std::vector<char> reserved = raw;
  reserved[53] = 9; // the two bytes after rank must be zero
  store(path("reserved"), reserved);
  expectOpenError(path("reserved"), "reserved");

  std::vector<char> dims = raw;
  dims[55] = 4; // shape 4x3 no longer matches the 24 stored bytes
  store(path("dims"), dims);
  expectOpenError(path("dims"), "stores 24 bytes but its shape and dtype need 48");

  std::vector<char> offset = raw;
  offset[55 + 16] = 1; // offset of the first tensor, now misaligned
  store(path("offset"), offset);
  expectOpenError(path("offset"), "misaligned or outside");

  expectOpenError(path("absent"), "cannot open");
  store(path("tiny"), {'S', 'T'});
  expectOpenError(path("tiny"), "too small");
}

TEST_F(ParamFileTest, WriterRejectsInconsistentTensors) {
  ParamFileWriter writer;
  float x[4] = {};
  EXPECT_THROW(writer.add("x", DType::F32, {4}, x, 12), ParamFileError);
  writer.add("x", DType::F32, {4}, x, 16);
  EXPECT_THROW(writer.add("x", DType::F32, {4}, x, 16), ParamFileError);
  EXPECT_THROW(writer.add("", DType::F32, {4}, x, 16), ParamFileError);
  EXPECT_THROW(writer.add("y", static_cast<DType>(99), {4}, x, 16), ParamFileError);
  EXPECT_THROW(writer.write(path("no-such-dir/out")), ParamFileError);
}

TEST_F(ParamFileTest, EmptyAndScalarTensors) {
  ParamFileWriter writer;
  float one = 1.0f;
  writer.add("scalar", DType::F32, {}, &one, 4);
  writer.add("empty", DType::BF16, {0, 7}, nullptr, 0);
  writer.write(path("edge"));
  ParamFile file = ParamFile::open(path("edge"));
  EXPECT_EQ(file.get("scalar").elements(), 1u);
  EXPECT_EQ(file.get("empty").bytes, 0u);
}

TEST(DTypeTest, NamesAndSizes) {
  DType t;
  ASSERT_TRUE(parseDType("bf16", t));
  EXPECT_EQ(t, DType::BF16);
  EXPECT_STREQ(dtypeName(DType::U4), "u4");
  EXPECT_FALSE(parseDType("f8", t));
  EXPECT_EQ(storageBytes(DType::I4, 5), 3u);
  EXPECT_EQ(storageBytes(DType::F64, 3), 24u);
}

TEST_F(ParamFileTest, BindsLayerTensors) {
  ParamFileWriter writer;
  float v = 0;
  for (int layer = 0; layer < 3; ++layer) {
    writer.add("h." + std::to_string(layer) + ".w", DType::F32, {1}, &v, 4);
    writer.add("h." + std::to_string(layer) + ".b", DType::F32, {1}, &v, 4);
  }
  writer.add("h.3.w", DType::F32, {1}, &v, 4); // layer 3 lacks its bias
  writer.write(path("layers"));
  ParamFile file = ParamFile::open(path("layers"));
  std::vector<WeightBinding> bindings = {{2, "h.{layer}.w"}, {3, "h.{layer}.b"}};
  EXPECT_EQ(expandLayerPattern("h.{layer}.x.{layer}", 12), "h.12.x.12");
  EXPECT_EQ(countLayers(file, bindings), 3u);
  auto tensors = resolveLayerTensors(file, bindings, 3);
  EXPECT_EQ(tensors[2][1]->name, "h.2.b");
  try {
    resolveLayerTensors(file, bindings, 4);
    ADD_FAILURE() << "resolved a missing tensor";
  } catch (const ParamFileError &e) {
    EXPECT_THAT(e.what(), HasSubstr("no tensor named 'h.3.b'"));
  }
  EXPECT_THROW(countLayers(file, {{2, "h.0.w"}}), ParamFileError);
}

} // namespace
