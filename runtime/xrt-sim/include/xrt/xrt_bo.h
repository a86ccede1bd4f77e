// xrt::bo of the simulated device (runtime/xrt-sim): a buffer object is
// host memory shared by the host program and the simulated kernels, so
// sync() only checks its range.
#ifndef STREAMTENSOR_XRT_SIM_XRT_BO_H
#define STREAMTENSOR_XRT_SIM_XRT_BO_H

#include "xrt/xrt_device.h"

#include <cstddef>
#include <cstdint>
#include <memory>

enum xclBOSyncDirection {
  XCL_BO_SYNC_BO_TO_DEVICE = 0,
  XCL_BO_SYNC_BO_FROM_DEVICE,
};

namespace xrt {

using memory_group = std::uint32_t;

class bo {
public:
  bo() = default;
  // `bytes` zeroed bytes on `dev`; the memory group is accepted and ignored
  // (the simulated device has one memory).
  bo(const device &dev, std::size_t bytes, memory_group group);

  void write(const void *src, std::size_t size, std::size_t seek);
  void write(const void *src) { write(src, size(), 0); }
  void read(void *dst, std::size_t size, std::size_t skip);
  void read(void *dst) { read(dst, size(), 0); }
  void sync(xclBOSyncDirection dir, std::size_t size, std::size_t offset);
  void sync(xclBOSyncDirection dir) { sync(dir, size(), 0); }
  // Copies `size` bytes of `src` from `src_offset` to `dst_offset` here.
  void copy(const bo &src, std::size_t size, std::size_t src_offset = 0,
            std::size_t dst_offset = 0);
  std::size_t size() const;
  std::uint64_t address() const;
  template <typename T> T map() { return reinterpret_cast<T>(data()); }

  // The buffer's memory, for the simulated kernels.
  void *data() const;
  explicit operator bool() const { return static_cast<bool>(storage_); }

private:
  struct Storage;
  std::shared_ptr<Storage> storage_;
};

} // namespace xrt

#endif
