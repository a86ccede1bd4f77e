// RUN: streamtensor-opt %s --split-input-file --streamtensor-pad-weight-columns | FileCheck %s
// RUN: streamtensor-opt %s --split-input-file --streamtensor-pad-weight-columns --streamtensor-weight-slice-arguments | FileCheck %s --check-prefix=SLICED
// RUN: streamtensor-opt %s --split-input-file --streamtensor-pad-weight-columns=pad-results=true | FileCheck %s --check-prefix=RESULT

// An LM head over a vocabulary of 4,000 (no divisor of 128): the weight is
// stored padded with zeros to 4,096 rows, the product computes 4,096
// logits into a padded accumulator, and a slice returns the 4,000 real ones.
// CHECK-LABEL: func.func @lm_head
// CHECK-SAME: (%[[X:.+]]: tensor<1x64xf32>, %[[W:.+]]: tensor<4096x64xf32> {streamtensor.kind = "weight", streamtensor.name = "wte[padded to 4096]", streamtensor.slice_of = {offsets = array<i64: 0, 0>, padding = "zero", sizes = array<i64: 4096, 64>, source = "wte"}})
// CHECK: %[[F:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<1x4096xf32>)
// CHECK: %[[P:.+]] = linalg.matmul_transpose_b ins(%[[X]], %[[W]] : tensor<1x64xf32>, tensor<4096x64xf32>) outs(%[[F]] : tensor<1x4096xf32>)
// CHECK: %[[S:.+]] = tensor.extract_slice %[[P]][0, 0] [1, 4000] [1, 1]
// CHECK: return %[[S]]
// With pad-results the padded logits are returned, and the result says
// which part the user reads.
// RESULT-LABEL: func.func @lm_head
// RESULT-SAME: -> (tensor<1x4096xf32> {streamtensor.valid_shape = array<i64: 1, 4000>})
// RESULT-NOT: tensor.extract_slice
// RESULT: return %{{.+}} : tensor<1x4096xf32>
// A slice of the padded weight is a slice of the user's tensor, padded.
// SLICED: streamtensor.slice_of = {offsets = array<i64: 0, 0>, padding = "zero", sizes = array<i64: 4096, 64>, source = "wte"}
func.func @lm_head(%x: tensor<1x64xf32>, %w: tensor<4000x64xf32> {streamtensor.kind = "weight", streamtensor.name = "wte"}) -> tensor<1x4000xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x4000xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x4000xf32>) -> tensor<1x4000xf32>
  %y = linalg.matmul_transpose_b ins(%x, %w : tensor<1x64xf32>, tensor<4000x64xf32>) outs(%f : tensor<1x4000xf32>) -> tensor<1x4000xf32>
  return %y : tensor<1x4000xf32>
}

// -----

// Left alone: a width that 128 divides, and padding above 5%.
// CHECK-LABEL: func.func @kept
// CHECK-NOT: padded
func.func @kept(%x: tensor<1x64xf32>, %w: tensor<6912x64xf32> {streamtensor.kind = "weight", streamtensor.name = "a"}, %v: tensor<1100x64xf32> {streamtensor.kind = "weight", streamtensor.name = "b"}) -> (tensor<1x6912xf32>, tensor<1x1100xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x6912xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x6912xf32>) -> tensor<1x6912xf32>
  %y = linalg.matmul_transpose_b ins(%x, %w : tensor<1x64xf32>, tensor<6912x64xf32>) outs(%f : tensor<1x6912xf32>) -> tensor<1x6912xf32>
  %e2 = tensor.empty() : tensor<1x1100xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<1x1100xf32>) -> tensor<1x1100xf32>
  %z = linalg.matmul_transpose_b ins(%x, %v : tensor<1x64xf32>, tensor<1100x64xf32>) outs(%f2 : tensor<1x1100xf32>) -> tensor<1x1100xf32>
  return %y, %z : tensor<1x6912xf32>, tensor<1x1100xf32>
}

// -----

// Left alone: a dequantization (per-group sums times per-group scales,
// summed over the groups) reads the scales like a weight, but its sums
// span the same columns and would not be padded with them.
// CHECK-LABEL: func.func @dequantize
// CHECK-NOT: padded
#sums = affine_map<(g, n) -> (g, n)>
#out = affine_map<(g, n) -> (n)>
func.func @dequantize(%acc: tensor<8x4000xi32>, %scale: tensor<8x4000xf32> {streamtensor.kind = "weight", streamtensor.name = "scale"}) -> tensor<4000xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4000xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4000xf32>) -> tensor<4000xf32>
  %y = linalg.generic {indexing_maps = [#sums, #sums, #out], iterator_types = ["reduction", "parallel"]} ins(%acc, %scale : tensor<8x4000xi32>, tensor<8x4000xf32>) outs(%f : tensor<4000xf32>) {
  ^bb0(%a: i32, %s: f32, %o: f32):
    %af = arith.sitofp %a : i32 to f32
    %p = arith.mulf %af, %s : f32
    %r = arith.addf %o, %p : f32
    linalg.yield %r : f32
  } -> tensor<4000xf32>
  return %y : tensor<4000xf32>
}

