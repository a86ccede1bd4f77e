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
// the FIFO sizing chose for it). It only delays: the plain simulation, which
// runs no clock, skips it; the timed one starts the process that late.
//
// The STREAMTENSOR_TIMED_* macros and STREAMTENSOR_LOAD/STORE carry the static
// schedule of each process into the timed simulation (built with
// -DSTREAMTENSOR_SIM_TIMED, docs/timed-simulation.md). For Vitis and the
// plain simulation they are no code, and STREAMTENSOR_LOAD(port, i) and
// STREAMTENSOR_STORE(port, i) are `port[i]`:
//
//   STREAMTENSOR_TIMED_PIPELINE(t0, 1, 9);      // II 1, iteration latency 9
//   loop0: for (int i = 0; i < 64; ++i) {
//   #pragma HLS pipeline II=1
//     STREAMTENSOR_TIMED_ITERATION(t0);
//     STREAMTENSOR_TIMED_AT(0);                  // issued 0 cycles in
//     float v = STREAMTENSOR_LOAD(weights, i);
//     ...
//   }
//   STREAMTENSOR_TIMED_PIPELINE_END(t0);
//   STREAMTENSOR_TIMED_DELAY(5);                 // a straight-line segment
//
// STREAMTENSOR_TIMED_UNROLLED_PIPELINE(t, II, depth, U) declares a pipeline
// whose every iteration runs U iterations of the C loop (an unrolled loop).
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
#if defined(STREAMTENSOR_SIM_TIMED)
#include "streamtensor/sim/Timing.h"
#define STREAMTENSOR_HOLD(cycles) ::streamtensor::sim::timing::delay(cycles)
#else
#define STREAMTENSOR_HOLD(cycles) static_assert((cycles) >= 0, "hold")
#endif
#else
// Vitis HLS 2023.1 moved ap_utils.h to etc/ (AMD's own headers include it
// from there); 2022.x has it at the top of the include tree.
#if __has_include(<etc/ap_utils.h>)
#include <etc/ap_utils.h>
#else
#include <ap_utils.h>
#endif
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

#if defined(STREAMTENSOR_SIM_RUNTIME) && defined(STREAMTENSOR_SIM_TIMED)
#include "streamtensor/sim/Timing.h"
#define STREAMTENSOR_TIMED_AT(offset) ::streamtensor::sim::timing::at(offset)
#define STREAMTENSOR_TIMED_DELAY(cycles)                                       \
  ::streamtensor::sim::timing::delay(cycles)
#define STREAMTENSOR_TIMED_PIPELINE(var, ii, depth)                            \
  ::streamtensor::sim::timing::Pipeline var(ii, depth)
#define STREAMTENSOR_TIMED_UNROLLED_PIPELINE(var, ii, depth, unroll)          \
  ::streamtensor::sim::timing::Pipeline var(ii, depth, unroll)
#define STREAMTENSOR_TIMED_ITERATION(var) var.iterate()
#define STREAMTENSOR_TIMED_PIPELINE_END(var) var.finish()
#define STREAMTENSOR_LOAD(port, index)                                         \
  ::streamtensor::sim::timing::load(port, index)
#define STREAMTENSOR_STORE(port, index)                                        \
  ::streamtensor::sim::timing::store(port, index)
#define STREAMTENSOR_TIMED_MEMORY(...)                                         \
  ::streamtensor::sim::timing::configure(                                      \
      ::streamtensor::sim::timing::MemoryConfig{__VA_ARGS__})
#define STREAMTENSOR_TIMED_PORT(port, elements, name, channel, users)          \
  ::streamtensor::sim::timing::registerPort(port, sizeof(*(port)) * (elements), \
                                            sizeof(*(port)), name, channel,    \
                                            users)
#define STREAMTENSOR_TIMED_UNSUPPORTED(why)                                    \
  ::streamtensor::sim::timing::unsupported(why)
#else
#define STREAMTENSOR_TIMED_AT(offset) static_assert(true, "")
#define STREAMTENSOR_TIMED_DELAY(cycles) static_assert(true, "")
#define STREAMTENSOR_TIMED_PIPELINE(var, ii, depth) static_assert(true, "")
#define STREAMTENSOR_TIMED_UNROLLED_PIPELINE(var, ii, depth, unroll)          \
  static_assert(true, "")
#define STREAMTENSOR_TIMED_ITERATION(var) static_assert(true, "")
#define STREAMTENSOR_TIMED_PIPELINE_END(var) static_assert(true, "")
#define STREAMTENSOR_LOAD(port, index) (port)[index]
#define STREAMTENSOR_STORE(port, index) (port)[index]
#define STREAMTENSOR_TIMED_MEMORY(...) static_assert(true, "")
#define STREAMTENSOR_TIMED_PORT(port, elements, name, channel, users)          \
  static_assert(true, "")
#define STREAMTENSOR_TIMED_UNSUPPORTED(why) static_assert(true, "")
#endif

#endif
