#include "streamtensor/host/ParamFile.h"

#include <limits>

namespace streamtensor::host {

namespace {

struct DTypeEntry {
  DType dtype;
  const char *name;
  unsigned bits;
};

constexpr DTypeEntry kDTypes[] = {
    {DType::F32, "f32", 32}, {DType::F16, "f16", 16}, {DType::BF16, "bf16", 16},
    {DType::F64, "f64", 64}, {DType::I8, "i8", 8},    {DType::U8, "u8", 8},
    {DType::I16, "i16", 16}, {DType::U16, "u16", 16}, {DType::I32, "i32", 32},
    {DType::U32, "u32", 32}, {DType::I64, "i64", 64}, {DType::U64, "u64", 64},
    {DType::I4, "i4", 4},    {DType::U4, "u4", 4},
};

const DTypeEntry *lookup(DType dtype) {
  for (const DTypeEntry &e : kDTypes)
    if (e.dtype == dtype)
      return &e;
  return nullptr;
}

} // namespace

bool isValidDType(std::uint8_t code) { return lookup(static_cast<DType>(code)) != nullptr; }

const char *dtypeName(DType dtype) {
  const DTypeEntry *e = lookup(dtype);
  return e ? e->name : "invalid";
}

bool parseDType(const std::string &name, DType &out) {
  for (const DTypeEntry &e : kDTypes)
    if (name == e.name) {
      out = e.dtype;
      return true;
    }
  return false;
}

std::uint64_t storageBytes(DType dtype, std::uint64_t elements) {
  const DTypeEntry *e = lookup(dtype);
  if (!e)
    throw ParamFileError("invalid dtype code " + std::to_string(unsigned(dtype)));
  if (elements > std::numeric_limits<std::uint64_t>::max() / e->bits)
    throw ParamFileError("tensor too large");
  return (elements * e->bits + 7) / 8;
}

std::uint64_t TensorInfo::elements() const {
  std::uint64_t n = 1;
  for (std::uint64_t d : shape) {
    if (d && n > std::numeric_limits<std::uint64_t>::max() / d)
      throw ParamFileError("tensor '" + name + "': shape overflows 64 bits");
    n *= d;
  }
  return n;
}

} // namespace streamtensor::host
