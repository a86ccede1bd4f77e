#include "streamtensor/host/ParamFile.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <set>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace streamtensor::host {

namespace {

// Bounds-checked little-endian cursor over the mapped header and index.
class Cursor {
public:
  Cursor(const std::uint8_t *base, std::uint64_t end, const std::string &path)
      : base_(base), end_(end), path_(path) {}

  std::uint64_t pos() const { return pos_; }
  void seek(std::uint64_t pos) { pos_ = pos; }

  std::uint64_t uint(unsigned bytes, const char *what) {
    need(bytes, what);
    std::uint64_t v = 0;
    for (unsigned i = 0; i < bytes; ++i)
      v |= std::uint64_t(base_[pos_ + i]) << (8 * i);
    pos_ += bytes;
    return v;
  }
  std::string text(std::uint64_t bytes, const char *what) {
    need(bytes, what);
    std::string s(reinterpret_cast<const char *>(base_ + pos_), bytes);
    pos_ += bytes;
    return s;
  }
  [[noreturn]] void fail(const std::string &message) const {
    throw ParamFileError(path_ + ": " + message);
  }

private:
  void need(std::uint64_t bytes, const char *what) const {
    if (pos_ > end_ || bytes > end_ - pos_)
      fail(std::string("truncated index: ") + what + " at byte " + std::to_string(pos_) +
           " runs past byte " + std::to_string(end_));
  }

  const std::uint8_t *base_;
  std::uint64_t end_;
  std::uint64_t pos_ = 0;
  const std::string &path_;
};

} // namespace

ParamFile ParamFile::open(const std::string &path) {
  ParamFile file;
  file.path_ = path;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw ParamFileError(path + ": cannot open: " + std::strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw ParamFileError(path + ": not a regular file");
  }
  file.size_ = static_cast<std::size_t>(st.st_size);
  if (file.size_ < kParamHeaderBytes) {
    ::close(fd);
    throw ParamFileError(path + ": " + std::to_string(file.size_) +
                         " bytes is too small for a parameter file header");
  }
  void *map = mmap(nullptr, file.size_, PROT_READ, MAP_PRIVATE, fd, 0);
  int mapErrno = errno;
  ::close(fd);
  if (map == MAP_FAILED)
    throw ParamFileError(path + ": cannot map: " + std::strerror(mapErrno));
  file.base_ = static_cast<const std::uint8_t *>(map);

  Cursor in(file.base_, file.size_, path);
  if (std::memcmp(file.base_, kParamMagic, sizeof kParamMagic) != 0)
    in.fail("not a StreamTensor parameter file (bad magic)");
  in.seek(sizeof kParamMagic);
  auto version = in.uint(4, "version");
  if (version != kParamVersion)
    in.fail("unsupported version " + std::to_string(version) + " (this reader knows " +
            std::to_string(kParamVersion) + ")");
  auto count = in.uint(4, "tensor count");
  auto dataOffset = in.uint(8, "data offset");
  auto fileSize = in.uint(8, "file size");
  if (fileSize != file.size_)
    in.fail("header says " + std::to_string(fileSize) + " bytes but the file has " +
            std::to_string(file.size_) + " (truncated or padded?)");
  if (dataOffset % kParamAlignment || dataOffset < kParamHeaderBytes || dataOffset > file.size_)
    in.fail("data offset " + std::to_string(dataOffset) +
            " is not a 4096-aligned position inside the file");

  Cursor index(file.base_, dataOffset, path);
  index.seek(kParamHeaderBytes);
  std::set<std::string> names;
  for (std::uint64_t t = 0; t < count; ++t) {
    TensorInfo info;
    auto nameBytes = index.uint(4, "name length");
    if (nameBytes == 0 || nameBytes > kParamMaxNameBytes)
      index.fail("tensor " + std::to_string(t) + " has a name of " +
                 std::to_string(nameBytes) + " bytes (allowed 1.." +
                 std::to_string(kParamMaxNameBytes) + ")");
    info.name = index.text(nameBytes, "name");
    if (!names.insert(info.name).second)
      index.fail("tensor '" + info.name + "' appears twice");
    auto code = index.uint(1, "dtype");
    if (!isValidDType(static_cast<std::uint8_t>(code)))
      index.fail("tensor '" + info.name + "' has unknown dtype code " + std::to_string(code));
    info.dtype = static_cast<DType>(code);
    auto rank = index.uint(1, "rank");
    if (rank > kParamMaxRank)
      index.fail("tensor '" + info.name + "' has rank " + std::to_string(rank) +
                 " (at most " + std::to_string(kParamMaxRank) + ")");
    if (index.uint(2, "reserved") != 0)
      index.fail("tensor '" + info.name + "' has non-zero reserved bytes");
    for (std::uint64_t d = 0; d < rank; ++d)
      info.shape.push_back(index.uint(8, "dimension"));
    info.offset = index.uint(8, "offset");
    info.bytes = index.uint(8, "byte size");
    std::uint64_t expect = 0;
    try {
      expect = storageBytes(info.dtype, info.elements());
    } catch (const ParamFileError &e) {
      index.fail(e.what());
    }
    if (info.bytes != expect)
      index.fail("tensor '" + info.name + "' stores " + std::to_string(info.bytes) +
                 " bytes but its shape and dtype need " + std::to_string(expect));
    if (info.offset % kParamAlignment || info.offset < dataOffset ||
        info.offset > file.size_ || info.bytes > file.size_ - info.offset)
      index.fail("tensor '" + info.name + "' at offset " + std::to_string(info.offset) +
                 " with " + std::to_string(info.bytes) +
                 " bytes is misaligned or outside the data region");
    file.tensors_.push_back(std::move(info));
  }

  std::vector<const TensorInfo *> byOffset;
  for (const TensorInfo &t : file.tensors_)
    byOffset.push_back(&t);
  std::sort(byOffset.begin(), byOffset.end(),
            [](const TensorInfo *a, const TensorInfo *b) { return a->offset < b->offset; });
  for (std::size_t i = 1; i < byOffset.size(); ++i)
    if (byOffset[i - 1]->offset + byOffset[i - 1]->bytes > byOffset[i]->offset)
      in.fail("tensors '" + byOffset[i - 1]->name + "' and '" + byOffset[i]->name +
              "' overlap");
  return file;
}

ParamFile::ParamFile(ParamFile &&other) noexcept { *this = std::move(other); }

ParamFile &ParamFile::operator=(ParamFile &&other) noexcept {
  if (this != &other) {
    release();
    path_ = std::move(other.path_);
    base_ = other.base_;
    size_ = other.size_;
    tensors_ = std::move(other.tensors_);
    other.base_ = nullptr;
    other.size_ = 0;
  }
  return *this;
}

ParamFile::~ParamFile() { release(); }

void ParamFile::release() {
  if (base_)
    munmap(const_cast<std::uint8_t *>(base_), size_);
  base_ = nullptr;
}

const TensorInfo *ParamFile::find(const std::string &name) const {
  for (const TensorInfo &t : tensors_)
    if (t.name == name)
      return &t;
  return nullptr;
}

const TensorInfo &ParamFile::get(const std::string &name) const {
  if (const TensorInfo *t = find(name))
    return *t;
  throw ParamFileError(path_ + ": no tensor named '" + name + "'");
}

} // namespace streamtensor::host
