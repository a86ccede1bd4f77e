// Every rule of docs/lowered-ir.md that the emitters rely on is checked, and a
// violation is an error at the op that breaks it (no crash, no partial
// output). All emitters share the checks; one is enough here.

// RUN: streamtensor-translate --emit-hlscpp --split-input-file --verify-diagnostics %s

// expected-error @+1 {{module has no function marked dataflow.top}}
module {
}

// -----

// A module of host-side functions only has nothing to emit.
// expected-error @+1 {{module has no function marked dataflow.top}}
module {
  func.func @host() {
    return
  }
}

// -----

func.func @top(%x: memref<8xf32> {dataflow.port = 0 : i64}) attributes {dataflow.top} {
  func.call @p(%x) : (memref<8xf32>) -> ()
  return
}
func.func private @p(%x: memref<8xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %v = memref.load %x[%c0] : memref<8xf32>
  // expected-error @+1 {{'arith.bitcast' op is not supported in a process function}}
  %b = arith.bitcast %v : f32 to i32
  return
}

// -----

func.func @top(%x: memref<8xf32> {dataflow.port = 0 : i64}) attributes {dataflow.top} {
  func.call @p(%x) : (memref<8xf32>) -> ()
  return
}
func.func private @p(%x: memref<8xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %zero = arith.constant 0.0 : f32
  // expected-error @+1 {{'scf.for' op with iter_args is not supported; carry values through a local memref}}
  %sum = scf.for %i = %c0 to %c8 step %c1 iter_args(%acc = %zero) -> (f32) {
    %v = memref.load %x[%i] : memref<8xf32>
    %s = arith.addf %acc, %v : f32
    scf.yield %s : f32
  }
  return
}

// -----

func.func @top(%x: memref<8xf32> {dataflow.port = 0 : i64}) attributes {dataflow.top} {
  func.call @p(%x) : (memref<8xf32>) -> ()
  return
}
func.func private @p(%x: memref<8xf32>) attributes {dataflow.process} {
  // expected-error @+1 {{local array must have a static, non-empty shape, got 'memref<0xf32>'}}
  %buf = memref.alloca() : memref<0xf32>
  return
}

// -----

func.func @top(%x: memref<8xf32> {dataflow.port = 0 : i64}) attributes {dataflow.top} {
  func.call @p(%x) : (memref<8xf32>) -> ()
  return
}
func.func private @p(%x: memref<8xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %v = memref.load %x[%c0] : memref<8xf32>
  // expected-error @+1 {{result has unsupported type 'f16'}}
  %h = arith.truncf %v : f32 to f16
  return
}

// -----

// expected-error @+1 {{port 0 must have a static, non-empty shape, got 'memref<?xf32>'}}
func.func @top(%x: memref<?xf32>) attributes {dataflow.top} {
  return
}

// -----

// expected-error @+1 {{port 0 must have the identity (row-major) layout}}
func.func @top(%x: memref<4x4xf32, strided<[1, 4]>>) attributes {dataflow.top} {
  return
}

// -----

// expected-error @+1 {{argument 0 of 'top' has dataflow.port = 1; ports must be numbered in argument order}}
func.func @top(%x: memref<8xf32> {dataflow.port = 1 : i64}) attributes {dataflow.top} {
  return
}

// -----

// expected-error @+1 {{argument 0 of 'top' has tensor name 'a/b', which cannot be a file name}}
func.func @top(%x: memref<8xf32> {streamtensor.name = "a/b"}) attributes {dataflow.top} {
  return
}

// -----

// expected-error @+1 {{argument 0 of 'top' has streamtensor.kind 'scratch'; expected 'input', 'weight' or 'output'}}
func.func @top(%x: memref<8xf32> {streamtensor.kind = "scratch"}) attributes {dataflow.top} {
  return
}

// -----

// expected-error @+1 {{two ports of 'top' carry tensor 'x'}}
func.func @top(%a: memref<8xf32> {streamtensor.name = "x"}, %b: memref<8xf32> {streamtensor.name = "x"}) attributes {dataflow.top} {
  return
}

