// RUN: streamtensor-opt %s --streamtensor-split-concat-consumers --canonicalize --cse | FileCheck %s
// RUN: streamtensor-opt %s --streamtensor-split-concat-consumers=min-bytes=1000000 | FileCheck %s --check-prefix=SMALL
// RUN: streamtensor-opt %s --streamtensor-split-concat-consumers | FileCheck %s --check-prefix=FILL

// A decode step's attention: the key and value caches get the new token's
// row appended (513 rows, 131 KB each). The score product reads the keys
// along a parallel loop, so it splits into the cache part and the row part,
// whose results are concatenated; the value product reads them (through a
// transpose, which splits first) along its reduction loop, so the row part
// accumulates into the cache part's result. The caches are then read
// straight from the arguments, and no 513-row tensor is left.

// CHECK-LABEL: func.func @attention
// CHECK-SAME: %[[Q:[^:]+]]: tensor<4x16xf32>, %[[KC:[^:]+]]: tensor<512x4x16xf32>, %[[KR:[^:]+]]: tensor<4x16xf32>, %[[P:[^:]+]]: tensor<4x1x513xf32>, %[[VC:[^:]+]]: tensor<512x4x16xf32>, %[[VR:[^:]+]]: tensor<4x16xf32>
// CHECK-NOT: tensor<513x4x16xf32>
// CHECK: %[[S0:.*]] = linalg.generic {{.*}} ins(%[[Q]], %[[KC]] : tensor<4x16xf32>, tensor<512x4x16xf32>) outs(%{{.*}} : tensor<4x512xf32>)
// CHECK: %[[CAT:.*]] = tensor.insert_slice %[[S0]] into %{{.*}}[0, 0] [4, 512] [1, 1]
// CHECK: %[[ROW:.*]] = tensor.insert_slice %[[KR]] into %{{.*}}[0, 0, 0] [1, 4, 16]
// CHECK: %[[S1:.*]] = linalg.generic {{.*}} ins(%[[Q]], %[[ROW]] : tensor<4x16xf32>, tensor<1x4x16xf32>) outs(%{{.*}} : tensor<4x1xf32>)
// CHECK: %[[SCORES:.*]] = tensor.insert_slice %[[S1]] into %[[CAT]][0, 512] [4, 1] [1, 1]
// CHECK: %[[VT:.*]] = linalg.transpose ins(%[[VC]] : tensor<512x4x16xf32>)
// CHECK: %[[P0:.*]] = tensor.extract_slice %[[P]][0, 0, 0] [4, 1, 512]
// CHECK: %[[O0:.*]] = linalg.batch_matmul ins(%[[P0]], %[[VT]] : tensor<4x1x512xf32>, tensor<4x512x16xf32>)
// CHECK: %[[P1:.*]] = tensor.extract_slice %[[P]][0, 0, 512] [4, 1, 1]
// CHECK: %[[O1:.*]] = linalg.batch_matmul ins(%[[P1]], %{{.*}} : tensor<4x1x1xf32>, tensor<4x1x16xf32>) outs(%[[O0]] : tensor<4x1x16xf32>)
// CHECK: return %[[SCORES]], %[[O1]]

// SMALL-LABEL: func.func @attention
// SMALL-COUNT-4: into tensor<513x4x16xf32>
// SMALL: linalg.batch_matmul
// SMALL-NOT: linalg.batch_matmul

