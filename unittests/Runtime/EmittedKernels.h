// Top functions of EmittedKernels.cpp, written the way the code generator
// emits Vitis HLS C++.
#ifndef STREAMTENSOR_UNITTESTS_RUNTIME_EMITTEDKERNELS_H
#define STREAMTENSOR_UNITTESTS_RUNTIME_EMITTEDKERNELS_H

#include <ap_int.h>

typedef ap_uint<512> word_t;

// out[i] = in[i] * k + bias over words * 16 floats packed in 512-bit words.
extern "C" void scale_top(const word_t *in, word_t *out, int words, float k, float bias);
// out[i] = in[i] * in[n - 1 - i] via a reconvergent split/reverse/join graph;
// n <= 64. The _shallow variant gives the direct edge depth 2 and deadlocks.
extern "C" void mirror_top(const float *in, float *out, int n);
extern "C" void mirror_top_shallow(const float *in, float *out, int n);

#endif