// -----

// expected-error @+1 {{port 0 of 'top' is marked weight but a process writes it}}
func.func @top(%w: memref<8xf32> {streamtensor.name = "w", streamtensor.kind = "weight"}) attributes {dataflow.top} {
  func.call @p(%w) : (memref<8xf32>) -> ()
  return
}
func.func private @p(%w: memref<8xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  memref.store %zero, %w[%c0] : memref<8xf32>
  return
}

// -----

// expected-error @+1 {{top function 'top' must not return values; outputs are memref arguments}}
func.func @top() -> f32 attributes {dataflow.top} {
  %zero = arith.constant 0.0 : f32
  return %zero : f32
}

// -----

func.func @top() attributes {dataflow.top} {
  // expected-error @+1 {{'func.call' op calls 'helper', which is not a function marked dataflow.process}}
  func.call @helper() : () -> ()
  return
}
func.func private @helper() {
  return
}

// -----

// expected-error @+1 {{function 'both' is marked both dataflow.top and dataflow.process}}
func.func @both() attributes {dataflow.top, dataflow.process} {
  return
}

// -----

func.func @top() attributes {dataflow.top} {
  %s = dataflow.stream {dataflow.name = "s"} : !dataflow.stream<f32, 2>
  // expected-error @+1 {{stream name 's' is used twice in 'top'; dataflow.name must be unique}}
  %t = dataflow.stream {dataflow.name = "s"} : !dataflow.stream<f32, 2>
  return
}

// -----

func.func @top() attributes {dataflow.top} {
  // expected-error @+1 {{stream 's' must have exactly one producer, has 2: 'producer', 'producer_1'}}
  %s = dataflow.stream {dataflow.name = "s"} : !dataflow.stream<f32, 2>
  func.call @producer(%s) : (!dataflow.stream<f32, 2>) -> ()
  func.call @producer(%s) : (!dataflow.stream<f32, 2>) -> ()
  func.call @consumer(%s) : (!dataflow.stream<f32, 2>) -> ()
  return
}
func.func private @producer(%s: !dataflow.stream<f32, 2>) attributes {dataflow.process} {
  %zero = arith.constant 0.0 : f32
  dataflow.stream_write %zero into %s : f32 -> !dataflow.stream<f32, 2>
  return
}
func.func private @consumer(%s: !dataflow.stream<f32, 2>) attributes {dataflow.process} {
  %v = dataflow.stream_read %s : !dataflow.stream<f32, 2> -> f32
  return
}

// -----

func.func @top() attributes {dataflow.top} {
  // expected-error @+1 {{stream 'dangling' must have exactly one consumer, has 0}}
  %s = dataflow.stream {dataflow.name = "dangling"} : !dataflow.stream<f32, 2>
  func.call @producer(%s) : (!dataflow.stream<f32, 2>) -> ()
  return
}
func.func private @producer(%s: !dataflow.stream<f32, 2>) attributes {dataflow.process} {
  %zero = arith.constant 0.0 : f32
  dataflow.stream_write %zero into %s : f32 -> !dataflow.stream<f32, 2>
  return
}

// -----

func.func @top() attributes {dataflow.top} {
  %s = dataflow.stream {dataflow.name = "loop"} : !dataflow.stream<f32, 2>
  // expected-error @+1 {{'func.call' op process 'echo' both reads and writes stream 'loop' (argument 0)}}
  func.call @echo(%s) : (!dataflow.stream<f32, 2>) -> ()
  return
}
func.func private @echo(%s: !dataflow.stream<f32, 2>) attributes {dataflow.process} {
  %v = dataflow.stream_read %s : !dataflow.stream<f32, 2> -> f32
  dataflow.stream_write %v into %s : f32 -> !dataflow.stream<f32, 2>
  return
}

// -----

