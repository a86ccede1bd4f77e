// The include layout of Vitis HLS 2023.1 and later for tests: ap_utils.h
// only under etc/ (the top-level name is an error here). AMD's hls_stream.h
// does not select our simulation runtime, so the kernels take their
// synthesis path.
#include_next <hls_stream.h>
#undef STREAMTENSOR_SIM_RUNTIME
