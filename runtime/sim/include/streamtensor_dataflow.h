// Process calls of a dataflow region that compile for both targets. Under
// Vitis (its own hls_stream.h, for csim or synthesis) they are a plain
// sequence of calls inside `#pragma HLS dataflow`; with the StreamTensor
// simulation headers each call becomes a thread of a
// streamtensor::sim::Dataflow region. Include after hls_stream.h.
//
//   STREAMTENSOR_DATAFLOW_BEGIN("top");
//   STREAMTENSOR_PROCESS("load", load(in, s0));
//   STREAMTENSOR_PROCESS("store", store(s0, out));
//   STREAMTENSOR_DATAFLOW_END();
//
// This file depends on nothing but the preprocessor when used with Vitis, so
// code generators copy it next to the kernels.
#ifndef STREAMTENSOR_DATAFLOW_H
#define STREAMTENSOR_DATAFLOW_H

#if defined(STREAMTENSOR_SIM_RUNTIME)
#include "streamtensor/sim/Dataflow.h"
#define STREAMTENSOR_DATAFLOW_BEGIN(name)                                      \
  ::streamtensor::sim::Dataflow streamtensor_dataflow_region_(name)
#define STREAMTENSOR_PROCESS(name, ...)                                        \
  streamtensor_dataflow_region_.spawn(name, [&]() { __VA_ARGS__; })
#define STREAMTENSOR_DATAFLOW_END() streamtensor_dataflow_region_.run()
#else
// static_assert emits no code, so the region holds nothing but the calls.
#define STREAMTENSOR_DATAFLOW_BEGIN(name) static_assert(true, name)
#define STREAMTENSOR_PROCESS(name, ...) __VA_ARGS__
#define STREAMTENSOR_DATAFLOW_END() static_assert(true, "")
#endif

#endif
