// RUN: streamtensor-opt %s --streamtensor-tile-linalg | FileCheck %s --implicit-check-not=affine.
// RUN: streamtensor-opt %s --streamtensor-tile-linalg="contraction-lanes=1 reduction-lanes=1" | FileCheck %s --check-prefix=PAIRS

// Defaults: i and j tiled by 16 outside, k tiled by 16 inside them; the fill is
// fused into the parallel nest and the tile is inserted after the k loop.
// CHECK-LABEL: func.func @matmul
// CHECK-SAME: (%[[A:[a-z0-9_]+]]: tensor<64x64xf32>, %[[B:[a-z0-9_]+]]: tensor<64x64xf32>)
// CHECK-DAG: %[[C0:[a-z0-9_]+]] = arith.constant 0 : index
// CHECK-DAG: %[[C16:[a-z0-9_]+]] = arith.constant 16 : index
// CHECK-DAG: %[[C64:[a-z0-9_]+]] = arith.constant 64 : index
// CHECK-DAG: %[[ZERO:[a-z0-9_]+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[EMPTY:[a-z0-9_]+]] = tensor.empty() : tensor<64x64xf32>
// CHECK-NOT: linalg.fill
// CHECK: %[[R:[a-z0-9_]+]] = scf.for %[[I:[a-z0-9_]+]] = %[[C0]] to %[[C64]] step %[[C16]] iter_args(%[[O0:[a-z0-9_]+]] = %[[EMPTY]]) -> (tensor<64x64xf32>)
// CHECK-NEXT: %[[R1:[a-z0-9_]+]] = scf.for %[[J:[a-z0-9_]+]] = %[[C0]] to %[[C64]] step %[[C16]] iter_args(%[[O1:[a-z0-9_]+]] = %[[O0]]) -> (tensor<64x64xf32>)
// CHECK-NEXT: %[[T:[a-z0-9_]+]] = tensor.extract_slice %[[O1]][%[[I]], %[[J]]] [16, 16] [1, 1]
// CHECK-NEXT: %[[F:[a-z0-9_]+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[T]] : tensor<16x16xf32>)
// CHECK-NEXT: %[[ACC:[a-z0-9_]+]] = scf.for %[[K:[a-z0-9_]+]] = %[[C0]] to %[[C64]] step %[[C16]] iter_args(%[[A0:[a-z0-9_]+]] = %[[F]]) -> (tensor<16x16xf32>)
// CHECK-NEXT: %[[AT:[a-z0-9_]+]] = tensor.extract_slice %[[A]][%[[I]], %[[K]]] [16, 16] [1, 1]
// CHECK-NEXT: %[[BT:[a-z0-9_]+]] = tensor.extract_slice %[[B]][%[[K]], %[[J]]] [16, 16] [1, 1]
// CHECK-NEXT: %[[M:[a-z0-9_]+]] = linalg.matmul
// CHECK-SAME: streamtensor.inner_order = array<i64: 2, 0, 1>
// CHECK-SAME: streamtensor.unroll = array<i64: 2, 2, 1>
// CHECK-SAME: ins(%[[AT]], %[[BT]] : tensor<16x16xf32>, tensor<16x16xf32>) outs(%[[A0]] : tensor<16x16xf32>)
// CHECK-NEXT: scf.yield %[[M]] : tensor<16x16xf32>
// CHECK-NEXT: }
// CHECK-NEXT: %[[INS:[a-z0-9_]+]] = tensor.insert_slice %[[ACC]] into %[[O1]][%[[I]], %[[J]]] [16, 16] [1, 1]
// CHECK-NEXT: scf.yield %[[INS]] : tensor<64x64xf32>
// CHECK-NEXT: }
// CHECK-NEXT: scf.yield %[[R1]] : tensor<64x64xf32>
// CHECK-NEXT: }
// CHECK-NEXT: return %[[R]]
func.func @matmul(%A: tensor<64x64xf32>, %B: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<64x64xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%empty : tensor<64x64xf32>) -> tensor<64x64xf32>
  %r = linalg.matmul ins(%A, %B : tensor<64x64xf32>, tensor<64x64xf32>)
                     outs(%fill : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}