// -----

// A quantized head: per-group sums, dequantized by per-group scales and
// scaled by the activation's scale. The padded rows go on through both
// element-wise steps (the scales padded with zeros too) and the slice
// moves to their end, so the steps run on the well-tiled width.
// CHECK-LABEL: func.func @quantized_head
// CHECK-SAME: %[[S:[^:]+]]: tensor<f32>, %[[W:[^:]+]]: tensor<2x4096x64xi4> {{.+}}"wq[padded to 4096]"
// CHECK-SAME: %[[SC:[^:]+]]: tensor<2x4096xf32> {{.+}}"scale[padded to 4096]", streamtensor.slice_of = {offsets = array<i64: 0, 0>, padding = "zero", sizes = array<i64: 2, 4096>, source = "scale"}
// CHECK: %[[P:.+]] = linalg.batch_matmul_transpose_b {{.+}} -> tensor<2x1x4096xi32>
// CHECK: %[[D:.+]] = linalg.generic {{.+}} ins(%[[P]], %[[SC]] : tensor<2x1x4096xi32>, tensor<2x4096xf32>) outs(%{{.+}} : tensor<4096xf32>)
// CHECK: %[[Y:.+]] = linalg.generic {{.+}} ins(%[[D]], %[[S]] : tensor<4096xf32>, tensor<f32>) outs(%{{.+}} : tensor<4096xf32>)
// CHECK: %[[R:.+]] = tensor.extract_slice %[[Y]][0] [4000] [1]
// CHECK: return %[[R]]
#g3 = affine_map<(g, n) -> (g, 0, n)>
#g2 = affine_map<(g, n) -> (g, n)>
#n = affine_map<(g, n) -> (n)>
#id = affine_map<(n) -> (n)>
#scalar = affine_map<(n) -> ()>
func.func @quantized_head(%x: tensor<2x1x64xi8>, %s: tensor<f32>, %wq: tensor<2x4000x64xi4> {streamtensor.kind = "weight", streamtensor.name = "wq"}, %scale: tensor<2x4000xf32> {streamtensor.kind = "weight", streamtensor.name = "scale"}) -> tensor<4000xf32> {
  %c0 = arith.constant 0 : i32
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x1x4000xi32>
  %f = linalg.fill ins(%c0 : i32) outs(%e : tensor<2x1x4000xi32>) -> tensor<2x1x4000xi32>
  %p = linalg.batch_matmul_transpose_b ins(%x, %wq : tensor<2x1x64xi8>, tensor<2x4000x64xi4>) outs(%f : tensor<2x1x4000xi32>) -> tensor<2x1x4000xi32>
  %e1 = tensor.empty() : tensor<4000xf32>
  %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<4000xf32>) -> tensor<4000xf32>
  %d = linalg.generic {indexing_maps = [#g3, #g2, #n], iterator_types = ["reduction", "parallel"]} ins(%p, %scale : tensor<2x1x4000xi32>, tensor<2x4000xf32>) outs(%f1 : tensor<4000xf32>) {
  ^bb0(%a: i32, %sc: f32, %o: f32):
    %af = arith.sitofp %a : i32 to f32
    %m = arith.mulf %af, %sc : f32
    %r = arith.addf %o, %m : f32
    linalg.yield %r : f32
  } -> tensor<4000xf32>
  %y = linalg.generic {indexing_maps = [#id, #scalar, #id], iterator_types = ["parallel"]} ins(%d, %s : tensor<4000xf32>, tensor<f32>) outs(%e1 : tensor<4000xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.mulf %a, %b : f32
    linalg.yield %m : f32
  } -> tensor<4000xf32>
  return %y : tensor<4000xf32>
}

// -----

// The slice stays where a step mixes the padded rows with the real ones
// (a sum over the logits).
// CHECK-LABEL: func.func @reduced_after
// CHECK: %[[P:.+]] = linalg.matmul_transpose_b {{.+}} -> tensor<1x4096xf32>
// CHECK: %[[R:.+]] = tensor.extract_slice %[[P]][0, 0] [1, 4000] [1, 1]
// CHECK: linalg.generic {{.+}} ins(%[[R]] : tensor<1x4000xf32>)
#rows = affine_map<(i, j) -> (i, j)>
#row = affine_map<(i, j) -> (i)>
func.func @reduced_after(%x: tensor<1x64xf32>, %w: tensor<4000x64xf32> {streamtensor.kind = "weight", streamtensor.name = "wte"}) -> tensor<1xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x4000xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x4000xf32>) -> tensor<1x4000xf32>
  %y = linalg.matmul_transpose_b ins(%x, %w : tensor<1x64xf32>, tensor<4000x64xf32>) outs(%f : tensor<1x4000xf32>) -> tensor<1x4000xf32>
  %e2 = tensor.empty() : tensor<1xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<1xf32>) -> tensor<1xf32>
  %sum = linalg.generic {indexing_maps = [#rows, #row], iterator_types = ["parallel", "reduction"]} ins(%y : tensor<1x4000xf32>) outs(%f2 : tensor<1xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.addf %o, %a : f32
    linalg.yield %r : f32
  } -> tensor<1xf32>
  return %sum : tensor<1xf32>
}

