// RUN: streamtensor-opt %s --streamtensor-lower-linalg-to-loops -split-input-file -verify-diagnostics

// Intra-tile directives are checked before they index anything: a repeated,
// negative or out-of-range loop in the order, an order or unroll list of the
// wrong length, and an unroll factor below 1 are errors at the op.

func.func @repeated() {
  %a = memref.alloc() : memref<4x4xf32>
  %b = memref.alloc() : memref<4x4xf32>
  %c = memref.alloc() : memref<4x4xf32>
  // expected-error @+1 {{'streamtensor.inner_order' is not a permutation: it names loop 1 twice}}
  linalg.matmul {streamtensor.inner_order = array<i64: 1, 1, 0>}
      ins(%a, %b : memref<4x4xf32>, memref<4x4xf32>) outs(%c : memref<4x4xf32>)
  return
}

// -----

func.func @negative() {
  %a = memref.alloc() : memref<4x4xf32>
  %b = memref.alloc() : memref<4x4xf32>
  %c = memref.alloc() : memref<4x4xf32>
  // expected-error @+1 {{'streamtensor.inner_order' is not a permutation: it names loop -1, outside 0..2}}
  linalg.matmul {streamtensor.inner_order = array<i64: 2, -1, 0>}
      ins(%a, %b : memref<4x4xf32>, memref<4x4xf32>) outs(%c : memref<4x4xf32>)
  return
}

// -----

func.func @huge() {
  %a = memref.alloc() : memref<4x4xf32>
  %b = memref.alloc() : memref<4x4xf32>
  %c = memref.alloc() : memref<4x4xf32>
  // expected-error @+1 {{'streamtensor.inner_order' is not a permutation: it names loop 9223372036854775807, outside 0..2}}
  linalg.matmul {streamtensor.inner_order = array<i64: 0, 1, 9223372036854775807>}
      ins(%a, %b : memref<4x4xf32>, memref<4x4xf32>) outs(%c : memref<4x4xf32>)
  return
}

// -----

func.func @short_order() {
  %a = memref.alloc() : memref<4x4xf32>
  %b = memref.alloc() : memref<4x4xf32>
  %c = memref.alloc() : memref<4x4xf32>
  // expected-error @+1 {{'streamtensor.inner_order' is not a permutation: it has 2 entries for 3 loops}}
  linalg.matmul {streamtensor.inner_order = array<i64: 1, 0>}
      ins(%a, %b : memref<4x4xf32>, memref<4x4xf32>) outs(%c : memref<4x4xf32>)
  return
}

// -----

func.func @zero_unroll() {
  %a = memref.alloc() : memref<4x4xf32>
  %b = memref.alloc() : memref<4x4xf32>
  %c = memref.alloc() : memref<4x4xf32>
  // expected-error @+1 {{'streamtensor.unroll' has the factor 0; factors must be at least 1}}
  linalg.matmul {streamtensor.unroll = array<i64: 1, 0, 1>}
      ins(%a, %b : memref<4x4xf32>, memref<4x4xf32>) outs(%c : memref<4x4xf32>)
  return
}

// -----

func.func @long_unroll() {
  %a = memref.alloc() : memref<4x4xf32>
  %b = memref.alloc() : memref<4x4xf32>
  %c = memref.alloc() : memref<4x4xf32>
  // expected-error @+1 {{'streamtensor.unroll' has 4 entries for 3 loops}}
  linalg.matmul {streamtensor.unroll = array<i64: 1, 1, 1, 2>}
      ins(%a, %b : memref<4x4xf32>, memref<4x4xf32>) outs(%c : memref<4x4xf32>)
  return
}
