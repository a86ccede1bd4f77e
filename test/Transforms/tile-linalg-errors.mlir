// RUN: streamtensor-opt %s --streamtensor-tile-linalg -split-input-file -verify-diagnostics

func.func @tile_does_not_divide(%A: tensor<64x64xf32>, %B: tensor<64x64xf32>, %C: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{tile size 24 of loop 0 does not divide its range 64}}
  %r = linalg.matmul {streamtensor.tile_sizes = array<i64: 24, 16, 16>}
      ins(%A, %B : tensor<64x64xf32>, tensor<64x64xf32>)
      outs(%C : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}

// -----

func.func @tile_sizes_length(%A: tensor<64x64xf32>, %B: tensor<64x64xf32>, %C: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{'streamtensor.tile_sizes' has 2 entries, expected 3 (one per loop)}}
  %r = linalg.matmul {streamtensor.tile_sizes = array<i64: 16, 16>}
      ins(%A, %B : tensor<64x64xf32>, tensor<64x64xf32>)
      outs(%C : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}

// -----

func.func @tile_sizes_type(%A: tensor<64x64xf32>, %B: tensor<64x64xf32>, %C: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{'streamtensor.tile_sizes' must be an array<i64>}}
  %r = linalg.matmul {streamtensor.tile_sizes = [16, 16, 16]}
      ins(%A, %B : tensor<64x64xf32>, tensor<64x64xf32>)
      outs(%C : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}

// -----

func.func @not_a_permutation(%A: tensor<64x64xf32>, %B: tensor<64x64xf32>, %C: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{'streamtensor.permutation' is not a permutation}}
  %r = linalg.matmul {streamtensor.permutation = array<i64: 0, 0>}
      ins(%A, %B : tensor<64x64xf32>, tensor<64x64xf32>)
      outs(%C : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}

// -----

// The permutation orders the tiled parallel loops only (here i and j).
func.func @permutation_length(%A: tensor<64x64xf32>, %B: tensor<64x64xf32>, %C: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{'streamtensor.permutation' has 3 entries, expected 2 (one per tiled parallel loop)}}
  %r = linalg.matmul {streamtensor.permutation = array<i64: 2, 1, 0>}
      ins(%A, %B : tensor<64x64xf32>, tensor<64x64xf32>)
      outs(%C : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}

// -----

func.func @unroll_does_not_divide(%A: tensor<64x64xf32>, %B: tensor<64x64xf32>, %C: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{unroll factor 3 of loop 0 does not divide its tile range 16}}
  %r = linalg.matmul {streamtensor.unroll = array<i64: 3, 1, 1>}
      ins(%A, %B : tensor<64x64xf32>, tensor<64x64xf32>)
      outs(%C : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}

// -----

func.func @inner_order(%A: tensor<64x64xf32>, %B: tensor<64x64xf32>, %C: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{'streamtensor.inner_order' is not a permutation}}
  %r = linalg.matmul {streamtensor.inner_order = array<i64: 0, 1, 3>}
      ins(%A, %B : tensor<64x64xf32>, tensor<64x64xf32>)
      outs(%C : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}

// -----

func.func @dynamic(%A: tensor<?x64xf32>, %B: tensor<64x64xf32>, %C: tensor<?x64xf32>) -> tensor<?x64xf32> {
  // expected-error @+1 {{cannot tile: loop ranges must be static}}
  %r = linalg.matmul ins(%A, %B : tensor<?x64xf32>, tensor<64x64xf32>)
                     outs(%C : tensor<?x64xf32>) -> tensor<?x64xf32>
  return %r : tensor<?x64xf32>
}

// -----

func.func @buffers(%A: memref<64x64xf32>, %B: memref<64x64xf32>) {
  // expected-error @+1 {{cannot tile: expected an op on tensors in destination style}}
  linalg.copy ins(%A : memref<64x64xf32>) outs(%B : memref<64x64xf32>)
  return
}

// -----

func.func @softmax_dimension(%x: tensor<64x128xf32>) -> tensor<64x128xf32> {
  %empty = tensor.empty() : tensor<64x128xf32>
  // expected-error @+1 {{cannot tile reduction loop 1 of this op}}
  %r = linalg.softmax {streamtensor.tile_sizes = array<i64: 16, 16>} dimension(1)
      ins(%x : tensor<64x128xf32>) outs(%empty : tensor<64x128xf32>) -> tensor<64x128xf32>
  return %r : tensor<64x128xf32>
}
