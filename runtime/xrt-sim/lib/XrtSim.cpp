// The simulated device behind runtime/xrt-sim's XRT headers.
//
// A simulated xclbin is a text file:
//
//   streamtensor-simulated-xclbin 1
//   kernel <name> <library> [<symbol>]
//
// one `kernel` line per kernel: <library> (relative to the xclbin's folder)
// is a shared library built from a design's kernels.cpp and xrt_sim_entry.cpp
// (`make xrt-sim` in the design folder), and <symbol> the kernel's C name in
// it when that differs from <name>. Running a kernel calls the library's
// streamtensor_xrt_sim_run with one pointer per argument: a buffer's memory,
// or the address of a scalar.
#include "xrt/xrt_bo.h"
#include "xrt/xrt_device.h"
#include "xrt/xrt_kernel.h"

#include <dlfcn.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace xrt {
namespace sim {

using ArgumentsFn = int (*)(const char *);
using RunFn = const char *(*)(const char *, void *const *);

struct Library {
  void *handle = nullptr;
  ArgumentsFn arguments = nullptr;
  RunFn run = nullptr;
  ~Library() {
    if (handle)
      dlclose(handle);
  }
};

struct KernelState {
  std::string name, symbol;
  std::shared_ptr<Library> library;
  int arguments = 0;
};

struct DeviceState {
  std::string xclbin;
  std::map<std::string, std::shared_ptr<KernelState>> kernels;
};

} // namespace sim

namespace {

constexpr const char *kMagic = "streamtensor-simulated-xclbin";

std::string folderOf(const std::string &path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

std::shared_ptr<sim::Library> openLibrary(const std::string &path) {
  auto library = std::make_shared<sim::Library>();
  library->handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!library->handle)
    throw std::runtime_error("cannot load kernel library '" + path + "': " + dlerror());
  library->arguments =
      reinterpret_cast<sim::ArgumentsFn>(dlsym(library->handle, "streamtensor_xrt_sim_arguments"));
  library->run = reinterpret_cast<sim::RunFn>(dlsym(library->handle, "streamtensor_xrt_sim_run"));
  if (!library->arguments || !library->run)
    throw std::runtime_error("'" + path +
                             "' is not a simulated kernel library (no streamtensor_xrt_sim_run)");
  return library;
}

} // namespace

device::device(unsigned int index) {
  if (index != 0)
    throw std::runtime_error("the simulated XRT has device 0 only, not " + std::to_string(index));
  state_ = std::make_shared<sim::DeviceState>();
}

uuid device::load_xclbin(const std::string &path) {
  if (!state_)
    throw std::runtime_error("load_xclbin on a device that is not open");
  std::ifstream in(path);
  if (!in)
    throw std::runtime_error("cannot read '" + path + "'");
  std::string line;
  if (!std::getline(in, line) || line != std::string(kMagic) + " 1")
    throw std::runtime_error("'" + path + "' is not a simulated xclbin (first line '" + kMagic +
                             " 1'); an xclbin built by v++ needs a card and AMD's XRT");
  std::map<std::string, std::shared_ptr<sim::KernelState>> kernels;
  std::map<std::string, std::shared_ptr<sim::Library>> libraries;
  for (unsigned number = 2; std::getline(in, line); ++number) {
    std::istringstream fields(line);
    std::string keyword, name, library, symbol, extra;
    if (!(fields >> keyword))
      continue;
    fields >> name >> library >> symbol >> extra;
    if (keyword != "kernel" || library.empty() || !extra.empty())
      throw std::runtime_error(path + ":" + std::to_string(number) +
                               ": expected 'kernel <name> <library> [<symbol>]'");
    if (kernels.count(name))
      throw std::runtime_error(path + ":" + std::to_string(number) + ": kernel '" + name +
                               "' listed twice");
    std::string libraryPath = library[0] == '/' ? library : folderOf(path) + "/" + library;
    auto &shared = libraries[libraryPath];
    if (!shared)
      shared = openLibrary(libraryPath);
    auto kernel = std::make_shared<sim::KernelState>();
    kernel->name = name;
    kernel->symbol = symbol.empty() ? name : symbol;
    kernel->library = shared;
    kernel->arguments = shared->arguments(kernel->symbol.c_str());
    if (kernel->arguments < 0)
      throw std::runtime_error(path + ":" + std::to_string(number) + ": '" + libraryPath +
                               "' has no kernel '" + kernel->symbol + "'");
    kernels[name] = kernel;
  }
  state_->xclbin = path;
  state_->kernels = std::move(kernels);
  return uuid(path);
}

uuid device::get_xclbin_uuid() const {
  return state_ ? uuid(state_->xclbin) : uuid();
}

struct bo::Storage {
  std::unique_ptr<char[]> bytes;
  std::size_t size = 0;
};

bo::bo(const device &dev, std::size_t bytes, memory_group) {
  if (!dev.state())
    throw std::runtime_error("cannot allocate a buffer on a device that is not open");
  if (bytes == 0)
    throw std::runtime_error("cannot allocate a buffer of 0 bytes");
  storage_ = std::make_shared<Storage>();
  // Kernels read words of up to 64 bytes; new[] of char is aligned for
  // every fundamental type, and the emitted code uses no wider loads.
  storage_->bytes.reset(new char[bytes]());
  storage_->size = bytes;
}

