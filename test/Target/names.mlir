// Names in the IR become readable, valid and unique C identifiers: tensor
// names with dots and spaces, keywords, leading digits and names that clash
// with functions are sanitized, while channel and tensor names stay verbatim
// in string literals (simulation reports, file names).

// RUN: streamtensor-translate --emit-hlscpp %s -o %t.kernels.cpp
// RUN: FileCheck %s < %t.kernels.cpp
// RUN: %hls_lint %t.kernels.cpp | FileCheck %s --check-prefix=LINT
// RUN: streamtensor-translate --emit-hls-sim-driver %s -o %t.driver.cpp
// RUN: FileCheck %s --check-prefix=DRIVER < %t.driver.cpp
// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -Wno-unknown-pragmas -I%sim_include %t.kernels.cpp %t.driver.cpp

// CHECK-LABEL: static void dma(float *layers_0_attn_weight, float *n2nd_input, float arg2, hls::stream<float> &dma_2) {
// CHECK:         dma_2.write((v0 + v1) * arg2);
// CHECK-LABEL: static void copy(hls::stream<float> &arg0, hls::stream<float> &arg1) {
// CHECK-LABEL: static void stage_2(hls::stream<float> &say_hi, float *int_, float *dma_1) {
// CHECK-LABEL: extern "C" void my_kernel(float *layers_0_attn_weight, float *n2nd_input, float *int_, float *dma_1) {
// CHECK:       hls::stream<float, 2> dma_2("dma");
// CHECK:       hls::stream<float, 2> say_hi("say \"hi\"");
// CHECK-NEXT:  #pragma HLS stream variable=say_hi depth=2
// CHECK:       STREAMTENSOR_DATAFLOW_BEGIN("my_kernel");
// CHECK-NEXT:  STREAMTENSOR_PROCESS("dma", dma(layers_0_attn_weight, n2nd_input, 2.0f, dma_2));
// CHECK-NEXT:  STREAMTENSOR_PROCESS("first copy", copy(dma_2, copied));
// CHECK-NEXT:  STREAMTENSOR_PROCESS("copy", copy(copied, say_hi));
// CHECK-NEXT:  STREAMTENSOR_PROCESS("stage.2", stage_2(say_hi, int_, dma_1));

// LINT: 4 function(s), 1 dataflow region(s), 3 stream(s): ok

// DRIVER: extern "C" void my_kernel(float *layers_0_attn_weight, float *n2nd_input, float *int_, float *dma_1);
// DRIVER: PortBuffer<float> layers_0_attn_weight = readTensor<float>(dir, "layers.0.attn..weight", 4, "f32");
// DRIVER: PortBuffer<float> n2nd_input = readTensor<float>(dir, "2nd input", 4, "f32");
// DRIVER: PortBuffer<float> int_(4);
// DRIVER: PortBuffer<float> dma_1(4);
// DRIVER: my_kernel(layers_0_attn_weight.data(), n2nd_input.data(), int_.data(), dma_1.data());
// DRIVER: writeTensor(dir, "int", int_);
// DRIVER: writeTensor(dir, "dma", dma_1);

func.func @"my-kernel"(%a: memref<4xf32> {streamtensor.name = "layers.0.attn..weight", streamtensor.kind = "weight"},
                       %b: memref<4xf32> {streamtensor.name = "2nd input", streamtensor.kind = "input"},
                       %c: memref<4xf32> {streamtensor.name = "int", streamtensor.kind = "output"},
                       %d: memref<4xf32> {streamtensor.name = "dma"})
    attributes {dataflow.top} {
  %s0 = dataflow.stream {dataflow.name = "dma"} : !dataflow.stream<f32, 2>
  %s1 = dataflow.stream {dataflow.name = "copied"} : !dataflow.stream<f32, 2>
  %s2 = dataflow.stream {dataflow.name = "say \"hi\""} : !dataflow.stream<f32, 2>
  %k = arith.constant 2.0 : f32
  func.call @dma(%a, %b, %k, %s0) : (memref<4xf32>, memref<4xf32>, f32, !dataflow.stream<f32, 2>) -> ()
  func.call @copy(%s0, %s1) {dataflow.name = "first copy"} : (!dataflow.stream<f32, 2>, !dataflow.stream<f32, 2>) -> ()
  func.call @copy(%s1, %s2) : (!dataflow.stream<f32, 2>, !dataflow.stream<f32, 2>) -> ()
  func.call @"stage.2"(%s2, %c, %d) : (!dataflow.stream<f32, 2>, memref<4xf32>, memref<4xf32>) -> ()
  return
}

// The scale is a constant of the top, passed by value.
func.func private @dma(%a: memref<4xf32>, %b: memref<4xf32>, %k: f32, %out: !dataflow.stream<f32, 2>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %i = %c0 to %c4 step %c1 {
    %u = memref.load %a[%i] : memref<4xf32>
    %v = memref.load %b[%i] : memref<4xf32>
    %s = arith.addf %u, %v : f32
    %p = arith.mulf %s, %k : f32
    dataflow.stream_write %p into %out : f32 -> !dataflow.stream<f32, 2>
  }
  return
}

// Called twice: arguments get neutral names, since no single call names them.
func.func private @copy(%in: !dataflow.stream<f32, 2>, %out: !dataflow.stream<f32, 2>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %i = %c0 to %c4 step %c1 {
    %v = dataflow.stream_read %in : !dataflow.stream<f32, 2> -> f32
    dataflow.stream_write %v into %out : f32 -> !dataflow.stream<f32, 2>
  }
  return
}

func.func private @"stage.2"(%in: !dataflow.stream<f32, 2>, %c: memref<4xf32>, %d: memref<4xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %i = %c0 to %c4 step %c1 {
    %v = dataflow.stream_read %in : !dataflow.stream<f32, 2> -> f32
    memref.store %v, %c[%i] : memref<4xf32>
    memref.store %v, %d[%i] : memref<4xf32>
  }
  return
}
