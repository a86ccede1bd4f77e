// Two kernels run one after the other: `mul` writes h = x * w1, which `add`
// reads by name to write y = h + w2. Each kernel is a single process reading
// and writing its ports directly. `forward`, the host-side function calling
// them, is neither a top nor a process and is ignored.
func.func @forward(%x: memref<32xf32>, %w1: memref<32xf32>, %w2: memref<32xf32>, %y: memref<32xf32>) {
  %h = memref.alloc() : memref<32xf32>
  func.call @mul(%x, %w1, %h) : (memref<32xf32>, memref<32xf32>, memref<32xf32>) -> ()
  func.call @add(%h, %w2, %y) : (memref<32xf32>, memref<32xf32>, memref<32xf32>) -> ()
  return
}

func.func @mul(%x: memref<32xf32> {dataflow.port = 0 : i64, streamtensor.name = "x", streamtensor.kind = "input"},
               %w1: memref<32xf32> {dataflow.port = 1 : i64, streamtensor.name = "w1", streamtensor.kind = "weight"},
               %h: memref<32xf32> {dataflow.port = 2 : i64, streamtensor.name = "h", streamtensor.kind = "output"})
    attributes {dataflow.top} {
  func.call @mul_body(%x, %w1, %h) : (memref<32xf32>, memref<32xf32>, memref<32xf32>) -> ()
  return
}

func.func @add(%h: memref<32xf32> {dataflow.port = 0 : i64, streamtensor.name = "h", streamtensor.kind = "input"},
               %w2: memref<32xf32> {dataflow.port = 1 : i64, streamtensor.name = "w2", streamtensor.kind = "weight"},
               %y: memref<32xf32> {dataflow.port = 2 : i64, streamtensor.name = "y", streamtensor.kind = "output"})
    attributes {dataflow.top} {
  func.call @add_body(%h, %w2, %y) : (memref<32xf32>, memref<32xf32>, memref<32xf32>) -> ()
  return
}

func.func private @mul_body(%a: memref<32xf32>, %b: memref<32xf32>, %out: memref<32xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c32 = arith.constant 32 : index
  scf.for %i = %c0 to %c32 step %c1 {
    %u = memref.load %a[%i] : memref<32xf32>
    %v = memref.load %b[%i] : memref<32xf32>
    %p = arith.mulf %u, %v : f32
    memref.store %p, %out[%i] : memref<32xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}

func.func private @add_body(%a: memref<32xf32>, %b: memref<32xf32>, %out: memref<32xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c32 = arith.constant 32 : index
  scf.for %i = %c0 to %c32 step %c1 {
    %u = memref.load %a[%i] : memref<32xf32>
    %v = memref.load %b[%i] : memref<32xf32>
    %s = arith.addf %u, %v : f32
    memref.store %s, %out[%i] : memref<32xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
