// Without the simulation's hls_stream.h (as under Vitis) the dataflow macros
// must expand to plain calls in program order on the calling thread.
#include "streamtensor_dataflow.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>

namespace {

std::string trace;
std::thread::id caller;

void step(char c) {
  EXPECT_EQ(std::this_thread::get_id(), caller);
  trace += c;
}

void held() {
  STREAMTENSOR_HOLD(3);
  step('h');
}

void region() {
  STREAMTENSOR_DATAFLOW_BEGIN("top");
  STREAMTENSOR_PROCESS("h", held());
  STREAMTENSOR_PROCESS("a", step('a'));
  STREAMTENSOR_PROCESS("b", step('b'));
  STREAMTENSOR_PROCESS("c", step('c'));
  STREAMTENSOR_DATAFLOW_END();
}

TEST(SequentialMacrosTest, ProcessesAreCallsInOrder) {
#ifdef STREAMTENSOR_SIM_RUNTIME
  FAIL() << "this file must not see the simulation's hls_stream.h";
#endif
  caller = std::this_thread::get_id();
  trace.clear();
  region();
  EXPECT_EQ(trace, "habc");
}

} // namespace
