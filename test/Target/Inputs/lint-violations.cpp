// Hand-written HLS C++ that breaks every rule hls_lint.py checks, one
// violation per marked line.
#include <hls_stream.h>
#include <vector>

#include "streamtensor_dataflow.h"

static void produce(hls::stream<float> &out) {
  for (int i = 0; i < 8; ++i) {
    if (i == 4)
      break; // loop-exit
    out.write(i);
  }
}

static void twice(hls::stream<float> &in, hls::stream<float> &out) {
  for (int i = 0; i < 8; ++i)
    out.write(in.read() * 2);
}

static void consume(hls::stream<float> &in, float *y) {
  std::vector<float> tmp(8); // dynamic-allocation
  for (int i = 0; i < 8; ++i)
    tmp[i] = in.read();
  y[0] = tmp[7];
}

static int countdown(int n) { return n ? countdown(n - 1) : 0; } // recursion

static void echo(hls::stream<float> &s) { s.write(s.read()); }

static void forward(hls::stream<float> &in, hls::stream<float> &out) {
  twice(in, out);
}

extern "C" void top(float *y) {
#pragma HLS dataflow
  hls::stream<float, 4> a("a");
#pragma HLS stream variable=a depth=2
  hls::stream<float, 4> b("b");
  hls::stream<float> c("c");
  hls::stream<float, 2> d("d");
#pragma HLS stream variable=d depth=2
  hls::stream<float, 2> e("e");
#pragma HLS stream variable=e depth=2
  int scale = countdown(2);
  STREAMTENSOR_DATAFLOW_BEGIN("top");
  STREAMTENSOR_PROCESS("produce", produce(a));
  STREAMTENSOR_PROCESS("twice", twice(a, b));
  STREAMTENSOR_PROCESS("again", forward(a, c));
  STREAMTENSOR_PROCESS("consume", consume(b, y));
  STREAMTENSOR_PROCESS("echo", echo(d));
  STREAMTENSOR_PROCESS("consume e", consume(e, y));
  STREAMTENSOR_DATAFLOW_END();
  for (int i = 0; i < 2; ++i)
    y[i] = scale;
}
