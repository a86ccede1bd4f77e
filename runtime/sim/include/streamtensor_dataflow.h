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
// STREAMTENSOR_HOLD(cycles), first in a process body, keeps the process from
// starting before that many cycles of the region have passed (the start time
// the FIFO sizing chose for it). It only delays: the simulation, which runs
// no clock, skips it.
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
#define STREAMTENSOR_HOLD(cycles) static_assert((cycles) >= 0, "hold")
#else
#include <ap_utils.h>
// static_assert emits no code, so the region holds nothing but the calls.
#define STREAMTENSOR_DATAFLOW_BEGIN(name) static_assert(true, name)
#define STREAMTENSOR_PROCESS(name, ...) __VA_ARGS__
#define STREAMTENSOR_DATAFLOW_END() static_assert(true, "")
// One ap_wait() clock boundary per iteration of a pipelined loop.
#define STREAMTENSOR_HOLD(cycles)                                              \
  for (long streamtensor_hold_ = 0; streamtensor_hold_ < (cycles);             \
       ++streamtensor_hold_) {                                                 \
    _Pragma("HLS pipeline II=1") ap_wait();                                    \
  }
#endif

#endif