func.func @top() attributes {dataflow.top} {
  %s = dataflow.stream {dataflow.name = "s"} : !dataflow.stream<f32, 2>
  // expected-error @+1 {{'func.call' op process 'idle' neither reads nor writes stream 's' (argument 0)}}
  func.call @idle(%s) : (!dataflow.stream<f32, 2>) -> ()
  return
}
func.func private @idle(%s: !dataflow.stream<f32, 2>) attributes {dataflow.process} {
  return
}

// -----

func.func @top() attributes {dataflow.top} {
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{'arith.addi' op is not supported in a top function}}
  %c1 = arith.addi %c0, %c0 : index
  return
}

// -----

// expected-error @+1 {{stream argument 0 of process 'p' has unsupported type 'vector<2x2xf32>'}}
func.func private @p(%s: !dataflow.stream<vector<2x2xf32>, 2>) attributes {dataflow.process} {
  return
}
func.func @top() attributes {dataflow.top} {
  return
}

// -----

func.func @first(%h: memref<8xf32> {streamtensor.name = "h", streamtensor.kind = "output"}) attributes {dataflow.top} {
  return
}
// expected-error @+1 {{port 0 of 'second' carries tensor 'h', which kernel 'first' already writes}}
func.func @second(%h: memref<8xf32> {streamtensor.name = "h", streamtensor.kind = "output"}) attributes {dataflow.top} {
  return
}

// -----

func.func @first(%h: memref<8xf32> {streamtensor.name = "h", streamtensor.kind = "output"}) attributes {dataflow.top} {
  return
}
// expected-error @+1 {{port 0 of 'second' carries tensor 'h' as 'memref<4xf32>', but an earlier kernel uses 'memref<8xf32>'}}
func.func @second(%h: memref<4xf32> {streamtensor.name = "h", streamtensor.kind = "input"}) attributes {dataflow.top} {
  return
}

// -----

func.func @first(%h: memref<8xf32> {streamtensor.name = "h", streamtensor.kind = "input"}) attributes {dataflow.top} {
  return
}
// expected-error @+1 {{port 0 of 'second' carries tensor 'h' as an output after an earlier kernel read it}}
func.func @second(%h: memref<8xf32> {streamtensor.name = "h", streamtensor.kind = "output"}) attributes {dataflow.top} {
  return
}

// -----

// A start hold is emitted into the process body, so the calls of one
// process must agree on it.
func.func @top(%x: memref<8xf32> {dataflow.port = 0 : i64}) attributes {dataflow.top} {
  func.call @p(%x) {dataflow.hold_until_cycle = 10 : i64} : (memref<8xf32>) -> ()
  // expected-error @+1 {{process @p is called with different dataflow.hold_until_cycle values; each held call needs a process of its own}}
  func.call @p(%x) : (memref<8xf32>) -> ()
  return
}
func.func private @p(%x: memref<8xf32>) attributes {dataflow.process} {
  return
}

// -----

// A port of memory words says how the host lays the tensor out.
// expected-error @+1 {{port 0 of 'top' holds memory words but has no dataflow.layout}}
func.func @top(%x: memref<4xvector<16xf32>>) attributes {dataflow.top} {
  func.call @p(%x) : (memref<4xvector<16xf32>>) -> ()
  return
}
func.func private @p(%x: memref<4xvector<16xf32>>) attributes {dataflow.process} {
  return
}

// -----

// The layout must account for every element of the port, in its words.
// expected-error @+1 {{port 0 of 'top' has an invalid dataflow.layout: its 64 elements in words of 8 do not match the port type 'memref<4xvector<16xf32>>' and logical shape of 64 elements}}
func.func @top(%x: memref<4xvector<16xf32>> {dataflow.layout = {contiguous = true, packed = false, shape = array<i64: 64>, outer_dims_perm = array<i64: 0>, inner_tiles = array<i64: 16>, run = 64 : i64, lanes = 8 : i64, logical_shape = array<i64: 1, 64>}}) attributes {dataflow.top} {
  func.call @p(%x) : (memref<4xvector<16xf32>>) -> ()
  return
}
func.func private @p(%x: memref<4xvector<16xf32>>) attributes {dataflow.process} {
  return
}

