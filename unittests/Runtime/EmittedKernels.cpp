// Kernel source in the form the code generator emits for Vitis HLS. This
// translation unit is built with -Wall -Wextra -Werror -Wno-unknown-pragmas
// to check that such code compiles unchanged against the simulation headers.
#include "EmittedKernels.h"

#include <hls_stream.h>

#include "streamtensor_dataflow.h"

static void load_words(const word_t *mem, int words, hls::stream<float> &out) {
load_loop:
  for (int i = 0; i < words; ++i) {
#pragma HLS pipeline II = 1
    word_t w = mem[i];
    for (int lane = 0; lane < 16; ++lane) {
#pragma HLS unroll
      union {
        unsigned u;
        float f;
      } bits;
      bits.u = w.range(32 * lane + 31, 32 * lane).to_uint();
      out.write(bits.f);
    }
  }
}

static void affine(hls::stream<float> &in, hls::stream<float> &out, int n, float k,
                   float bias) {
affine_loop:
  for (int i = 0; i < n; ++i) {
#pragma HLS pipeline II = 1
    out.write(in.read() * k + bias);
  }
}

static void store_words(hls::stream<float> &in, word_t *mem, int words) {
store_loop:
  for (int i = 0; i < words; ++i) {
#pragma HLS pipeline II = 16
    word_t w = 0;
    for (int lane = 0; lane < 16; ++lane) {
      union {
        float f;
        unsigned u;
      } bits;
      bits.f = in.read();
      w.range(32 * lane + 31, 32 * lane) = bits.u;
    }
    mem[i] = w;
  }
}

extern "C" void scale_top(const word_t *in, word_t *out, int words, float k, float bias) {
#pragma HLS interface m_axi port = in bundle = gmem0 offset = slave
#pragma HLS interface m_axi port = out bundle = gmem1 offset = slave
#pragma HLS interface s_axilite port = return
#pragma HLS dataflow
  hls::stream<float, 16> loaded("loaded");
#pragma HLS stream variable = loaded depth = 16
  hls::stream<float, 16> scaled("scaled");
#pragma HLS stream variable = scaled depth = 16
  STREAMTENSOR_DATAFLOW_BEGIN("scale_top");
  STREAMTENSOR_PROCESS("load_words", load_words(in, words, loaded));
  STREAMTENSOR_PROCESS("affine", affine(loaded, scaled, words * 16, k, bias));
  STREAMTENSOR_PROCESS("store_words", store_words(scaled, out, words));
  STREAMTENSOR_DATAFLOW_END();
}

static void split(const float *in, int n, hls::stream<float> &direct,
                  hls::stream<float> &toReverse) {
  for (int i = 0; i < n; ++i) {
#pragma HLS pipeline II = 1
    float v = in[i];
    direct.write(v);
    toReverse.write(v);
  }
}

static void reverse(hls::stream<float> &in, hls::stream<float> &out, int n) {
  float buffer[64];
#pragma HLS bind_storage variable = buffer type = ram_2p
  for (int i = 0; i < n; ++i)
    buffer[i] = in.read();
  for (int i = n - 1; i >= 0; --i)
    out.write(buffer[i]);
}

static void join(hls::stream<float> &direct, hls::stream<float> &reversed, float *out,
                 int n) {
  for (int i = 0; i < n; ++i) {
#pragma HLS pipeline II = 1
    out[i] = direct.read() * reversed.read();
  }
}

extern "C" void mirror_top(const float *in, float *out, int n) {
#pragma HLS dataflow
  hls::stream<float, 64> direct("direct");
#pragma HLS stream variable = direct depth = 64
  hls::stream<float, 2> to_reverse("to_reverse");
#pragma HLS stream variable = to_reverse depth = 2
  hls::stream<float, 2> reversed("reversed");
#pragma HLS stream variable = reversed depth = 2
  STREAMTENSOR_DATAFLOW_BEGIN("mirror_top");
  STREAMTENSOR_PROCESS("split", split(in, n, direct, to_reverse));
  STREAMTENSOR_PROCESS("reverse", reverse(to_reverse, reversed, n));
  STREAMTENSOR_PROCESS("join", join(direct, reversed, out, n));
  STREAMTENSOR_DATAFLOW_END();
}

extern "C" void mirror_top_shallow(const float *in, float *out, int n) {
#pragma HLS dataflow
  hls::stream<float, 2> direct("direct");
#pragma HLS stream variable = direct depth = 2
  hls::stream<float, 2> to_reverse("to_reverse");
#pragma HLS stream variable = to_reverse depth = 2
  hls::stream<float, 2> reversed("reversed");
#pragma HLS stream variable = reversed depth = 2
  STREAMTENSOR_DATAFLOW_BEGIN("mirror_top");
  STREAMTENSOR_PROCESS("split", split(in, n, direct, to_reverse));
  STREAMTENSOR_PROCESS("reverse", reverse(to_reverse, reversed, n));
  STREAMTENSOR_PROCESS("join", join(direct, reversed, out, n));
  STREAMTENSOR_DATAFLOW_END();
}
