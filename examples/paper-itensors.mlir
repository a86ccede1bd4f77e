// The itensor examples of the StreamTensor paper (Figures 5 and 7) inside
// one kernel: a producer streams each tensor in one order, consumers want
// another, and layout converters reorder the streams in between.
// `streamtensor-opt --dataflow-size-converters` sizes their buffers.

!a = !dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)>
!b = !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>
!c = !dataflow.itensor<4x2xf32, [4, 2, 2] * [2, 1, 4], (d0, d1, d2) -> (d2, d0)>
!rows = !dataflow.itensor<16x16xf32, [4, 4] * [16, 16], (d0, d1) -> (d0, d1)>
!twice = !dataflow.itensor<16x16xf32, [4, 2, 4] * [16, 1, 16], (d0, d1, d2) -> (d0, d2)>

func.func @paper_examples(%x: tensor<8x8xf32>, %y: tensor<64x64xf32>)
    -> (tensor<8x8xf32>, tensor<8x8xf32>, tensor<64x64xf32>) {
  %r:3 = dataflow.kernel "figures" ins(%x, %y : tensor<8x8xf32>, tensor<64x64xf32>)
      -> (tensor<8x8xf32>, tensor<8x8xf32>, tensor<64x64xf32>) {
  ^bb0(%a: !a, %rows: !rows):
    // Figure 5: a to b buffers the whole tensor; b to c one column block.
    %b = dataflow.itensor_converter %a {name = "a_to_b"} : !a -> !b
    %b0, %b1 = dataflow.itensor_fork %b : !b -> !b, !b
    %c = dataflow.itensor_converter %b0 {name = "b_to_c"} : !b -> !c
    // Figure 7: each 16-row block is streamed twice by the consumer.
    %t = dataflow.itensor_converter %rows {name = "rows_to_twice"} : !rows -> !twice
    dataflow.yield %b1, %c, %t : !b, !c, !twice
  }
  return %r#0, %r#1, %r#2 : tensor<8x8xf32>, tensor<8x8xf32>, tensor<64x64xf32>
}
