// RUN: streamtensor-opt %s --streamtensor-convert-linalg-to-dataflow -split-input-file -verify-diagnostics

func.func @dynamic_bound(%x: tensor<?x16xf32>, %y: tensor<32x16xf32>) -> tensor<32x16xf32> {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %n = tensor.dim %x, %c0 : tensor<?x16xf32>
  %r = scf.for %i = %c0 to %n step %c16 iter_args(%o = %y) -> (tensor<32x16xf32>) {
    // expected-error @+1 {{enclosing loop must have constant bounds and a positive constant step}}
    %t = tensor.extract_slice %x[%i, 0] [16, 16] [1, 1] : tensor<?x16xf32> to tensor<16x16xf32>
    %ins = tensor.insert_slice %t into %o[%i, 0] [16, 16] [1, 1] : tensor<16x16xf32> into tensor<32x16xf32>
    scf.yield %ins : tensor<32x16xf32>
  }
  return %r : tensor<32x16xf32>
}

// -----

func.func @non_affine_offset(%x: tensor<32x16xf32>) -> tensor<32x16xf32> {
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %c16 = arith.constant 16 : index
  %c32 = arith.constant 32 : index
  %e = tensor.empty() : tensor<32x16xf32>
  %r = scf.for %i = %c0 to %c32 step %c16 iter_args(%o = %e) -> (tensor<32x16xf32>) {
    %h = arith.divui %i, %c2 : index
    // expected-error @+1 {{tile offset is not an affine function of the enclosing loop indices}}
    %t = tensor.extract_slice %x[%h, 0] [16, 16] [1, 1] : tensor<32x16xf32> to tensor<16x16xf32>
    %ins = tensor.insert_slice %t into %o[%i, 0] [16, 16] [1, 1] : tensor<16x16xf32> into tensor<32x16xf32>
    scf.yield %ins : tensor<32x16xf32>
  }
  return %r : tensor<32x16xf32>
}

// -----

func.func @partial_write(%x: tensor<32x16xf32>) -> tensor<64x16xf32> {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %c32 = arith.constant 32 : index
  %e = tensor.empty() : tensor<64x16xf32>
  // expected-error @+1 {{result 0 is written only in part}}
  %r = scf.for %i = %c0 to %c32 step %c16 iter_args(%o = %e) -> (tensor<64x16xf32>) {
    %t = tensor.extract_slice %x[%i, 0] [16, 16] [1, 1] : tensor<32x16xf32> to tensor<16x16xf32>
    %ins = tensor.insert_slice %t into %o[%i, 0] [16, 16] [1, 1] : tensor<16x16xf32> into tensor<64x16xf32>
    scf.yield %ins : tensor<64x16xf32>
  }
  return %r : tensor<64x16xf32>
}

// -----

func.func @partial_tiles(%x: tensor<40x16xf32>) -> tensor<40x16xf32> {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %c40 = arith.constant 40 : index
  %e = tensor.empty() : tensor<40x16xf32>
  %r = scf.for %i = %c0 to %c40 step %c16 iter_args(%o = %e) -> (tensor<40x16xf32>) {
    // expected-error @+1 {{enclosing loop range 40 is not a positive multiple of its step 16}}
    %t = tensor.extract_slice %x[%i, 0] [16, 16] [1, 1] : tensor<40x16xf32> to tensor<16x16xf32>
    %ins = tensor.insert_slice %t into %o[%i, 0] [16, 16] [1, 1] : tensor<16x16xf32> into tensor<40x16xf32>
    scf.yield %ins : tensor<40x16xf32>
  }
  return %r : tensor<40x16xf32>
}