// -----

// Memory words are loaded, stored, built and taken apart, never computed on.
func.func @top(%x: memref<4xvector<16xf32>> {dataflow.layout = {contiguous = true, packed = false, shape = array<i64: 64>, outer_dims_perm = array<i64: 0>, inner_tiles = array<i64: 16>, run = 64 : i64, lanes = 16 : i64, logical_shape = array<i64: 64>}}) attributes {dataflow.top} {
  func.call @p(%x) : (memref<4xvector<16xf32>>) -> ()
  return
}
func.func private @p(%x: memref<4xvector<16xf32>>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %w = memref.load %x[%c0] : memref<4xvector<16xf32>>
  // expected-error @+1 {{result has unsupported type 'vector<16xf32>'}}
  %s = arith.addf %w, %w : vector<16xf32>
  memref.store %s, %x[%c0] : memref<4xvector<16xf32>>
  return
}

// -----

// Loop steps, bounds and HLS directives are checked before anything is
// written: a zero step would divide by zero in the emitter, a negative one
// would emit a loop that never ends.
func.func @top(%x: memref<8xf32> {dataflow.port = 0 : i64}) attributes {dataflow.top} {
  func.call @p(%x) : (memref<8xf32>) -> ()
  return
}
func.func private @p(%x: memref<8xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c8 = arith.constant 8 : index
  // expected-error @+1 {{'scf.for' op has step 0; an emitted loop needs a positive step}}
  scf.for %i = %c0 to %c8 step %c0 {
    %v = memref.load %x[%i] : memref<8xf32>
  }
  return
}

// -----

func.func @top(%x: memref<8xf32> {dataflow.port = 0 : i64}) attributes {dataflow.top} {
  func.call @p(%x) : (memref<8xf32>) -> ()
  return
}
func.func private @p(%x: memref<8xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c8 = arith.constant 8 : index
  %cm1 = arith.constant -1 : index
  // expected-error @+1 {{'scf.for' op has step -1; an emitted loop needs a positive step}}
  scf.for %i = %c0 to %c8 step %cm1 {
    %v = memref.load %x[%i] : memref<8xf32>
  }
  return
}

// -----

func.func @top(%x: memref<8xf32> {dataflow.port = 0 : i64}) attributes {dataflow.top} {
  func.call @p(%x) : (memref<8xf32>) -> ()
  return
}
func.func private @p(%x: memref<8xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  // expected-error @+1 {{'scf.for' op has dataflow.pipeline_ii = -5 : i64; it must be an integer in [1, 2^20]}}
  scf.for %i = %c0 to %c8 step %c1 {
    %v = memref.load %x[%i] : memref<8xf32>
  } {dataflow.pipeline_ii = -5 : i64}
  return
}

// -----

func.func @top(%x: memref<8xf32> {dataflow.port = 0 : i64}) attributes {dataflow.top} {
  func.call @p(%x) : (memref<8xf32>) -> ()
  return
}
func.func private @p(%x: memref<8xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  // expected-error @+1 {{'scf.for' op has dataflow.unroll = 0 : i64; it must be an integer in [1, 2^20]}}
  scf.for %i = %c0 to %c8 step %c1 {
    %v = memref.load %x[%i] : memref<8xf32>
  } {dataflow.unroll = 0 : i64}
  return
}

// -----

func.func @top(%x: memref<8xf32> {dataflow.port = 0 : i64}) attributes {dataflow.top} {
  func.call @p(%x) : (memref<8xf32>) -> ()
  return
}
func.func private @p(%x: memref<8xf32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %big = arith.constant 4294967296 : index
  // expected-error @+1 {{'scf.for' op has the bound 4294967296, beyond the int induction variable of the emitted loop}}
  scf.for %i = %c0 to %big step %c1 {
    %v = memref.load %x[%c0] : memref<8xf32>
  }
  return
}

// -----

