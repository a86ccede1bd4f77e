// RUN: streamtensor-opt %s --split-input-file --streamtensor-plan-weight-streaming | FileCheck %s
// RUN: streamtensor-opt %s --split-input-file --streamtensor-plan-weight-streaming=max-tile-bytes=8192 | FileCheck %s --check-prefix=SMALL
// RUN: streamtensor-opt %s --split-input-file --streamtensor-plan-weight-streaming=max-tile-bytes=1024 | FileCheck %s --check-prefix=TINY
// RUN: not streamtensor-opt %s --split-input-file --streamtensor-plan-weight-streaming=reduction-tile=0 2>&1 | FileCheck %s --check-prefix=BAD

// Decode GEMV against a weight argument: the reduction is tiled by 16, the
// 1024 output columns fit one 64 KiB weight tile (16 x 1024 f32) and are
// unrolled by the 16 f32 lanes of a 512-bit word.
// CHECK-LABEL: func.func @gemv
// CHECK: linalg.matmul
// CHECK-SAME: streamtensor.tile_sizes = array<i64: 0, 0, 16>
// CHECK-SAME: streamtensor.unroll = array<i64: 1, 16, 1>
// A 8 KiB budget leaves 128 columns (8 words) per tile row; 1 KiB would
// leave one word per row, an accumulator revisited every cycle, and no plan.
// SMALL-LABEL: func.func @gemv
// SMALL: linalg.matmul
// SMALL-SAME: streamtensor.tile_sizes = array<i64: 0, 128, 16>
// TINY-LABEL: func.func @gemv
// TINY: linalg.matmul
// TINY-NOT: streamtensor.unroll
// TINY-LABEL: func.func @wide_slice
// BAD: streamtensor-plan-weight-streaming options must be positive
func.func @gemv(%x: tensor<1x256xf32>, %w: tensor<256x1024xf32>) -> tensor<1x1024xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x1024xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x1024xf32>) -> tensor<1x1024xf32>
  %y = linalg.matmul ins(%x, %w : tensor<1x256xf32>, tensor<256x1024xf32>) outs(%f : tensor<1x1024xf32>) -> tensor<1x1024xf32>
  return %y : tensor<1x1024xf32>
}

// -----

// Wider weights are split into the widest column tile that fits: 1024 of
// 4096. A slice of a fused weight argument is still the argument's memory.
// CHECK-LABEL: func.func @wide_slice
// CHECK: linalg.matmul
// CHECK-SAME: streamtensor.tile_sizes = array<i64: 0, 1024, 16>
// CHECK-SAME: streamtensor.unroll = array<i64: 1, 16, 1>
func.func @wide_slice(%x: tensor<1x64xf32>, %w: tensor<64x8192xf32>) -> tensor<1x4096xf32> {
  %zero = arith.constant 0.0 : f32
  %s = tensor.extract_slice %w[0, 4096] [64, 4096] [1, 1] : tensor<64x8192xf32> to tensor<64x4096xf32>
  %e = tensor.empty() : tensor<1x4096xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x4096xf32>) -> tensor<1x4096xf32>
  %y = linalg.matmul ins(%x, %s : tensor<1x64xf32>, tensor<64x4096xf32>) outs(%f : tensor<1x4096xf32>) -> tensor<1x4096xf32>
  return %y : tensor<1x4096xf32>
}

// -----

// A batched product walks one matrix of the streamed operand at a time. A
// 16 x 512 tile would be 512 words; the reduction tile doubles to 32 so each
// tile holds 1024 words (64 KiB) and pays its memory latency once.
// CHECK-LABEL: func.func @batched
// CHECK: linalg.batch_matmul
// CHECK-SAME: streamtensor.tile_sizes = array<i64: 1, 0, 0, 32>
// CHECK-SAME: streamtensor.unroll = array<i64: 1, 1, 16, 1>
func.func @batched(%q: tensor<4x1x64xf32>, %k: tensor<4x64x512xf32>) -> tensor<4x1x512xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x1x512xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4x1x512xf32>) -> tensor<4x1x512xf32>
  %y = linalg.batch_matmul ins(%q, %k : tensor<4x1x64xf32>, tensor<4x64x512xf32>) outs(%f : tensor<4x1x512xf32>) -> tensor<4x1x512xf32>
  return %y : tensor<4x1x512xf32>
}

