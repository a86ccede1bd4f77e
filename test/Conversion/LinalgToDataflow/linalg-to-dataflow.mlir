// RUN: streamtensor-opt %s --streamtensor-convert-linalg-to-dataflow | FileCheck %s
// RUN: streamtensor-opt %s --streamtensor-convert-linalg-to-dataflow | streamtensor-opt --verify-diagnostics > /dev/null

// A tiled matmul: i and j tile loops outside, the reduction loop inside; the
// output tile is completed by the k loop and inserted once per (i, j).
// A is reused across j, B across i.
// CHECK-LABEL: func.func @matmul
// CHECK: %[[K:.*]] = dataflow.kernel "matmul_0" ins(%arg0, %arg1 : tensor<64x32xf32>, tensor<32x48xf32>) -> (tensor<64x48xf32>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: !dataflow.itensor<16x16xf32, [4, 3, 2] * [16, 16, 16], (d0, d1, d2) -> (d0, d2)>, %[[B:.*]]: !dataflow.itensor<16x16xf32, [4, 3, 2] * [16, 16, 16], (d0, d1, d2) -> (d2, d1)>):
// CHECK: %[[E:.*]] = dataflow.itensor_empty : !dataflow.itensor<16x16xf32, [4, 3] * [16, 16], (d0, d1) -> (d0, d1)>
// CHECK: dataflow.task "matmul_0" inits(%[[E]] :
// CHECK: scf.for
// CHECK-SAME: -> (!dataflow.itensor<16x16xf32, [4, 3] * [16, 16], (d0, d1) -> (d0, d1)>)
// CHECK: linalg.fill
// CHECK: scf.for {{.*}} -> (tensor<16x16xf32>)
// CHECK: dataflow.itensor_read %[[A]] init
// CHECK: dataflow.itensor_read %[[B]] init
// CHECK: linalg.matmul
// CHECK: dataflow.itensor_write
// CHECK: return %[[K]]
func.func @matmul(%A: tensor<64x32xf32>, %B: tensor<32x48xf32>) -> tensor<64x48xf32> {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %c32 = arith.constant 32 : index
  %c48 = arith.constant 48 : index
  %c64 = arith.constant 64 : index
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<64x48xf32>
  %r = scf.for %i = %c0 to %c64 step %c16 iter_args(%o0 = %empty) -> (tensor<64x48xf32>) {
    %r1 = scf.for %j = %c0 to %c48 step %c16 iter_args(%o1 = %o0) -> (tensor<64x48xf32>) {
      %t = tensor.extract_slice %o1[%i, %j] [16, 16] [1, 1] : tensor<64x48xf32> to tensor<16x16xf32>
      %f = linalg.fill ins(%zero : f32) outs(%t : tensor<16x16xf32>) -> tensor<16x16xf32>
      %acc = scf.for %k = %c0 to %c32 step %c16 iter_args(%a0 = %f) -> (tensor<16x16xf32>) {
        %a = tensor.extract_slice %A[%i, %k] [16, 16] [1, 1] : tensor<64x32xf32> to tensor<16x16xf32>
        %b = tensor.extract_slice %B[%k, %j] [16, 16] [1, 1] : tensor<32x48xf32> to tensor<16x16xf32>
        %m = linalg.matmul ins(%a, %b : tensor<16x16xf32>, tensor<16x16xf32>) outs(%a0 : tensor<16x16xf32>) -> tensor<16x16xf32>
        scf.yield %m : tensor<16x16xf32>
      }
      %ins = tensor.insert_slice %acc into %o1[%i, %j] [16, 16] [1, 1] : tensor<16x16xf32> into tensor<64x48xf32>
      scf.yield %ins : tensor<64x48xf32>
    }
    scf.yield %r1 : tensor<64x48xf32>
  }
  return %r : tensor<64x48xf32>
}

