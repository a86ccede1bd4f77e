// Two accelerators built from the same processes. @widen duplicates every
// scalar it reads onto two outputs whose consumers (@join) wait for @slow,
// which needs all its input before its first write. Holding @widen until
// @slow is nearly done moves the buffering from its two outputs to its
// input, which carries half as many scalars: lp-min-bytes chooses that hold.
func.func @top(%x: memref<512xf32>, %ya: memref<512xf32>, %yb: memref<512xf32>) attributes {dataflow.top} {
  %in = dataflow.stream {dataflow.name = "in"} : !dataflow.stream<f32, 512>
  %tov = dataflow.stream {dataflow.name = "to_v"} : !dataflow.stream<f32, 512>
  %toslow = dataflow.stream {dataflow.name = "to_slow"} : !dataflow.stream<f32, 512>
  %va = dataflow.stream {dataflow.name = "va"} : !dataflow.stream<f32, 1024>
  %vb = dataflow.stream {dataflow.name = "vb"} : !dataflow.stream<f32, 1024>
  %sa = dataflow.stream {dataflow.name = "sa"} : !dataflow.stream<f32, 512>
  %sb = dataflow.stream {dataflow.name = "sb"} : !dataflow.stream<f32, 512>
  %oa = dataflow.stream {dataflow.name = "oa"} : !dataflow.stream<f32, 512>
  %ob = dataflow.stream {dataflow.name = "ob"} : !dataflow.stream<f32, 512>
  call @top_dma_in0(%x, %in) : (memref<512xf32>, !dataflow.stream<f32, 512>) -> ()
  call @split(%in, %tov, %toslow) : (!dataflow.stream<f32, 512>, !dataflow.stream<f32, 512>, !dataflow.stream<f32, 512>) -> ()
  call @widen(%tov, %va, %vb) : (!dataflow.stream<f32, 512>, !dataflow.stream<f32, 1024>, !dataflow.stream<f32, 1024>) -> ()
  call @slow(%toslow, %sa, %sb) : (!dataflow.stream<f32, 512>, !dataflow.stream<f32, 512>, !dataflow.stream<f32, 512>) -> ()
  call @join(%va, %sa, %oa) : (!dataflow.stream<f32, 1024>, !dataflow.stream<f32, 512>, !dataflow.stream<f32, 512>) -> ()
  call @join(%vb, %sb, %ob) : (!dataflow.stream<f32, 1024>, !dataflow.stream<f32, 512>, !dataflow.stream<f32, 512>) -> ()
  call @top_dma_out0(%oa, %ya) : (!dataflow.stream<f32, 512>, memref<512xf32>) -> ()
  call @top_dma_out1(%ob, %yb) : (!dataflow.stream<f32, 512>, memref<512xf32>) -> ()
  return
}

func.func @top_b(%x: memref<512xf32>, %ya: memref<512xf32>, %yb: memref<512xf32>) attributes {dataflow.top} {
  %in = dataflow.stream {dataflow.name = "in"} : !dataflow.stream<f32, 512>
  %tov = dataflow.stream {dataflow.name = "to_v"} : !dataflow.stream<f32, 512>
  %toslow = dataflow.stream {dataflow.name = "to_slow"} : !dataflow.stream<f32, 512>
  %va = dataflow.stream {dataflow.name = "va"} : !dataflow.stream<f32, 1024>
  %vb = dataflow.stream {dataflow.name = "vb"} : !dataflow.stream<f32, 1024>
  %sa = dataflow.stream {dataflow.name = "sa"} : !dataflow.stream<f32, 512>
  %sb = dataflow.stream {dataflow.name = "sb"} : !dataflow.stream<f32, 512>
  %oa = dataflow.stream {dataflow.name = "oa"} : !dataflow.stream<f32, 512>
  %ob = dataflow.stream {dataflow.name = "ob"} : !dataflow.stream<f32, 512>
  call @top_dma_in0(%x, %in) : (memref<512xf32>, !dataflow.stream<f32, 512>) -> ()
  call @split(%in, %tov, %toslow) : (!dataflow.stream<f32, 512>, !dataflow.stream<f32, 512>, !dataflow.stream<f32, 512>) -> ()
  call @widen(%tov, %va, %vb) : (!dataflow.stream<f32, 512>, !dataflow.stream<f32, 1024>, !dataflow.stream<f32, 1024>) -> ()
  call @slow(%toslow, %sa, %sb) : (!dataflow.stream<f32, 512>, !dataflow.stream<f32, 512>, !dataflow.stream<f32, 512>) -> ()
  call @join(%va, %sa, %oa) : (!dataflow.stream<f32, 1024>, !dataflow.stream<f32, 512>, !dataflow.stream<f32, 512>) -> ()
  call @join(%vb, %sb, %ob) : (!dataflow.stream<f32, 1024>, !dataflow.stream<f32, 512>, !dataflow.stream<f32, 512>) -> ()
  call @top_dma_out0(%oa, %ya) : (!dataflow.stream<f32, 512>, memref<512xf32>) -> ()
  call @top_dma_out1(%ob, %yb) : (!dataflow.stream<f32, 512>, memref<512xf32>) -> ()
  return
}

