// RUN: streamtensor-translate --emit-link-config %s --split-input-file --verify-diagnostics | FileCheck %s

// The weight is fixed to channel 7 (dataflow.hbm_channel); the input and
// the output, equal in size, take the first free channels, one each.
// Out-of-range channels and a tensor fixed to two channels by two kernels
// are errors.
// CHECK: # x: input 'x' 1024xf32
// CHECK-NEXT: sp=scale_1.m_axi_gmem0:HBM[0]
// CHECK-NEXT: # w: weight 'w' 1024xf32
// CHECK-NEXT: sp=scale_1.m_axi_gmem1:HBM[7]
// CHECK-NEXT: # y: output 'y' 1024xf32
// CHECK-NEXT: sp=scale_1.m_axi_gmem2:HBM[1]
func.func @scale(%x: memref<1024xf32> {dataflow.port = 0 : i64, streamtensor.name = "x", streamtensor.kind = "input"},
                 %w: memref<1024xf32> {dataflow.port = 1 : i64, dataflow.hbm_channel = 7 : i64, streamtensor.name = "w", streamtensor.kind = "weight"},
                 %y: memref<1024xf32> {dataflow.port = 2 : i64, streamtensor.name = "y", streamtensor.kind = "output"})
    attributes {dataflow.top} {
  func.call @body(%x, %w, %y) : (memref<1024xf32>, memref<1024xf32>, memref<1024xf32>) -> ()
  return
}
func.func private @body(%a: memref<1024xf32>, %b: memref<1024xf32>, %out: memref<1024xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c1024 = arith.constant 1024 : index
  scf.for %i = %c0 to %c1024 step %c1 {
    %u = memref.load %a[%i] : memref<1024xf32>
    %v = memref.load %b[%i] : memref<1024xf32>
    %p = arith.mulf %u, %v : f32
    memref.store %p, %out[%i] : memref<1024xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}

// -----

// expected-error @+1 {{argument 0 (tensor 'x') has dataflow.hbm_channel = 40; the target has 32 pseudo-channels (0 to 31)}}
func.func @top(%x: memref<8xf32> {dataflow.port = 0 : i64, dataflow.hbm_channel = 40 : i64, streamtensor.name = "x", streamtensor.kind = "input"}) attributes {dataflow.top} {
  func.call @p(%x) : (memref<8xf32>) -> ()
  return
}
func.func private @p(%x: memref<8xf32>) attributes {dataflow.process} {
  return
}

// -----

func.func @first(%h: memref<8xf32> {dataflow.port = 0 : i64, dataflow.hbm_channel = 3 : i64, streamtensor.name = "h", streamtensor.kind = "output"}) attributes {dataflow.top} {
  func.call @p(%h) : (memref<8xf32>) -> ()
  return
}
// expected-error @+1 {{tensor 'h' is on HBM channel 3 in an earlier kernel and on 5 here}}
func.func @second(%h: memref<8xf32> {dataflow.port = 0 : i64, dataflow.hbm_channel = 5 : i64, streamtensor.name = "h", streamtensor.kind = "input"}) attributes {dataflow.top} {
  func.call @q(%h) : (memref<8xf32>) -> ()
  return
}
func.func private @p(%x: memref<8xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %cst = arith.constant 1.0 : f32
  memref.store %cst, %x[%c0] : memref<8xf32>
  return
}
func.func private @q(%x: memref<8xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %v = memref.load %x[%c0] : memref<8xf32>
  return
}
