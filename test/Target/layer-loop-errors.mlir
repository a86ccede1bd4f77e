// Every rule of the streamtensor.layer_loop attribute (lib/Target/HLSCpp/
// LayerLoop.h) is checked against the design, with an error on the module.

// RUN: streamtensor-translate --emit-hlscpp --split-input-file --verify-diagnostics %s

// expected-error @+1 {{streamtensor.layer_loop: must be a dictionary from function names to layer loops}}
module attributes {streamtensor.layer_loop = 1 : i64} {
func.func @top(%x: memref<4xf32> {dataflow.port = 0 : i64, streamtensor.name = "x", streamtensor.kind = "input"},
                %w: memref<4xf32> {dataflow.port = 1 : i64, streamtensor.name = "w", streamtensor.kind = "weight"},
                %c: memref<8x4xf32> {dataflow.port = 2 : i64, streamtensor.name = "cache", streamtensor.kind = "input"},
                %y: memref<4xf32> {dataflow.port = 3 : i64, streamtensor.name = "y", streamtensor.kind = "output"},
                %r: memref<1x4xf32> {dataflow.port = 4 : i64, streamtensor.name = "row", streamtensor.kind = "output"})
    attributes {dataflow.top} {
  func.call @p(%x, %w, %c, %y, %r) : (memref<4xf32>, memref<4xf32>, memref<8x4xf32>, memref<4xf32>, memref<1x4xf32>) -> ()
  return
}
func.func private @p(%x: memref<4xf32>, %w: memref<4xf32>, %c: memref<8x4xf32>, %y: memref<4xf32>, %r: memref<1x4xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %j = %c0 to %c4 step %c1 {
    %a = memref.load %x[%j] : memref<4xf32>
    %b = memref.load %w[%j] : memref<4xf32>
    %d = memref.load %c[%c0, %j] : memref<8x4xf32>
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %m, %d : f32
    memref.store %s, %y[%j] : memref<4xf32>
    memref.store %m, %r[%c0, %j] : memref<1x4xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
}

// -----

// expected-error @+1 {{streamtensor.layer_loop: the entry of @top must be a dictionary}}
module attributes {streamtensor.layer_loop = {top = 1 : i64}} {
func.func @top(%x: memref<4xf32> {dataflow.port = 0 : i64, streamtensor.name = "x", streamtensor.kind = "input"},
                %w: memref<4xf32> {dataflow.port = 1 : i64, streamtensor.name = "w", streamtensor.kind = "weight"},
                %c: memref<8x4xf32> {dataflow.port = 2 : i64, streamtensor.name = "cache", streamtensor.kind = "input"},
                %y: memref<4xf32> {dataflow.port = 3 : i64, streamtensor.name = "y", streamtensor.kind = "output"},
                %r: memref<1x4xf32> {dataflow.port = 4 : i64, streamtensor.name = "row", streamtensor.kind = "output"})
    attributes {dataflow.top} {
  func.call @p(%x, %w, %c, %y, %r) : (memref<4xf32>, memref<4xf32>, memref<8x4xf32>, memref<4xf32>, memref<1x4xf32>) -> ()
  return
}
func.func private @p(%x: memref<4xf32>, %w: memref<4xf32>, %c: memref<8x4xf32>, %y: memref<4xf32>, %r: memref<1x4xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %j = %c0 to %c4 step %c1 {
    %a = memref.load %x[%j] : memref<4xf32>
    %b = memref.load %w[%j] : memref<4xf32>
    %d = memref.load %c[%c0, %j] : memref<8x4xf32>
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %m, %d : f32
    memref.store %s, %y[%j] : memref<4xf32>
    memref.store %m, %r[%c0, %j] : memref<1x4xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
}

// -----

// expected-error @+1 {{streamtensor.layer_loop: 'layers' must be a positive integer}}
module attributes {streamtensor.layer_loop = {top = {layers = 0 : i64, chain = ["x", "y"]}}} {
func.func @top(%x: memref<4xf32> {dataflow.port = 0 : i64, streamtensor.name = "x", streamtensor.kind = "input"},
                %w: memref<4xf32> {dataflow.port = 1 : i64, streamtensor.name = "w", streamtensor.kind = "weight"},
                %c: memref<8x4xf32> {dataflow.port = 2 : i64, streamtensor.name = "cache", streamtensor.kind = "input"},
                %y: memref<4xf32> {dataflow.port = 3 : i64, streamtensor.name = "y", streamtensor.kind = "output"},
                %r: memref<1x4xf32> {dataflow.port = 4 : i64, streamtensor.name = "row", streamtensor.kind = "output"})
    attributes {dataflow.top} {
  func.call @p(%x, %w, %c, %y, %r) : (memref<4xf32>, memref<4xf32>, memref<8x4xf32>, memref<4xf32>, memref<1x4xf32>) -> ()
  return
}
func.func private @p(%x: memref<4xf32>, %w: memref<4xf32>, %c: memref<8x4xf32>, %y: memref<4xf32>, %r: memref<1x4xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %j = %c0 to %c4 step %c1 {
    %a = memref.load %x[%j] : memref<4xf32>
    %b = memref.load %w[%j] : memref<4xf32>
    %d = memref.load %c[%c0, %j] : memref<8x4xf32>
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %m, %d : f32
    memref.store %s, %y[%j] : memref<4xf32>
    memref.store %m, %r[%c0, %j] : memref<1x4xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
}

// -----

// expected-error @+1 {{streamtensor.layer_loop: 'chain' must name an input and an output}}
module attributes {streamtensor.layer_loop = {top = {layers = 2 : i64, chain = ["x"]}}} {
func.func @top(%x: memref<4xf32> {dataflow.port = 0 : i64, streamtensor.name = "x", streamtensor.kind = "input"},
                %w: memref<4xf32> {dataflow.port = 1 : i64, streamtensor.name = "w", streamtensor.kind = "weight"},
                %c: memref<8x4xf32> {dataflow.port = 2 : i64, streamtensor.name = "cache", streamtensor.kind = "input"},
                %y: memref<4xf32> {dataflow.port = 3 : i64, streamtensor.name = "y", streamtensor.kind = "output"},
                %r: memref<1x4xf32> {dataflow.port = 4 : i64, streamtensor.name = "row", streamtensor.kind = "output"})
    attributes {dataflow.top} {
  func.call @p(%x, %w, %c, %y, %r) : (memref<4xf32>, memref<4xf32>, memref<8x4xf32>, memref<4xf32>, memref<1x4xf32>) -> ()
  return
}
func.func private @p(%x: memref<4xf32>, %w: memref<4xf32>, %c: memref<8x4xf32>, %y: memref<4xf32>, %r: memref<1x4xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %j = %c0 to %c4 step %c1 {
    %a = memref.load %x[%j] : memref<4xf32>
    %b = memref.load %w[%j] : memref<4xf32>
    %d = memref.load %c[%c0, %j] : memref<8x4xf32>
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %m, %d : f32
    memref.store %s, %y[%j] : memref<4xf32>
    memref.store %m, %r[%c0, %j] : memref<1x4xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
}

// -----

// expected-error @+1 {{streamtensor.layer_loop: 'chain' input 'q' is not an input of the design}}
module attributes {streamtensor.layer_loop = {top = {layers = 2 : i64, chain = ["q", "y"]}}} {
func.func @top(%x: memref<4xf32> {dataflow.port = 0 : i64, streamtensor.name = "x", streamtensor.kind = "input"},
                %w: memref<4xf32> {dataflow.port = 1 : i64, streamtensor.name = "w", streamtensor.kind = "weight"},
                %c: memref<8x4xf32> {dataflow.port = 2 : i64, streamtensor.name = "cache", streamtensor.kind = "input"},
                %y: memref<4xf32> {dataflow.port = 3 : i64, streamtensor.name = "y", streamtensor.kind = "output"},
                %r: memref<1x4xf32> {dataflow.port = 4 : i64, streamtensor.name = "row", streamtensor.kind = "output"})
    attributes {dataflow.top} {
  func.call @p(%x, %w, %c, %y, %r) : (memref<4xf32>, memref<4xf32>, memref<8x4xf32>, memref<4xf32>, memref<1x4xf32>) -> ()
  return
}
func.func private @p(%x: memref<4xf32>, %w: memref<4xf32>, %c: memref<8x4xf32>, %y: memref<4xf32>, %r: memref<1x4xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %j = %c0 to %c4 step %c1 {
    %a = memref.load %x[%j] : memref<4xf32>
    %b = memref.load %w[%j] : memref<4xf32>
    %d = memref.load %c[%c0, %j] : memref<8x4xf32>
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %m, %d : f32
    memref.store %s, %y[%j] : memref<4xf32>
    memref.store %m, %r[%c0, %j] : memref<1x4xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
}

// -----

// expected-error @+1 {{streamtensor.layer_loop: 'chain' output 'w' is not an output of the design}}
module attributes {streamtensor.layer_loop = {top = {layers = 2 : i64, chain = ["x", "w"]}}} {
func.func @top(%x: memref<4xf32> {dataflow.port = 0 : i64, streamtensor.name = "x", streamtensor.kind = "input"},
                %w: memref<4xf32> {dataflow.port = 1 : i64, streamtensor.name = "w", streamtensor.kind = "weight"},
                %c: memref<8x4xf32> {dataflow.port = 2 : i64, streamtensor.name = "cache", streamtensor.kind = "input"},
                %y: memref<4xf32> {dataflow.port = 3 : i64, streamtensor.name = "y", streamtensor.kind = "output"},
                %r: memref<1x4xf32> {dataflow.port = 4 : i64, streamtensor.name = "row", streamtensor.kind = "output"})
    attributes {dataflow.top} {
  func.call @p(%x, %w, %c, %y, %r) : (memref<4xf32>, memref<4xf32>, memref<8x4xf32>, memref<4xf32>, memref<1x4xf32>) -> ()
  return
}
func.func private @p(%x: memref<4xf32>, %w: memref<4xf32>, %c: memref<8x4xf32>, %y: memref<4xf32>, %r: memref<1x4xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %j = %c0 to %c4 step %c1 {
    %a = memref.load %x[%j] : memref<4xf32>
    %b = memref.load %w[%j] : memref<4xf32>
    %d = memref.load %c[%c0, %j] : memref<8x4xf32>
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %m, %d : f32
    memref.store %s, %y[%j] : memref<4xf32>
    memref.store %m, %r[%c0, %j] : memref<1x4xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
}

// -----

// expected-error @+1 {{streamtensor.layer_loop: 'x' and 'row' differ in type or layout; a layer cannot read what the previous one wrote}}
module attributes {streamtensor.layer_loop = {top = {layers = 2 : i64, chain = ["x", "row"]}}} {
func.func @top(%x: memref<4xf32> {dataflow.port = 0 : i64, streamtensor.name = "x", streamtensor.kind = "input"},
                %w: memref<4xf32> {dataflow.port = 1 : i64, streamtensor.name = "w", streamtensor.kind = "weight"},
                %c: memref<8x4xf32> {dataflow.port = 2 : i64, streamtensor.name = "cache", streamtensor.kind = "input"},
                %y: memref<4xf32> {dataflow.port = 3 : i64, streamtensor.name = "y", streamtensor.kind = "output"},
                %r: memref<1x4xf32> {dataflow.port = 4 : i64, streamtensor.name = "row", streamtensor.kind = "output"})
    attributes {dataflow.top} {
  func.call @p(%x, %w, %c, %y, %r) : (memref<4xf32>, memref<4xf32>, memref<8x4xf32>, memref<4xf32>, memref<1x4xf32>) -> ()
  return
}
func.func private @p(%x: memref<4xf32>, %w: memref<4xf32>, %c: memref<8x4xf32>, %y: memref<4xf32>, %r: memref<1x4xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %j = %c0 to %c4 step %c1 {
    %a = memref.load %x[%j] : memref<4xf32>
    %b = memref.load %w[%j] : memref<4xf32>
    %d = memref.load %c[%c0, %j] : memref<8x4xf32>
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %m, %d : f32
    memref.store %s, %y[%j] : memref<4xf32>
    memref.store %m, %r[%c0, %j] : memref<1x4xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
}

// -----

// expected-error @+1 {{streamtensor.layer_loop: 'per_layer' entry 'x' is not an input of the design other than the chained one}}
module attributes {streamtensor.layer_loop = {top = {layers = 2 : i64, chain = ["x", "y"], per_layer = ["x"]}}} {
func.func @top(%x: memref<4xf32> {dataflow.port = 0 : i64, streamtensor.name = "x", streamtensor.kind = "input"},
                %w: memref<4xf32> {dataflow.port = 1 : i64, streamtensor.name = "w", streamtensor.kind = "weight"},
                %c: memref<8x4xf32> {dataflow.port = 2 : i64, streamtensor.name = "cache", streamtensor.kind = "input"},
                %y: memref<4xf32> {dataflow.port = 3 : i64, streamtensor.name = "y", streamtensor.kind = "output"},
                %r: memref<1x4xf32> {dataflow.port = 4 : i64, streamtensor.name = "row", streamtensor.kind = "output"})
    attributes {dataflow.top} {
  func.call @p(%x, %w, %c, %y, %r) : (memref<4xf32>, memref<4xf32>, memref<8x4xf32>, memref<4xf32>, memref<1x4xf32>) -> ()
  return
}
func.func private @p(%x: memref<4xf32>, %w: memref<4xf32>, %c: memref<8x4xf32>, %y: memref<4xf32>, %r: memref<1x4xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %j = %c0 to %c4 step %c1 {
    %a = memref.load %x[%j] : memref<4xf32>
    %b = memref.load %w[%j] : memref<4xf32>
    %d = memref.load %c[%c0, %j] : memref<8x4xf32>
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %m, %d : f32
    memref.store %s, %y[%j] : memref<4xf32>
    memref.store %m, %r[%c0, %j] : memref<1x4xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
}

// -----

// expected-error @+1 {{streamtensor.layer_loop: 'from' 'cache' is not an output of the design other than the chained one}}
module attributes {streamtensor.layer_loop = {top = {layers = 2 : i64, chain = ["x", "y"], append = [{from = "cache", to = "cache"}]}}} {
func.func @top(%x: memref<4xf32> {dataflow.port = 0 : i64, streamtensor.name = "x", streamtensor.kind = "input"},
                %w: memref<4xf32> {dataflow.port = 1 : i64, streamtensor.name = "w", streamtensor.kind = "weight"},
                %c: memref<8x4xf32> {dataflow.port = 2 : i64, streamtensor.name = "cache", streamtensor.kind = "input"},
                %y: memref<4xf32> {dataflow.port = 3 : i64, streamtensor.name = "y", streamtensor.kind = "output"},
                %r: memref<1x4xf32> {dataflow.port = 4 : i64, streamtensor.name = "row", streamtensor.kind = "output"})
    attributes {dataflow.top} {
  func.call @p(%x, %w, %c, %y, %r) : (memref<4xf32>, memref<4xf32>, memref<8x4xf32>, memref<4xf32>, memref<1x4xf32>) -> ()
  return
}
func.func private @p(%x: memref<4xf32>, %w: memref<4xf32>, %c: memref<8x4xf32>, %y: memref<4xf32>, %r: memref<1x4xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %j = %c0 to %c4 step %c1 {
    %a = memref.load %x[%j] : memref<4xf32>
    %b = memref.load %w[%j] : memref<4xf32>
    %d = memref.load %c[%c0, %j] : memref<8x4xf32>
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %m, %d : f32
    memref.store %s, %y[%j] : memref<4xf32>
    memref.store %m, %r[%c0, %j] : memref<1x4xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
}

// -----

// expected-error @+1 {{streamtensor.layer_loop: 'to' 'w' must be an f32 input of the design that is not chained or per layer}}
module attributes {streamtensor.layer_loop = {top = {layers = 2 : i64, chain = ["x", "y"], append = [{from = "row", to = "w"}]}}} {
func.func @top(%x: memref<4xf32> {dataflow.port = 0 : i64, streamtensor.name = "x", streamtensor.kind = "input"},
                %w: memref<4xf32> {dataflow.port = 1 : i64, streamtensor.name = "w", streamtensor.kind = "weight"},
                %c: memref<8x4xf32> {dataflow.port = 2 : i64, streamtensor.name = "cache", streamtensor.kind = "input"},
                %y: memref<4xf32> {dataflow.port = 3 : i64, streamtensor.name = "y", streamtensor.kind = "output"},
                %r: memref<1x4xf32> {dataflow.port = 4 : i64, streamtensor.name = "row", streamtensor.kind = "output"})
    attributes {dataflow.top} {
  func.call @p(%x, %w, %c, %y, %r) : (memref<4xf32>, memref<4xf32>, memref<8x4xf32>, memref<4xf32>, memref<1x4xf32>) -> ()
  return
}
func.func private @p(%x: memref<4xf32>, %w: memref<4xf32>, %c: memref<8x4xf32>, %y: memref<4xf32>, %r: memref<1x4xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %j = %c0 to %c4 step %c1 {
    %a = memref.load %x[%j] : memref<4xf32>
    %b = memref.load %w[%j] : memref<4xf32>
    %d = memref.load %c[%c0, %j] : memref<8x4xf32>
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %m, %d : f32
    memref.store %s, %y[%j] : memref<4xf32>
    memref.store %m, %r[%c0, %j] : memref<1x4xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
}

// -----

// expected-error @+1 {{streamtensor.layer_loop: cache 'cache' is appended to twice}}
module attributes {streamtensor.layer_loop = {top = {layers = 2 : i64, chain = ["x", "y"], append = [{from = "row", to = "cache"}, {from = "row", to = "cache"}]}}} {
func.func @top(%x: memref<4xf32> {dataflow.port = 0 : i64, streamtensor.name = "x", streamtensor.kind = "input"},
                %w: memref<4xf32> {dataflow.port = 1 : i64, streamtensor.name = "w", streamtensor.kind = "weight"},
                %c: memref<8x4xf32> {dataflow.port = 2 : i64, streamtensor.name = "cache", streamtensor.kind = "input"},
                %y: memref<4xf32> {dataflow.port = 3 : i64, streamtensor.name = "y", streamtensor.kind = "output"},
                %r: memref<1x4xf32> {dataflow.port = 4 : i64, streamtensor.name = "row", streamtensor.kind = "output"})
    attributes {dataflow.top} {
  func.call @p(%x, %w, %c, %y, %r) : (memref<4xf32>, memref<4xf32>, memref<8x4xf32>, memref<4xf32>, memref<1x4xf32>) -> ()
  return
}
func.func private @p(%x: memref<4xf32>, %w: memref<4xf32>, %c: memref<8x4xf32>, %y: memref<4xf32>, %r: memref<1x4xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %j = %c0 to %c4 step %c1 {
    %a = memref.load %x[%j] : memref<4xf32>
    %b = memref.load %w[%j] : memref<4xf32>
    %d = memref.load %c[%c0, %j] : memref<8x4xf32>
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %m, %d : f32
    memref.store %s, %y[%j] : memref<4xf32>
    memref.store %m, %r[%c0, %j] : memref<1x4xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
}

// -----

// expected-error @+1 {{streamtensor.layer_loop: cache 'other' is not a port of the design, so its entry needs 'shape' and 'layout'}}
module attributes {streamtensor.layer_loop = {top = {layers = 2 : i64, chain = ["x", "y"], append = [{from = "row", to = "other"}]}}} {
func.func @top(%x: memref<4xf32> {dataflow.port = 0 : i64, streamtensor.name = "x", streamtensor.kind = "input"},
                %w: memref<4xf32> {dataflow.port = 1 : i64, streamtensor.name = "w", streamtensor.kind = "weight"},
                %c: memref<8x4xf32> {dataflow.port = 2 : i64, streamtensor.name = "cache", streamtensor.kind = "input"},
                %y: memref<4xf32> {dataflow.port = 3 : i64, streamtensor.name = "y", streamtensor.kind = "output"},
                %r: memref<1x4xf32> {dataflow.port = 4 : i64, streamtensor.name = "row", streamtensor.kind = "output"})
    attributes {dataflow.top} {
  func.call @p(%x, %w, %c, %y, %r) : (memref<4xf32>, memref<4xf32>, memref<8x4xf32>, memref<4xf32>, memref<1x4xf32>) -> ()
  return
}
func.func private @p(%x: memref<4xf32>, %w: memref<4xf32>, %c: memref<8x4xf32>, %y: memref<4xf32>, %r: memref<1x4xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %j = %c0 to %c4 step %c1 {
    %a = memref.load %x[%j] : memref<4xf32>
    %b = memref.load %w[%j] : memref<4xf32>
    %d = memref.load %c[%c0, %j] : memref<8x4xf32>
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %m, %d : f32
    memref.store %s, %y[%j] : memref<4xf32>
    memref.store %m, %r[%c0, %j] : memref<1x4xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
}

// -----

// expected-error @+1 {{streamtensor.layer_loop: the layout of cache 'other' does not hold its 32 elements}}
module attributes {streamtensor.layer_loop = {top = {layers = 2 : i64, chain = ["x", "y"], append = [{from = "row", to = "other", shape = array<i64: 8, 4>, layout = {contiguous = true, packed = false, shape = array<i64: 16, 4>, outer_dims_perm = array<i64: 0, 1>, inner_tiles = array<i64: 1, 1>, run = 1, lanes = 1}}]}}} {
func.func @top(%x: memref<4xf32> {dataflow.port = 0 : i64, streamtensor.name = "x", streamtensor.kind = "input"},
                %w: memref<4xf32> {dataflow.port = 1 : i64, streamtensor.name = "w", streamtensor.kind = "weight"},
                %c: memref<8x4xf32> {dataflow.port = 2 : i64, streamtensor.name = "cache", streamtensor.kind = "input"},
                %y: memref<4xf32> {dataflow.port = 3 : i64, streamtensor.name = "y", streamtensor.kind = "output"},
                %r: memref<1x4xf32> {dataflow.port = 4 : i64, streamtensor.name = "row", streamtensor.kind = "output"})
    attributes {dataflow.top} {
  func.call @p(%x, %w, %c, %y, %r) : (memref<4xf32>, memref<4xf32>, memref<8x4xf32>, memref<4xf32>, memref<1x4xf32>) -> ()
  return
}
func.func private @p(%x: memref<4xf32>, %w: memref<4xf32>, %c: memref<8x4xf32>, %y: memref<4xf32>, %r: memref<1x4xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %j = %c0 to %c4 step %c1 {
    %a = memref.load %x[%j] : memref<4xf32>
    %b = memref.load %w[%j] : memref<4xf32>
    %d = memref.load %c[%c0, %j] : memref<8x4xf32>
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %m, %d : f32
    memref.store %s, %y[%j] : memref<4xf32>
    memref.store %m, %r[%c0, %j] : memref<1x4xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
}

// -----

// expected-error @+1 {{streamtensor.layer_loop: rows of 'row' do not fit cache 'other'}}
module attributes {streamtensor.layer_loop = {top = {layers = 2 : i64, chain = ["x", "y"], append = [{from = "row", to = "other", shape = array<i64: 8, 3>, layout = {contiguous = false, packed = false}}]}}} {
func.func @top(%x: memref<4xf32> {dataflow.port = 0 : i64, streamtensor.name = "x", streamtensor.kind = "input"},
                %w: memref<4xf32> {dataflow.port = 1 : i64, streamtensor.name = "w", streamtensor.kind = "weight"},
                %c: memref<8x4xf32> {dataflow.port = 2 : i64, streamtensor.name = "cache", streamtensor.kind = "input"},
                %y: memref<4xf32> {dataflow.port = 3 : i64, streamtensor.name = "y", streamtensor.kind = "output"},
                %r: memref<1x4xf32> {dataflow.port = 4 : i64, streamtensor.name = "row", streamtensor.kind = "output"})
    attributes {dataflow.top} {
  func.call @p(%x, %w, %c, %y, %r) : (memref<4xf32>, memref<4xf32>, memref<8x4xf32>, memref<4xf32>, memref<1x4xf32>) -> ()
  return
}
func.func private @p(%x: memref<4xf32>, %w: memref<4xf32>, %c: memref<8x4xf32>, %y: memref<4xf32>, %r: memref<1x4xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %j = %c0 to %c4 step %c1 {
    %a = memref.load %x[%j] : memref<4xf32>
    %b = memref.load %w[%j] : memref<4xf32>
    %d = memref.load %c[%c0, %j] : memref<8x4xf32>
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %m, %d : f32
    memref.store %s, %y[%j] : memref<4xf32>
    memref.store %m, %r[%c0, %j] : memref<1x4xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
}

// -----

// expected-error @+1 {{streamtensor.layer_loop: 'kernel' must be a string}}
module attributes {streamtensor.layer_loop = {top = {layers = 2 : i64, kernel = 3 : i64, chain = ["x", "y"]}}} {
func.func @top(%x: memref<4xf32> {dataflow.port = 0 : i64, streamtensor.name = "x", streamtensor.kind = "input"},
               %y: memref<4xf32> {dataflow.port = 1 : i64, streamtensor.name = "y", streamtensor.kind = "output"})
    attributes {dataflow.top} {
  func.call @p(%x, %y) : (memref<4xf32>, memref<4xf32>) -> ()
  return
}
func.func private @p(%x: memref<4xf32>, %y: memref<4xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %j = %c0 to %c4 step %c1 {
    %a = memref.load %x[%j] : memref<4xf32>
    memref.store %a, %y[%j] : memref<4xf32>
  } {dataflow.pipeline_ii = 1 : i64}
  return
}
}
