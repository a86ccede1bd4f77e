// A kernel library for the simulated XRT device, written by hand in the
// shape of an emitted xrt_sim_entry.cpp: `scale(in, out, factor)` multiplies
// 4 floats; `broken` always fails.
#include <cstdint>
#include <cstring>

extern "C" int streamtensor_xrt_sim_arguments(const char *kernel) {
  if (std::strcmp(kernel, "scale") == 0)
    return 3;
  if (std::strcmp(kernel, "broken") == 0)
    return 0;
  return -1;
}

extern "C" const char *streamtensor_xrt_sim_run(const char *kernel, void *const *args) {
  if (std::strcmp(kernel, "scale") == 0) {
    const float *in = static_cast<const float *>(args[0]);
    float *out = static_cast<float *>(args[1]);
    float factor = *static_cast<const float *>(args[2]);
    for (int i = 0; i < 4; ++i)
      out[i] = in[i] * factor;
    return nullptr;
  }
  return "deadlock: process 'p' waits on FIFO 'f' forever";
}