func.func @top(%x: memref<8xf32> {dataflow.port = 0 : i64}) attributes {dataflow.top} {
  func.call @p(%x) : (memref<8xf32>) -> ()
  return
}
func.func private @p(%x: memref<8xf32>) attributes {dataflow.process} {
  // expected-error @+1 {{'memref.alloc' op has the partition factor -2; factors must be at least 1}}
  %buf = memref.alloc() {dataflow.partition = array<i64: -2>} : memref<8xf32>
  return
}

// -----

// Ports and arrays are indexed with int in the emitted code.
func.func @top(%x: memref<65536x65536xf32> {dataflow.port = 0 : i64}) attributes {dataflow.top} {
  func.call @p(%x) : (memref<65536x65536xf32>) -> ()
  return
}
// expected-error @+1 {{memref argument 0 of process 'p' has more than 2^31 - 1 elements ('memref<65536x65536xf32>'); the emitted code indexes it with int}}
func.func private @p(%x: memref<65536x65536xf32>) attributes {dataflow.process} {
  return
}

// -----

// hls::stream<T, N> takes its depth as an int.
func.func @top() attributes {dataflow.top} {
  // expected-error @+1 {{stream depth 4294967296 is beyond the int depth of hls::stream}}
  %s = dataflow.stream : !dataflow.stream<f32, 4294967296>
  return
}

// -----

// A sliced weight must say which box of which tensor it holds.
// expected-error @+1 {{argument 0 of 'top' has a malformed streamtensor.slice_of}}
func.func @top(%w: memref<8xf32> {streamtensor.kind = "weight", streamtensor.name = "w[0:8]", streamtensor.slice_of = {source = "w", offsets = array<i64: 0>, sizes = array<i64: 4>}}) attributes {dataflow.top} {
  func.call @p(%w) : (memref<8xf32>) -> ()
  return
}
func.func private @p(%w: memref<8xf32>) attributes {dataflow.process} {
  return
}

// -----

// A padded output's valid part lies inside the port, one size a dimension.
// expected-error @+1 {{argument 0 of 'top' has a malformed streamtensor.valid_shape}}
func.func @top(%y: memref<8xf32> {streamtensor.kind = "output", streamtensor.name = "y", streamtensor.valid_shape = array<i64: 9>}) attributes {dataflow.top} {
  func.call @p(%y) : (memref<8xf32>) -> ()
  return
}
func.func private @p(%y: memref<8xf32>) attributes {dataflow.process} {
  return
}

// -----

// Packed 4-bit codes can be read but not written.
// expected-error @+1 {{port 0 of 'top' carries tensor 'codes' of 'i4' elements as an output; sub-byte tensors can only be read}}
func.func @top(%c: memref<1xvector<128xi4>> {dataflow.port = 0 : i64, streamtensor.name = "codes", streamtensor.kind = "output",
                 dataflow.layout = {contiguous = true, inner_tiles = array<i64: 128>, lanes = 128 : i64, logical_shape = array<i64: 128>, outer_dims_perm = array<i64: 0>, packed = false, reason = "row-major order is already the tile order", run = 128 : i64, shape = array<i64: 128>}}) attributes {dataflow.top} {
  func.call @p(%c) : (memref<1xvector<128xi4>>) -> ()
  return
}
func.func private @p(%c: memref<1xvector<128xi4>>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %z = arith.constant 0 : i4
  %w = vector.from_elements %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z, %z : vector<128xi4>
  memref.store %w, %c[%c0] : memref<1xvector<128xi4>>
  return
}

// -----

// External memory carries 4-bit codes, packed, but no other sub-byte width.
// expected-error @+1 {{port 0 of 'top' has element type 'i3', which external memory does not carry}}
func.func @top(%c: memref<8xi3> {dataflow.port = 0 : i64, streamtensor.name = "codes", streamtensor.kind = "weight"}) attributes {dataflow.top} {
  func.call @p(%c) : (memref<8xi3>) -> ()
  return
}
func.func private @p(%c: memref<8xi3>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %v = memref.load %c[%c0] : memref<8xi3>
  return
}