#q = affine_map<(h, s, d) -> (h, d)>
#k = affine_map<(h, s, d) -> (s, h, d)>
#o = affine_map<(h, s, d) -> (h, s)>
func.func @attention(%q: tensor<4x16xf32>, %cache: tensor<512x4x16xf32>, %row: tensor<4x16xf32>, %p: tensor<4x1x513xf32>, %vcache: tensor<512x4x16xf32>, %vrow: tensor<4x16xf32>) -> (tensor<4x513xf32>, tensor<4x1x16xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<513x4x16xf32>
  %c = tensor.insert_slice %cache into %e[0, 0, 0] [512, 4, 16] [1, 1, 1] : tensor<512x4x16xf32> into tensor<513x4x16xf32>
  %k = tensor.insert_slice %row into %c[512, 0, 0] [1, 4, 16] [1, 1, 1] : tensor<4x16xf32> into tensor<513x4x16xf32>
  %se = tensor.empty() : tensor<4x513xf32>
  %init = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} outs(%se : tensor<4x513xf32>) {
  ^bb0(%out: f32):
    linalg.yield %zero : f32
  } -> tensor<4x513xf32>
  %scores = linalg.generic {indexing_maps = [#q, #k, #o], iterator_types = ["parallel", "parallel", "reduction"]} ins(%q, %k : tensor<4x16xf32>, tensor<513x4x16xf32>) outs(%init : tensor<4x513xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<4x513xf32>
  %vc = tensor.insert_slice %vcache into %e[0, 0, 0] [512, 4, 16] [1, 1, 1] : tensor<512x4x16xf32> into tensor<513x4x16xf32>
  %v = tensor.insert_slice %vrow into %vc[512, 0, 0] [1, 4, 16] [1, 1, 1] : tensor<4x16xf32> into tensor<513x4x16xf32>
  %te = tensor.empty() : tensor<4x513x16xf32>
  %vt = linalg.transpose ins(%v : tensor<513x4x16xf32>) outs(%te : tensor<4x513x16xf32>) permutation = [1, 0, 2]
  %oe = tensor.empty() : tensor<4x1x16xf32>
  %oinit = linalg.fill ins(%zero : f32) outs(%oe : tensor<4x1x16xf32>) -> tensor<4x1x16xf32>
  %out = linalg.batch_matmul ins(%p, %vt : tensor<4x1x513xf32>, tensor<4x513x16xf32>) outs(%oinit : tensor<4x1x16xf32>) -> tensor<4x1x16xf32>
  return %scores, %out : tensor<4x513xf32>, tensor<4x1x16xf32>
}

// Three pieces along the rows: the elementwise consumer splits twice, and
// each part reads one piece.

// CHECK-LABEL: func.func @three_pieces
// CHECK-SAME: %[[A:[^:]+]]: tensor<300x64xf32>, %[[B:[^:]+]]: tensor<200x64xf32>, %[[C:[^:]+]]: tensor<100x64xf32>
// CHECK-DAG: linalg.generic {{.*}} ins(%[[A]] : tensor<300x64xf32>)
// CHECK-DAG: linalg.generic {{.*}} ins(%[[B]] : tensor<200x64xf32>)
// CHECK-DAG: linalg.generic {{.*}} ins(%[[C]] : tensor<100x64xf32>)
// CHECK-NOT: ins({{.*}}tensor<600x64xf32>)
func.func @three_pieces(%a: tensor<300x64xf32>, %b: tensor<200x64xf32>, %c: tensor<100x64xf32>) -> tensor<600x64xf32> {
  %e = tensor.empty() : tensor<600x64xf32>
  %0 = tensor.insert_slice %a into %e[0, 0] [300, 64] [1, 1] : tensor<300x64xf32> into tensor<600x64xf32>
  %1 = tensor.insert_slice %c into %0[500, 0] [100, 64] [1, 1] : tensor<100x64xf32> into tensor<600x64xf32>
  %2 = tensor.insert_slice %b into %1[300, 0] [200, 64] [1, 1] : tensor<200x64xf32> into tensor<600x64xf32>
  %init = tensor.empty() : tensor<600x64xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%2 : tensor<600x64xf32>) outs(%init : tensor<600x64xf32>) {
  ^bb0(%x: f32, %o: f32):
    %y = math.exp %x : f32
    linalg.yield %y : f32
  } -> tensor<600x64xf32>
  return %r : tensor<600x64xf32>
}

// A concatenation that is only overwritten (an init), or read through an
// expression that is not one loop, stays as it is.

// CHECK-LABEL: func.func @not_split
// CHECK-COUNT-2: linalg.generic
// CHECK-NOT: linalg.generic
func.func @not_split(%a: tensor<256x64xf32>, %b: tensor<256x64xf32>, %x: tensor<256x64xf32>) -> (tensor<512x64xf32>, tensor<256x64xf32>) {
  %e = tensor.empty() : tensor<512x64xf32>
  %0 = tensor.insert_slice %a into %e[0, 0] [256, 64] [1, 1] : tensor<256x64xf32> into tensor<512x64xf32>
  %1 = tensor.insert_slice %b into %0[256, 0] [256, 64] [1, 1] : tensor<256x64xf32> into tensor<512x64xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i * 2, j)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<256x64xf32>) outs(%1 : tensor<512x64xf32>) {
  ^bb0(%v: f32, %o: f32):
    linalg.yield %v : f32
  } -> tensor<512x64xf32>
  %init = tensor.empty() : tensor<256x64xf32>
  %shifted = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i + 256, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%1 : tensor<512x64xf32>) outs(%init : tensor<256x64xf32>) {
  ^bb0(%v: f32, %o: f32):
    linalg.yield %v : f32
  } -> tensor<256x64xf32>
  return %r, %shifted : tensor<512x64xf32>, tensor<256x64xf32>
}

