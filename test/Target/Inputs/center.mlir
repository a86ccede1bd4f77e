// A reconvergent graph: `split` forks the input to `sum`, which needs all 64
// tokens before it emits the mean, and to `direct`, which `join` reads only
// after the mean arrives. `direct` must buffer the whole input: at depth 64
// the design completes, any shallower it deadlocks. The result is
// max(x - mean(x), -1).
func.func @center(%x: memref<64xf32> {dataflow.port = 0 : i64, streamtensor.name = "x", streamtensor.kind = "input"},
                  %y: memref<64xf32> {dataflow.port = 1 : i64, streamtensor.name = "y", streamtensor.kind = "output"})
    attributes {dataflow.top} {
  %in = dataflow.stream {dataflow.name = "x_tokens"} : !dataflow.stream<f32, 2>
  %to_sum = dataflow.stream {dataflow.name = "to_sum"} : !dataflow.stream<f32, 2>
  %direct = dataflow.stream {dataflow.name = "direct"} : !dataflow.stream<f32, 64>
  %mean = dataflow.stream {dataflow.name = "mean"} : !dataflow.stream<f32, 1>
  %out = dataflow.stream {dataflow.name = "y_tokens"} : !dataflow.stream<f32, 2>
  func.call @dma_in(%x, %in) : (memref<64xf32>, !dataflow.stream<f32, 2>) -> ()
  func.call @split(%in, %direct, %to_sum) : (!dataflow.stream<f32, 2>, !dataflow.stream<f32, 64>, !dataflow.stream<f32, 2>) -> ()
  func.call @sum(%to_sum, %mean) : (!dataflow.stream<f32, 2>, !dataflow.stream<f32, 1>) -> ()
  func.call @join(%direct, %mean, %out) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 1>, !dataflow.stream<f32, 2>) -> ()
  func.call @dma_out(%out, %y) : (!dataflow.stream<f32, 2>, memref<64xf32>) -> ()
  return
}

func.func private @dma_in(%x: memref<64xf32>, %out: !dataflow.stream<f32, 2>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  scf.for %i = %c0 to %c64 step %c1 {
    %v = memref.load %x[%i] : memref<64xf32>
    dataflow.stream_write %v into %out : f32 -> !dataflow.stream<f32, 2>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}

func.func private @split(%in: !dataflow.stream<f32, 2>, %direct: !dataflow.stream<f32, 64>, %to_sum: !dataflow.stream<f32, 2>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  scf.for %i = %c0 to %c64 step %c1 {
    %v = dataflow.stream_read %in : !dataflow.stream<f32, 2> -> f32
    dataflow.stream_write %v into %direct : f32 -> !dataflow.stream<f32, 64>
    dataflow.stream_write %v into %to_sum : f32 -> !dataflow.stream<f32, 2>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}

// Four interleaved partial sums in a completely partitioned array.
func.func private @sum(%in: !dataflow.stream<f32, 2>, %mean: !dataflow.stream<f32, 1>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %c64 = arith.constant 64 : index
  %zero = arith.constant 0.0 : f32
  %n = arith.constant 64.0 : f32
  %acc = memref.alloca() {dataflow.partition = array<i64: 4>} : memref<4xf32>
  scf.for %k = %c0 to %c4 step %c1 {
    memref.store %zero, %acc[%k] : memref<4xf32>
  } {dataflow.unroll = 4 : i64}
  scf.for %i = %c0 to %c64 step %c1 {
    %v = dataflow.stream_read %in : !dataflow.stream<f32, 2> -> f32
    %lane = arith.remui %i, %c4 : index
    %old = memref.load %acc[%lane] : memref<4xf32>
    %new = arith.addf %old, %v : f32
    memref.store %new, %acc[%lane] : memref<4xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  %a0 = memref.load %acc[%c0] : memref<4xf32>
  %a1 = memref.load %acc[%c1] : memref<4xf32>
  %a2 = memref.load %acc[%c2] : memref<4xf32>
  %a3 = memref.load %acc[%c3] : memref<4xf32>
  %s01 = arith.addf %a0, %a1 : f32
  %s23 = arith.addf %a2, %a3 : f32
  %total = arith.addf %s01, %s23 : f32
  %m = arith.divf %total, %n : f32
  dataflow.stream_write %m into %mean : f32 -> !dataflow.stream<f32, 1>
  return
}

func.func private @join(%direct: !dataflow.stream<f32, 64>, %mean: !dataflow.stream<f32, 1>, %out: !dataflow.stream<f32, 2>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %floor = arith.constant -1.0 : f32
  %m = dataflow.stream_read %mean : !dataflow.stream<f32, 1> -> f32
  scf.for %i = %c0 to %c64 step %c1 {
    %v = dataflow.stream_read %direct : !dataflow.stream<f32, 64> -> f32
    %d = arith.subf %v, %m : f32
    %low = arith.cmpf olt, %d, %floor : f32
    %r = scf.if %low -> f32 {
      scf.yield %floor : f32
    } else {
      scf.yield %d : f32
    }
    dataflow.stream_write %r into %out : f32 -> !dataflow.stream<f32, 2>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}

func.func private @dma_out(%in: !dataflow.stream<f32, 2>, %y: memref<64xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  scf.for %i = %c0 to %c64 step %c1 {
    %v = dataflow.stream_read %in : !dataflow.stream<f32, 2> -> f32
    memref.store %v, %y[%i] : memref<64xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
