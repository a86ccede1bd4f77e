// RUN: streamtensor-opt %s --split-input-file --streamtensor-split-weight-ports="min-port-bytes=1048576" | FileCheck %s
// RUN: streamtensor-opt %s --split-input-file --streamtensor-split-weight-ports="max-ports=2 min-port-bytes=1048576" | FileCheck %s --check-prefix=TWO
// RUN: streamtensor-opt %s --split-input-file --streamtensor-split-weight-ports | FileCheck %s --check-prefix=DEF
// RUN: streamtensor-opt %s --split-input-file --streamtensor-split-weight-ports="max-ports=2 port-budget=8 min-port-bytes=1048576" | FileCheck %s --check-prefix=BUDGET
// RUN: not streamtensor-opt %s --split-input-file --streamtensor-split-weight-ports="port-budget=-1" 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not streamtensor-opt %s --split-input-file --streamtensor-split-weight-ports="min-port-bytes=0" 2>&1 | FileCheck %s --check-prefix=BAD

// A 16 MiB weight [1024, 4096] splits into 8 column blocks of 512 (2 MiB
// each, 32 words per row); each block gets its own filled accumulator and
// lands in its columns of the result.
// CHECK-LABEL: func.func @wide
// CHECK: linalg.fill
// CHECK: %[[E:.+]] = tensor.empty() : tensor<1x4096xf32>
// CHECK: %[[W0:.+]] = tensor.extract_slice %arg1[0, 0] [1024, 512] [1, 1]
// CHECK: %[[M0:.+]] = linalg.matmul ins(%arg0, %[[W0]] : tensor<1x1024xf32>, tensor<1024x512xf32>) outs(%{{.+}} : tensor<1x512xf32>)
// CHECK: %[[I0:.+]] = tensor.insert_slice %[[M0]] into %[[E]][0, 0] [1, 512] [1, 1]
// CHECK: tensor.extract_slice %arg1[0, 512] [1024, 512] [1, 1]
// CHECK: linalg.matmul
// CHECK: tensor.insert_slice %{{.+}} into %[[I0]][0, 512] [1, 512] [1, 1]
// CHECK-COUNT-6: linalg.matmul
// CHECK-NOT: linalg.matmul
// TWO-LABEL: func.func @wide
// TWO-COUNT-2: linalg.matmul
// TWO-NOT: linalg.matmul
// A weight alone in its function takes the whole port budget.
// BUDGET-LABEL: func.func @wide
// BUDGET-COUNT-8: linalg.matmul
// BUDGET-NOT: linalg.matmul
// TWO-LABEL: func.func @transposed_slice
// BAD: streamtensor-split-weight-ports options must be positive
// BUDGET-LABEL: func.func @transposed_slice
func.func @wide(%x: tensor<1x1024xf32>, %w: tensor<1024x4096xf32> {streamtensor.kind = "weight", streamtensor.name = "w"}) -> tensor<1x4096xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x4096xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x4096xf32>) -> tensor<1x4096xf32>
  %y = linalg.matmul ins(%x, %w : tensor<1x1024xf32>, tensor<1024x4096xf32>) outs(%f : tensor<1x4096xf32>) -> tensor<1x4096xf32>
  return %y : tensor<1x4096xf32>
}

// -----

// A transposed weight [N, K] splits along its rows (the output columns); a
// slice of a weight (a Q, K or V block) splits inside the slice, with
// offsets into the argument.
// Four blocks of 1 MiB: eight would fall under min-port-bytes.
// CHECK-LABEL: func.func @transposed_slice
// CHECK: tensor.extract_slice %arg1[2048, 0] [256, 1024] [1, 1]
// CHECK: linalg.matmul_transpose_b
// CHECK: tensor.extract_slice %arg1[2304, 0] [256, 1024] [1, 1]
// CHECK-COUNT-3: linalg.matmul_transpose_b
// CHECK-NOT: linalg.matmul_transpose_b
func.func @transposed_slice(%x: tensor<1x1024xf32>, %w: tensor<3072x1024xf32> {streamtensor.kind = "weight", streamtensor.name = "w"}) -> tensor<1x1024xf32> {
  %zero = arith.constant 0.0 : f32
  %s = tensor.extract_slice %w[2048, 0] [1024, 1024] [1, 1] : tensor<3072x1024xf32> to tensor<1024x1024xf32>
  %e = tensor.empty() : tensor<1x1024xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x1024xf32>) -> tensor<1x1024xf32>
  %y = linalg.matmul_transpose_b ins(%x, %s : tensor<1x1024xf32>, tensor<1024x1024xf32>) outs(%f : tensor<1x1024xf32>) -> tensor<1x1024xf32>
  return %y : tensor<1x1024xf32>
}

// -----