// The batch dimension (4) is not tiled; it keeps unroll 2 inside the tile.
// CHECK-LABEL: func.func @batch_matmul
// CHECK-DAG: %[[C0:[a-z0-9_]+]] = arith.constant 0 : index
// CHECK-DAG: %[[C16:[a-z0-9_]+]] = arith.constant 16 : index
// CHECK-DAG: %[[C32:[a-z0-9_]+]] = arith.constant 32 : index
// CHECK-DAG: %[[C48:[a-z0-9_]+]] = arith.constant 48 : index
// CHECK-DAG: %[[C64:[a-z0-9_]+]] = arith.constant 64 : index
// CHECK: scf.for %[[I:[a-z0-9_]+]] = %[[C0]] to %[[C64]] step %[[C16]]
// CHECK: scf.for %[[J:[a-z0-9_]+]] = %[[C0]] to %[[C48]] step %[[C16]] iter_args(%[[O:[a-z0-9_]+]] = %{{.+}})
// CHECK: tensor.extract_slice %[[O]][0, %[[I]], %[[J]]] [4, 16, 16] [1, 1, 1]
// CHECK: linalg.fill
// CHECK: scf.for %[[K:[a-z0-9_]+]] = %[[C0]] to %[[C32]] step %[[C16]]
// CHECK: tensor.extract_slice %{{.+}}[0, %[[I]], %[[K]]] [4, 16, 16] [1, 1, 1]
// CHECK: tensor.extract_slice %{{.+}}[0, %[[K]], %[[J]]] [4, 16, 16] [1, 1, 1]
// CHECK: linalg.batch_matmul
// CHECK-SAME: streamtensor.inner_order = array<i64: 3, 0, 1, 2>
// CHECK-SAME: streamtensor.unroll = array<i64: 2, 2, 2, 1>
// CHECK-SAME: -> tensor<4x16x16xf32>
// CHECK: scf.yield
// CHECK: tensor.insert_slice %{{.+}} into %[[O]][0, %[[I]], %[[J]]] [4, 16, 16] [1, 1, 1]
func.func @batch_matmul(%A: tensor<4x64x32xf32>, %B: tensor<4x32x48xf32>) -> tensor<4x64x48xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<4x64x48xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%empty : tensor<4x64x48xf32>) -> tensor<4x64x48xf32>
  %r = linalg.batch_matmul ins(%A, %B : tensor<4x64x32xf32>, tensor<4x32x48xf32>)
                           outs(%fill : tensor<4x64x48xf32>) -> tensor<4x64x48xf32>
  return %r : tensor<4x64x48xf32>
}

// Element-wise: only the parallel nest, no reduction loop.
#id = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @elementwise
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: tensor<64x128xf32>, %[[Y:[a-z0-9_]+]]: tensor<64x128xf32>)
// CHECK-DAG: %[[C0:[a-z0-9_]+]] = arith.constant 0 : index
// CHECK-DAG: %[[C16:[a-z0-9_]+]] = arith.constant 16 : index
// CHECK-DAG: %[[C64:[a-z0-9_]+]] = arith.constant 64 : index
// CHECK-DAG: %[[C128:[a-z0-9_]+]] = arith.constant 128 : index
// CHECK: scf.for %[[I:[a-z0-9_]+]] = %[[C0]] to %[[C64]] step %[[C16]]
// CHECK-NEXT: scf.for %[[J:[a-z0-9_]+]] = %[[C0]] to %[[C128]] step %[[C16]] iter_args(%[[O:[a-z0-9_]+]] = %{{.+}})
// CHECK-NEXT: %[[XT:[a-z0-9_]+]] = tensor.extract_slice %[[X]][%[[I]], %[[J]]] [16, 16] [1, 1]
// CHECK-NEXT: %[[YT:[a-z0-9_]+]] = tensor.extract_slice %[[Y]][%[[I]], %[[J]]] [16, 16] [1, 1]
// CHECK-NEXT: %[[OT:[a-z0-9_]+]] = tensor.extract_slice %[[O]][%[[I]], %[[J]]] [16, 16] [1, 1]
// CHECK-NEXT: %[[G:[a-z0-9_]+]] = linalg.generic
// CHECK-SAME: ins(%[[XT]], %[[YT]] : tensor<16x16xf32>, tensor<16x16xf32>) outs(%[[OT]] : tensor<16x16xf32>)
// CHECK-SAME: streamtensor.inner_order = array<i64: 0, 1>
// CHECK-SAME: streamtensor.unroll = array<i64: 2, 2>
// CHECK: %[[INS:[a-z0-9_]+]] = tensor.insert_slice %[[G]] into %[[O]][%[[I]], %[[J]]] [16, 16] [1, 1]
// CHECK-NEXT: scf.yield %[[INS]]
// CHECK-NOT: scf.for
// CHECK: return
func.func @elementwise(%x: tensor<64x128xf32>, %y: tensor<64x128xf32>) -> tensor<64x128xf32> {
  %empty = tensor.empty() : tensor<64x128xf32>
  %r = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %y : tensor<64x128xf32>, tensor<64x128xf32>) outs(%empty : tensor<64x128xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  } -> tensor<64x128xf32>
  return %r : tensor<64x128xf32>
}