static void checkRange(const char *what, std::size_t offset, std::size_t size,
                       std::size_t total) {
  if (offset > total || size > total - offset)
    throw std::runtime_error(std::string(what) + " of " + std::to_string(size) +
                             " bytes at offset " + std::to_string(offset) +
                             " is outside a buffer of " + std::to_string(total));
}

void bo::write(const void *src, std::size_t size, std::size_t seek) {
  checkRange("write", seek, size, this->size());
  std::memcpy(storage_->bytes.get() + seek, src, size);
}

void bo::read(void *dst, std::size_t size, std::size_t skip) {
  checkRange("read", skip, size, this->size());
  std::memcpy(dst, storage_->bytes.get() + skip, size);
}

void bo::sync(xclBOSyncDirection, std::size_t size, std::size_t offset) {
  checkRange("sync", offset, size, this->size());
}

void bo::copy(const bo &src, std::size_t size, std::size_t src_offset, std::size_t dst_offset) {
  checkRange("copy source", src_offset, size, src.size());
  checkRange("copy destination", dst_offset, size, this->size());
  std::memmove(storage_->bytes.get() + dst_offset, src.storage_->bytes.get() + src_offset, size);
}

std::size_t bo::size() const { return storage_ ? storage_->size : 0; }

std::uint64_t bo::address() const { return reinterpret_cast<std::uintptr_t>(data()); }

void *bo::data() const {
  if (!storage_)
    throw std::runtime_error("use of an empty buffer object");
  return storage_->bytes.get();
}

kernel::kernel(const device &dev, const uuid &xclbin_id, const std::string &name) {
  if (!dev.state() || dev.state()->xclbin != xclbin_id.to_string())
    throw std::runtime_error("xclbin '" + xclbin_id.to_string() + "' is not loaded on the device");
  auto found = dev.state()->kernels.find(name);
  if (found == dev.state()->kernels.end())
    throw std::runtime_error("the xclbin has no kernel '" + name + "'");
  state_ = found->second;
}

int kernel::group_id(int argno) const {
  if (!state_ || argno < 0 || argno >= state_->arguments)
    throw std::runtime_error("kernel has no argument " + std::to_string(argno));
  return 0;
}

struct run::Pending {
  std::shared_ptr<sim::KernelState> kernel;
  std::vector<bo> buffers;
  std::vector<std::uint64_t> scalars;
  std::vector<void *> args;
  std::vector<bool> set;
  ert_cmd_state state = ERT_CMD_STATE_NEW;
  std::string error;
};

run::run(const kernel &krnl) {
  if (!krnl.state())
    throw std::runtime_error("run of a kernel that was not opened");
  pending_ = std::make_shared<Pending>();
  auto n = static_cast<std::size_t>(krnl.state()->arguments);
  pending_->kernel = krnl.state();
  pending_->buffers.resize(n);
  pending_->scalars.resize(n);
  pending_->args.resize(n);
  pending_->set.resize(n);
}

static void checkIndex(const std::shared_ptr<sim::KernelState> &kernel, int index) {
  if (index < 0 || index >= kernel->arguments)
    throw std::runtime_error("kernel '" + kernel->name + "' has no argument " +
                             std::to_string(index) + " (it has " +
                             std::to_string(kernel->arguments) + ")");
}

void run::set_arg(int index, const bo &buffer) {
  checkIndex(pending_->kernel, index);
  pending_->buffers[index] = buffer;
  pending_->args[index] = buffer.data();
  pending_->set[index] = true;
}

void run::set_scalar(int index, const void *value, std::size_t bytes) {
  checkIndex(pending_->kernel, index);
  if (bytes > sizeof(std::uint64_t))
    throw std::runtime_error("scalar argument wider than 8 bytes");
  pending_->scalars[index] = 0;
  std::memcpy(&pending_->scalars[index], value, bytes);
  pending_->args[index] = &pending_->scalars[index];
  pending_->set[index] = true;
}

void run::start() {
  Pending &p = *pending_;
  for (std::size_t i = 0; i < p.set.size(); ++i)
    if (!p.set[i])
      throw std::runtime_error("argument " + std::to_string(i) + " of kernel '" +
                               p.kernel->name + "' is not set");
  // The simulation runs the kernel's processes in threads of its own and
  // returns when they all end, so the run is complete when start returns.
  const char *error = p.kernel->library->run(p.kernel->symbol.c_str(), p.args.data());
  p.state = error ? ERT_CMD_STATE_ERROR : ERT_CMD_STATE_COMPLETED;
  p.error = error ? error : "";
}

ert_cmd_state run::wait(const std::chrono::milliseconds &) const {
  if (pending_->state == ERT_CMD_STATE_ERROR)
    throw std::runtime_error("kernel '" + pending_->kernel->name +
                             "' failed in the simulation: " + pending_->error);
  return pending_->state;
}

ert_cmd_state run::state() const { return pending_->state; }

} // namespace xrt