// 1,408 rows are 11 granules of 128 rows (16 lanes x 8 words): no even
// split, so the blocks differ by one granule. Five 1 MiB blocks fit the
// 5.5 MiB weight; four already make the largest block 3 granules, as five
// would. (Qwen2.5's 151,936-entry LM head is 1,187 granules.)
// CHECK-LABEL: func.func @uneven
// CHECK: tensor.extract_slice %arg1[0, 0] [384, 1024]
// CHECK: tensor.extract_slice %arg1[384, 0] [384, 1024]
// CHECK: tensor.extract_slice %arg1[768, 0] [384, 1024]
// CHECK: tensor.extract_slice %arg1[1152, 0] [256, 1024]
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[0, 1152] [1, 256] [1, 1]
// CHECK-NOT: linalg.matmul_transpose_b
// TWO-LABEL: func.func @uneven
// TWO: tensor.extract_slice %arg1[0, 0] [768, 1024]
// TWO: tensor.extract_slice %arg1[768, 0] [640, 1024]
func.func @uneven(%x: tensor<1x1024xf32>, %w: tensor<1408x1024xf32> {streamtensor.kind = "weight", streamtensor.name = "w"}) -> tensor<1x1408xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x1408xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x1408xf32>) -> tensor<1x1408xf32>
  %y = linalg.matmul_transpose_b ins(%x, %w : tensor<1x1024xf32>, tensor<1408x1024xf32>) outs(%f : tensor<1x1408xf32>) -> tensor<1x1408xf32>
  return %y : tensor<1x1408xf32>
}

// -----

// Not split: a weight under 2 MiB (two blocks would be under 1 MiB), an
// activation (no streamtensor.kind = "weight"), and an op with directives.
// CHECK-LABEL: func.func @kept
// CHECK-COUNT-3: linalg.matmul
// CHECK-NOT: tensor.insert_slice
func.func @kept(%x: tensor<1x512xf32>, %w: tensor<512x512xf32> {streamtensor.kind = "weight", streamtensor.name = "w"}, %a: tensor<512x4096xf32>, %v: tensor<512x4096xf32> {streamtensor.kind = "weight", streamtensor.name = "v"}) -> (tensor<1x512xf32>, tensor<1x4096xf32>, tensor<1x4096xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x512xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x512xf32>) -> tensor<1x512xf32>
  %y = linalg.matmul ins(%x, %w : tensor<1x512xf32>, tensor<512x512xf32>) outs(%f : tensor<1x512xf32>) -> tensor<1x512xf32>
  %e2 = tensor.empty() : tensor<1x4096xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<1x4096xf32>) -> tensor<1x4096xf32>
  %z = linalg.matmul ins(%x, %a : tensor<1x512xf32>, tensor<512x4096xf32>) outs(%f2 : tensor<1x4096xf32>) -> tensor<1x4096xf32>
  %u = linalg.matmul {streamtensor.unroll = array<i64: 1, 2, 1>} ins(%x, %v : tensor<1x512xf32>, tensor<512x4096xf32>) outs(%f2 : tensor<1x4096xf32>) -> tensor<1x4096xf32>
  return %y, %z, %u : tensor<1x512xf32>, tensor<1x4096xf32>, tensor<1x4096xf32>
}

// -----

// Not split: a dequantization (per-group sums times per-group scales,
// summed over the groups) reads its 4 MiB of scales like a weight, but its
// sums span the same columns and would not be split with them.
// CHECK-LABEL: func.func @dequantize
// CHECK-NOT: tensor.insert_slice
#sums = affine_map<(g, n) -> (g, n)>
#out = affine_map<(g, n) -> (n)>
func.func @dequantize(%acc: tensor<8x131072xi32>, %scale: tensor<8x131072xf32> {streamtensor.kind = "weight", streamtensor.name = "scale"}) -> tensor<131072xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<131072xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<131072xf32>) -> tensor<131072xf32>
  %y = linalg.generic {indexing_maps = [#sums, #sums, #out], iterator_types = ["reduction", "parallel"]} ins(%acc, %scale : tensor<8x131072xi32>, tensor<8x131072xf32>) outs(%f : tensor<131072xf32>) {
  ^bb0(%a: i32, %s: f32, %o: f32):
    %af = arith.sitofp %a : i32 to f32
    %p = arith.mulf %af, %s : f32
    %r = arith.addf %o, %p : f32
    linalg.yield %r : f32
  } -> tensor<131072xf32>
  return %y : tensor<131072xf32>
}

// -----