// Softmax-style row maximum: rows tiled outside, the reduction inside carries
// the 16-row tile of maxima. Each row's 16 elements of a tile are reduced
// in one pipeline iteration: the reduction loop innermost and unrolled
// completely (reduction-lanes=1 keeps it outside a 2-lane row loop).
#row = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @row_max
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: tensor<64x512xf32>)
// CHECK-DAG: %[[C0:[a-z0-9_]+]] = arith.constant 0 : index
// CHECK-DAG: %[[C16:[a-z0-9_]+]] = arith.constant 16 : index
// CHECK-DAG: %[[C64:[a-z0-9_]+]] = arith.constant 64 : index
// CHECK-DAG: %[[C512:[a-z0-9_]+]] = arith.constant 512 : index
// CHECK-DAG: %[[NINF:[a-z0-9_]+]] = arith.constant 0xFF800000 : f32
// CHECK: scf.for %[[I:[a-z0-9_]+]] = %[[C0]] to %[[C64]] step %[[C16]] iter_args(%[[O:[a-z0-9_]+]] = %{{.+}}) -> (tensor<64xf32>)
// CHECK-NEXT: %[[T:[a-z0-9_]+]] = tensor.extract_slice %[[O]][%[[I]]] [16] [1]
// CHECK-NEXT: %[[F:[a-z0-9_]+]] = linalg.fill ins(%[[NINF]] : f32) outs(%[[T]] : tensor<16xf32>)
// CHECK-NEXT: %[[ACC:[a-z0-9_]+]] = scf.for %[[K:[a-z0-9_]+]] = %[[C0]] to %[[C512]] step %[[C16]] iter_args(%[[A:[a-z0-9_]+]] = %[[F]]) -> (tensor<16xf32>)
// CHECK-NEXT: %[[XT:[a-z0-9_]+]] = tensor.extract_slice %[[X]][%[[I]], %[[K]]] [16, 16] [1, 1]
// CHECK-NEXT: linalg.generic
// CHECK-SAME: ins(%[[XT]] : tensor<16x16xf32>) outs(%[[A]] : tensor<16xf32>)
// CHECK-SAME: streamtensor.inner_order = array<i64: 0, 1>
// CHECK-SAME: streamtensor.unroll = array<i64: 1, 16>
// CHECK: tensor.insert_slice %[[ACC]] into %[[O]][%[[I]]] [16] [1]
// PAIRS-LABEL: func.func @row_max
// PAIRS: streamtensor.inner_order = array<i64: 1, 0>, streamtensor.unroll = array<i64: 2, 1>
func.func @row_max(%x: tensor<64x512xf32>) -> tensor<64xf32> {
  %ninf = arith.constant 0xFF800000 : f32
  %empty = tensor.empty() : tensor<64xf32>
  %fill = linalg.fill ins(%ninf : f32) outs(%empty : tensor<64xf32>) -> tensor<64xf32>
  %r = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<64x512xf32>) outs(%fill : tensor<64xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.maximumf %a, %o : f32
    linalg.yield %m : f32
  } -> tensor<64xf32>
  return %r : tensor<64xf32>
}

