// RUN: streamtensor-opt %s --split-input-file --streamtensor-lower-pack-unpack --verify-diagnostics | FileCheck %s

// Host-side packing becomes a reshape into tiles and a transpose that
// brings the outer dimensions into the packed order; unpacking is the
// reverse.
// CHECK-LABEL: func.func @host
// CHECK-NOT:   tensor.pack
// CHECK:       tensor.expand_shape %{{.*}} {{\[\[}}0, 1], [2, 3]] output_shape [4, 16, 2, 8] : tensor<64x16xf32> into tensor<4x16x2x8xf32>
// CHECK:       linalg.transpose ins({{.*}} : tensor<4x16x2x8xf32>) outs({{.*}} : tensor<2x4x16x8xf32>) permutation = [2, 0, 1, 3]
// CHECK-NOT:   tensor.unpack
// CHECK:       linalg.transpose ins({{.*}} : tensor<2x4x16x8xf32>) outs({{.*}} : tensor<4x16x2x8xf32>) permutation = [1, 2, 0, 3]
// CHECK:       tensor.collapse_shape
func.func @host(%x: tensor<64x16xf32>) -> tensor<64x16xf32> {
  %e = tensor.empty() : tensor<2x4x16x8xf32>
  %p = tensor.pack %x outer_dims_perm = [1, 0] inner_dims_pos = [0, 1] inner_tiles = [16, 8] into %e : tensor<64x16xf32> -> tensor<2x4x16x8xf32>
  %u = tensor.empty() : tensor<64x16xf32>
  %r = tensor.unpack %p outer_dims_perm = [1, 0] inner_dims_pos = [0, 1] inner_tiles = [16, 8] into %u : tensor<2x4x16x8xf32> -> tensor<64x16xf32>
  return %r : tensor<64x16xf32>
}

// -----

// The accelerator streams; it never repacks memory.
func.func @top(%x: tensor<64x16xf32>) -> tensor<4x2x16x8xf32> attributes {dataflow.top} {
  %e = tensor.empty() : tensor<4x2x16x8xf32>
  // expected-error @+1 {{'tensor.pack' op packs data on the accelerator; only host-side functions may pack or unpack}}
  %p = tensor.pack %x inner_dims_pos = [0, 1] inner_tiles = [16, 8] into %e : tensor<64x16xf32> -> tensor<4x2x16x8xf32>
  return %p : tensor<4x2x16x8xf32>
}