// 4-bit codes fill a word with 128 lanes, and an integer sum takes one
// cycle, so a block row needs one word: the granule is 128 rows. With
// blocks of at least 1 MiB, 2.25 MiB go into two blocks of 640 and 512
// rows; with the default 256 KiB, five blocks make the largest 256 rows,
// as eight would.
// CHECK-LABEL: func.func @narrow_rows
// CHECK: linalg.matmul_transpose_b ins(%{{.+}}, %{{.+}} : tensor<1x4096xi8>, tensor<640x4096xi4>)
// CHECK: linalg.matmul_transpose_b ins(%{{.+}}, %{{.+}} : tensor<1x4096xi8>, tensor<512x4096xi4>)
// DEF-LABEL: func.func @narrow_rows
// DEF-COUNT-4: linalg.matmul_transpose_b ins(%{{.+}}, %{{.+}} : tensor<1x4096xi8>, tensor<256x4096xi4>)
// DEF-NEXT: tensor.insert_slice
// DEF-NEXT: tensor.extract_slice %arg1[1024, 0] [128, 4096]
func.func @narrow_rows(%x: tensor<1x4096xi8>, %w: tensor<1152x4096xi4> {streamtensor.kind = "weight", streamtensor.name = "w"}) -> tensor<1x1152xi32> {
  %zero = arith.constant 0 : i32
  %e = tensor.empty() : tensor<1x1152xi32>
  %f = linalg.fill ins(%zero : i32) outs(%e : tensor<1x1152xi32>) -> tensor<1x1152xi32>
  %y = linalg.matmul_transpose_b ins(%x, %w : tensor<1x4096xi8>, tensor<1152x4096xi4>) outs(%f : tensor<1x1152xi32>) -> tensor<1x1152xi32>
  return %y : tensor<1x1152xi32>
}

// -----

// Two weights read one after the other share the budget: 8 channels give
// each 4 blocks, more than max-ports (2) alone would.
// BUDGET-LABEL: func.func @two_weights
// BUDGET-COUNT-4: linalg.matmul ins(%{{.+}}, %{{.+}} : tensor<1x1024xf32>, tensor<1024x1024xf32>)
// BUDGET: tensor.insert_slice
// BUDGET-COUNT-4: linalg.matmul ins(%{{.+}}, %{{.+}} : tensor<1x4096xf32>, tensor<4096x1024xf32>)
// BUDGET-NOT: linalg.matmul
// TWO-LABEL: func.func @two_weights
// TWO-COUNT-4: linalg.matmul
// TWO-NOT: linalg.matmul
func.func @two_weights(%x: tensor<1x1024xf32>, %w: tensor<1024x4096xf32> {streamtensor.kind = "weight", streamtensor.name = "w"}, %v: tensor<4096x4096xf32> {streamtensor.kind = "weight", streamtensor.name = "v"}) -> tensor<1x4096xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x4096xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x4096xf32>) -> tensor<1x4096xf32>
  %y = linalg.matmul ins(%x, %w : tensor<1x1024xf32>, tensor<1024x4096xf32>) outs(%f : tensor<1x4096xf32>) -> tensor<1x4096xf32>
  %z = linalg.matmul ins(%y, %v : tensor<1x4096xf32>, tensor<4096x4096xf32>) outs(%f : tensor<1x4096xf32>) -> tensor<1x4096xf32>
  return %z : tensor<1x4096xf32>
}

// -----

// Past max-ports, blocks of 16 granules (2,048 rows of 4-bit codes) are
// taken where the largest block grows by at most an eighth: 30,720 rows
// are 240 granules; 8 ports give blocks of 30, or of 2 units of 16
// granules (32): 7 blocks of 4,096 rows and one of 2,048. Within max-ports
// (8 ports without a budget, or max-ports 2) the 128-row granule stays.
// BUDGET-LABEL: func.func @coarse_blocks
// BUDGET-COUNT-7: linalg.matmul_transpose_b ins(%{{.+}}, %{{.+}} : tensor<1x1024xi8>, tensor<4096x1024xi4>)
// BUDGET: linalg.matmul_transpose_b ins(%{{.+}}, %{{.+}} : tensor<1x1024xi8>, tensor<2048x1024xi4>)
// BUDGET-NOT: linalg.matmul_transpose_b
// CHECK-LABEL: func.func @coarse_blocks
// CHECK-COUNT-8: linalg.matmul_transpose_b ins(%{{.+}}, %{{.+}} : tensor<1x1024xi8>, tensor<3840x1024xi4>)
// CHECK-NOT: linalg.matmul_transpose_b
// TWO-LABEL: func.func @coarse_blocks
// TWO-COUNT-2: linalg.matmul_transpose_b ins(%{{.+}}, %{{.+}} : tensor<1x1024xi8>, tensor<15360x1024xi4>)
func.func @coarse_blocks(%x: tensor<1x1024xi8>, %w: tensor<30720x1024xi4> {streamtensor.kind = "weight", streamtensor.name = "w"}) -> tensor<1x30720xi32> {
  %zero = arith.constant 0 : i32
  %e = tensor.empty() : tensor<1x30720xi32>
  %f = linalg.fill ins(%zero : i32) outs(%e : tensor<1x30720xi32>) -> tensor<1x30720xi32>
  %y = linalg.matmul_transpose_b ins(%x, %w : tensor<1x1024xi8>, tensor<30720x1024xi4>) outs(%f : tensor<1x30720xi32>) -> tensor<1x30720xi32>
  return %y : tensor<1x30720xi32>
}