// 513 = 57 x 9: tiles of 9 (odd, so unroll 1); 8 stays untiled with unroll 2.
// CHECK-LABEL: func.func @odd_range
// CHECK-DAG: %[[C9:[a-z0-9_]+]] = arith.constant 9 : index
// CHECK-DAG: %[[C513:[a-z0-9_]+]] = arith.constant 513 : index
// CHECK: scf.for %[[J:[a-z0-9_]+]] = %{{.+}} to %[[C513]] step %[[C9]]
// CHECK: tensor.extract_slice %{{.+}}[0, %[[J]]] [8, 9] [1, 1]
// CHECK: linalg.add
// CHECK-SAME: streamtensor.unroll = array<i64: 2, 1>
// CHECK-SAME: -> tensor<8x9xf32>
func.func @odd_range(%x: tensor<8x513xf32>, %y: tensor<8x513xf32>) -> tensor<8x513xf32> {
  %empty = tensor.empty() : tensor<8x513xf32>
  %r = linalg.add ins(%x, %y : tensor<8x513xf32>, tensor<8x513xf32>)
                  outs(%empty : tensor<8x513xf32>) -> tensor<8x513xf32>
  return %r : tensor<8x513xf32>
}

// No divisor of 50257 = 29 x 1733 lies in [2, 16]: tiles of 29. A prime range
// stays untiled.
// CHECK-LABEL: func.func @no_small_divisor
// CHECK-DAG: %[[C29:[a-z0-9_]+]] = arith.constant 29 : index
// CHECK-DAG: %[[C50257:[a-z0-9_]+]] = arith.constant 50257 : index
// CHECK: scf.for %{{.+}} = %{{.+}} to %[[C50257]] step %[[C29]]
// CHECK: linalg.exp
// CHECK-SAME: -> tensor<29xf32>
// CHECK: }
// CHECK-NOT: scf.for
// CHECK: linalg.exp
// CHECK-SAME: -> tensor<50261xf32>
func.func @no_small_divisor(%x: tensor<50257xf32>, %y: tensor<50261xf32>) -> (tensor<50257xf32>, tensor<50261xf32>) {
  %e0 = tensor.empty() : tensor<50257xf32>
  %r0 = linalg.exp ins(%x : tensor<50257xf32>) outs(%e0 : tensor<50257xf32>) -> tensor<50257xf32>
  %e1 = tensor.empty() : tensor<50261xf32>
  %r1 = linalg.exp ins(%y : tensor<50261xf32>) outs(%e1 : tensor<50261xf32>) -> tensor<50261xf32>
  return %r0, %r1 : tensor<50257xf32>, tensor<50261xf32>
}

