// RUN: streamtensor-opt %s --split-input-file --dataflow-pack-kernel-interface --dataflow-widen-kernel-interface | FileCheck %s
// RUN: streamtensor-opt %s --split-input-file --dataflow-pack-kernel-interface --dataflow-widen-kernel-interface=bus-bits=256 | FileCheck %s --check-prefix=NARROW
// RUN: not streamtensor-opt %s --split-input-file --dataflow-widen-kernel-interface 2>&1 | FileCheck %s --check-prefix=UNPACKED
// RUN: not streamtensor-opt %s --split-input-file --dataflow-pack-kernel-interface --dataflow-widen-kernel-interface=bus-bits=48 2>&1 | FileCheck %s --check-prefix=BADBUS

// A 512-bit word holds 16 f32, 32 f16 or 64 i8 when the run allows; a run
// of 24 f32 gets words of 8 (the largest power of two dividing it), an odd
// run single elements.
!f32 = !dataflow.itensor<16x16xf32, [4, 4] * [16, 16], (d0, d1) -> (d1, d0)>
!f16 = !dataflow.itensor<16x16xf16, [4, 4] * [16, 16], (d0, d1) -> (d1, d0)>
!i8 = !dataflow.itensor<16x16xi8, [4, 4] * [16, 16], (d0, d1) -> (d1, d0)>
!run24 = !dataflow.itensor<8xf32, [3] * [8], (d0) -> (d0)>
!odd = !dataflow.itensor<9xf32, [57] * [9], (d0) -> (d0)>
// CHECK-LABEL: func.func @word_widths
// CHECK: dataflow.source_layouts = [{{{[^}]*}}lanes = 16 : i64{{[^}]*}}}, {{{[^}]*}}lanes = 32 : i64{{[^}]*}}}, {{{[^}]*}}lanes = 64 : i64{{[^}]*}}}, {{{[^}]*}}lanes = 8 : i64, {{[^}]*}}run = 24 : i64{{[^}]*}}}, {{{[^}]*}}lanes = 1 : i64, {{[^}]*}}run = 513 : i64{{[^}]*}}}]
// NARROW-LABEL: func.func @word_widths
// NARROW: dataflow.source_layouts = [{{{[^}]*}}lanes = 8 : i64{{[^}]*}}}, {{{[^}]*}}lanes = 16 : i64{{[^}]*}}}, {{{[^}]*}}lanes = 32 : i64{{[^}]*}}}, {{{[^}]*}}lanes = 8 : i64{{[^}]*}}}, {{{[^}]*}}lanes = 1 : i64{{[^}]*}}}]
// UNPACKED: error: 'dataflow.kernel' op has no interface layouts; run dataflow-pack-kernel-interface first
// BADBUS: error: bus-bits must be a power of two of at least 8, got 48
func.func @word_widths(%a: tensor<64x64xf32>, %b: tensor<64x64xf16>, %c: tensor<64x64xi8>,
                       %d: tensor<24xf32>, %e: tensor<513xf32>) -> tensor<24xf32> {
  %r = dataflow.kernel "k" ins(%a, %b, %c, %d, %e : tensor<64x64xf32>, tensor<64x64xf16>, tensor<64x64xi8>, tensor<24xf32>, tensor<513xf32>) -> (tensor<24xf32>) {
  ^bb0(%x: !f32, %y: !f16, %z: !i8, %w: !run24, %v: !odd):
    dataflow.yield %w : !run24
  }
  return %r : tensor<24xf32>
}

// -----

// One argument read by two DMAs in the same tile order: the second re-reads
// every tile twice, so its runs are single tiles of 8; both use words of 8.
!runs = !dataflow.itensor<1x8xf32, [8, 8] * [1, 8], (d0, d1) -> (d0, d1)>
!tiles = !dataflow.itensor<1x8xf32, [8, 8, 2] * [1, 8, 1], (d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @shared_argument
// CHECK: dataflow.source_layouts = [{{{[^}]*}}lanes = 8 : i64, {{[^}]*}}run = 512 : i64{{[^}]*}}}, {{{[^}]*}}lanes = 8 : i64, {{[^}]*}}run = 8 : i64{{[^}]*}}}]
func.func @shared_argument(%a: tensor<8x64xf32>) -> tensor<8x64xf32> {
  %r = dataflow.kernel "k" ins(%a, %a : tensor<8x64xf32>, tensor<8x64xf32>) -> (tensor<8x64xf32>) {
  ^bb0(%x: !runs, %y: !tiles):
    dataflow.yield %x : !runs
  }
  return %r : tensor<8x64xf32>
}
