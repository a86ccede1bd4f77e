// The include layout of Vitis HLS 2022.x for tests: ap_utils.h at the top of
// the tree (here, the simulation headers'). AMD's hls_stream.h does not
// select our simulation runtime, so the kernels take their synthesis path.
#include_next <hls_stream.h>
#undef STREAMTENSOR_SIM_RUNTIME