// User directives: tile sizes (32, 8, 64), j before i, unroll and vectorize
// kept on the tile; the tiling attributes themselves are consumed.
// CHECK-LABEL: func.func @user_directives
// CHECK-SAME: (%[[A:[a-z0-9_]+]]: tensor<64x128xf32>, %[[B:[a-z0-9_]+]]: tensor<128x32xf32>)
// CHECK-DAG: %[[C0:[a-z0-9_]+]] = arith.constant 0 : index
// CHECK-DAG: %[[C8:[a-z0-9_]+]] = arith.constant 8 : index
// CHECK-DAG: %[[C32:[a-z0-9_]+]] = arith.constant 32 : index
// CHECK-DAG: %[[C64:[a-z0-9_]+]] = arith.constant 64 : index
// CHECK-DAG: %[[C128:[a-z0-9_]+]] = arith.constant 128 : index
// CHECK: scf.for %[[J:[a-z0-9_]+]] = %[[C0]] to %[[C32]] step %[[C8]]
// CHECK-NEXT: scf.for %[[I:[a-z0-9_]+]] = %[[C0]] to %[[C64]] step %[[C32]]
// CHECK: linalg.fill
// CHECK-SAME: tensor<32x8xf32>
// CHECK-NEXT: scf.for %[[K:[a-z0-9_]+]] = %[[C0]] to %[[C128]] step %[[C64]]
// CHECK-NEXT: tensor.extract_slice %[[A]][%[[I]], %[[K]]] [32, 64] [1, 1]
// CHECK-NEXT: tensor.extract_slice %[[B]][%[[K]], %[[J]]] [64, 8] [1, 1]
// CHECK-NEXT: linalg.matmul
// CHECK-SAME: {streamtensor.inner_order = array<i64: 2, 0, 1>, streamtensor.unroll = array<i64: 4, 1, 1>, streamtensor.vectorize = array<i64: 1, 4, 1>}
// CHECK-SAME: -> tensor<32x8xf32>
func.func @user_directives(%A: tensor<64x128xf32>, %B: tensor<128x32xf32>) -> tensor<64x32xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<64x32xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%empty : tensor<64x32xf32>) -> tensor<64x32xf32>
  %r = linalg.matmul {streamtensor.tile_sizes = array<i64: 32, 8, 64>,
                      streamtensor.permutation = array<i64: 1, 0>,
                      streamtensor.unroll = array<i64: 4, 1, 1>,
                      streamtensor.vectorize = array<i64: 1, 4, 1>}
      ins(%A, %B : tensor<64x128xf32>, tensor<128x32xf32>)
      outs(%fill : tensor<64x32xf32>) -> tensor<64x32xf32>
  return %r : tensor<64x32xf32>
}

// A tile size equal to the range, or 0, leaves the loop untiled.
// CHECK-LABEL: func.func @user_full_tile
// CHECK-DAG: %[[C16:[a-z0-9_]+]] = arith.constant 16 : index
// CHECK-DAG: %[[C64:[a-z0-9_]+]] = arith.constant 64 : index
// CHECK: scf.for %{{.+}} = %{{.+}} to %[[C64]] step %[[C16]]
// CHECK-NOT: scf.for
// CHECK: linalg.matmul
// CHECK-SAME: -> tensor<64x16xf32>
// CHECK-NOT: scf.for
// CHECK: return
func.func @user_full_tile(%A: tensor<64x64xf32>, %B: tensor<64x64xf32>, %C: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %r = linalg.matmul {streamtensor.tile_sizes = array<i64: 64, 16, 0>}
      ins(%A, %B : tensor<64x64xf32>, tensor<64x64xf32>)
      outs(%C : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}

// Nothing above 16: no loops, the fill stays, the op still gets directives.
// CHECK-LABEL: func.func @small
// CHECK-NOT: scf.for
// CHECK: %[[F:[a-z0-9_]+]] = linalg.fill
// CHECK-NEXT: linalg.matmul
// CHECK-SAME: streamtensor.inner_order = array<i64: 2, 0, 1>
// CHECK-SAME: streamtensor.unroll = array<i64: 2, 2, 1>
// CHECK-SAME: outs(%[[F]] : tensor<8x4xf32>)
// CHECK-NEXT: return
func.func @small(%A: tensor<8x16xf32>, %B: tensor<16x4xf32>) -> tensor<8x4xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<8x4xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%empty : tensor<8x4xf32>) -> tensor<8x4xf32>
  %r = linalg.matmul ins(%A, %B : tensor<8x16xf32>, tensor<16x4xf32>)
                     outs(%fill : tensor<8x4xf32>) -> tensor<8x4xf32>
  return %r : tensor<8x4xf32>
}