// The destination is real data (a residual): its tiles are streamed in with
// the output's pattern. A top-level fill destination is rebuilt per tile.
#id = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @residual
// CHECK: dataflow.kernel "generic_0" ins(%arg0, %arg1 : tensor<32x16xf32>, tensor<32x16xf32>)
// CHECK-NEXT: ^bb0(%{{.*}}: !dataflow.itensor<16x16xf32, [2] * [16], (d0) -> (d0, 0)>, %{{.*}}: !dataflow.itensor<16x16xf32, [2] * [16], (d0) -> (d0, 0)>):
func.func @residual(%x: tensor<32x16xf32>, %res: tensor<32x16xf32>) -> tensor<32x16xf32> {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %c32 = arith.constant 32 : index
  %r = scf.for %i = %c0 to %c32 step %c16 iter_args(%o = %res) -> (tensor<32x16xf32>) {
    %xt = tensor.extract_slice %x[%i, 0] [16, 16] [1, 1] : tensor<32x16xf32> to tensor<16x16xf32>
    %ot = tensor.extract_slice %o[%i, 0] [16, 16] [1, 1] : tensor<32x16xf32> to tensor<16x16xf32>
    %s = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
        ins(%xt : tensor<16x16xf32>) outs(%ot : tensor<16x16xf32>) {
    ^bb0(%in: f32, %acc: f32):
      %a = arith.addf %in, %acc : f32
      linalg.yield %a : f32
    } -> tensor<16x16xf32>
    %ins = tensor.insert_slice %s into %o[%i, 0] [16, 16] [1, 1] : tensor<16x16xf32> into tensor<32x16xf32>
    scf.yield %ins : tensor<32x16xf32>
  }
  return %r : tensor<32x16xf32>
}

// An untiled op streams whole tensors as single tokens; its fill destination
// and the constant in its body are rebuilt inside the kernel.
#row = affine_map<(d0, d1) -> (d0, d1)>
#red = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @untiled_reduction
// CHECK: dataflow.kernel "generic_0" ins(%arg0 : tensor<4x8xf32>) -> (tensor<4xf32>)
// CHECK-NEXT: ^bb0(%[[X:.*]]: !dataflow.itensor<4x8xf32, [] * [], () -> (0, 0)>):
// CHECK: arith.constant
// CHECK: linalg.fill
// CHECK: dataflow.itensor_read %[[X]]
// CHECK: linalg.generic
// CHECK: dataflow.itensor_write {{.*}} -> !dataflow.itensor<4xf32, [] * [], () -> (0)>
func.func @untiled_reduction(%x: tensor<4x8xf32>) -> tensor<4xf32> {
  %ninf = arith.constant 0xFF800000 : f32
  %e = tensor.empty() : tensor<4xf32>
  %f = linalg.fill ins(%ninf : f32) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  %m = linalg.generic {indexing_maps = [#row, #red], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x8xf32>) outs(%f : tensor<4xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %mx = arith.maximumf %in, %acc : f32
    linalg.yield %mx : f32
  } -> tensor<4xf32>
  return %m : tensor<4xf32>
}

// Two kernels in sequence stay connected through their tensor.
// CHECK-LABEL: func.func @chain
// CHECK: %[[P:.*]] = dataflow.kernel "generic_0"
// CHECK: dataflow.kernel "generic_1" ins(%[[P]] : tensor<4x8xf32>)
func.func @chain(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %e = tensor.empty() : tensor<4x8xf32>
  %a = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  } -> tensor<4x8xf32>
  %b = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = math.exp %in : f32
    linalg.yield %n : f32
  } -> tensor<4x8xf32>
  return %b : tensor<4x8xf32>
}

// Rank-reducing tiles: the token keeps the unit dimension, the body sees the
// reduced tile through a reshape.
// CHECK-LABEL: func.func @rank_reducing
// CHECK: ^bb0(%[[X:.*]]: !dataflow.itensor<1x16xf32, [4] * [1], (d0) -> (d0, 0)>):
// CHECK: %[[T:.*]] = dataflow.itensor_read %[[X]]
// CHECK: tensor.collapse_shape %[[T]] {{\[\[}}0, 1]] : tensor<1x16xf32> into tensor<16xf32>
// CHECK: %[[W:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0, 1]] output_shape [1, 16] : tensor<16xf32> into tensor<1x16xf32>
// CHECK: dataflow.itensor_write %[[W]]
func.func @rank_reducing(%x: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %e = tensor.empty() : tensor<4x16xf32>
  %r = scf.for %i = %c0 to %c4 step %c1 iter_args(%o = %e) -> (tensor<4x16xf32>) {
    %row = tensor.extract_slice %x[%i, 0] [1, 16] [1, 1] : tensor<4x16xf32> to tensor<16xf32>
    %ins = tensor.insert_slice %row into %o[%i, 0] [1, 16] [1, 1] : tensor<16xf32> into tensor<4x16xf32>
    scf.yield %ins : tensor<4x16xf32>
  }
  return %r : tensor<4x16xf32>
}

