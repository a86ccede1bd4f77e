// The part of XRT's xrt::uuid that StreamTensor host programs use, for the
// simulated device (runtime/xrt-sim). Programs include it as they would
// XRT's own header; see docs/host.md.
#ifndef STREAMTENSOR_XRT_SIM_XRT_UUID_H
#define STREAMTENSOR_XRT_SIM_XRT_UUID_H

#include <string>

namespace xrt {

// Identifies a loaded xclbin; here, the path it was loaded from.
class uuid {
public:
  uuid() = default;
  explicit uuid(std::string id) : id_(std::move(id)) {}
  std::string to_string() const { return id_; }
  explicit operator bool() const { return !id_.empty(); }
  bool operator==(const uuid &other) const { return id_ == other.id_; }

private:
  std::string id_;
};

} // namespace xrt

#endif