// Only the reduction is large: a single reduction loop carries the whole
// output, initialized by the unfused fill.
// CHECK-LABEL: func.func @reduction_only
// CHECK: %[[F:[a-z0-9_]+]] = linalg.fill
// CHECK-NEXT: %[[R:[a-z0-9_]+]] = scf.for %{{.+}} = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[A:[a-z0-9_]+]] = %[[F]]) -> (tensor<8x4xf32>)
// CHECK: linalg.matmul
// CHECK-SAME: outs(%[[A]] : tensor<8x4xf32>)
// CHECK-NOT: tensor.insert_slice
// CHECK: return %[[R]]
func.func @reduction_only(%A: tensor<8x256xf32>, %B: tensor<256x4xf32>) -> tensor<8x4xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<8x4xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%empty : tensor<8x4xf32>) -> tensor<8x4xf32>
  %r = linalg.matmul ins(%A, %B : tensor<8x256xf32>, tensor<256x4xf32>)
                     outs(%fill : tensor<8x4xf32>) -> tensor<8x4xf32>
  return %r : tensor<8x4xf32>
}

// A fill with a use outside tiled consumers stays for that use; each consumer
// fuses its own copy. The second matmul reads the first's result by slices.
// CHECK-LABEL: func.func @shared_fill
// CHECK: %[[F:[a-z0-9_]+]] = linalg.fill {{.*}} -> tensor<32x32xf32>
// CHECK-NEXT: %[[R0:[a-z0-9_]+]] = scf.for
// CHECK: linalg.fill {{.*}} -> tensor<16x16xf32>
// CHECK: linalg.matmul
// CHECK: linalg.fill {{.*}} -> tensor<16x16xf32>
// CHECK: tensor.extract_slice %[[R0]]
// CHECK: linalg.matmul
// CHECK: return %{{.+}}, %[[F]]
func.func @shared_fill(%A: tensor<32x32xf32>, %B: tensor<32x32xf32>) -> (tensor<32x32xf32>, tensor<32x32xf32>) {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<32x32xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%empty : tensor<32x32xf32>) -> tensor<32x32xf32>
  %r0 = linalg.matmul ins(%A, %B : tensor<32x32xf32>, tensor<32x32xf32>)
                      outs(%fill : tensor<32x32xf32>) -> tensor<32x32xf32>
  %r1 = linalg.matmul ins(%r0, %B : tensor<32x32xf32>, tensor<32x32xf32>)
                      outs(%fill : tensor<32x32xf32>) -> tensor<32x32xf32>
  return %r1, %fill : tensor<32x32xf32>, tensor<32x32xf32>
}

// Transposed access: slice offsets are still the induction variables.
// CHECK-LABEL: func.func @transpose
// CHECK: scf.for %[[I:[a-z0-9_]+]] =
// CHECK-NEXT: scf.for %[[J:[a-z0-9_]+]] =
// CHECK-NEXT: tensor.extract_slice %{{.+}}[%[[J]], %[[I]]] [16, 16] [1, 1]
// CHECK-NEXT: tensor.extract_slice %{{.+}}[%[[I]], %[[J]]] [16, 16] [1, 1]
// CHECK-NEXT: linalg.transpose
func.func @transpose(%x: tensor<64x32xf32>) -> tensor<32x64xf32> {
  %empty = tensor.empty() : tensor<32x64xf32>
  %r = linalg.transpose ins(%x : tensor<64x32xf32>) outs(%empty : tensor<32x64xf32>) permutation = [1, 0]
  return %r : tensor<32x64xf32>
}

// Convolution window loops (oh, ow, kh, kw) index the input through sums and
// stay untiled by default; the channels are tiled.
// CHECK-LABEL: func.func @conv
// CHECK: scf.for %[[F:[a-z0-9_]+]] = %{{.+}} to %{{.+}} step
// CHECK: scf.for %[[C:[a-z0-9_]+]] = %{{.+}} to %{{.+}} step
// CHECK-NEXT: tensor.extract_slice %{{.+}}[0, 0, 0, %[[C]]] [1, 34, 34, 16] [1, 1, 1, 1]
// CHECK-NEXT: tensor.extract_slice %{{.+}}[0, 0, %[[C]], %[[F]]] [3, 3, 16, 16] [1, 1, 1, 1]
// CHECK-NEXT: linalg.conv_2d_nhwc_hwcf
// CHECK-SAME: -> tensor<1x32x32x16xf32>
func.func @conv(%x: tensor<1x34x34x32xf32>, %w: tensor<3x3x32x64xf32>) -> tensor<1x32x32x64xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x32x32x64xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x32x32x64xf32>) -> tensor<1x32x32x64xf32>
  %r = linalg.conv_2d_nhwc_hwcf ins(%x, %w : tensor<1x34x34x32xf32>, tensor<3x3x32x64xf32>)
                                outs(%fill : tensor<1x32x32x64xf32>) -> tensor<1x32x32x64xf32>
  return %r : tensor<1x32x32x64xf32>
}