func.func private @top_dma_in0(%x: memref<512xf32>, %s: !dataflow.stream<f32, 512>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c512 = arith.constant 512 : index
  scf.for %i = %c0 to %c512 step %c1 {
    %v = memref.load %x[%i] : memref<512xf32>
    dataflow.stream_write %v into %s : f32 -> !dataflow.stream<f32, 512>
  }
  return
}

func.func private @split(%in: !dataflow.stream<f32, 512>, %a: !dataflow.stream<f32, 512>, %b: !dataflow.stream<f32, 512>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c512 = arith.constant 512 : index
  scf.for %i = %c0 to %c512 step %c1 {
    %v = dataflow.stream_read %in : !dataflow.stream<f32, 512> -> f32
    dataflow.stream_write %v into %a : f32 -> !dataflow.stream<f32, 512>
    dataflow.stream_write %v into %b : f32 -> !dataflow.stream<f32, 512>
  }
  return
}

func.func private @widen(%in: !dataflow.stream<f32, 512>, %a: !dataflow.stream<f32, 1024>, %b: !dataflow.stream<f32, 1024>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c512 = arith.constant 512 : index
  scf.for %i = %c0 to %c512 step %c1 {
    %v = dataflow.stream_read %in : !dataflow.stream<f32, 512> -> f32
    %w = arith.mulf %v, %v : f32
    dataflow.stream_write %v into %a : f32 -> !dataflow.stream<f32, 1024>
    dataflow.stream_write %w into %a : f32 -> !dataflow.stream<f32, 1024>
    dataflow.stream_write %v into %b : f32 -> !dataflow.stream<f32, 1024>
    dataflow.stream_write %w into %b : f32 -> !dataflow.stream<f32, 1024>
  }
  return
}

func.func private @slow(%in: !dataflow.stream<f32, 512>, %a: !dataflow.stream<f32, 512>, %b: !dataflow.stream<f32, 512>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c512 = arith.constant 512 : index
  %buf = memref.alloc() : memref<512xf32>
  scf.for %i = %c0 to %c512 step %c1 {
    %v = dataflow.stream_read %in : !dataflow.stream<f32, 512> -> f32
    memref.store %v, %buf[%i] : memref<512xf32>
  }
  scf.for %i = %c0 to %c512 step %c1 {
    %v = memref.load %buf[%i] : memref<512xf32>
    dataflow.stream_write %v into %a : f32 -> !dataflow.stream<f32, 512>
    dataflow.stream_write %v into %b : f32 -> !dataflow.stream<f32, 512>
  }
  return
}

func.func private @join(%v: !dataflow.stream<f32, 1024>, %s: !dataflow.stream<f32, 512>, %out: !dataflow.stream<f32, 512>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c512 = arith.constant 512 : index
  scf.for %i = %c0 to %c512 step %c1 {
    %w = dataflow.stream_read %v : !dataflow.stream<f32, 1024> -> f32
    %w2 = dataflow.stream_read %v : !dataflow.stream<f32, 1024> -> f32
    %x = dataflow.stream_read %s : !dataflow.stream<f32, 512> -> f32
    %n = arith.addf %w, %w2 : f32
    %y = arith.addf %n, %x : f32
    dataflow.stream_write %y into %out : f32 -> !dataflow.stream<f32, 512>
  }
  return
}

func.func private @top_dma_out0(%s: !dataflow.stream<f32, 512>, %y: memref<512xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c512 = arith.constant 512 : index
  scf.for %i = %c0 to %c512 step %c1 {
    %v = dataflow.stream_read %s : !dataflow.stream<f32, 512> -> f32
    memref.store %v, %y[%i] : memref<512xf32>
  }
  return
}

func.func private @top_dma_out1(%s: !dataflow.stream<f32, 512>, %y: memref<512xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c512 = arith.constant 512 : index
  scf.for %i = %c0 to %c512 step %c1 {
    %v = dataflow.stream_read %s : !dataflow.stream<f32, 512> -> f32
    memref.store %v, %y[%i] : memref<512xf32>
  }
  return
}
