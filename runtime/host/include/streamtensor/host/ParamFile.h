// Packed parameter files: every weight tensor of a design in one file whose
// tensor data start on 4 KiB boundaries, so a host program can map the file
// and copy each tensor straight into a device buffer. The byte layout is
// specified in docs/host.md; writers in other languages follow it.
#ifndef STREAMTENSOR_HOST_PARAMFILE_H
#define STREAMTENSOR_HOST_PARAMFILE_H

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace streamtensor::host {

constexpr char kParamMagic[8] = {'S', 'T', 'P', 'A', 'R', 'A', 'M', 'S'};
constexpr std::uint32_t kParamVersion = 1;
constexpr std::uint64_t kParamAlignment = 4096;
constexpr std::uint64_t kParamHeaderBytes = 32;
constexpr unsigned kParamMaxRank = 8;
constexpr std::size_t kParamMaxNameBytes = 4096;

// Codes stored in the file; never renumber.
enum class DType : std::uint8_t {
  F32 = 1,
  F16 = 2,
  BF16 = 3,
  F64 = 4,
  I8 = 5,
  U8 = 6,
  I16 = 7,
  U16 = 8,
  I32 = 9,
  U32 = 10,
  I64 = 11,
  U64 = 12,
  I4 = 13, // two per byte, element 2k in the low nibble
  U4 = 14,
};

bool isValidDType(std::uint8_t code);
const char *dtypeName(DType dtype);
// Accepts the names dtypeName returns ("f32", "bf16", "i4", ...).
bool parseDType(const std::string &name, DType &out);
// Bytes needed to store `elements` values (4-bit types round up).
std::uint64_t storageBytes(DType dtype, std::uint64_t elements);

struct TensorInfo {
  std::string name;
  DType dtype = DType::F32;
  std::vector<std::uint64_t> shape;
  std::uint64_t offset = 0; // from the start of the file, 4 KiB aligned
  std::uint64_t bytes = 0;

  std::uint64_t elements() const;
};

class ParamFileError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// A validated, read-only, memory-mapped parameter file.
class ParamFile {
public:
  // Throws ParamFileError naming the file and the first problem found.
  static ParamFile open(const std::string &path);
  ParamFile(ParamFile &&other) noexcept;
  ParamFile &operator=(ParamFile &&other) noexcept;
  ParamFile(const ParamFile &) = delete;
  ParamFile &operator=(const ParamFile &) = delete;
  ~ParamFile();

  const std::string &path() const { return path_; }
  const std::vector<TensorInfo> &tensors() const { return tensors_; }
  const TensorInfo *find(const std::string &name) const;
  // Like find, but a missing tensor is a ParamFileError.
  const TensorInfo &get(const std::string &name) const;
  const std::uint8_t *data(const TensorInfo &tensor) const { return base_ + tensor.offset; }

private:
  ParamFile() = default;
  void release();

  std::string path_;
  const std::uint8_t *base_ = nullptr;
  std::size_t size_ = 0;
  std::vector<TensorInfo> tensors_;
};

// Collects tensors and writes them as one parameter file.
class ParamFileWriter {
public:
  // Copies `data`, which must hold storageBytes(dtype, elements) bytes.
  void add(const std::string &name, DType dtype, const std::vector<std::uint64_t> &shape,
           const void *data, std::size_t bytes);
  void write(const std::string &path) const;

private:
  struct Entry {
    TensorInfo info;
    std::vector<std::uint8_t> data;
  };
  std::vector<Entry> entries_;
};

} // namespace streamtensor::host

#endif