// linalg.softmax is not a structured op: its softmax dimension cannot carry a
// reduction across tiles and stays whole.
// CHECK-LABEL: func.func @softmax
// CHECK: scf.for %[[I:[a-z0-9_]+]] =
// CHECK-NEXT: tensor.extract_slice %{{.+}}[%[[I]], 0] [16, 128] [1, 1]
// CHECK: linalg.softmax
// CHECK-SAME: -> tensor<16x128xf32>
func.func @softmax(%x: tensor<64x128xf32>) -> tensor<64x128xf32> {
  %empty = tensor.empty() : tensor<64x128xf32>
  %r = linalg.softmax dimension(1) ins(%x : tensor<64x128xf32>) outs(%empty : tensor<64x128xf32>) -> tensor<64x128xf32>
  return %r : tensor<64x128xf32>
}

// Linalg ops below the function level are left alone.
// CHECK-LABEL: func.func @nested
// CHECK: scf.for
// CHECK-NEXT: linalg.matmul
// CHECK-NOT: streamtensor.unroll
// CHECK-SAME: -> tensor<64x64xf32>
func.func @nested(%A: tensor<64x64xf32>, %B: tensor<64x64xf32>, %C: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %r = scf.for %i = %c0 to %c2 step %c1 iter_args(%acc = %C) -> tensor<64x64xf32> {
    %m = linalg.matmul ins(%A, %B : tensor<64x64xf32>, tensor<64x64xf32>)
                       outs(%acc : tensor<64x64xf32>) -> tensor<64x64xf32>
    scf.yield %m : tensor<64x64xf32>
  }
  return %r : tensor<64x64xf32>
}

// A product of operands computed on chip (prefill attention's Q K^T) unrolls
// its innermost parallel loop by 16 instead of every parallel loop by 2:
// 16 multiply-adds a cycle on the banks of one index. contraction-lanes=1
// keeps the pairs.
// CHECK-LABEL: func.func @on_chip_product
// CHECK: linalg.batch_matmul
// CHECK-SAME: streamtensor.unroll = array<i64: 1, 1, 16, 1>
// PAIRS-LABEL: func.func @on_chip_product
// PAIRS: linalg.batch_matmul
// PAIRS-SAME: streamtensor.unroll = array<i64: 2, 2, 2, 1>
#id3 = affine_map<(b, i, j) -> (b, i, j)>
func.func @on_chip_product(%A: tensor<4x32x32xf32>, %B: tensor<4x32x32xf32>) -> tensor<4x32x32xf32> {
  %zero = arith.constant 0.0 : f32
  %two = arith.constant 2.0 : f32
  %ea = tensor.empty() : tensor<4x32x32xf32>
  %a = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]} ins(%A : tensor<4x32x32xf32>) outs(%ea : tensor<4x32x32xf32>) {
  ^bb0(%v: f32, %o: f32):
    %m = arith.mulf %v, %two : f32
    linalg.yield %m : f32
  } -> tensor<4x32x32xf32>
  %b = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]} ins(%B : tensor<4x32x32xf32>) outs(%ea : tensor<4x32x32xf32>) {
  ^bb0(%v: f32, %o: f32):
    %m = arith.mulf %v, %two : f32
    linalg.yield %m : f32
  } -> tensor<4x32x32xf32>
  %e = tensor.empty() : tensor<4x32x32xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4x32x32xf32>) -> tensor<4x32x32xf32>
  %r = linalg.batch_matmul ins(%a, %b : tensor<4x32x32xf32>, tensor<4x32x32xf32>) outs(%f : tensor<4x32x32xf32>) -> tensor<4x32x32xf32>
  return %r : tensor<4x32x32xf32>
}