// -----

// A transposed weight (nn.Linear's) walks its rows: the reduction tile is
// one 16-lane word, unrolled innermost, and all 256 output columns are one
// tile.
// CHECK-LABEL: func.func @transposed
// CHECK: linalg.matmul_transpose_b
// CHECK-SAME: streamtensor.inner_order = array<i64: 0, 1, 2>
// CHECK-SAME: streamtensor.tile_sizes = array<i64: 0, 0, 16>
// CHECK-SAME: streamtensor.unroll = array<i64: 1, 1, 16>
func.func @transposed(%x: tensor<1x64xf32>, %wt: tensor<256x64xf32>) -> tensor<1x256xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x256xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x256xf32>) -> tensor<1x256xf32>
  %a = linalg.matmul_transpose_b ins(%x, %wt : tensor<1x64xf32>, tensor<256x64xf32>) outs(%f : tensor<1x256xf32>) -> tensor<1x256xf32>
  return %a : tensor<1x256xf32>
}

// -----

// Decode attention scores against a key cache laid out [positions, heads,
// head_dim]: the reduction (head_dim) is contiguous, so each word is 16
// dims of one position and head, summed as a tree; the 512 positions (not
// the 4 heads) form the wide tile, and heads are walked one at a time.
// CHECK-LABEL: func.func @key_cache
// CHECK: linalg.generic
// CHECK-SAME: streamtensor.inner_order = array<i64: 0, 1, 2>
// CHECK-SAME: streamtensor.tile_sizes = array<i64: 1, 0, 16>
// CHECK-SAME: streamtensor.unroll = array<i64: 1, 1, 16>
#q = affine_map<(h, p, d) -> (h, d)>
#k = affine_map<(h, p, d) -> (p, h, d)>
#s = affine_map<(h, p, d) -> (h, p)>
func.func @key_cache(%q: tensor<4x64xf32>, %k: tensor<512x4x64xf32>) -> tensor<4x512xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x512xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4x512xf32>) -> tensor<4x512xf32>
  %r = linalg.generic {indexing_maps = [#q, #k, #s], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%q, %k : tensor<4x64xf32>, tensor<512x4x64xf32>) outs(%f : tensor<4x512xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  } -> tensor<4x512xf32>
  return %r : tensor<4x512xf32>
}

// -----

// Left alone: an operand computed on chip, and an op with user directives.
// CHECK-LABEL: func.func @untouched
// CHECK: linalg.matmul
// CHECK-NOT: streamtensor.unroll
// CHECK: linalg.matmul
// CHECK-SAME: streamtensor.tile_sizes = array<i64: 0, 32, 0>
// CHECK-NOT: streamtensor.unroll
func.func @untouched(%x: tensor<1x64xf32>, %w: tensor<64x64xf32>) -> (tensor<1x64xf32>, tensor<1x64xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x64xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x64xf32>) -> tensor<1x64xf32>
  %e2 = tensor.empty() : tensor<64x64xf32>
  %sq = linalg.mul ins(%w, %w : tensor<64x64xf32>, tensor<64x64xf32>) outs(%e2 : tensor<64x64xf32>) -> tensor<64x64xf32>
  %b = linalg.matmul ins(%x, %sq : tensor<1x64xf32>, tensor<64x64xf32>) outs(%f : tensor<1x64xf32>) -> tensor<1x64xf32>
  %c = linalg.matmul {streamtensor.tile_sizes = array<i64: 0, 32, 0>} ins(%x, %w : tensor<1x64xf32>, tensor<64x64xf32>) outs(%f : tensor<1x64xf32>) -> tensor<1x64xf32>
  return %b, %c : tensor<1x64xf32>, tensor<1x64xf32>
}