// A product with a weight whose reduction walks the joined pieces (the MLP's
// down projection reading the up projection's column blocks) keeps reading
// the joined tensor: split, it would be a chain of partial products each
// reading a slice of the weight.
// CHECK-LABEL: func.func @weight_product_over_pieces
// CHECK-COUNT-1: linalg.matmul
// CHECK-NOT: linalg.matmul
func.func @weight_product_over_pieces(%a: tensor<32x256xf32>, %b: tensor<32x256xf32>,
    %w: tensor<512x64xf32> {streamtensor.kind = "weight", streamtensor.name = "w"}) -> tensor<32x64xf32> {
  %e = tensor.empty() : tensor<32x512xf32>
  %0 = tensor.insert_slice %a into %e[0, 0] [32, 256] [1, 1] : tensor<32x256xf32> into tensor<32x512xf32>
  %1 = tensor.insert_slice %b into %0[0, 256] [32, 256] [1, 1] : tensor<32x256xf32> into tensor<32x512xf32>
  %zero = arith.constant 0.0 : f32
  %o = tensor.empty() : tensor<32x64xf32>
  %f = linalg.fill ins(%zero : f32) outs(%o : tensor<32x64xf32>) -> tensor<32x64xf32>
  %r = linalg.matmul ins(%1, %w : tensor<32x512xf32>, tensor<512x64xf32>) outs(%f : tensor<32x64xf32>) -> tensor<32x64xf32>
  return %r : tensor<32x64xf32>
}

// The columns of a grouped integer product, computed in three pieces (one
// per weight port) into a tensor padded to 24,576 columns, of which the
// dequantization reads the first 24,000: it splits with the pieces and
// reads each straight from its product (the last through a slice dropping
// the padding), so no 4x1x24576 tensor is left to join.

// CHECK-LABEL: func.func @dequantize_pieces
// CHECK-SAME: %[[A:[^:]+]]: tensor<4x1x8192xi32>, %[[B:[^:]+]]: tensor<4x1x8192xi32>, %[[C:[^:]+]]: tensor<4x1x8192xi32>
// CHECK-NOT: tensor<4x1x24576xi32>
// CHECK: linalg.generic {{.*}} ins(%[[A]], %{{.*}} : tensor<4x1x8192xi32>, tensor<4x8192xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[B]], %{{.*}} : tensor<4x1x8192xi32>, tensor<4x8192xf32>)
// CHECK: %[[LAST:.*]] = tensor.extract_slice %[[C]][0, 0, 0] [4, 1, 7616] [1, 1, 1]
// CHECK: linalg.generic {{.*}} ins(%[[LAST]], %{{.*}} : tensor<4x1x7616xi32>, tensor<4x7616xf32>)
// Each piece starts from a fill of its own, not from a slice of the
// whole fill (which would be a task holding all 24,000 values).
// FILL-LABEL: func.func @dequantize_pieces
// FILL-NOT: tensor.extract_slice {{.*}} : tensor<24000xf32>
// FILL: linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<8192xf32>)
// FILL-NOT: tensor.extract_slice {{.*}} : tensor<24000xf32>
// FILL: linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<7616xf32>)

#gtn = affine_map<(g, n) -> (g, 0, n)>
#gn = affine_map<(g, n) -> (g, n)>
#n = affine_map<(g, n) -> (n)>
func.func @dequantize_pieces(%a: tensor<4x1x8192xi32>, %b: tensor<4x1x8192xi32>, %c: tensor<4x1x8192xi32>, %scale: tensor<4x24000xf32>) -> tensor<24000xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x1x24576xi32>
  %p0 = tensor.insert_slice %a into %e[0, 0, 0] [4, 1, 8192] [1, 1, 1] : tensor<4x1x8192xi32> into tensor<4x1x24576xi32>
  %p1 = tensor.insert_slice %b into %p0[0, 0, 8192] [4, 1, 8192] [1, 1, 1] : tensor<4x1x8192xi32> into tensor<4x1x24576xi32>
  %p2 = tensor.insert_slice %c into %p1[0, 0, 16384] [4, 1, 8192] [1, 1, 1] : tensor<4x1x8192xi32> into tensor<4x1x24576xi32>
  %sums = tensor.extract_slice %p2[0, 0, 0] [4, 1, 24000] [1, 1, 1] : tensor<4x1x24576xi32> to tensor<4x1x24000xi32>
  %oe = tensor.empty() : tensor<24000xf32>
  %o = linalg.fill ins(%zero : f32) outs(%oe : tensor<24000xf32>) -> tensor<24000xf32>
  %y = linalg.generic {indexing_maps = [#gtn, #gn, #n], iterator_types = ["reduction", "parallel"]} ins(%sums, %scale : tensor<4x1x24000xi32>, tensor<4x24000xf32>) outs(%o : tensor<24000xf32>) {
  ^bb0(%s: i32, %w: f32, %acc: f32):
    %f = arith.sitofp %s : i32 to f32
    %m = arith.mulf %f, %w : f32
    %r = arith.addf %acc, %m : f32
    linalg.yield %r : f32
  } -> tensor<24000xf32>
  return %y : tensor<24000xf32>
}
