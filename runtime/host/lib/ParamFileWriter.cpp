#include "streamtensor/host/ParamFile.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace streamtensor::host {

namespace {

void putUint(std::vector<std::uint8_t> &out, std::uint64_t value, unsigned bytes) {
  for (unsigned i = 0; i < bytes; ++i)
    out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

// fwrite must not see the null data() of an empty vector.
bool writeAll(std::FILE *f, const std::vector<std::uint8_t> &bytes) {
  return bytes.empty() || std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
}

std::uint64_t alignUp(std::uint64_t n) {
  return (n + kParamAlignment - 1) / kParamAlignment * kParamAlignment;
}

} // namespace

void ParamFileWriter::add(const std::string &name, DType dtype,
                          const std::vector<std::uint64_t> &shape, const void *data,
                          std::size_t bytes) {
  if (name.empty() || name.size() > kParamMaxNameBytes)
    throw ParamFileError("tensor name must have 1.." + std::to_string(kParamMaxNameBytes) +
                         " bytes");
  for (const Entry &e : entries_)
    if (e.info.name == name)
      throw ParamFileError("tensor '" + name + "' added twice");
  if (!isValidDType(static_cast<std::uint8_t>(dtype)))
    throw ParamFileError("tensor '" + name + "' has an invalid dtype");
  if (shape.size() > kParamMaxRank)
    throw ParamFileError("tensor '" + name + "' has rank " + std::to_string(shape.size()) +
                         " (at most " + std::to_string(kParamMaxRank) + ")");
  Entry entry;
  entry.info.name = name;
  entry.info.dtype = dtype;
  entry.info.shape = shape;
  entry.info.bytes = storageBytes(dtype, entry.info.elements());
  if (entry.info.bytes != bytes)
    throw ParamFileError("tensor '" + name + "' got " + std::to_string(bytes) +
                         " bytes but its shape and dtype need " +
                         std::to_string(entry.info.bytes));
  const auto *first = static_cast<const std::uint8_t *>(data);
  entry.data.assign(first, first + bytes);
  entries_.push_back(std::move(entry));
}

void ParamFileWriter::write(const std::string &path) const {
  std::uint64_t indexBytes = 0;
  for (const Entry &e : entries_)
    indexBytes += 4 + e.info.name.size() + 4 + 8 * e.info.shape.size() + 16;
  std::uint64_t dataOffset = alignUp(kParamHeaderBytes + indexBytes);
  std::vector<std::uint64_t> offsets;
  std::uint64_t end = dataOffset;
  for (const Entry &e : entries_) {
    offsets.push_back(end);
    end = alignUp(end + e.info.bytes);
  }

  std::vector<std::uint8_t> head(kParamMagic, kParamMagic + sizeof kParamMagic);
  putUint(head, kParamVersion, 4);
  putUint(head, entries_.size(), 4);
  putUint(head, dataOffset, 8);
  putUint(head, end, 8);
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const TensorInfo &t = entries_[i].info;
    putUint(head, t.name.size(), 4);
    head.insert(head.end(), t.name.begin(), t.name.end());
    putUint(head, static_cast<std::uint8_t>(t.dtype), 1);
    putUint(head, t.shape.size(), 1);
    putUint(head, 0, 2);
    for (std::uint64_t d : t.shape)
      putUint(head, d, 8);
    putUint(head, offsets[i], 8);
    putUint(head, t.bytes, 8);
  }
  head.resize(dataOffset, 0);

  std::FILE *f = std::fopen(path.c_str(), "wb");
  if (!f)
    throw ParamFileError(path + ": cannot create: " + std::strerror(errno));
  bool ok = writeAll(f, head);
  std::vector<std::uint8_t> padding;
  for (std::size_t i = 0; ok && i < entries_.size(); ++i) {
    const std::vector<std::uint8_t> &data = entries_[i].data;
    padding.assign(alignUp(offsets[i] + data.size()) - offsets[i] - data.size(), 0);
    ok = writeAll(f, data) && writeAll(f, padding);
  }
  int writeErrno = errno;
  if (std::fclose(f) != 0 && ok) {
    writeErrno = errno;
    ok = false;
  }
  if (!ok)
    throw ParamFileError(path + ": write failed: " + std::strerror(writeErrno));
}

} // namespace streamtensor::host