// -----

// One group per channel: the scales are a [1, N] row read as [N] through a
// reshape; the padded scales are reshaped the same way.
// CHECK-LABEL: func.func @scale_row
// CHECK-SAME: %[[SC:[^:]+]]: tensor<1x4096xf32> {{.+}}"scale[padded to 4096]"
// CHECK: %[[R:.+]] = tensor.collapse_shape %[[SC]] {{\[\[}}0, 1]] : tensor<1x4096xf32> into tensor<4096xf32>
// CHECK: linalg.generic {{.+}} ins(%{{.+}}, %[[R]] : tensor<1x4096xi32>, tensor<4096xf32>)
// CHECK: tensor.extract_slice %{{.+}}[0] [4000] [1] : tensor<4096xf32> to tensor<4000xf32>
#row0 = affine_map<(n) -> (0, n)>
#n1 = affine_map<(n) -> (n)>
func.func @scale_row(%x: tensor<1x64xi8>, %wq: tensor<4000x64xi4> {streamtensor.kind = "weight", streamtensor.name = "wq"}, %scale: tensor<1x4000xf32> {streamtensor.kind = "weight", streamtensor.name = "scale"}) -> tensor<4000xf32> {
  %c0 = arith.constant 0 : i32
  %e = tensor.empty() : tensor<1x4000xi32>
  %f = linalg.fill ins(%c0 : i32) outs(%e : tensor<1x4000xi32>) -> tensor<1x4000xi32>
  %p = linalg.matmul_transpose_b ins(%x, %wq : tensor<1x64xi8>, tensor<4000x64xi4>) outs(%f : tensor<1x4000xi32>) -> tensor<1x4000xi32>
  %s = tensor.collapse_shape %scale [[0, 1]] : tensor<1x4000xf32> into tensor<4000xf32>
  %e1 = tensor.empty() : tensor<4000xf32>
  %y = linalg.generic {indexing_maps = [#row0, #n1, #n1], iterator_types = ["parallel"]} ins(%p, %s : tensor<1x4000xi32>, tensor<4000xf32>) outs(%e1 : tensor<4000xf32>) {
  ^bb0(%a: i32, %b: f32, %o: f32):
    %af = arith.sitofp %a : i32 to f32
    %m = arith.mulf %af, %b : f32
    linalg.yield %m : f32
  } -> tensor<4000xf32>
  return %y : tensor<4000xf32>
}

// -----

// A reshape's copy adding the row dimension, tiled by 25 (a divisor of
// 4,000 but not of 4,096), takes the padded rows with the default tile of
// 4,096; with pad-results the function returns the padded row.
// CHECK-LABEL: func.func @copied_head
// CHECK: linalg.generic {{.+}} ins(%{{.+}} : tensor<4096xf32>) outs(%{{.+}} : tensor<1x4096xf32>) attrs =  {streamtensor.data_movement, streamtensor.tile_sizes = array<i64: 0, 16>}
// CHECK: %[[S:.+]] = tensor.extract_slice %{{.+}}[0, 0] [1, 4000] [1, 1]
// CHECK: return %[[S]] : tensor<1x4000xf32>
// RESULT-LABEL: func.func @copied_head
// RESULT-SAME: -> (tensor<1x4096xf32> {streamtensor.name = "logits", streamtensor.valid_shape = array<i64: 1, 4000>})
// RESULT-NOT: tensor.extract_slice
#v = affine_map<(i, n) -> (n)>
#row = affine_map<(i, n) -> (i, n)>
#k = affine_map<(n, k) -> (k)>
#nk = affine_map<(n, k) -> (n, k)>
#vn = affine_map<(n, k) -> (n)>
func.func @copied_head(%x: tensor<64xf32>, %w: tensor<4000x64xf32> {streamtensor.kind = "weight", streamtensor.name = "wte"}) -> (tensor<1x4000xf32> {streamtensor.name = "logits"}) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4000xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4000xf32>) -> tensor<4000xf32>
  %y = linalg.generic {indexing_maps = [#k, #nk, #vn], iterator_types = ["parallel", "reduction"]} ins(%x, %w : tensor<64xf32>, tensor<4000x64xf32>) outs(%f : tensor<4000xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  } -> tensor<4000xf32>
  %e2 = tensor.empty() : tensor<1x4000xf32>
  %r = linalg.generic {indexing_maps = [#v, #row], iterator_types = ["parallel", "parallel"]} ins(%y : tensor<4000xf32>) outs(%e2 : tensor<1x4000xf32>) attrs = {streamtensor.data_movement, streamtensor.tile_sizes = array<i64: 0, 25>} {
  ^bb0(%a: f32, %o: f32):
    linalg.yield %a : f32
  } -> tensor<1x4000xf32>
  return %r : tensor<1x4000xf32>
}