// A reshape of an argument stays outside (same bytes); a copy of argument
// data into a larger buffer feeding a kernel runs on the accelerator.
// CHECK-LABEL: func.func @cache_append
// CHECK: %[[VIEW:.*]] = tensor.expand_shape %arg0
// CHECK: %[[CAT:.*]] = dataflow.kernel "insert_slice_0" ins(%[[VIEW]] : tensor<4x2x8xf32>)
// CHECK: dataflow.kernel "generic_1" ins(%[[CAT]] : tensor<5x2x8xf32>)
func.func @cache_append(%cache: tensor<4x16xf32>) -> tensor<5x2x8xf32> {
  %v = tensor.expand_shape %cache [[0], [1, 2]] output_shape [4, 2, 8] : tensor<4x16xf32> into tensor<4x2x8xf32>
  %e = tensor.empty() : tensor<5x2x8xf32>
  %cat = tensor.insert_slice %v into %e[0, 0, 0] [4, 2, 8] [1, 1, 1] : tensor<4x2x8xf32> into tensor<5x2x8xf32>
  %o = tensor.empty() : tensor<5x2x8xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%cat : tensor<5x2x8xf32>) outs(%o : tensor<5x2x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  } -> tensor<5x2x8xf32>
  return %r : tensor<5x2x8xf32>
}

// A data-movement op left without users (tiling folded it into its
// consumers' tile reads) is dropped rather than turned into a kernel.
// CHECK-LABEL: func.func @dead_slice
// CHECK-NOT: "extract_slice
// CHECK: dataflow.kernel "generic_0"
// CHECK-NOT: dataflow.kernel
func.func @dead_slice(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %e = tensor.empty() : tensor<4x8xf32>
  %a = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  } -> tensor<4x8xf32>
  %unused = tensor.extract_slice %a[0, 0] [2, 8] [1, 1] : tensor<4x8xf32> to tensor<2x8xf32>
  return %a : tensor<4x8xf32>
}

// A tensor the nest reads whole in every iteration (a layer norm's mean,
// a scalar) is read once before the nest and kept: its stream carries one
// token, where a per-iteration read would need a converter to replay it.
// CHECK-LABEL: func.func @invariant_read
// CHECK: dataflow.kernel "generic_0" ins(%arg0, %arg1 : tensor<64xf32>, tensor<f32>)
// CHECK-NEXT: ^bb0(%[[X:.*]]: !dataflow.itensor<16xf32, [4] * [16], (d0) -> (d0)>, %[[M:.*]]: !dataflow.itensor<f32, [] * [], () -> ()>):
// CHECK: dataflow.task "generic_0"
// CHECK: %[[MV:.*]] = dataflow.itensor_read %[[M]]
// CHECK-NEXT: scf.for
// CHECK: dataflow.itensor_read %[[X]]
// CHECK: ins(%{{.*}}, %[[MV]] : tensor<16xf32>, tensor<f32>)
// CHECK-NOT: dataflow.itensor_read %[[M]]
func.func @invariant_read(%x: tensor<64xf32>, %mean: tensor<f32>) -> tensor<64xf32> {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  %empty = tensor.empty() : tensor<64xf32>
  %r = scf.for %i = %c0 to %c64 step %c16 iter_args(%o = %empty) -> (tensor<64xf32>) {
    %xt = tensor.extract_slice %x[%i] [16] [1] : tensor<64xf32> to tensor<16xf32>
    %ot = tensor.extract_slice %o[%i] [16] [1] : tensor<64xf32> to tensor<16xf32>
    %s = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%xt, %mean : tensor<16xf32>, tensor<f32>) outs(%ot : tensor<16xf32>) {
    ^bb0(%a: f32, %m: f32, %out: f32):
      %d = arith.subf %a, %m : f32
      linalg.yield %d : f32
    } -> tensor<16xf32>
    %ins = tensor.insert_slice %s into %o[%i] [16] [1] : tensor<16xf32> into tensor<64xf32>
    scf.yield %ins : tensor<64xf32>
  }
  return %r : tensor<64xf32>
}
