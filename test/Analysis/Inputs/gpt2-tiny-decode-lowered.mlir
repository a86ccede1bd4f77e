// The tiny GPT-2 decode block lowered for code generation, produced by
//   python -m streamtensor import --model gpt2 --config tiny --step decode
//   streamtensor-opt --streamtensor-linalg-opt --streamtensor-dataflow
//   streamtensor-opt --streamtensor-lower-dataflow
// and kept here so that the FIFO sizing tests run on a fixed design.
module attributes {streamtensor.config = "tiny", streamtensor.layer = 0 : i64, streamtensor.max_seq = 512 : i64, streamtensor.model = "gpt2", streamtensor.step = "decode"} {
  func.func @block(%arg0: memref<1x64xf32> {streamtensor.kind = "input", streamtensor.name = "x"}, %arg1: memref<1x513xf32> {streamtensor.kind = "input", streamtensor.name = "mask"}, %arg2: memref<512x64xf32> {streamtensor.kind = "input", streamtensor.name = "k_cache"}, %arg3: memref<512x64xf32> {streamtensor.kind = "input", streamtensor.name = "v_cache"}, %arg4: memref<64xf32> {streamtensor.kind = "weight", streamtensor.name = "transformer.h.0.ln_1.weight"}, %arg5: memref<64xf32> {streamtensor.kind = "weight", streamtensor.name = "transformer.h.0.ln_1.bias"}, %arg6: memref<64x192xf32> {streamtensor.kind = "weight", streamtensor.name = "transformer.h.0.attn.c_attn.weight"}, %arg7: memref<192xf32> {streamtensor.kind = "weight", streamtensor.name = "transformer.h.0.attn.c_attn.bias"}, %arg8: memref<64x64xf32> {streamtensor.kind = "weight", streamtensor.name = "transformer.h.0.attn.c_proj.weight"}, %arg9: memref<64xf32> {streamtensor.kind = "weight", streamtensor.name = "transformer.h.0.attn.c_proj.bias"}, %arg10: memref<64xf32> {streamtensor.kind = "weight", streamtensor.name = "transformer.h.0.ln_2.weight"}, %arg11: memref<64xf32> {streamtensor.kind = "weight", streamtensor.name = "transformer.h.0.ln_2.bias"}, %arg12: memref<64x256xf32> {streamtensor.kind = "weight", streamtensor.name = "transformer.h.0.mlp.c_fc.weight"}, %arg13: memref<256xf32> {streamtensor.kind = "weight", streamtensor.name = "transformer.h.0.mlp.c_fc.bias"}, %arg14: memref<256x64xf32> {streamtensor.kind = "weight", streamtensor.name = "transformer.h.0.mlp.c_proj.weight"}, %arg15: memref<64xf32> {streamtensor.kind = "weight", streamtensor.name = "transformer.h.0.mlp.c_proj.bias"}, %arg16: memref<1x64xf32> {streamtensor.name = "y"}, %arg17: memref<1x64xf32> {streamtensor.name = "k_new"}, %arg18: memref<1x64xf32> {streamtensor.name = "v_new"}) attributes {dataflow.unfused_intermediate_bytes = 463532 : i64, llvm.emit_c_interface} {
    %c64 = arith.constant 64 : index
    %c16 = arith.constant 16 : index
    %c4 = arith.constant 4 : index
    %c1 = arith.constant 1 : index
    %c512 = arith.constant 512 : index
    %c0 = arith.constant 0 : index
    %collapse_shape = memref.collapse_shape %arg0 [[0, 1]] : memref<1x64xf32> into memref<64xf32>
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<513x4x16xf32>
    %alloc_0 = memref.alloc() {alignment = 64 : i64} : memref<513x4x16xf32>
    scf.for %arg19 = %c0 to %c512 step %c1 {
      scf.for %arg20 = %c0 to %c4 step %c1 {
        scf.for %arg21 = %c0 to %c16 step %c1 {
          %0 = arith.muli %arg20, %c16 : index
          %1 = arith.addi %0, %arg21 : index
          %2 = memref.load %arg2[%arg19, %1] : memref<512x64xf32>
          memref.store %2, %alloc_0[%arg19, %arg20, %arg21] : memref<513x4x16xf32>
        }
      }
    }
    scf.for %arg19 = %c0 to %c512 step %c1 {
      scf.for %arg20 = %c0 to %c4 step %c1 {
        scf.for %arg21 = %c0 to %c16 step %c1 {
          %0 = arith.muli %arg20, %c16 : index
          %1 = arith.addi %0, %arg21 : index
          %2 = memref.load %arg3[%arg19, %1] : memref<512x64xf32>
          memref.store %2, %alloc[%arg19, %arg20, %arg21] : memref<513x4x16xf32>
        }
      }
    }
    %alloc_1 = memref.alloc() : memref<f32>
    %alloc_2 = memref.alloc() : memref<1x64xf32>
    %alloc_3 = memref.alloc() : memref<1x64xf32>
    %alloc_4 = memref.alloc() : memref<513x4x16xf32>
    %alloc_5 = memref.alloc() : memref<4x513x16xf32>
    %alloc_6 = memref.alloc() : memref<4x16xf32>
    call @block_fused_0(%collapse_shape, %arg4, %arg5, %arg6, %arg7, %alloc_0, %alloc, %alloc_1, %alloc_2, %alloc_3, %alloc_4, %alloc_5, %alloc_6) : (memref<64xf32>, memref<64xf32>, memref<64xf32>, memref<64x192xf32>, memref<192xf32>, memref<513x4x16xf32>, memref<513x4x16xf32>, memref<f32>, memref<1x64xf32>, memref<1x64xf32>, memref<513x4x16xf32>, memref<4x513x16xf32>, memref<4x16xf32>) -> ()
    %collapse_shape_7 = memref.collapse_shape %arg1 [[0, 1]] : memref<1x513xf32> into memref<513xf32>
    %alloc_8 = memref.alloc() : memref<1x64xf32>
    call @block_fused_1(%alloc_4, %alloc_6, %collapse_shape_7, %alloc_5, %arg8, %collapse_shape, %arg9, %alloc_1, %arg10, %arg11, %arg12, %arg13, %arg14, %arg15, %alloc_8) : (memref<513x4x16xf32>, memref<4x16xf32>, memref<513xf32>, memref<4x513x16xf32>, memref<64x64xf32>, memref<64xf32>, memref<64xf32>, memref<f32>, memref<64xf32>, memref<64xf32>, memref<64x256xf32>, memref<256xf32>, memref<256x64xf32>, memref<64xf32>, memref<1x64xf32>) -> ()
    scf.for %arg19 = %c0 to %c64 step %c1 {
      %0 = memref.load %alloc_8[%c0, %arg19] : memref<1x64xf32>
      memref.store %0, %arg16[%c0, %arg19] : memref<1x64xf32>
    }
    scf.for %arg19 = %c0 to %c64 step %c1 {
      %0 = memref.load %alloc_2[%c0, %arg19] : memref<1x64xf32>
      memref.store %0, %arg17[%c0, %arg19] : memref<1x64xf32>
    }
    scf.for %arg19 = %c0 to %c64 step %c1 {
      %0 = memref.load %alloc_3[%c0, %arg19] : memref<1x64xf32>
      memref.store %0, %arg18[%c0, %arg19] : memref<1x64xf32>
    }
    return
  }
  func.func @block_fused_1(%arg0: memref<513x4x16xf32> {streamtensor.kind = "input", streamtensor.name = "in0"}, %arg1: memref<4x16xf32> {streamtensor.kind = "input", streamtensor.name = "in1"}, %arg2: memref<513xf32> {streamtensor.kind = "input", streamtensor.name = "in2"}, %arg3: memref<4x513x16xf32> {streamtensor.kind = "input", streamtensor.name = "in3"}, %arg4: memref<64x64xf32> {streamtensor.kind = "weight", streamtensor.name = "transformer.h.0.attn.c_proj.weight"}, %arg5: memref<64xf32> {streamtensor.kind = "input", streamtensor.name = "in5"}, %arg6: memref<64xf32> {streamtensor.kind = "weight", streamtensor.name = "transformer.h.0.attn.c_proj.bias"}, %arg7: memref<f32> {streamtensor.kind = "input", streamtensor.name = "in7"}, %arg8: memref<64xf32> {streamtensor.kind = "weight", streamtensor.name = "transformer.h.0.ln_2.weight"}, %arg9: memref<64xf32> {streamtensor.kind = "weight", streamtensor.name = "transformer.h.0.ln_2.bias"}, %arg10: memref<64x256xf32> {streamtensor.kind = "weight", streamtensor.name = "transformer.h.0.mlp.c_fc.weight"}, %arg11: memref<256xf32> {streamtensor.kind = "weight", streamtensor.name = "transformer.h.0.mlp.c_fc.bias"}, %arg12: memref<256x64xf32> {streamtensor.kind = "weight", streamtensor.name = "transformer.h.0.mlp.c_proj.weight"}, %arg13: memref<64xf32> {streamtensor.kind = "weight", streamtensor.name = "transformer.h.0.mlp.c_proj.bias"}, %arg14: memref<1x64xf32> {streamtensor.name = "y"}) attributes {dataflow.top} {
    %c64 = arith.constant 64 : index
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %0 = dataflow.stream {dataflow.name = "dma_in0"} : !dataflow.stream<f32, 32832>
    call @block_fused_1_dma_in0(%arg0, %0) : (memref<513x4x16xf32>, !dataflow.stream<f32, 32832>) -> ()
    %1 = dataflow.stream {dataflow.name = "dma_in1"} : !dataflow.stream<f32, 3648>
    call @block_fused_1_dma_in1(%arg1, %1) : (memref<4x16xf32>, !dataflow.stream<f32, 3648>) -> ()
    %2 = dataflow.stream {dataflow.name = "dma_in2"} : !dataflow.stream<f32, 513>
    call @block_fused_1_dma_in2(%arg2, %2) : (memref<513xf32>, !dataflow.stream<f32, 513>) -> ()
    %3 = dataflow.stream {dataflow.name = "dma_in3"} : !dataflow.stream<f32, 32832>
    call @block_fused_1_dma_in3(%arg3, %3) : (memref<4x513x16xf32>, !dataflow.stream<f32, 32832>) -> ()
    %4 = dataflow.stream {dataflow.name = "dma_in4"} : !dataflow.stream<f32, 4096>
    call @block_fused_1_dma_in4(%arg4, %4) : (memref<64x64xf32>, !dataflow.stream<f32, 4096>) -> ()
    %5 = dataflow.stream {dataflow.name = "dma_in5"} : !dataflow.stream<f32, 64>
    call @block_fused_1_dma_in5(%arg5, %5) : (memref<64xf32>, !dataflow.stream<f32, 64>) -> ()
    %6 = dataflow.stream {dataflow.name = "dma_in6"} : !dataflow.stream<f32, 64>
    call @block_fused_1_dma_in6(%arg6, %6) : (memref<64xf32>, !dataflow.stream<f32, 64>) -> ()
    %7 = dataflow.stream {dataflow.name = "dma_in7"} : !dataflow.stream<f32, 1>
    call @block_fused_1_dma_in7(%arg7, %7) : (memref<f32>, !dataflow.stream<f32, 1>) -> ()
    %8 = dataflow.stream {dataflow.name = "dma_in8"} : !dataflow.stream<f32, 64>
    call @block_fused_1_dma_in8(%arg8, %8) : (memref<64xf32>, !dataflow.stream<f32, 64>) -> ()
    %9 = dataflow.stream {dataflow.name = "dma_in9"} : !dataflow.stream<f32, 64>
    call @block_fused_1_dma_in9(%arg9, %9) : (memref<64xf32>, !dataflow.stream<f32, 64>) -> ()
    %10 = dataflow.stream {dataflow.name = "dma_in10"} : !dataflow.stream<f32, 16384>
    call @block_fused_1_dma_in10(%arg10, %10) : (memref<64x256xf32>, !dataflow.stream<f32, 16384>) -> ()
    %11 = dataflow.stream {dataflow.name = "dma_in11"} : !dataflow.stream<f32, 256>
    call @block_fused_1_dma_in11(%arg11, %11) : (memref<256xf32>, !dataflow.stream<f32, 256>) -> ()
    %12 = dataflow.stream {dataflow.name = "dma_in12"} : !dataflow.stream<f32, 16384>
    call @block_fused_1_dma_in12(%arg12, %12) : (memref<256x64xf32>, !dataflow.stream<f32, 16384>) -> ()
    %13 = dataflow.stream {dataflow.name = "dma_in13"} : !dataflow.stream<f32, 64>
    call @block_fused_1_dma_in13(%arg13, %13) : (memref<64xf32>, !dataflow.stream<f32, 64>) -> ()
    %14 = dataflow.stream {dataflow.name = "fork0_out0"} : !dataflow.stream<f32, 1>
    %15 = dataflow.stream {dataflow.name = "fork0_out1"} : !dataflow.stream<f32, 1>
    call @block_fused_1_fork0(%7, %14, %15) : (!dataflow.stream<f32, 1>, !dataflow.stream<f32, 1>, !dataflow.stream<f32, 1>) -> ()
    %16 = dataflow.stream {dataflow.name = "generic_20_out0"} : !dataflow.stream<f32, 2052>
    call @block_fused_1_generic_20(%16) : (!dataflow.stream<f32, 2052>) -> ()
    %17 = dataflow.stream {dataflow.name = "generic_22_out0"} : !dataflow.stream<f32, 2052>
    call @block_fused_1_generic_22(%0, %16, %1, %17) : (!dataflow.stream<f32, 32832>, !dataflow.stream<f32, 2052>, !dataflow.stream<f32, 3648>, !dataflow.stream<f32, 2052>) -> ()
    %18 = dataflow.stream {dataflow.name = "generic_23_out0"} : !dataflow.stream<f32, 2052>
    call @block_fused_1_generic_23(%17, %2, %18) : (!dataflow.stream<f32, 2052>, !dataflow.stream<f32, 513>, !dataflow.stream<f32, 2052>) -> ()
    %19 = dataflow.stream {dataflow.name = "fork1_out0"} : !dataflow.stream<f32, 2052>
    %20 = dataflow.stream {dataflow.name = "fork1_out1"} : !dataflow.stream<f32, 2052>
    call @block_fused_1_fork1(%18, %19, %20) : (!dataflow.stream<f32, 2052>, !dataflow.stream<f32, 2052>, !dataflow.stream<f32, 2052>) -> ()
    %21 = dataflow.stream {dataflow.name = "generic_24_out0"} : !dataflow.stream<f32, 4>
    call @block_fused_1_generic_24(%20, %21) : (!dataflow.stream<f32, 2052>, !dataflow.stream<f32, 4>) -> ()
    %22 = dataflow.stream {dataflow.name = "convert2"} : !dataflow.stream<f32, 228>
    call @block_fused_1_convert2(%21, %22) : (!dataflow.stream<f32, 4>, !dataflow.stream<f32, 228>) -> ()
    %23 = dataflow.stream {dataflow.name = "generic_25_out0"} : !dataflow.stream<f32, 2052>
    call @block_fused_1_generic_25(%19, %22, %23) : (!dataflow.stream<f32, 2052>, !dataflow.stream<f32, 228>, !dataflow.stream<f32, 2052>) -> ()
    %24 = dataflow.stream {dataflow.name = "fork3_out0"} : !dataflow.stream<f32, 2052>
    %25 = dataflow.stream {dataflow.name = "fork3_out1"} : !dataflow.stream<f32, 2052>
    call @block_fused_1_fork3(%23, %24, %25) : (!dataflow.stream<f32, 2052>, !dataflow.stream<f32, 2052>, !dataflow.stream<f32, 2052>) -> ()
    %26 = dataflow.stream {dataflow.name = "generic_26_out0"} : !dataflow.stream<f32, 4>
    call @block_fused_1_generic_26(%25, %26) : (!dataflow.stream<f32, 2052>, !dataflow.stream<f32, 4>) -> ()
    %27 = dataflow.stream {dataflow.name = "convert4"} : !dataflow.stream<f32, 228>
    call @block_fused_1_convert4(%26, %27) : (!dataflow.stream<f32, 4>, !dataflow.stream<f32, 228>) -> ()
    %28 = dataflow.stream {dataflow.name = "generic_27_out0"} : !dataflow.stream<f32, 2052>
    call @block_fused_1_generic_27(%24, %27, %28) : (!dataflow.stream<f32, 2052>, !dataflow.stream<f32, 228>, !dataflow.stream<f32, 2052>) -> ()
    %29 = dataflow.stream {dataflow.name = "convert5"} : !dataflow.stream<f32, 2052>
    call @block_fused_1_convert5(%28, %29) : (!dataflow.stream<f32, 2052>, !dataflow.stream<f32, 2052>) -> ()
    %30 = dataflow.stream {dataflow.name = "expand_shape_28_out0"} : !dataflow.stream<f32, 2052>
    call @block_fused_1_expand_shape_28(%29, %30) : (!dataflow.stream<f32, 2052>, !dataflow.stream<f32, 2052>) -> ()
    %31 = dataflow.stream {dataflow.name = "collapse_shape_29_out0"} : !dataflow.stream<f32, 2052>
    call @block_fused_1_collapse_shape_29(%30, %31) : (!dataflow.stream<f32, 2052>, !dataflow.stream<f32, 2052>) -> ()
    %32 = dataflow.stream {dataflow.name = "convert6"} : !dataflow.stream<f32, 2052>
    call @block_fused_1_convert6(%31, %32) : (!dataflow.stream<f32, 2052>, !dataflow.stream<f32, 2052>) -> ()
    %33 = dataflow.stream {dataflow.name = "batch_matmul_30_out0"} : !dataflow.stream<f32, 64>
    call @block_fused_1_batch_matmul_30(%32, %3, %33) : (!dataflow.stream<f32, 2052>, !dataflow.stream<f32, 32832>, !dataflow.stream<f32, 64>) -> ()
    %34 = dataflow.stream {dataflow.name = "collapse_shape_31_out0"} : !dataflow.stream<f32, 64>
    call @block_fused_1_collapse_shape_31(%33, %34) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>) -> ()
    %35 = dataflow.stream {dataflow.name = "expand_shape_32_out0"} : !dataflow.stream<f32, 64>
    call @block_fused_1_expand_shape_32(%34, %35) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>) -> ()
    %36 = dataflow.stream {dataflow.name = "convert7"} : !dataflow.stream<f32, 256>
    call @block_fused_1_convert7(%35, %36) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 256>) -> ()
    %37 = dataflow.stream {dataflow.name = "matmul_33_out0"} : !dataflow.stream<f32, 64>
    call @block_fused_1_matmul_33(%36, %4, %37) : (!dataflow.stream<f32, 256>, !dataflow.stream<f32, 4096>, !dataflow.stream<f32, 64>) -> ()
    %38 = dataflow.stream {dataflow.name = "convert8"} : !dataflow.stream<f32, 64>
    call @block_fused_1_convert8(%37, %38) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>) -> ()
    %39 = dataflow.stream {dataflow.name = "collapse_shape_34_out0"} : !dataflow.stream<f32, 64>
    call @block_fused_1_collapse_shape_34(%38, %39) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>) -> ()
    %40 = dataflow.stream {dataflow.name = "convert9"} : !dataflow.stream<f32, 64>
    call @block_fused_1_convert9(%39, %40) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>) -> ()
    %41 = dataflow.stream {dataflow.name = "generic_35_out0"} : !dataflow.stream<f32, 64>
    call @block_fused_1_generic_35(%5, %40, %6, %41) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>) -> ()
    %42 = dataflow.stream {dataflow.name = "fork10_out0"} : !dataflow.stream<f32, 64>
    %43 = dataflow.stream {dataflow.name = "fork10_out1"} : !dataflow.stream<f32, 64>
    %44 = dataflow.stream {dataflow.name = "fork10_out2"} : !dataflow.stream<f32, 64>
    %45 = dataflow.stream {dataflow.name = "fork10_out3"} : !dataflow.stream<f32, 64>
    call @block_fused_1_fork10(%41, %42, %43, %44, %45) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>) -> ()
    %46 = dataflow.stream {dataflow.name = "generic_36_out0"} : !dataflow.stream<f32, 1>
    call @block_fused_1_generic_36(%15, %45, %46) : (!dataflow.stream<f32, 1>, !dataflow.stream<f32, 64>, !dataflow.stream<f32, 1>) -> ()
    %47 = dataflow.stream {dataflow.name = "generic_37_out0"} : !dataflow.stream<f32, 1>
    call @block_fused_1_generic_37(%46, %47) : (!dataflow.stream<f32, 1>, !dataflow.stream<f32, 1>) -> ()
    %48 = dataflow.stream {dataflow.name = "convert11"} : !dataflow.stream<f32, 4>
    call @block_fused_1_convert11(%47, %48) : (!dataflow.stream<f32, 1>, !dataflow.stream<f32, 4>) -> ()
    %49 = dataflow.stream {dataflow.name = "fork12_out0"} : !dataflow.stream<f32, 4>
    %50 = dataflow.stream {dataflow.name = "fork12_out1"} : !dataflow.stream<f32, 4>
    call @block_fused_1_fork12(%48, %49, %50) : (!dataflow.stream<f32, 4>, !dataflow.stream<f32, 4>, !dataflow.stream<f32, 4>) -> ()
    %51 = dataflow.stream {dataflow.name = "generic_38_out0"} : !dataflow.stream<f32, 1>
    call @block_fused_1_generic_38(%14, %44, %50, %51) : (!dataflow.stream<f32, 1>, !dataflow.stream<f32, 64>, !dataflow.stream<f32, 4>, !dataflow.stream<f32, 1>) -> ()
    %52 = dataflow.stream {dataflow.name = "convert13"} : !dataflow.stream<f32, 4>
    call @block_fused_1_convert13(%51, %52) : (!dataflow.stream<f32, 1>, !dataflow.stream<f32, 4>) -> ()
    %53 = dataflow.stream {dataflow.name = "generic_39_out0"} : !dataflow.stream<f32, 64>
    call @block_fused_1_generic_39(%43, %8, %9, %49, %52, %53) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>, !dataflow.stream<f32, 4>, !dataflow.stream<f32, 4>, !dataflow.stream<f32, 64>) -> ()
    %54 = dataflow.stream {dataflow.name = "convert14"} : !dataflow.stream<f32, 64>
    call @block_fused_1_convert14(%53, %54) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>) -> ()
    %55 = dataflow.stream {dataflow.name = "expand_shape_40_out0"} : !dataflow.stream<f32, 64>
    call @block_fused_1_expand_shape_40(%54, %55) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>) -> ()
    %56 = dataflow.stream {dataflow.name = "convert15"} : !dataflow.stream<f32, 1024>
    call @block_fused_1_convert15(%55, %56) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 1024>) -> ()
    %57 = dataflow.stream {dataflow.name = "matmul_41_out0"} : !dataflow.stream<f32, 256>
    call @block_fused_1_matmul_41(%56, %10, %57) : (!dataflow.stream<f32, 1024>, !dataflow.stream<f32, 16384>, !dataflow.stream<f32, 256>) -> ()
    %58 = dataflow.stream {dataflow.name = "convert16"} : !dataflow.stream<f32, 256>
    call @block_fused_1_convert16(%57, %58) : (!dataflow.stream<f32, 256>, !dataflow.stream<f32, 256>) -> ()
    %59 = dataflow.stream {dataflow.name = "collapse_shape_42_out0"} : !dataflow.stream<f32, 256>
    call @block_fused_1_collapse_shape_42(%58, %59) : (!dataflow.stream<f32, 256>, !dataflow.stream<f32, 256>) -> ()
    %60 = dataflow.stream {dataflow.name = "convert17"} : !dataflow.stream<f32, 256>
    call @block_fused_1_convert17(%59, %60) : (!dataflow.stream<f32, 256>, !dataflow.stream<f32, 256>) -> ()
    %61 = dataflow.stream {dataflow.name = "generic_43_out0"} : !dataflow.stream<f32, 256>
    call @block_fused_1_generic_43(%60, %11, %61) : (!dataflow.stream<f32, 256>, !dataflow.stream<f32, 256>, !dataflow.stream<f32, 256>) -> ()
    %62 = dataflow.stream {dataflow.name = "convert18"} : !dataflow.stream<f32, 256>
    call @block_fused_1_convert18(%61, %62) : (!dataflow.stream<f32, 256>, !dataflow.stream<f32, 256>) -> ()
    %63 = dataflow.stream {dataflow.name = "expand_shape_44_out0"} : !dataflow.stream<f32, 256>
    call @block_fused_1_expand_shape_44(%62, %63) : (!dataflow.stream<f32, 256>, !dataflow.stream<f32, 256>) -> ()
    %64 = dataflow.stream {dataflow.name = "convert19"} : !dataflow.stream<f32, 1024>
    call @block_fused_1_convert19(%63, %64) : (!dataflow.stream<f32, 256>, !dataflow.stream<f32, 1024>) -> ()
    %65 = dataflow.stream {dataflow.name = "matmul_45_out0"} : !dataflow.stream<f32, 64>
    call @block_fused_1_matmul_45(%64, %12, %65) : (!dataflow.stream<f32, 1024>, !dataflow.stream<f32, 16384>, !dataflow.stream<f32, 64>) -> ()
    %66 = dataflow.stream {dataflow.name = "convert20"} : !dataflow.stream<f32, 64>
    call @block_fused_1_convert20(%65, %66) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>) -> ()
    %67 = dataflow.stream {dataflow.name = "collapse_shape_46_out0"} : !dataflow.stream<f32, 64>
    call @block_fused_1_collapse_shape_46(%66, %67) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>) -> ()
    %68 = dataflow.stream {dataflow.name = "convert21"} : !dataflow.stream<f32, 64>
    call @block_fused_1_convert21(%67, %68) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>) -> ()
    %69 = dataflow.stream {dataflow.name = "generic_47_out0"} : !dataflow.stream<f32, 64>
    call @block_fused_1_generic_47(%42, %68, %13, %69) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>) -> ()
    %70 = dataflow.stream {dataflow.name = "convert22"} : !dataflow.stream<f32, 64>
    call @block_fused_1_convert22(%69, %70) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>) -> ()
    %71 = dataflow.stream {dataflow.name = "expand_shape_48_out0"} : !dataflow.stream<f32, 64>
    call @block_fused_1_expand_shape_48(%70, %71) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>) -> ()
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<1x64xf32>
    %alloc_0 = memref.alloc() : memref<1x64xf32>
    call @block_fused_1_dma_out0(%71, %alloc, %alloc_0) : (!dataflow.stream<f32, 64>, memref<1x64xf32>, memref<1x64xf32>) -> ()
    scf.for %arg15 = %c0 to %c64 step %c1 {
      %72 = memref.load %alloc_0[%c0, %arg15] : memref<1x64xf32>
      memref.store %72, %arg14[%c0, %arg15] : memref<1x64xf32>
    }
    return
  }
  func.func private @block_fused_1_dma_in0(%arg0: memref<513x4x16xf32>, %arg1: !dataflow.stream<f32, 32832>) attributes {dataflow.process} {
    %c16 = arith.constant 16 : index
    %c4 = arith.constant 4 : index
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %c513 = arith.constant 513 : index
    %c9 = arith.constant 9 : index
    scf.for %arg2 = %c0 to %c513 step %c9 {
      scf.for %arg3 = %c0 to %c9 step %c1 {
        scf.for %arg4 = %c0 to %c4 step %c1 {
          scf.for %arg5 = %c0 to %c16 step %c1 {
            %0 = arith.addi %arg2, %arg3 : index
            %1 = memref.load %arg0[%0, %arg4, %arg5] : memref<513x4x16xf32>
            dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 32832>
          }
        }
      }
    }
    return
  }
  func.func private @block_fused_1_dma_in1(%arg0: memref<4x16xf32>, %arg1: !dataflow.stream<f32, 3648>) attributes {dataflow.process} {
    %c16 = arith.constant 16 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c0 = arith.constant 0 : index
    %c513 = arith.constant 513 : index
    %c9 = arith.constant 9 : index
    scf.for %arg2 = %c0 to %c513 step %c9 {
      scf.for %arg3 = %c0 to %c4 step %c1 {
        scf.for %arg4 = %c0 to %c16 step %c1 {
          %0 = memref.load %arg0[%arg3, %arg4] : memref<4x16xf32>
          dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 3648>
        }
      }
    }
    return
  }
  func.func private @block_fused_1_dma_in2(%arg0: memref<513xf32>, %arg1: !dataflow.stream<f32, 513>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %c513 = arith.constant 513 : index
    %c9 = arith.constant 9 : index
    scf.for %arg2 = %c0 to %c513 step %c9 {
      scf.for %arg3 = %c0 to %c9 step %c1 {
        %0 = arith.addi %arg2, %arg3 : index
        %1 = memref.load %arg0[%0] : memref<513xf32>
        dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 513>
      }
    }
    return
  }
  func.func private @block_fused_1_dma_in3(%arg0: memref<4x513x16xf32>, %arg1: !dataflow.stream<f32, 32832>) attributes {dataflow.process} {
    %c16 = arith.constant 16 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c0 = arith.constant 0 : index
    %c513 = arith.constant 513 : index
    %c9 = arith.constant 9 : index
    scf.for %arg2 = %c0 to %c513 step %c9 {
      scf.for %arg3 = %c0 to %c4 step %c1 {
        scf.for %arg4 = %c0 to %c9 step %c1 {
          scf.for %arg5 = %c0 to %c16 step %c1 {
            %0 = arith.addi %arg2, %arg4 : index
            %1 = memref.load %arg0[%arg3, %0, %arg5] : memref<4x513x16xf32>
            dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 32832>
          }
        }
      }
    }
    return
  }
  func.func private @block_fused_1_dma_in4(%arg0: memref<64x64xf32>, %arg1: !dataflow.stream<f32, 4096>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %c16 = arith.constant 16 : index
    scf.for %arg2 = %c0 to %c64 step %c16 {
      scf.for %arg3 = %c0 to %c64 step %c16 {
        scf.for %arg4 = %c0 to %c16 step %c1 {
          scf.for %arg5 = %c0 to %c16 step %c1 {
            %0 = arith.addi %arg3, %arg4 : index
            %1 = arith.addi %arg2, %arg5 : index
            %2 = memref.load %arg0[%0, %1] : memref<64x64xf32>
            dataflow.stream_write %2 into %arg1 : f32 -> !dataflow.stream<f32, 4096>
          }
        }
      }
    }
    return
  }
  func.func private @block_fused_1_dma_in5(%arg0: memref<64xf32>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %c16 = arith.constant 16 : index
    scf.for %arg2 = %c0 to %c64 step %c16 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = arith.addi %arg2, %arg3 : index
        %1 = memref.load %arg0[%0] : memref<64xf32>
        dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 64>
      }
    }
    return
  }
  func.func private @block_fused_1_dma_in6(%arg0: memref<64xf32>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %c16 = arith.constant 16 : index
    scf.for %arg2 = %c0 to %c64 step %c16 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = arith.addi %arg2, %arg3 : index
        %1 = memref.load %arg0[%0] : memref<64xf32>
        dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 64>
      }
    }
    return
  }
  func.func private @block_fused_1_dma_in7(%arg0: memref<f32>, %arg1: !dataflow.stream<f32, 1>) attributes {dataflow.process} {
    %0 = memref.load %arg0[] : memref<f32>
    dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 1>
    return
  }
  func.func private @block_fused_1_dma_in8(%arg0: memref<64xf32>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %c16 = arith.constant 16 : index
    scf.for %arg2 = %c0 to %c64 step %c16 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = arith.addi %arg2, %arg3 : index
        %1 = memref.load %arg0[%0] : memref<64xf32>
        dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 64>
      }
    }
    return
  }
  func.func private @block_fused_1_dma_in9(%arg0: memref<64xf32>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %c16 = arith.constant 16 : index
    scf.for %arg2 = %c0 to %c64 step %c16 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = arith.addi %arg2, %arg3 : index
        %1 = memref.load %arg0[%0] : memref<64xf32>
        dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 64>
      }
    }
    return
  }
  func.func private @block_fused_1_dma_in10(%arg0: memref<64x256xf32>, %arg1: !dataflow.stream<f32, 16384>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %c256 = arith.constant 256 : index
    %c16 = arith.constant 16 : index
    %c64 = arith.constant 64 : index
    scf.for %arg2 = %c0 to %c256 step %c16 {
      scf.for %arg3 = %c0 to %c64 step %c16 {
        scf.for %arg4 = %c0 to %c16 step %c1 {
          scf.for %arg5 = %c0 to %c16 step %c1 {
            %0 = arith.addi %arg3, %arg4 : index
            %1 = arith.addi %arg2, %arg5 : index
            %2 = memref.load %arg0[%0, %1] : memref<64x256xf32>
            dataflow.stream_write %2 into %arg1 : f32 -> !dataflow.stream<f32, 16384>
          }
        }
      }
    }
    return
  }
  func.func private @block_fused_1_dma_in11(%arg0: memref<256xf32>, %arg1: !dataflow.stream<f32, 256>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %c256 = arith.constant 256 : index
    %c16 = arith.constant 16 : index
    scf.for %arg2 = %c0 to %c256 step %c16 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = arith.addi %arg2, %arg3 : index
        %1 = memref.load %arg0[%0] : memref<256xf32>
        dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 256>
      }
    }
    return
  }
  func.func private @block_fused_1_dma_in12(%arg0: memref<256x64xf32>, %arg1: !dataflow.stream<f32, 16384>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %c16 = arith.constant 16 : index
    %c256 = arith.constant 256 : index
    scf.for %arg2 = %c0 to %c64 step %c16 {
      scf.for %arg3 = %c0 to %c256 step %c16 {
        scf.for %arg4 = %c0 to %c16 step %c1 {
          scf.for %arg5 = %c0 to %c16 step %c1 {
            %0 = arith.addi %arg3, %arg4 : index
            %1 = arith.addi %arg2, %arg5 : index
            %2 = memref.load %arg0[%0, %1] : memref<256x64xf32>
            dataflow.stream_write %2 into %arg1 : f32 -> !dataflow.stream<f32, 16384>
          }
        }
      }
    }
    return
  }
  func.func private @block_fused_1_dma_in13(%arg0: memref<64xf32>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %c16 = arith.constant 16 : index
    scf.for %arg2 = %c0 to %c64 step %c16 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = arith.addi %arg2, %arg3 : index
        %1 = memref.load %arg0[%0] : memref<64xf32>
        dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 64>
      }
    }
    return
  }
  func.func private @block_fused_1_fork0(%arg0: !dataflow.stream<f32, 1>, %arg1: !dataflow.stream<f32, 1>, %arg2: !dataflow.stream<f32, 1>) attributes {dataflow.process} {
    %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 1> -> f32
    dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 1>
    dataflow.stream_write %0 into %arg2 : f32 -> !dataflow.stream<f32, 1>
    return
  }
  func.func private @block_fused_1_generic_20(%arg0: !dataflow.stream<f32, 2052>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %cst = arith.constant 0.000000e+00 : f32
    %c0 = arith.constant 0 : index
    %c513 = arith.constant 513 : index
    %c9 = arith.constant 9 : index
    scf.for %arg1 = %c0 to %c513 step %c9 {
      %alloc = memref.alloc() {alignment = 64 : i64} : memref<4x9xf32>
      scf.for %arg2 = %c0 to %c4 step %c1 {
        scf.for %arg3 = %c0 to %c9 step %c1 {
          memref.store %cst, %alloc[%arg2, %arg3] : memref<4x9xf32>
        }
      }
      scf.for %arg2 = %c0 to %c4 step %c1 {
        scf.for %arg3 = %c0 to %c9 step %c1 {
          %0 = memref.load %alloc[%arg2, %arg3] : memref<4x9xf32>
          dataflow.stream_write %0 into %arg0 : f32 -> !dataflow.stream<f32, 2052>
        }
      }
    }
    return
  }
  func.func private @block_fused_1_generic_22(%arg0: !dataflow.stream<f32, 32832>, %arg1: !dataflow.stream<f32, 2052>, %arg2: !dataflow.stream<f32, 3648>, %arg3: !dataflow.stream<f32, 2052>) attributes {dataflow.process} {
    %c16 = arith.constant 16 : index
    %c4 = arith.constant 4 : index
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %c513 = arith.constant 513 : index
    %c9 = arith.constant 9 : index
    scf.for %arg4 = %c0 to %c513 step %c9 {
      %alloc = memref.alloc() {alignment = 64 : i64} : memref<9x4x16xf32>
      scf.for %arg5 = %c0 to %c9 step %c1 {
        scf.for %arg6 = %c0 to %c4 step %c1 {
          scf.for %arg7 = %c0 to %c16 step %c1 {
            %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 32832> -> f32
            memref.store %0, %alloc[%arg5, %arg6, %arg7] : memref<9x4x16xf32>
          }
        }
      }
      %alloc_0 = memref.alloc() {alignment = 64 : i64} : memref<4x9xf32>
      scf.for %arg5 = %c0 to %c4 step %c1 {
        scf.for %arg6 = %c0 to %c9 step %c1 {
          %0 = dataflow.stream_read %arg1 : !dataflow.stream<f32, 2052> -> f32
          memref.store %0, %alloc_0[%arg5, %arg6] : memref<4x9xf32>
        }
      }
      %alloc_1 = memref.alloc() {alignment = 64 : i64} : memref<4x16xf32>
      scf.for %arg5 = %c0 to %c4 step %c1 {
        scf.for %arg6 = %c0 to %c16 step %c1 {
          %0 = dataflow.stream_read %arg2 : !dataflow.stream<f32, 3648> -> f32
          memref.store %0, %alloc_1[%arg5, %arg6] : memref<4x16xf32>
        }
      }
      scf.for %arg5 = %c0 to %c4 step %c1 {
        scf.for %arg6 = %c0 to %c9 step %c1 {
          scf.for %arg7 = %c0 to %c16 step %c1 {
            %0 = memref.load %alloc_1[%arg5, %arg7] : memref<4x16xf32>
            %1 = memref.load %alloc[%arg6, %arg5, %arg7] : memref<9x4x16xf32>
            %2 = memref.load %alloc_0[%arg5, %arg6] : memref<4x9xf32>
            %3 = arith.mulf %0, %1 : f32
            %4 = arith.addf %2, %3 : f32
            memref.store %4, %alloc_0[%arg5, %arg6] : memref<4x9xf32>
          }
        }
      }
      scf.for %arg5 = %c0 to %c4 step %c1 {
        scf.for %arg6 = %c0 to %c9 step %c1 {
          %0 = memref.load %alloc_0[%arg5, %arg6] : memref<4x9xf32>
          dataflow.stream_write %0 into %arg3 : f32 -> !dataflow.stream<f32, 2052>
        }
      }
    }
    return
  }
  func.func private @block_fused_1_generic_23(%arg0: !dataflow.stream<f32, 2052>, %arg1: !dataflow.stream<f32, 513>, %arg2: !dataflow.stream<f32, 2052>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %cst = arith.constant 2.500000e-01 : f32
    %c0 = arith.constant 0 : index
    %c513 = arith.constant 513 : index
    %c9 = arith.constant 9 : index
    scf.for %arg3 = %c0 to %c513 step %c9 {
      %alloc = memref.alloc() {alignment = 64 : i64} : memref<4x9xf32>
      %alloc_0 = memref.alloc() {alignment = 64 : i64} : memref<4x9xf32>
      scf.for %arg4 = %c0 to %c4 step %c1 {
        scf.for %arg5 = %c0 to %c9 step %c1 {
          %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 2052> -> f32
          memref.store %0, %alloc_0[%arg4, %arg5] : memref<4x9xf32>
        }
      }
      %alloc_1 = memref.alloc() {alignment = 64 : i64} : memref<9xf32>
      scf.for %arg4 = %c0 to %c9 step %c1 {
        %0 = dataflow.stream_read %arg1 : !dataflow.stream<f32, 513> -> f32
        memref.store %0, %alloc_1[%arg4] : memref<9xf32>
      }
      scf.for %arg4 = %c0 to %c4 step %c1 {
        scf.for %arg5 = %c0 to %c9 step %c1 {
          %0 = memref.load %alloc_0[%arg4, %arg5] : memref<4x9xf32>
          %1 = memref.load %alloc_1[%arg5] : memref<9xf32>
          %2 = arith.mulf %0, %cst : f32
          %3 = arith.addf %2, %1 : f32
          memref.store %3, %alloc[%arg4, %arg5] : memref<4x9xf32>
        }
      }
      scf.for %arg4 = %c0 to %c4 step %c1 {
        scf.for %arg5 = %c0 to %c9 step %c1 {
          %0 = memref.load %alloc[%arg4, %arg5] : memref<4x9xf32>
          dataflow.stream_write %0 into %arg2 : f32 -> !dataflow.stream<f32, 2052>
        }
      }
    }
    return
  }
  func.func private @block_fused_1_fork1(%arg0: !dataflow.stream<f32, 2052>, %arg1: !dataflow.stream<f32, 2052>, %arg2: !dataflow.stream<f32, 2052>) attributes {dataflow.process} {
    %c0 = arith.constant 0 : index
    %c2052 = arith.constant 2052 : index
    %c1 = arith.constant 1 : index
    scf.for %arg3 = %c0 to %c2052 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 2052> -> f32
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 2052>
      dataflow.stream_write %0 into %arg2 : f32 -> !dataflow.stream<f32, 2052>
    }
    return
  }
  func.func private @block_fused_1_generic_24(%arg0: !dataflow.stream<f32, 2052>, %arg1: !dataflow.stream<f32, 4>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c0 = arith.constant 0 : index
    %c513 = arith.constant 513 : index
    %c9 = arith.constant 9 : index
    %cst = arith.constant 0xFF800000 : f32
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<4xf32>
    scf.for %arg2 = %c0 to %c4 step %c1 {
      memref.store %cst, %alloc[%arg2] : memref<4xf32>
    }
    scf.for %arg2 = %c0 to %c513 step %c9 {
      %alloc_0 = memref.alloc() {alignment = 64 : i64} : memref<4x9xf32>
      scf.for %arg3 = %c0 to %c4 step %c1 {
        scf.for %arg4 = %c0 to %c9 step %c1 {
          %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 2052> -> f32
          memref.store %0, %alloc_0[%arg3, %arg4] : memref<4x9xf32>
        }
      }
      scf.for %arg3 = %c0 to %c4 step %c1 {
        scf.for %arg4 = %c0 to %c9 step %c1 {
          %0 = memref.load %alloc_0[%arg3, %arg4] : memref<4x9xf32>
          %1 = memref.load %alloc[%arg3] : memref<4xf32>
          %2 = arith.maximumf %1, %0 : f32
          memref.store %2, %alloc[%arg3] : memref<4xf32>
        }
      }
    }
    scf.for %arg2 = %c0 to %c4 step %c1 {
      %0 = memref.load %alloc[%arg2] : memref<4xf32>
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 4>
    }
    return
  }
  func.func private @block_fused_1_convert2(%arg0: !dataflow.stream<f32, 4>, %arg1: !dataflow.stream<f32, 228>) attributes {dataflow.process} {
    %c9 = arith.constant 9 : index
    %c513 = arith.constant 513 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<4xf32>
    scf.for %arg2 = %c0 to %c4 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 4> -> f32
      memref.store %0, %alloc[%arg2] : memref<4xf32>
    }
    scf.for %arg2 = %c0 to %c513 step %c9 {
      scf.for %arg3 = %c0 to %c4 step %c1 {
        %0 = memref.load %alloc[%arg3] : memref<4xf32>
        dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 228>
      }
    }
    return
  }
  func.func private @block_fused_1_generic_25(%arg0: !dataflow.stream<f32, 2052>, %arg1: !dataflow.stream<f32, 228>, %arg2: !dataflow.stream<f32, 2052>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c9 = arith.constant 9 : index
    %c513 = arith.constant 513 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<4xf32>
    scf.for %arg3 = %c0 to %c513 step %c9 {
      %alloc_0 = memref.alloc() {alignment = 64 : i64} : memref<4x9xf32>
      %alloc_1 = memref.alloc() {alignment = 64 : i64} : memref<4x9xf32>
      scf.for %arg4 = %c0 to %c4 step %c1 {
        scf.for %arg5 = %c0 to %c9 step %c1 {
          %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 2052> -> f32
          memref.store %0, %alloc_1[%arg4, %arg5] : memref<4x9xf32>
        }
      }
      scf.for %arg4 = %c0 to %c4 step %c1 {
        %0 = dataflow.stream_read %arg1 : !dataflow.stream<f32, 228> -> f32
        memref.store %0, %alloc[%arg4] : memref<4xf32>
      }
      scf.for %arg4 = %c0 to %c4 step %c1 {
        scf.for %arg5 = %c0 to %c9 step %c1 {
          %0 = memref.load %alloc_1[%arg4, %arg5] : memref<4x9xf32>
          %1 = memref.load %alloc[%arg4] : memref<4xf32>
          %2 = arith.subf %0, %1 : f32
          %3 = math.exp %2 : f32
          memref.store %3, %alloc_0[%arg4, %arg5] : memref<4x9xf32>
        }
      }
      scf.for %arg4 = %c0 to %c4 step %c1 {
        scf.for %arg5 = %c0 to %c9 step %c1 {
          %0 = memref.load %alloc_0[%arg4, %arg5] : memref<4x9xf32>
          dataflow.stream_write %0 into %arg2 : f32 -> !dataflow.stream<f32, 2052>
        }
      }
    }
    return
  }
  func.func private @block_fused_1_fork3(%arg0: !dataflow.stream<f32, 2052>, %arg1: !dataflow.stream<f32, 2052>, %arg2: !dataflow.stream<f32, 2052>) attributes {dataflow.process} {
    %c0 = arith.constant 0 : index
    %c2052 = arith.constant 2052 : index
    %c1 = arith.constant 1 : index
    scf.for %arg3 = %c0 to %c2052 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 2052> -> f32
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 2052>
      dataflow.stream_write %0 into %arg2 : f32 -> !dataflow.stream<f32, 2052>
    }
    return
  }
  func.func private @block_fused_1_generic_26(%arg0: !dataflow.stream<f32, 2052>, %arg1: !dataflow.stream<f32, 4>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c0 = arith.constant 0 : index
    %c513 = arith.constant 513 : index
    %c9 = arith.constant 9 : index
    %cst = arith.constant 0.000000e+00 : f32
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<4xf32>
    scf.for %arg2 = %c0 to %c4 step %c1 {
      memref.store %cst, %alloc[%arg2] : memref<4xf32>
    }
    scf.for %arg2 = %c0 to %c513 step %c9 {
      %alloc_0 = memref.alloc() {alignment = 64 : i64} : memref<4x9xf32>
      scf.for %arg3 = %c0 to %c4 step %c1 {
        scf.for %arg4 = %c0 to %c9 step %c1 {
          %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 2052> -> f32
          memref.store %0, %alloc_0[%arg3, %arg4] : memref<4x9xf32>
        }
      }
      scf.for %arg3 = %c0 to %c4 step %c1 {
        scf.for %arg4 = %c0 to %c9 step %c1 {
          %0 = memref.load %alloc_0[%arg3, %arg4] : memref<4x9xf32>
          %1 = memref.load %alloc[%arg3] : memref<4xf32>
          %2 = arith.addf %1, %0 : f32
          memref.store %2, %alloc[%arg3] : memref<4xf32>
        }
      }
    }
    scf.for %arg2 = %c0 to %c4 step %c1 {
      %0 = memref.load %alloc[%arg2] : memref<4xf32>
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 4>
    }
    return
  }
  func.func private @block_fused_1_convert4(%arg0: !dataflow.stream<f32, 4>, %arg1: !dataflow.stream<f32, 228>) attributes {dataflow.process} {
    %c9 = arith.constant 9 : index
    %c513 = arith.constant 513 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<4xf32>
    scf.for %arg2 = %c0 to %c4 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 4> -> f32
      memref.store %0, %alloc[%arg2] : memref<4xf32>
    }
    scf.for %arg2 = %c0 to %c513 step %c9 {
      scf.for %arg3 = %c0 to %c4 step %c1 {
        %0 = memref.load %alloc[%arg3] : memref<4xf32>
        dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 228>
      }
    }
    return
  }
  func.func private @block_fused_1_generic_27(%arg0: !dataflow.stream<f32, 2052>, %arg1: !dataflow.stream<f32, 228>, %arg2: !dataflow.stream<f32, 2052>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c9 = arith.constant 9 : index
    %c513 = arith.constant 513 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<4xf32>
    scf.for %arg3 = %c0 to %c513 step %c9 {
      %alloc_0 = memref.alloc() {alignment = 64 : i64} : memref<4x9xf32>
      %alloc_1 = memref.alloc() {alignment = 64 : i64} : memref<4x9xf32>
      scf.for %arg4 = %c0 to %c4 step %c1 {
        scf.for %arg5 = %c0 to %c9 step %c1 {
          %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 2052> -> f32
          memref.store %0, %alloc_1[%arg4, %arg5] : memref<4x9xf32>
        }
      }
      scf.for %arg4 = %c0 to %c4 step %c1 {
        %0 = dataflow.stream_read %arg1 : !dataflow.stream<f32, 228> -> f32
        memref.store %0, %alloc[%arg4] : memref<4xf32>
      }
      scf.for %arg4 = %c0 to %c4 step %c1 {
        scf.for %arg5 = %c0 to %c9 step %c1 {
          %0 = memref.load %alloc_1[%arg4, %arg5] : memref<4x9xf32>
          %1 = memref.load %alloc[%arg4] : memref<4xf32>
          %2 = arith.divf %0, %1 : f32
          memref.store %2, %alloc_0[%arg4, %arg5] : memref<4x9xf32>
        }
      }
      scf.for %arg4 = %c0 to %c4 step %c1 {
        scf.for %arg5 = %c0 to %c9 step %c1 {
          %0 = memref.load %alloc_0[%arg4, %arg5] : memref<4x9xf32>
          dataflow.stream_write %0 into %arg2 : f32 -> !dataflow.stream<f32, 2052>
        }
      }
    }
    return
  }
  func.func private @block_fused_1_convert5(%arg0: !dataflow.stream<f32, 2052>, %arg1: !dataflow.stream<f32, 2052>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c9 = arith.constant 9 : index
    %c513 = arith.constant 513 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<4x513xf32>
    scf.for %arg2 = %c0 to %c513 step %c9 {
      scf.for %arg3 = %c0 to %c4 step %c1 {
        scf.for %arg4 = %c0 to %c9 step %c1 {
          %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 2052> -> f32
          %1 = arith.addi %arg2, %arg4 : index
          memref.store %0, %alloc[%arg3, %1] : memref<4x513xf32>
        }
      }
    }
    scf.for %arg2 = %c0 to %c4 step %c1 {
      scf.for %arg3 = %c0 to %c513 step %c1 {
        %0 = memref.load %alloc[%arg2, %arg3] : memref<4x513xf32>
        dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 2052>
      }
    }
    return
  }
  func.func private @block_fused_1_expand_shape_28(%arg0: !dataflow.stream<f32, 2052>, %arg1: !dataflow.stream<f32, 2052>) attributes {dataflow.process} {
    %c513 = arith.constant 513 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<4x513xf32>
    scf.for %arg2 = %c0 to %c4 step %c1 {
      scf.for %arg3 = %c0 to %c513 step %c1 {
        %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 2052> -> f32
        memref.store %0, %alloc[%arg2, %arg3] : memref<4x513xf32>
      }
    }
    scf.for %arg2 = %c0 to %c4 step %c1 {
      scf.for %arg3 = %c0 to %c513 step %c1 {
        %0 = memref.load %alloc[%arg2, %arg3] : memref<4x513xf32>
        dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 2052>
      }
    }
    return
  }
  func.func private @block_fused_1_collapse_shape_29(%arg0: !dataflow.stream<f32, 2052>, %arg1: !dataflow.stream<f32, 2052>) attributes {dataflow.process} {
    %c-1 = arith.constant -1 : index
    %c513 = arith.constant 513 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<4x1x1x513xf32>
    scf.for %arg2 = %c0 to %c4 step %c1 {
      scf.for %arg3 = %c0 to %c513 step %c1 {
        %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 2052> -> f32
        memref.store %0, %alloc[%arg2, %c0, %c0, %arg3] : memref<4x1x1x513xf32>
      }
    }
    scf.for %arg2 = %c0 to %c4 step %c1 {
      scf.for %arg3 = %c0 to %c513 step %c1 {
        %0 = arith.cmpi slt, %arg3, %c0 : index
        %1 = arith.subi %c-1, %arg3 : index
        %2 = arith.select %0, %1, %arg3 : index
        %3 = arith.divsi %2, %c513 : index
        %4 = arith.subi %c-1, %3 : index
        %5 = arith.select %0, %4, %3 : index
        %6 = arith.remsi %arg3, %c513 : index
        %7 = arith.cmpi slt, %6, %c0 : index
        %8 = arith.addi %6, %c513 : index
        %9 = arith.select %7, %8, %6 : index
        %10 = memref.load %alloc[%arg2, %c0, %5, %9] : memref<4x1x1x513xf32>
        dataflow.stream_write %10 into %arg1 : f32 -> !dataflow.stream<f32, 2052>
      }
    }
    return
  }
  func.func private @block_fused_1_convert6(%arg0: !dataflow.stream<f32, 2052>, %arg1: !dataflow.stream<f32, 2052>) attributes {dataflow.process} {
    %c9 = arith.constant 9 : index
    %c513 = arith.constant 513 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<4x1x513xf32>
    scf.for %arg2 = %c0 to %c4 step %c1 {
      scf.for %arg3 = %c0 to %c513 step %c1 {
        %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 2052> -> f32
        memref.store %0, %alloc[%arg2, %c0, %arg3] : memref<4x1x513xf32>
      }
    }
    scf.for %arg2 = %c0 to %c513 step %c9 {
      scf.for %arg3 = %c0 to %c4 step %c1 {
        scf.for %arg4 = %c0 to %c9 step %c1 {
          %0 = arith.addi %arg2, %arg4 : index
          %1 = memref.load %alloc[%arg3, %c0, %0] : memref<4x1x513xf32>
          dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 2052>
        }
      }
    }
    return
  }
  func.func private @block_fused_1_batch_matmul_30(%arg0: !dataflow.stream<f32, 2052>, %arg1: !dataflow.stream<f32, 32832>, %arg2: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c16 = arith.constant 16 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c0 = arith.constant 0 : index
    %c513 = arith.constant 513 : index
    %c9 = arith.constant 9 : index
    %cst = arith.constant 0.000000e+00 : f32
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<4x1x16xf32>
    scf.for %arg3 = %c0 to %c4 step %c1 {
      scf.for %arg4 = %c0 to %c16 step %c1 {
        memref.store %cst, %alloc[%arg3, %c0, %arg4] : memref<4x1x16xf32>
      }
    }
    scf.for %arg3 = %c0 to %c513 step %c9 {
      %alloc_0 = memref.alloc() {alignment = 64 : i64} : memref<4x1x9xf32>
      scf.for %arg4 = %c0 to %c4 step %c1 {
        scf.for %arg5 = %c0 to %c9 step %c1 {
          %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 2052> -> f32
          memref.store %0, %alloc_0[%arg4, %c0, %arg5] : memref<4x1x9xf32>
        }
      }
      %alloc_1 = memref.alloc() {alignment = 64 : i64} : memref<4x9x16xf32>
      scf.for %arg4 = %c0 to %c4 step %c1 {
        scf.for %arg5 = %c0 to %c9 step %c1 {
          scf.for %arg6 = %c0 to %c16 step %c1 {
            %0 = dataflow.stream_read %arg1 : !dataflow.stream<f32, 32832> -> f32
            memref.store %0, %alloc_1[%arg4, %arg5, %arg6] : memref<4x9x16xf32>
          }
        }
      }
      scf.for %arg4 = %c0 to %c4 step %c1 {
        scf.for %arg5 = %c0 to %c16 step %c1 {
          scf.for %arg6 = %c0 to %c9 step %c1 {
            %0 = memref.load %alloc_0[%arg4, %c0, %arg6] : memref<4x1x9xf32>
            %1 = memref.load %alloc_1[%arg4, %arg6, %arg5] : memref<4x9x16xf32>
            %2 = memref.load %alloc[%arg4, %c0, %arg5] : memref<4x1x16xf32>
            %3 = arith.mulf %0, %1 : f32
            %4 = arith.addf %2, %3 : f32
            memref.store %4, %alloc[%arg4, %c0, %arg5] : memref<4x1x16xf32>
          }
        }
      }
    }
    scf.for %arg3 = %c0 to %c4 step %c1 {
      scf.for %arg4 = %c0 to %c16 step %c1 {
        %0 = memref.load %alloc[%arg3, %c0, %arg4] : memref<4x1x16xf32>
        dataflow.stream_write %0 into %arg2 : f32 -> !dataflow.stream<f32, 64>
      }
    }
    return
  }
  func.func private @block_fused_1_collapse_shape_31(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c-1 = arith.constant -1 : index
    %c64 = arith.constant 64 : index
    %c16 = arith.constant 16 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<4x1x16xf32>
    scf.for %arg2 = %c0 to %c4 step %c1 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
        memref.store %0, %alloc[%arg2, %c0, %arg3] : memref<4x1x16xf32>
      }
    }
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = arith.cmpi slt, %arg2, %c0 : index
      %1 = arith.subi %c-1, %arg2 : index
      %2 = arith.select %0, %1, %arg2 : index
      %3 = arith.divsi %2, %c16 : index
      %4 = arith.subi %c-1, %3 : index
      %5 = arith.select %0, %4, %3 : index
      %6 = arith.remsi %arg2, %c16 : index
      %7 = arith.cmpi slt, %6, %c0 : index
      %8 = arith.addi %6, %c16 : index
      %9 = arith.select %7, %8, %6 : index
      %10 = arith.cmpi slt, %9, %c0 : index
      %11 = arith.subi %c-1, %9 : index
      %12 = arith.select %10, %11, %9 : index
      %13 = arith.divsi %12, %c16 : index
      %14 = arith.subi %c-1, %13 : index
      %15 = arith.select %10, %14, %13 : index
      %16 = memref.load %alloc[%5, %15, %9] : memref<4x1x16xf32>
      dataflow.stream_write %16 into %arg1 : f32 -> !dataflow.stream<f32, 64>
    }
    return
  }
  func.func private @block_fused_1_expand_shape_32(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<64xf32>
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
      memref.store %0, %alloc[%arg2] : memref<64xf32>
    }
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = memref.load %alloc[%arg2] : memref<64xf32>
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 64>
    }
    return
  }
  func.func private @block_fused_1_convert7(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 256>) attributes {dataflow.process} {
    %c16 = arith.constant 16 : index
    %c64 = arith.constant 64 : index
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<1x64xf32>
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
      memref.store %0, %alloc[%c0, %arg2] : memref<1x64xf32>
    }
    scf.for %arg2 = %c0 to %c64 step %c16 {
      scf.for %arg3 = %c0 to %c64 step %c16 {
        scf.for %arg4 = %c0 to %c16 step %c1 {
          %0 = arith.addi %arg3, %arg4 : index
          %1 = memref.load %alloc[%c0, %0] : memref<1x64xf32>
          dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 256>
        }
      }
    }
    return
  }
  func.func private @block_fused_1_matmul_33(%arg0: !dataflow.stream<f32, 256>, %arg1: !dataflow.stream<f32, 4096>, %arg2: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %cst = arith.constant 0.000000e+00 : f32
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %c16 = arith.constant 16 : index
    scf.for %arg3 = %c0 to %c64 step %c16 {
      %alloc = memref.alloc() {alignment = 64 : i64} : memref<1x16xf32>
      %alloc_0 = memref.alloc() {alignment = 64 : i64} : memref<1x16xf32>
      scf.for %arg4 = %c0 to %c16 step %c1 {
        memref.store %cst, %alloc_0[%c0, %arg4] : memref<1x16xf32>
      }
      scf.for %arg4 = %c0 to %c64 step %c16 {
        scf.for %arg5 = %c0 to %c16 step %c1 {
          %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 256> -> f32
          memref.store %0, %alloc[%c0, %arg5] : memref<1x16xf32>
        }
        %alloc_1 = memref.alloc() {alignment = 64 : i64} : memref<16x16xf32>
        scf.for %arg5 = %c0 to %c16 step %c1 {
          scf.for %arg6 = %c0 to %c16 step %c1 {
            %0 = dataflow.stream_read %arg1 : !dataflow.stream<f32, 4096> -> f32
            memref.store %0, %alloc_1[%arg5, %arg6] : memref<16x16xf32>
          }
        }
        scf.for %arg5 = %c0 to %c16 step %c1 {
          scf.for %arg6 = %c0 to %c16 step %c1 {
            %0 = memref.load %alloc[%c0, %arg6] : memref<1x16xf32>
            %1 = memref.load %alloc_1[%arg6, %arg5] : memref<16x16xf32>
            %2 = memref.load %alloc_0[%c0, %arg5] : memref<1x16xf32>
            %3 = arith.mulf %0, %1 : f32
            %4 = arith.addf %2, %3 : f32
            memref.store %4, %alloc_0[%c0, %arg5] : memref<1x16xf32>
          }
        }
      }
      scf.for %arg4 = %c0 to %c16 step %c1 {
        %0 = memref.load %alloc_0[%c0, %arg4] : memref<1x16xf32>
        dataflow.stream_write %0 into %arg2 : f32 -> !dataflow.stream<f32, 64>
      }
    }
    return
  }
  func.func private @block_fused_1_convert8(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c16 = arith.constant 16 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<1x64xf32>
    scf.for %arg2 = %c0 to %c64 step %c16 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
        %1 = arith.addi %arg2, %arg3 : index
        memref.store %0, %alloc[%c0, %1] : memref<1x64xf32>
      }
    }
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = memref.load %alloc[%c0, %arg2] : memref<1x64xf32>
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 64>
    }
    return
  }
  func.func private @block_fused_1_collapse_shape_34(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c-1 = arith.constant -1 : index
    %c64 = arith.constant 64 : index
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<1x64xf32>
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
      memref.store %0, %alloc[%c0, %arg2] : memref<1x64xf32>
    }
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = arith.cmpi slt, %arg2, %c0 : index
      %1 = arith.subi %c-1, %arg2 : index
      %2 = arith.select %0, %1, %arg2 : index
      %3 = arith.divsi %2, %c64 : index
      %4 = arith.subi %c-1, %3 : index
      %5 = arith.select %0, %4, %3 : index
      %6 = arith.remsi %arg2, %c64 : index
      %7 = arith.cmpi slt, %6, %c0 : index
      %8 = arith.addi %6, %c64 : index
      %9 = arith.select %7, %8, %6 : index
      %10 = memref.load %alloc[%5, %9] : memref<1x64xf32>
      dataflow.stream_write %10 into %arg1 : f32 -> !dataflow.stream<f32, 64>
    }
    return
  }
  func.func private @block_fused_1_convert9(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c16 = arith.constant 16 : index
    %c1 = arith.constant 1 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<64xf32>
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
      memref.store %0, %alloc[%arg2] : memref<64xf32>
    }
    scf.for %arg2 = %c0 to %c64 step %c16 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = arith.addi %arg2, %arg3 : index
        %1 = memref.load %alloc[%0] : memref<64xf32>
        dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 64>
      }
    }
    return
  }
  func.func private @block_fused_1_generic_35(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>, %arg2: !dataflow.stream<f32, 64>, %arg3: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %c16 = arith.constant 16 : index
    scf.for %arg4 = %c0 to %c64 step %c16 {
      %alloc = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      %alloc_0 = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      scf.for %arg5 = %c0 to %c16 step %c1 {
        %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
        memref.store %0, %alloc_0[%arg5] : memref<16xf32>
      }
      %alloc_1 = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      scf.for %arg5 = %c0 to %c16 step %c1 {
        %0 = dataflow.stream_read %arg1 : !dataflow.stream<f32, 64> -> f32
        memref.store %0, %alloc_1[%arg5] : memref<16xf32>
      }
      %alloc_2 = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      scf.for %arg5 = %c0 to %c16 step %c1 {
        %0 = dataflow.stream_read %arg2 : !dataflow.stream<f32, 64> -> f32
        memref.store %0, %alloc_2[%arg5] : memref<16xf32>
      }
      scf.for %arg5 = %c0 to %c16 step %c1 {
        %0 = memref.load %alloc_0[%arg5] : memref<16xf32>
        %1 = memref.load %alloc_1[%arg5] : memref<16xf32>
        %2 = memref.load %alloc_2[%arg5] : memref<16xf32>
        %3 = arith.addf %1, %2 : f32
        %4 = arith.addf %0, %3 : f32
        memref.store %4, %alloc[%arg5] : memref<16xf32>
      }
      scf.for %arg5 = %c0 to %c16 step %c1 {
        %0 = memref.load %alloc[%arg5] : memref<16xf32>
        dataflow.stream_write %0 into %arg3 : f32 -> !dataflow.stream<f32, 64>
      }
    }
    return
  }
  func.func private @block_fused_1_fork10(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>, %arg2: !dataflow.stream<f32, 64>, %arg3: !dataflow.stream<f32, 64>, %arg4: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %c1 = arith.constant 1 : index
    scf.for %arg5 = %c0 to %c64 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 64>
      dataflow.stream_write %0 into %arg2 : f32 -> !dataflow.stream<f32, 64>
      dataflow.stream_write %0 into %arg3 : f32 -> !dataflow.stream<f32, 64>
      dataflow.stream_write %0 into %arg4 : f32 -> !dataflow.stream<f32, 64>
    }
    return
  }
  func.func private @block_fused_1_generic_36(%arg0: !dataflow.stream<f32, 1>, %arg1: !dataflow.stream<f32, 64>, %arg2: !dataflow.stream<f32, 1>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %c16 = arith.constant 16 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<f32>
    %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 1> -> f32
    memref.store %0, %alloc[] : memref<f32>
    scf.for %arg3 = %c0 to %c64 step %c16 {
      %alloc_0 = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      scf.for %arg4 = %c0 to %c16 step %c1 {
        %2 = dataflow.stream_read %arg1 : !dataflow.stream<f32, 64> -> f32
        memref.store %2, %alloc_0[%arg4] : memref<16xf32>
      }
      scf.for %arg4 = %c0 to %c16 step %c1 {
        %2 = memref.load %alloc_0[%arg4] : memref<16xf32>
        %3 = memref.load %alloc[] : memref<f32>
        %4 = arith.addf %3, %2 : f32
        memref.store %4, %alloc[] : memref<f32>
      }
    }
    %1 = memref.load %alloc[] : memref<f32>
    dataflow.stream_write %1 into %arg2 : f32 -> !dataflow.stream<f32, 1>
    return
  }
  func.func private @block_fused_1_generic_37(%arg0: !dataflow.stream<f32, 1>, %arg1: !dataflow.stream<f32, 1>) attributes {dataflow.process} {
    %cst = arith.constant 6.400000e+01 : f32
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<f32>
    %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 1> -> f32
    memref.store %0, %alloc[] : memref<f32>
    %1 = memref.load %alloc[] : memref<f32>
    %2 = arith.divf %1, %cst : f32
    memref.store %2, %alloc[] : memref<f32>
    %3 = memref.load %alloc[] : memref<f32>
    dataflow.stream_write %3 into %arg1 : f32 -> !dataflow.stream<f32, 1>
    return
  }
  func.func private @block_fused_1_convert11(%arg0: !dataflow.stream<f32, 1>, %arg1: !dataflow.stream<f32, 4>) attributes {dataflow.process} {
    %c16 = arith.constant 16 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<f32>
    %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 1> -> f32
    memref.store %0, %alloc[] : memref<f32>
    scf.for %arg2 = %c0 to %c64 step %c16 {
      %1 = memref.load %alloc[] : memref<f32>
      dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 4>
    }
    return
  }
  func.func private @block_fused_1_fork12(%arg0: !dataflow.stream<f32, 4>, %arg1: !dataflow.stream<f32, 4>, %arg2: !dataflow.stream<f32, 4>) attributes {dataflow.process} {
    %c0 = arith.constant 0 : index
    %c4 = arith.constant 4 : index
    %c1 = arith.constant 1 : index
    scf.for %arg3 = %c0 to %c4 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 4> -> f32
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 4>
      dataflow.stream_write %0 into %arg2 : f32 -> !dataflow.stream<f32, 4>
    }
    return
  }
  func.func private @block_fused_1_generic_38(%arg0: !dataflow.stream<f32, 1>, %arg1: !dataflow.stream<f32, 64>, %arg2: !dataflow.stream<f32, 4>, %arg3: !dataflow.stream<f32, 1>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c16 = arith.constant 16 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<f32>
    %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 1> -> f32
    %alloc_0 = memref.alloc() {alignment = 64 : i64} : memref<f32>
    memref.store %0, %alloc_0[] : memref<f32>
    scf.for %arg4 = %c0 to %c64 step %c16 {
      %alloc_1 = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      scf.for %arg5 = %c0 to %c16 step %c1 {
        %3 = dataflow.stream_read %arg1 : !dataflow.stream<f32, 64> -> f32
        memref.store %3, %alloc_1[%arg5] : memref<16xf32>
      }
      %2 = dataflow.stream_read %arg2 : !dataflow.stream<f32, 4> -> f32
      memref.store %2, %alloc[] : memref<f32>
      scf.for %arg5 = %c0 to %c16 step %c1 {
        %3 = memref.load %alloc_1[%arg5] : memref<16xf32>
        %4 = memref.load %alloc[] : memref<f32>
        %5 = memref.load %alloc_0[] : memref<f32>
        %6 = arith.subf %3, %4 : f32
        %7 = arith.mulf %6, %6 : f32
        %8 = arith.addf %5, %7 : f32
        memref.store %8, %alloc_0[] : memref<f32>
      }
    }
    %1 = memref.load %alloc_0[] : memref<f32>
    dataflow.stream_write %1 into %arg3 : f32 -> !dataflow.stream<f32, 1>
    return
  }
  func.func private @block_fused_1_convert13(%arg0: !dataflow.stream<f32, 1>, %arg1: !dataflow.stream<f32, 4>) attributes {dataflow.process} {
    %c16 = arith.constant 16 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<f32>
    %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 1> -> f32
    memref.store %0, %alloc[] : memref<f32>
    scf.for %arg2 = %c0 to %c64 step %c16 {
      %1 = memref.load %alloc[] : memref<f32>
      dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 4>
    }
    return
  }
  func.func private @block_fused_1_generic_39(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>, %arg2: !dataflow.stream<f32, 64>, %arg3: !dataflow.stream<f32, 4>, %arg4: !dataflow.stream<f32, 4>, %arg5: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c16 = arith.constant 16 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %cst = arith.constant 9.99999974E-6 : f32
    %cst_0 = arith.constant 6.400000e+01 : f32
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<f32>
    scf.for %arg6 = %c0 to %c64 step %c16 {
      %alloc_1 = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      %alloc_2 = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      scf.for %arg7 = %c0 to %c16 step %c1 {
        %2 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
        memref.store %2, %alloc_2[%arg7] : memref<16xf32>
      }
      %alloc_3 = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      scf.for %arg7 = %c0 to %c16 step %c1 {
        %2 = dataflow.stream_read %arg1 : !dataflow.stream<f32, 64> -> f32
        memref.store %2, %alloc_3[%arg7] : memref<16xf32>
      }
      %alloc_4 = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      scf.for %arg7 = %c0 to %c16 step %c1 {
        %2 = dataflow.stream_read %arg2 : !dataflow.stream<f32, 64> -> f32
        memref.store %2, %alloc_4[%arg7] : memref<16xf32>
      }
      %0 = dataflow.stream_read %arg3 : !dataflow.stream<f32, 4> -> f32
      %alloc_5 = memref.alloc() {alignment = 64 : i64} : memref<f32>
      memref.store %0, %alloc_5[] : memref<f32>
      %1 = dataflow.stream_read %arg4 : !dataflow.stream<f32, 4> -> f32
      memref.store %1, %alloc[] : memref<f32>
      scf.for %arg7 = %c0 to %c16 step %c1 {
        %2 = memref.load %alloc_2[%arg7] : memref<16xf32>
        %3 = memref.load %alloc_5[] : memref<f32>
        %4 = memref.load %alloc[] : memref<f32>
        %5 = memref.load %alloc_3[%arg7] : memref<16xf32>
        %6 = memref.load %alloc_4[%arg7] : memref<16xf32>
        %7 = arith.divf %4, %cst_0 : f32
        %8 = arith.addf %7, %cst : f32
        %9 = math.rsqrt %8 : f32
        %10 = arith.subf %2, %3 : f32
        %11 = arith.mulf %10, %9 : f32
        %12 = arith.mulf %11, %5 : f32
        %13 = arith.addf %12, %6 : f32
        memref.store %13, %alloc_1[%arg7] : memref<16xf32>
      }
      scf.for %arg7 = %c0 to %c16 step %c1 {
        %2 = memref.load %alloc_1[%arg7] : memref<16xf32>
        dataflow.stream_write %2 into %arg5 : f32 -> !dataflow.stream<f32, 64>
      }
    }
    return
  }
  func.func private @block_fused_1_convert14(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c16 = arith.constant 16 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<64xf32>
    scf.for %arg2 = %c0 to %c64 step %c16 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
        %1 = arith.addi %arg2, %arg3 : index
        memref.store %0, %alloc[%1] : memref<64xf32>
      }
    }
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = memref.load %alloc[%arg2] : memref<64xf32>
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 64>
    }
    return
  }
  func.func private @block_fused_1_expand_shape_40(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<64xf32>
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
      memref.store %0, %alloc[%arg2] : memref<64xf32>
    }
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = memref.load %alloc[%arg2] : memref<64xf32>
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 64>
    }
    return
  }
  func.func private @block_fused_1_convert15(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 1024>) attributes {dataflow.process} {
    %c16 = arith.constant 16 : index
    %c256 = arith.constant 256 : index
    %c64 = arith.constant 64 : index
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<1x64xf32>
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
      memref.store %0, %alloc[%c0, %arg2] : memref<1x64xf32>
    }
    scf.for %arg2 = %c0 to %c256 step %c16 {
      scf.for %arg3 = %c0 to %c64 step %c16 {
        scf.for %arg4 = %c0 to %c16 step %c1 {
          %0 = arith.addi %arg3, %arg4 : index
          %1 = memref.load %alloc[%c0, %0] : memref<1x64xf32>
          dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 1024>
        }
      }
    }
    return
  }
  func.func private @block_fused_1_matmul_41(%arg0: !dataflow.stream<f32, 1024>, %arg1: !dataflow.stream<f32, 16384>, %arg2: !dataflow.stream<f32, 256>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %cst = arith.constant 0.000000e+00 : f32
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %c16 = arith.constant 16 : index
    %c256 = arith.constant 256 : index
    scf.for %arg3 = %c0 to %c256 step %c16 {
      %alloc = memref.alloc() {alignment = 64 : i64} : memref<1x16xf32>
      %alloc_0 = memref.alloc() {alignment = 64 : i64} : memref<1x16xf32>
      scf.for %arg4 = %c0 to %c16 step %c1 {
        memref.store %cst, %alloc_0[%c0, %arg4] : memref<1x16xf32>
      }
      scf.for %arg4 = %c0 to %c64 step %c16 {
        scf.for %arg5 = %c0 to %c16 step %c1 {
          %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 1024> -> f32
          memref.store %0, %alloc[%c0, %arg5] : memref<1x16xf32>
        }
        %alloc_1 = memref.alloc() {alignment = 64 : i64} : memref<16x16xf32>
        scf.for %arg5 = %c0 to %c16 step %c1 {
          scf.for %arg6 = %c0 to %c16 step %c1 {
            %0 = dataflow.stream_read %arg1 : !dataflow.stream<f32, 16384> -> f32
            memref.store %0, %alloc_1[%arg5, %arg6] : memref<16x16xf32>
          }
        }
        scf.for %arg5 = %c0 to %c16 step %c1 {
          scf.for %arg6 = %c0 to %c16 step %c1 {
            %0 = memref.load %alloc[%c0, %arg6] : memref<1x16xf32>
            %1 = memref.load %alloc_1[%arg6, %arg5] : memref<16x16xf32>
            %2 = memref.load %alloc_0[%c0, %arg5] : memref<1x16xf32>
            %3 = arith.mulf %0, %1 : f32
            %4 = arith.addf %2, %3 : f32
            memref.store %4, %alloc_0[%c0, %arg5] : memref<1x16xf32>
          }
        }
      }
      scf.for %arg4 = %c0 to %c16 step %c1 {
        %0 = memref.load %alloc_0[%c0, %arg4] : memref<1x16xf32>
        dataflow.stream_write %0 into %arg2 : f32 -> !dataflow.stream<f32, 256>
      }
    }
    return
  }
  func.func private @block_fused_1_convert16(%arg0: !dataflow.stream<f32, 256>, %arg1: !dataflow.stream<f32, 256>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c16 = arith.constant 16 : index
    %c256 = arith.constant 256 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<1x256xf32>
    scf.for %arg2 = %c0 to %c256 step %c16 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 256> -> f32
        %1 = arith.addi %arg2, %arg3 : index
        memref.store %0, %alloc[%c0, %1] : memref<1x256xf32>
      }
    }
    scf.for %arg2 = %c0 to %c256 step %c1 {
      %0 = memref.load %alloc[%c0, %arg2] : memref<1x256xf32>
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 256>
    }
    return
  }
  func.func private @block_fused_1_collapse_shape_42(%arg0: !dataflow.stream<f32, 256>, %arg1: !dataflow.stream<f32, 256>) attributes {dataflow.process} {
    %c-1 = arith.constant -1 : index
    %c256 = arith.constant 256 : index
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<1x256xf32>
    scf.for %arg2 = %c0 to %c256 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 256> -> f32
      memref.store %0, %alloc[%c0, %arg2] : memref<1x256xf32>
    }
    scf.for %arg2 = %c0 to %c256 step %c1 {
      %0 = arith.cmpi slt, %arg2, %c0 : index
      %1 = arith.subi %c-1, %arg2 : index
      %2 = arith.select %0, %1, %arg2 : index
      %3 = arith.divsi %2, %c256 : index
      %4 = arith.subi %c-1, %3 : index
      %5 = arith.select %0, %4, %3 : index
      %6 = arith.remsi %arg2, %c256 : index
      %7 = arith.cmpi slt, %6, %c0 : index
      %8 = arith.addi %6, %c256 : index
      %9 = arith.select %7, %8, %6 : index
      %10 = memref.load %alloc[%5, %9] : memref<1x256xf32>
      dataflow.stream_write %10 into %arg1 : f32 -> !dataflow.stream<f32, 256>
    }
    return
  }
  func.func private @block_fused_1_convert17(%arg0: !dataflow.stream<f32, 256>, %arg1: !dataflow.stream<f32, 256>) attributes {dataflow.process} {
    %c16 = arith.constant 16 : index
    %c1 = arith.constant 1 : index
    %c256 = arith.constant 256 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<256xf32>
    scf.for %arg2 = %c0 to %c256 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 256> -> f32
      memref.store %0, %alloc[%arg2] : memref<256xf32>
    }
    scf.for %arg2 = %c0 to %c256 step %c16 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = arith.addi %arg2, %arg3 : index
        %1 = memref.load %alloc[%0] : memref<256xf32>
        dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 256>
      }
    }
    return
  }
  func.func private @block_fused_1_generic_43(%arg0: !dataflow.stream<f32, 256>, %arg1: !dataflow.stream<f32, 256>, %arg2: !dataflow.stream<f32, 256>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %cst = arith.constant 4.471500e-02 : f32
    %cst_0 = arith.constant 0.797884583 : f32
    %cst_1 = arith.constant 1.000000e+00 : f32
    %cst_2 = arith.constant 5.000000e-01 : f32
    %c0 = arith.constant 0 : index
    %c256 = arith.constant 256 : index
    %c16 = arith.constant 16 : index
    scf.for %arg3 = %c0 to %c256 step %c16 {
      %alloc = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      %alloc_3 = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      scf.for %arg4 = %c0 to %c16 step %c1 {
        %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 256> -> f32
        memref.store %0, %alloc_3[%arg4] : memref<16xf32>
      }
      %alloc_4 = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      scf.for %arg4 = %c0 to %c16 step %c1 {
        %0 = dataflow.stream_read %arg1 : !dataflow.stream<f32, 256> -> f32
        memref.store %0, %alloc_4[%arg4] : memref<16xf32>
      }
      scf.for %arg4 = %c0 to %c16 step %c1 {
        %0 = memref.load %alloc_3[%arg4] : memref<16xf32>
        %1 = memref.load %alloc_4[%arg4] : memref<16xf32>
        %2 = arith.addf %0, %1 : f32
        %3 = arith.mulf %2, %2 : f32
        %4 = arith.mulf %3, %2 : f32
        %5 = arith.mulf %4, %cst : f32
        %6 = arith.addf %2, %5 : f32
        %7 = arith.mulf %6, %cst_0 : f32
        %8 = math.tanh %7 : f32
        %9 = arith.addf %8, %cst_1 : f32
        %10 = arith.mulf %2, %cst_2 : f32
        %11 = arith.mulf %10, %9 : f32
        memref.store %11, %alloc[%arg4] : memref<16xf32>
      }
      scf.for %arg4 = %c0 to %c16 step %c1 {
        %0 = memref.load %alloc[%arg4] : memref<16xf32>
        dataflow.stream_write %0 into %arg2 : f32 -> !dataflow.stream<f32, 256>
      }
    }
    return
  }
  func.func private @block_fused_1_convert18(%arg0: !dataflow.stream<f32, 256>, %arg1: !dataflow.stream<f32, 256>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c16 = arith.constant 16 : index
    %c256 = arith.constant 256 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<256xf32>
    scf.for %arg2 = %c0 to %c256 step %c16 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 256> -> f32
        %1 = arith.addi %arg2, %arg3 : index
        memref.store %0, %alloc[%1] : memref<256xf32>
      }
    }
    scf.for %arg2 = %c0 to %c256 step %c1 {
      %0 = memref.load %alloc[%arg2] : memref<256xf32>
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 256>
    }
    return
  }
  func.func private @block_fused_1_expand_shape_44(%arg0: !dataflow.stream<f32, 256>, %arg1: !dataflow.stream<f32, 256>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c256 = arith.constant 256 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<256xf32>
    scf.for %arg2 = %c0 to %c256 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 256> -> f32
      memref.store %0, %alloc[%arg2] : memref<256xf32>
    }
    scf.for %arg2 = %c0 to %c256 step %c1 {
      %0 = memref.load %alloc[%arg2] : memref<256xf32>
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 256>
    }
    return
  }
  func.func private @block_fused_1_convert19(%arg0: !dataflow.stream<f32, 256>, %arg1: !dataflow.stream<f32, 1024>) attributes {dataflow.process} {
    %c16 = arith.constant 16 : index
    %c64 = arith.constant 64 : index
    %c256 = arith.constant 256 : index
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<1x256xf32>
    scf.for %arg2 = %c0 to %c256 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 256> -> f32
      memref.store %0, %alloc[%c0, %arg2] : memref<1x256xf32>
    }
    scf.for %arg2 = %c0 to %c64 step %c16 {
      scf.for %arg3 = %c0 to %c256 step %c16 {
        scf.for %arg4 = %c0 to %c16 step %c1 {
          %0 = arith.addi %arg3, %arg4 : index
          %1 = memref.load %alloc[%c0, %0] : memref<1x256xf32>
          dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 1024>
        }
      }
    }
    return
  }
  func.func private @block_fused_1_matmul_45(%arg0: !dataflow.stream<f32, 1024>, %arg1: !dataflow.stream<f32, 16384>, %arg2: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %cst = arith.constant 0.000000e+00 : f32
    %c0 = arith.constant 0 : index
    %c256 = arith.constant 256 : index
    %c16 = arith.constant 16 : index
    %c64 = arith.constant 64 : index
    scf.for %arg3 = %c0 to %c64 step %c16 {
      %alloc = memref.alloc() {alignment = 64 : i64} : memref<1x16xf32>
      %alloc_0 = memref.alloc() {alignment = 64 : i64} : memref<1x16xf32>
      scf.for %arg4 = %c0 to %c16 step %c1 {
        memref.store %cst, %alloc_0[%c0, %arg4] : memref<1x16xf32>
      }
      scf.for %arg4 = %c0 to %c256 step %c16 {
        scf.for %arg5 = %c0 to %c16 step %c1 {
          %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 1024> -> f32
          memref.store %0, %alloc[%c0, %arg5] : memref<1x16xf32>
        }
        %alloc_1 = memref.alloc() {alignment = 64 : i64} : memref<16x16xf32>
        scf.for %arg5 = %c0 to %c16 step %c1 {
          scf.for %arg6 = %c0 to %c16 step %c1 {
            %0 = dataflow.stream_read %arg1 : !dataflow.stream<f32, 16384> -> f32
            memref.store %0, %alloc_1[%arg5, %arg6] : memref<16x16xf32>
          }
        }
        scf.for %arg5 = %c0 to %c16 step %c1 {
          scf.for %arg6 = %c0 to %c16 step %c1 {
            %0 = memref.load %alloc[%c0, %arg6] : memref<1x16xf32>
            %1 = memref.load %alloc_1[%arg6, %arg5] : memref<16x16xf32>
            %2 = memref.load %alloc_0[%c0, %arg5] : memref<1x16xf32>
            %3 = arith.mulf %0, %1 : f32
            %4 = arith.addf %2, %3 : f32
            memref.store %4, %alloc_0[%c0, %arg5] : memref<1x16xf32>
          }
        }
      }
      scf.for %arg4 = %c0 to %c16 step %c1 {
        %0 = memref.load %alloc_0[%c0, %arg4] : memref<1x16xf32>
        dataflow.stream_write %0 into %arg2 : f32 -> !dataflow.stream<f32, 64>
      }
    }
    return
  }
  func.func private @block_fused_1_convert20(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c16 = arith.constant 16 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<1x64xf32>
    scf.for %arg2 = %c0 to %c64 step %c16 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
        %1 = arith.addi %arg2, %arg3 : index
        memref.store %0, %alloc[%c0, %1] : memref<1x64xf32>
      }
    }
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = memref.load %alloc[%c0, %arg2] : memref<1x64xf32>
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 64>
    }
    return
  }
  func.func private @block_fused_1_collapse_shape_46(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c-1 = arith.constant -1 : index
    %c64 = arith.constant 64 : index
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<1x64xf32>
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
      memref.store %0, %alloc[%c0, %arg2] : memref<1x64xf32>
    }
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = arith.cmpi slt, %arg2, %c0 : index
      %1 = arith.subi %c-1, %arg2 : index
      %2 = arith.select %0, %1, %arg2 : index
      %3 = arith.divsi %2, %c64 : index
      %4 = arith.subi %c-1, %3 : index
      %5 = arith.select %0, %4, %3 : index
      %6 = arith.remsi %arg2, %c64 : index
      %7 = arith.cmpi slt, %6, %c0 : index
      %8 = arith.addi %6, %c64 : index
      %9 = arith.select %7, %8, %6 : index
      %10 = memref.load %alloc[%5, %9] : memref<1x64xf32>
      dataflow.stream_write %10 into %arg1 : f32 -> !dataflow.stream<f32, 64>
    }
    return
  }
  func.func private @block_fused_1_convert21(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c16 = arith.constant 16 : index
    %c1 = arith.constant 1 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<64xf32>
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
      memref.store %0, %alloc[%arg2] : memref<64xf32>
    }
    scf.for %arg2 = %c0 to %c64 step %c16 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = arith.addi %arg2, %arg3 : index
        %1 = memref.load %alloc[%0] : memref<64xf32>
        dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 64>
      }
    }
    return
  }
  func.func private @block_fused_1_generic_47(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>, %arg2: !dataflow.stream<f32, 64>, %arg3: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %c16 = arith.constant 16 : index
    scf.for %arg4 = %c0 to %c64 step %c16 {
      %alloc = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      %alloc_0 = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      scf.for %arg5 = %c0 to %c16 step %c1 {
        %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
        memref.store %0, %alloc_0[%arg5] : memref<16xf32>
      }
      %alloc_1 = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      scf.for %arg5 = %c0 to %c16 step %c1 {
        %0 = dataflow.stream_read %arg1 : !dataflow.stream<f32, 64> -> f32
        memref.store %0, %alloc_1[%arg5] : memref<16xf32>
      }
      %alloc_2 = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      scf.for %arg5 = %c0 to %c16 step %c1 {
        %0 = dataflow.stream_read %arg2 : !dataflow.stream<f32, 64> -> f32
        memref.store %0, %alloc_2[%arg5] : memref<16xf32>
      }
      scf.for %arg5 = %c0 to %c16 step %c1 {
        %0 = memref.load %alloc_0[%arg5] : memref<16xf32>
        %1 = memref.load %alloc_1[%arg5] : memref<16xf32>
        %2 = memref.load %alloc_2[%arg5] : memref<16xf32>
        %3 = arith.addf %1, %2 : f32
        %4 = arith.addf %0, %3 : f32
        memref.store %4, %alloc[%arg5] : memref<16xf32>
      }
      scf.for %arg5 = %c0 to %c16 step %c1 {
        %0 = memref.load %alloc[%arg5] : memref<16xf32>
        dataflow.stream_write %0 into %arg3 : f32 -> !dataflow.stream<f32, 64>
      }
    }
    return
  }
  func.func private @block_fused_1_convert22(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c16 = arith.constant 16 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<64xf32>
    scf.for %arg2 = %c0 to %c64 step %c16 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
        %1 = arith.addi %arg2, %arg3 : index
        memref.store %0, %alloc[%1] : memref<64xf32>
      }
    }
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = memref.load %alloc[%arg2] : memref<64xf32>
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 64>
    }
    return
  }
  func.func private @block_fused_1_expand_shape_48(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<64xf32>
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
      memref.store %0, %alloc[%arg2] : memref<64xf32>
    }
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = memref.load %alloc[%arg2] : memref<64xf32>
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 64>
    }
    return
  }
  func.func private @block_fused_1_dma_out0(%arg0: !dataflow.stream<f32, 64>, %arg1: memref<1x64xf32>, %arg2: memref<1x64xf32>) attributes {dataflow.process} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c64 = arith.constant 64 : index
    scf.for %arg3 = %c0 to %c64 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
      memref.store %0, %arg1[%c0, %arg3] : memref<1x64xf32>
    }
    scf.for %arg3 = %c0 to %c64 step %c1 {
      %0 = memref.load %arg1[%c0, %arg3] : memref<1x64xf32>
      memref.store %0, %arg2[%c0, %arg3] : memref<1x64xf32>
    }
    return
  }
  func.func @block_fused_0(%arg0: memref<64xf32> {streamtensor.kind = "input", streamtensor.name = "in0"}, %arg1: memref<64xf32> {streamtensor.kind = "weight", streamtensor.name = "transformer.h.0.ln_1.weight"}, %arg2: memref<64xf32> {streamtensor.kind = "weight", streamtensor.name = "transformer.h.0.ln_1.bias"}, %arg3: memref<64x192xf32> {streamtensor.kind = "weight", streamtensor.name = "transformer.h.0.attn.c_attn.weight"}, %arg4: memref<192xf32> {streamtensor.kind = "weight", streamtensor.name = "transformer.h.0.attn.c_attn.bias"}, %arg5: memref<513x4x16xf32> {streamtensor.kind = "input", streamtensor.name = "in5"}, %arg6: memref<513x4x16xf32> {streamtensor.kind = "input", streamtensor.name = "in6"}, %arg7: memref<f32> {streamtensor.name = "out0"}, %arg8: memref<1x64xf32> {streamtensor.name = "k_new"}, %arg9: memref<1x64xf32> {streamtensor.name = "v_new"}, %arg10: memref<513x4x16xf32> {streamtensor.name = "out3"}, %arg11: memref<4x513x16xf32> {streamtensor.name = "out4"}, %arg12: memref<4x16xf32> {streamtensor.name = "out5"}) attributes {dataflow.top} {
    %c16 = arith.constant 16 : index
    %c4 = arith.constant 4 : index
    %c513 = arith.constant 513 : index
    %c64 = arith.constant 64 : index
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %0 = dataflow.stream {dataflow.name = "dma_in0"} : !dataflow.stream<f32, 64>
    call @block_fused_0_dma_in0(%arg0, %0) : (memref<64xf32>, !dataflow.stream<f32, 64>) -> ()
    %1 = dataflow.stream {dataflow.name = "dma_in1"} : !dataflow.stream<f32, 64>
    call @block_fused_0_dma_in1(%arg1, %1) : (memref<64xf32>, !dataflow.stream<f32, 64>) -> ()
    %2 = dataflow.stream {dataflow.name = "dma_in2"} : !dataflow.stream<f32, 64>
    call @block_fused_0_dma_in2(%arg2, %2) : (memref<64xf32>, !dataflow.stream<f32, 64>) -> ()
    %3 = dataflow.stream {dataflow.name = "dma_in3"} : !dataflow.stream<f32, 12288>
    call @block_fused_0_dma_in3(%arg3, %3) : (memref<64x192xf32>, !dataflow.stream<f32, 12288>) -> ()
    %4 = dataflow.stream {dataflow.name = "dma_in4"} : !dataflow.stream<f32, 192>
    call @block_fused_0_dma_in4(%arg4, %4) : (memref<192xf32>, !dataflow.stream<f32, 192>) -> ()
    %5 = dataflow.stream {dataflow.name = "dma_in5"} : !dataflow.stream<f32, 32832>
    call @block_fused_0_dma_in5(%arg5, %5) : (memref<513x4x16xf32>, !dataflow.stream<f32, 32832>) -> ()
    %6 = dataflow.stream {dataflow.name = "dma_in6"} : !dataflow.stream<f32, 32832>
    call @block_fused_0_dma_in6(%arg6, %6) : (memref<513x4x16xf32>, !dataflow.stream<f32, 32832>) -> ()
    %7 = dataflow.stream {dataflow.name = "fork0_out0"} : !dataflow.stream<f32, 64>
    %8 = dataflow.stream {dataflow.name = "fork0_out1"} : !dataflow.stream<f32, 64>
    %9 = dataflow.stream {dataflow.name = "fork0_out2"} : !dataflow.stream<f32, 64>
    call @block_fused_0_fork0(%0, %7, %8, %9) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>) -> ()
    %10 = dataflow.stream {dataflow.name = "generic_0_out0"} : !dataflow.stream<f32, 1>
    call @block_fused_0_generic_0(%10) : (!dataflow.stream<f32, 1>) -> ()
    %11 = dataflow.stream {dataflow.name = "fork1_out0"} : !dataflow.stream<f32, 1>
    %12 = dataflow.stream {dataflow.name = "fork1_out1"} : !dataflow.stream<f32, 1>
    %13 = dataflow.stream {dataflow.name = "fork1_out2"} : !dataflow.stream<f32, 1>
    call @block_fused_0_fork1(%10, %11, %12, %13) : (!dataflow.stream<f32, 1>, !dataflow.stream<f32, 1>, !dataflow.stream<f32, 1>, !dataflow.stream<f32, 1>) -> ()
    %14 = dataflow.stream {dataflow.name = "generic_1_out0"} : !dataflow.stream<f32, 1>
    call @block_fused_0_generic_1(%13, %9, %14) : (!dataflow.stream<f32, 1>, !dataflow.stream<f32, 64>, !dataflow.stream<f32, 1>) -> ()
    %15 = dataflow.stream {dataflow.name = "generic_2_out0"} : !dataflow.stream<f32, 1>
    call @block_fused_0_generic_2(%14, %15) : (!dataflow.stream<f32, 1>, !dataflow.stream<f32, 1>) -> ()
    %16 = dataflow.stream {dataflow.name = "convert2"} : !dataflow.stream<f32, 4>
    call @block_fused_0_convert2(%15, %16) : (!dataflow.stream<f32, 1>, !dataflow.stream<f32, 4>) -> ()
    %17 = dataflow.stream {dataflow.name = "fork3_out0"} : !dataflow.stream<f32, 4>
    %18 = dataflow.stream {dataflow.name = "fork3_out1"} : !dataflow.stream<f32, 4>
    call @block_fused_0_fork3(%16, %17, %18) : (!dataflow.stream<f32, 4>, !dataflow.stream<f32, 4>, !dataflow.stream<f32, 4>) -> ()
    %19 = dataflow.stream {dataflow.name = "generic_3_out0"} : !dataflow.stream<f32, 1>
    call @block_fused_0_generic_3(%12, %8, %18, %19) : (!dataflow.stream<f32, 1>, !dataflow.stream<f32, 64>, !dataflow.stream<f32, 4>, !dataflow.stream<f32, 1>) -> ()
    %20 = dataflow.stream {dataflow.name = "convert4"} : !dataflow.stream<f32, 4>
    call @block_fused_0_convert4(%19, %20) : (!dataflow.stream<f32, 1>, !dataflow.stream<f32, 4>) -> ()
    %21 = dataflow.stream {dataflow.name = "generic_4_out0"} : !dataflow.stream<f32, 64>
    call @block_fused_0_generic_4(%7, %1, %2, %17, %20, %21) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>, !dataflow.stream<f32, 4>, !dataflow.stream<f32, 4>, !dataflow.stream<f32, 64>) -> ()
    %22 = dataflow.stream {dataflow.name = "convert5"} : !dataflow.stream<f32, 64>
    call @block_fused_0_convert5(%21, %22) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>) -> ()
    %23 = dataflow.stream {dataflow.name = "expand_shape_5_out0"} : !dataflow.stream<f32, 64>
    call @block_fused_0_expand_shape_5(%22, %23) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>) -> ()
    %24 = dataflow.stream {dataflow.name = "convert6"} : !dataflow.stream<f32, 768>
    call @block_fused_0_convert6(%23, %24) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 768>) -> ()
    %25 = dataflow.stream {dataflow.name = "matmul_6_out0"} : !dataflow.stream<f32, 192>
    call @block_fused_0_matmul_6(%24, %3, %25) : (!dataflow.stream<f32, 768>, !dataflow.stream<f32, 12288>, !dataflow.stream<f32, 192>) -> ()
    %26 = dataflow.stream {dataflow.name = "convert7"} : !dataflow.stream<f32, 192>
    call @block_fused_0_convert7(%25, %26) : (!dataflow.stream<f32, 192>, !dataflow.stream<f32, 192>) -> ()
    %27 = dataflow.stream {dataflow.name = "collapse_shape_7_out0"} : !dataflow.stream<f32, 192>
    call @block_fused_0_collapse_shape_7(%26, %27) : (!dataflow.stream<f32, 192>, !dataflow.stream<f32, 192>) -> ()
    %28 = dataflow.stream {dataflow.name = "convert8"} : !dataflow.stream<f32, 192>
    call @block_fused_0_convert8(%27, %28) : (!dataflow.stream<f32, 192>, !dataflow.stream<f32, 192>) -> ()
    %29 = dataflow.stream {dataflow.name = "generic_8_out0"} : !dataflow.stream<f32, 192>
    call @block_fused_0_generic_8(%28, %4, %29) : (!dataflow.stream<f32, 192>, !dataflow.stream<f32, 192>, !dataflow.stream<f32, 192>) -> ()
    %30 = dataflow.stream {dataflow.name = "convert9"} : !dataflow.stream<f32, 192>
    call @block_fused_0_convert9(%29, %30) : (!dataflow.stream<f32, 192>, !dataflow.stream<f32, 192>) -> ()
    %31 = dataflow.stream {dataflow.name = "expand_shape_9_out0"} : !dataflow.stream<f32, 192>
    call @block_fused_0_expand_shape_9(%30, %31) : (!dataflow.stream<f32, 192>, !dataflow.stream<f32, 192>) -> ()
    %32 = dataflow.stream {dataflow.name = "fork10_out0"} : !dataflow.stream<f32, 192>
    %33 = dataflow.stream {dataflow.name = "fork10_out1"} : !dataflow.stream<f32, 192>
    %34 = dataflow.stream {dataflow.name = "fork10_out2"} : !dataflow.stream<f32, 192>
    call @block_fused_0_fork10(%31, %32, %33, %34) : (!dataflow.stream<f32, 192>, !dataflow.stream<f32, 192>, !dataflow.stream<f32, 192>, !dataflow.stream<f32, 192>) -> ()
    %35 = dataflow.stream {dataflow.name = "extract_slice_10_out0"} : !dataflow.stream<f32, 64>
    call @block_fused_0_extract_slice_10(%34, %35) : (!dataflow.stream<f32, 192>, !dataflow.stream<f32, 64>) -> ()
    %36 = dataflow.stream {dataflow.name = "extract_slice_11_out0"} : !dataflow.stream<f32, 64>
    call @block_fused_0_extract_slice_11(%33, %36) : (!dataflow.stream<f32, 192>, !dataflow.stream<f32, 64>) -> ()
    %37 = dataflow.stream {dataflow.name = "fork11_out0"} : !dataflow.stream<f32, 64>
    %38 = dataflow.stream {dataflow.name = "fork11_out1"} : !dataflow.stream<f32, 64>
    call @block_fused_0_fork11(%36, %37, %38) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>) -> ()
    %39 = dataflow.stream {dataflow.name = "expand_shape_12_out0"} : !dataflow.stream<f32, 64>
    call @block_fused_0_expand_shape_12(%38, %39) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>) -> ()
    %40 = dataflow.stream {dataflow.name = "extract_slice_13_out0"} : !dataflow.stream<f32, 64>
    call @block_fused_0_extract_slice_13(%32, %40) : (!dataflow.stream<f32, 192>, !dataflow.stream<f32, 64>) -> ()
    %41 = dataflow.stream {dataflow.name = "fork12_out0"} : !dataflow.stream<f32, 64>
    %42 = dataflow.stream {dataflow.name = "fork12_out1"} : !dataflow.stream<f32, 64>
    call @block_fused_0_fork12(%40, %41, %42) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>) -> ()
    %43 = dataflow.stream {dataflow.name = "expand_shape_14_out0"} : !dataflow.stream<f32, 64>
    call @block_fused_0_expand_shape_14(%42, %43) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>) -> ()
    %44 = dataflow.stream {dataflow.name = "expand_shape_15_out0"} : !dataflow.stream<f32, 64>
    call @block_fused_0_expand_shape_15(%37, %44) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>) -> ()
    %45 = dataflow.stream {dataflow.name = "insert_slice_16_out0"} : !dataflow.stream<f32, 32832>
    call @block_fused_0_insert_slice_16(%44, %5, %45) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 32832>, !dataflow.stream<f32, 32832>) -> ()
    %46 = dataflow.stream {dataflow.name = "expand_shape_17_out0"} : !dataflow.stream<f32, 64>
    call @block_fused_0_expand_shape_17(%41, %46) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>) -> ()
    %47 = dataflow.stream {dataflow.name = "insert_slice_18_out0"} : !dataflow.stream<f32, 32832>
    call @block_fused_0_insert_slice_18(%46, %6, %47) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 32832>, !dataflow.stream<f32, 32832>) -> ()
    %48 = dataflow.stream {dataflow.name = "convert13"} : !dataflow.stream<f32, 32832>
    call @block_fused_0_convert13(%47, %48) : (!dataflow.stream<f32, 32832>, !dataflow.stream<f32, 32832>) -> ()
    %49 = dataflow.stream {dataflow.name = "transpose_19_out0"} : !dataflow.stream<f32, 32832>
    call @block_fused_0_transpose_19(%48, %49) : (!dataflow.stream<f32, 32832>, !dataflow.stream<f32, 32832>) -> ()
    %50 = dataflow.stream {dataflow.name = "expand_shape_21_out0"} : !dataflow.stream<f32, 64>
    call @block_fused_0_expand_shape_21(%35, %50) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>) -> ()
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<f32>
    %alloc_0 = memref.alloc() : memref<f32>
    call @block_fused_0_dma_out0(%11, %alloc, %alloc_0) : (!dataflow.stream<f32, 1>, memref<f32>, memref<f32>) -> ()
    %alloc_1 = memref.alloc() {alignment = 64 : i64} : memref<1x64xf32>
    %alloc_2 = memref.alloc() : memref<1x64xf32>
    call @block_fused_0_dma_out1(%39, %alloc_1, %alloc_2) : (!dataflow.stream<f32, 64>, memref<1x64xf32>, memref<1x64xf32>) -> ()
    %alloc_3 = memref.alloc() {alignment = 64 : i64} : memref<1x64xf32>
    %alloc_4 = memref.alloc() : memref<1x64xf32>
    call @block_fused_0_dma_out2(%43, %alloc_3, %alloc_4) : (!dataflow.stream<f32, 64>, memref<1x64xf32>, memref<1x64xf32>) -> ()
    %alloc_5 = memref.alloc() {alignment = 64 : i64} : memref<513x4x16xf32>
    %alloc_6 = memref.alloc() : memref<513x4x16xf32>
    call @block_fused_0_dma_out3(%45, %alloc_5, %alloc_6) : (!dataflow.stream<f32, 32832>, memref<513x4x16xf32>, memref<513x4x16xf32>) -> ()
    %alloc_7 = memref.alloc() {alignment = 64 : i64} : memref<4x513x16xf32>
    %alloc_8 = memref.alloc() : memref<4x513x16xf32>
    call @block_fused_0_dma_out4(%49, %alloc_7, %alloc_8) : (!dataflow.stream<f32, 32832>, memref<4x513x16xf32>, memref<4x513x16xf32>) -> ()
    %alloc_9 = memref.alloc() {alignment = 64 : i64} : memref<4x16xf32>
    %alloc_10 = memref.alloc() : memref<4x16xf32>
    call @block_fused_0_dma_out5(%50, %alloc_9, %alloc_10) : (!dataflow.stream<f32, 64>, memref<4x16xf32>, memref<4x16xf32>) -> ()
    %51 = memref.load %alloc_0[] : memref<f32>
    memref.store %51, %arg7[] : memref<f32>
    scf.for %arg13 = %c0 to %c64 step %c1 {
      %52 = memref.load %alloc_2[%c0, %arg13] : memref<1x64xf32>
      memref.store %52, %arg8[%c0, %arg13] : memref<1x64xf32>
    }
    scf.for %arg13 = %c0 to %c64 step %c1 {
      %52 = memref.load %alloc_4[%c0, %arg13] : memref<1x64xf32>
      memref.store %52, %arg9[%c0, %arg13] : memref<1x64xf32>
    }
    scf.for %arg13 = %c0 to %c513 step %c1 {
      scf.for %arg14 = %c0 to %c4 step %c1 {
        scf.for %arg15 = %c0 to %c16 step %c1 {
          %52 = memref.load %alloc_6[%arg13, %arg14, %arg15] : memref<513x4x16xf32>
          memref.store %52, %arg10[%arg13, %arg14, %arg15] : memref<513x4x16xf32>
        }
      }
    }
    scf.for %arg13 = %c0 to %c4 step %c1 {
      scf.for %arg14 = %c0 to %c513 step %c1 {
        scf.for %arg15 = %c0 to %c16 step %c1 {
          %52 = memref.load %alloc_8[%arg13, %arg14, %arg15] : memref<4x513x16xf32>
          memref.store %52, %arg11[%arg13, %arg14, %arg15] : memref<4x513x16xf32>
        }
      }
    }
    scf.for %arg13 = %c0 to %c4 step %c1 {
      scf.for %arg14 = %c0 to %c16 step %c1 {
        %52 = memref.load %alloc_10[%arg13, %arg14] : memref<4x16xf32>
        memref.store %52, %arg12[%arg13, %arg14] : memref<4x16xf32>
      }
    }
    return
  }
  func.func private @block_fused_0_dma_in0(%arg0: memref<64xf32>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %c16 = arith.constant 16 : index
    scf.for %arg2 = %c0 to %c64 step %c16 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = arith.addi %arg2, %arg3 : index
        %1 = memref.load %arg0[%0] : memref<64xf32>
        dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 64>
      }
    }
    return
  }
  func.func private @block_fused_0_dma_in1(%arg0: memref<64xf32>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %c16 = arith.constant 16 : index
    scf.for %arg2 = %c0 to %c64 step %c16 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = arith.addi %arg2, %arg3 : index
        %1 = memref.load %arg0[%0] : memref<64xf32>
        dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 64>
      }
    }
    return
  }
  func.func private @block_fused_0_dma_in2(%arg0: memref<64xf32>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %c16 = arith.constant 16 : index
    scf.for %arg2 = %c0 to %c64 step %c16 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = arith.addi %arg2, %arg3 : index
        %1 = memref.load %arg0[%0] : memref<64xf32>
        dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 64>
      }
    }
    return
  }
  func.func private @block_fused_0_dma_in3(%arg0: memref<64x192xf32>, %arg1: !dataflow.stream<f32, 12288>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %c192 = arith.constant 192 : index
    %c16 = arith.constant 16 : index
    %c64 = arith.constant 64 : index
    scf.for %arg2 = %c0 to %c192 step %c16 {
      scf.for %arg3 = %c0 to %c64 step %c16 {
        scf.for %arg4 = %c0 to %c16 step %c1 {
          scf.for %arg5 = %c0 to %c16 step %c1 {
            %0 = arith.addi %arg3, %arg4 : index
            %1 = arith.addi %arg2, %arg5 : index
            %2 = memref.load %arg0[%0, %1] : memref<64x192xf32>
            dataflow.stream_write %2 into %arg1 : f32 -> !dataflow.stream<f32, 12288>
          }
        }
      }
    }
    return
  }
  func.func private @block_fused_0_dma_in4(%arg0: memref<192xf32>, %arg1: !dataflow.stream<f32, 192>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %c192 = arith.constant 192 : index
    %c16 = arith.constant 16 : index
    scf.for %arg2 = %c0 to %c192 step %c16 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = arith.addi %arg2, %arg3 : index
        %1 = memref.load %arg0[%0] : memref<192xf32>
        dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 192>
      }
    }
    return
  }
  func.func private @block_fused_0_dma_in5(%arg0: memref<513x4x16xf32>, %arg1: !dataflow.stream<f32, 32832>) attributes {dataflow.process} {
    %c0 = arith.constant 0 : index
    %c513 = arith.constant 513 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c16 = arith.constant 16 : index
    scf.for %arg2 = %c0 to %c513 step %c1 {
      scf.for %arg3 = %c0 to %c4 step %c1 {
        scf.for %arg4 = %c0 to %c16 step %c1 {
          %0 = memref.load %arg0[%arg2, %arg3, %arg4] : memref<513x4x16xf32>
          dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 32832>
        }
      }
    }
    return
  }
  func.func private @block_fused_0_dma_in6(%arg0: memref<513x4x16xf32>, %arg1: !dataflow.stream<f32, 32832>) attributes {dataflow.process} {
    %c0 = arith.constant 0 : index
    %c513 = arith.constant 513 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c16 = arith.constant 16 : index
    scf.for %arg2 = %c0 to %c513 step %c1 {
      scf.for %arg3 = %c0 to %c4 step %c1 {
        scf.for %arg4 = %c0 to %c16 step %c1 {
          %0 = memref.load %arg0[%arg2, %arg3, %arg4] : memref<513x4x16xf32>
          dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 32832>
        }
      }
    }
    return
  }
  func.func private @block_fused_0_fork0(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>, %arg2: !dataflow.stream<f32, 64>, %arg3: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %c1 = arith.constant 1 : index
    scf.for %arg4 = %c0 to %c64 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 64>
      dataflow.stream_write %0 into %arg2 : f32 -> !dataflow.stream<f32, 64>
      dataflow.stream_write %0 into %arg3 : f32 -> !dataflow.stream<f32, 64>
    }
    return
  }
  func.func private @block_fused_0_generic_0(%arg0: !dataflow.stream<f32, 1>) attributes {dataflow.process} {
    %cst = arith.constant 0.000000e+00 : f32
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<f32>
    memref.store %cst, %alloc[] : memref<f32>
    %0 = memref.load %alloc[] : memref<f32>
    dataflow.stream_write %0 into %arg0 : f32 -> !dataflow.stream<f32, 1>
    return
  }
  func.func private @block_fused_0_fork1(%arg0: !dataflow.stream<f32, 1>, %arg1: !dataflow.stream<f32, 1>, %arg2: !dataflow.stream<f32, 1>, %arg3: !dataflow.stream<f32, 1>) attributes {dataflow.process} {
    %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 1> -> f32
    dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 1>
    dataflow.stream_write %0 into %arg2 : f32 -> !dataflow.stream<f32, 1>
    dataflow.stream_write %0 into %arg3 : f32 -> !dataflow.stream<f32, 1>
    return
  }
  func.func private @block_fused_0_generic_1(%arg0: !dataflow.stream<f32, 1>, %arg1: !dataflow.stream<f32, 64>, %arg2: !dataflow.stream<f32, 1>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c16 = arith.constant 16 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<f32>
    %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 1> -> f32
    memref.store %0, %alloc[] : memref<f32>
    scf.for %arg3 = %c0 to %c64 step %c16 {
      %alloc_0 = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      scf.for %arg4 = %c0 to %c16 step %c1 {
        %2 = dataflow.stream_read %arg1 : !dataflow.stream<f32, 64> -> f32
        memref.store %2, %alloc_0[%arg4] : memref<16xf32>
      }
      scf.for %arg4 = %c0 to %c16 step %c1 {
        %2 = memref.load %alloc_0[%arg4] : memref<16xf32>
        %3 = memref.load %alloc[] : memref<f32>
        %4 = arith.addf %3, %2 : f32
        memref.store %4, %alloc[] : memref<f32>
      }
    }
    %1 = memref.load %alloc[] : memref<f32>
    dataflow.stream_write %1 into %arg2 : f32 -> !dataflow.stream<f32, 1>
    return
  }
  func.func private @block_fused_0_generic_2(%arg0: !dataflow.stream<f32, 1>, %arg1: !dataflow.stream<f32, 1>) attributes {dataflow.process} {
    %cst = arith.constant 6.400000e+01 : f32
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<f32>
    %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 1> -> f32
    memref.store %0, %alloc[] : memref<f32>
    %1 = memref.load %alloc[] : memref<f32>
    %2 = arith.divf %1, %cst : f32
    memref.store %2, %alloc[] : memref<f32>
    %3 = memref.load %alloc[] : memref<f32>
    dataflow.stream_write %3 into %arg1 : f32 -> !dataflow.stream<f32, 1>
    return
  }
  func.func private @block_fused_0_convert2(%arg0: !dataflow.stream<f32, 1>, %arg1: !dataflow.stream<f32, 4>) attributes {dataflow.process} {
    %c16 = arith.constant 16 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<f32>
    %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 1> -> f32
    memref.store %0, %alloc[] : memref<f32>
    scf.for %arg2 = %c0 to %c64 step %c16 {
      %1 = memref.load %alloc[] : memref<f32>
      dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 4>
    }
    return
  }
  func.func private @block_fused_0_fork3(%arg0: !dataflow.stream<f32, 4>, %arg1: !dataflow.stream<f32, 4>, %arg2: !dataflow.stream<f32, 4>) attributes {dataflow.process} {
    %c0 = arith.constant 0 : index
    %c4 = arith.constant 4 : index
    %c1 = arith.constant 1 : index
    scf.for %arg3 = %c0 to %c4 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 4> -> f32
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 4>
      dataflow.stream_write %0 into %arg2 : f32 -> !dataflow.stream<f32, 4>
    }
    return
  }
  func.func private @block_fused_0_generic_3(%arg0: !dataflow.stream<f32, 1>, %arg1: !dataflow.stream<f32, 64>, %arg2: !dataflow.stream<f32, 4>, %arg3: !dataflow.stream<f32, 1>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c16 = arith.constant 16 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<f32>
    %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 1> -> f32
    %alloc_0 = memref.alloc() {alignment = 64 : i64} : memref<f32>
    memref.store %0, %alloc_0[] : memref<f32>
    scf.for %arg4 = %c0 to %c64 step %c16 {
      %alloc_1 = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      scf.for %arg5 = %c0 to %c16 step %c1 {
        %3 = dataflow.stream_read %arg1 : !dataflow.stream<f32, 64> -> f32
        memref.store %3, %alloc_1[%arg5] : memref<16xf32>
      }
      %2 = dataflow.stream_read %arg2 : !dataflow.stream<f32, 4> -> f32
      memref.store %2, %alloc[] : memref<f32>
      scf.for %arg5 = %c0 to %c16 step %c1 {
        %3 = memref.load %alloc_1[%arg5] : memref<16xf32>
        %4 = memref.load %alloc[] : memref<f32>
        %5 = memref.load %alloc_0[] : memref<f32>
        %6 = arith.subf %3, %4 : f32
        %7 = arith.mulf %6, %6 : f32
        %8 = arith.addf %5, %7 : f32
        memref.store %8, %alloc_0[] : memref<f32>
      }
    }
    %1 = memref.load %alloc_0[] : memref<f32>
    dataflow.stream_write %1 into %arg3 : f32 -> !dataflow.stream<f32, 1>
    return
  }
  func.func private @block_fused_0_convert4(%arg0: !dataflow.stream<f32, 1>, %arg1: !dataflow.stream<f32, 4>) attributes {dataflow.process} {
    %c16 = arith.constant 16 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<f32>
    %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 1> -> f32
    memref.store %0, %alloc[] : memref<f32>
    scf.for %arg2 = %c0 to %c64 step %c16 {
      %1 = memref.load %alloc[] : memref<f32>
      dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 4>
    }
    return
  }
  func.func private @block_fused_0_generic_4(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>, %arg2: !dataflow.stream<f32, 64>, %arg3: !dataflow.stream<f32, 4>, %arg4: !dataflow.stream<f32, 4>, %arg5: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c16 = arith.constant 16 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %cst = arith.constant 9.99999974E-6 : f32
    %cst_0 = arith.constant 6.400000e+01 : f32
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<f32>
    scf.for %arg6 = %c0 to %c64 step %c16 {
      %alloc_1 = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      %alloc_2 = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      scf.for %arg7 = %c0 to %c16 step %c1 {
        %2 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
        memref.store %2, %alloc_2[%arg7] : memref<16xf32>
      }
      %alloc_3 = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      scf.for %arg7 = %c0 to %c16 step %c1 {
        %2 = dataflow.stream_read %arg1 : !dataflow.stream<f32, 64> -> f32
        memref.store %2, %alloc_3[%arg7] : memref<16xf32>
      }
      %alloc_4 = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      scf.for %arg7 = %c0 to %c16 step %c1 {
        %2 = dataflow.stream_read %arg2 : !dataflow.stream<f32, 64> -> f32
        memref.store %2, %alloc_4[%arg7] : memref<16xf32>
      }
      %0 = dataflow.stream_read %arg3 : !dataflow.stream<f32, 4> -> f32
      %alloc_5 = memref.alloc() {alignment = 64 : i64} : memref<f32>
      memref.store %0, %alloc_5[] : memref<f32>
      %1 = dataflow.stream_read %arg4 : !dataflow.stream<f32, 4> -> f32
      memref.store %1, %alloc[] : memref<f32>
      scf.for %arg7 = %c0 to %c16 step %c1 {
        %2 = memref.load %alloc_2[%arg7] : memref<16xf32>
        %3 = memref.load %alloc_5[] : memref<f32>
        %4 = memref.load %alloc[] : memref<f32>
        %5 = memref.load %alloc_3[%arg7] : memref<16xf32>
        %6 = memref.load %alloc_4[%arg7] : memref<16xf32>
        %7 = arith.divf %4, %cst_0 : f32
        %8 = arith.addf %7, %cst : f32
        %9 = math.rsqrt %8 : f32
        %10 = arith.subf %2, %3 : f32
        %11 = arith.mulf %10, %9 : f32
        %12 = arith.mulf %11, %5 : f32
        %13 = arith.addf %12, %6 : f32
        memref.store %13, %alloc_1[%arg7] : memref<16xf32>
      }
      scf.for %arg7 = %c0 to %c16 step %c1 {
        %2 = memref.load %alloc_1[%arg7] : memref<16xf32>
        dataflow.stream_write %2 into %arg5 : f32 -> !dataflow.stream<f32, 64>
      }
    }
    return
  }
  func.func private @block_fused_0_convert5(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c16 = arith.constant 16 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<64xf32>
    scf.for %arg2 = %c0 to %c64 step %c16 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
        %1 = arith.addi %arg2, %arg3 : index
        memref.store %0, %alloc[%1] : memref<64xf32>
      }
    }
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = memref.load %alloc[%arg2] : memref<64xf32>
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 64>
    }
    return
  }
  func.func private @block_fused_0_expand_shape_5(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<64xf32>
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
      memref.store %0, %alloc[%arg2] : memref<64xf32>
    }
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = memref.load %alloc[%arg2] : memref<64xf32>
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 64>
    }
    return
  }
  func.func private @block_fused_0_convert6(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 768>) attributes {dataflow.process} {
    %c16 = arith.constant 16 : index
    %c192 = arith.constant 192 : index
    %c64 = arith.constant 64 : index
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<1x64xf32>
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
      memref.store %0, %alloc[%c0, %arg2] : memref<1x64xf32>
    }
    scf.for %arg2 = %c0 to %c192 step %c16 {
      scf.for %arg3 = %c0 to %c64 step %c16 {
        scf.for %arg4 = %c0 to %c16 step %c1 {
          %0 = arith.addi %arg3, %arg4 : index
          %1 = memref.load %alloc[%c0, %0] : memref<1x64xf32>
          dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 768>
        }
      }
    }
    return
  }
  func.func private @block_fused_0_matmul_6(%arg0: !dataflow.stream<f32, 768>, %arg1: !dataflow.stream<f32, 12288>, %arg2: !dataflow.stream<f32, 192>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %cst = arith.constant 0.000000e+00 : f32
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %c16 = arith.constant 16 : index
    %c192 = arith.constant 192 : index
    scf.for %arg3 = %c0 to %c192 step %c16 {
      %alloc = memref.alloc() {alignment = 64 : i64} : memref<1x16xf32>
      %alloc_0 = memref.alloc() {alignment = 64 : i64} : memref<1x16xf32>
      scf.for %arg4 = %c0 to %c16 step %c1 {
        memref.store %cst, %alloc_0[%c0, %arg4] : memref<1x16xf32>
      }
      scf.for %arg4 = %c0 to %c64 step %c16 {
        scf.for %arg5 = %c0 to %c16 step %c1 {
          %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 768> -> f32
          memref.store %0, %alloc[%c0, %arg5] : memref<1x16xf32>
        }
        %alloc_1 = memref.alloc() {alignment = 64 : i64} : memref<16x16xf32>
        scf.for %arg5 = %c0 to %c16 step %c1 {
          scf.for %arg6 = %c0 to %c16 step %c1 {
            %0 = dataflow.stream_read %arg1 : !dataflow.stream<f32, 12288> -> f32
            memref.store %0, %alloc_1[%arg5, %arg6] : memref<16x16xf32>
          }
        }
        scf.for %arg5 = %c0 to %c16 step %c1 {
          scf.for %arg6 = %c0 to %c16 step %c1 {
            %0 = memref.load %alloc[%c0, %arg6] : memref<1x16xf32>
            %1 = memref.load %alloc_1[%arg6, %arg5] : memref<16x16xf32>
            %2 = memref.load %alloc_0[%c0, %arg5] : memref<1x16xf32>
            %3 = arith.mulf %0, %1 : f32
            %4 = arith.addf %2, %3 : f32
            memref.store %4, %alloc_0[%c0, %arg5] : memref<1x16xf32>
          }
        }
      }
      scf.for %arg4 = %c0 to %c16 step %c1 {
        %0 = memref.load %alloc_0[%c0, %arg4] : memref<1x16xf32>
        dataflow.stream_write %0 into %arg2 : f32 -> !dataflow.stream<f32, 192>
      }
    }
    return
  }
  func.func private @block_fused_0_convert7(%arg0: !dataflow.stream<f32, 192>, %arg1: !dataflow.stream<f32, 192>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c16 = arith.constant 16 : index
    %c192 = arith.constant 192 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<1x192xf32>
    scf.for %arg2 = %c0 to %c192 step %c16 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 192> -> f32
        %1 = arith.addi %arg2, %arg3 : index
        memref.store %0, %alloc[%c0, %1] : memref<1x192xf32>
      }
    }
    scf.for %arg2 = %c0 to %c192 step %c1 {
      %0 = memref.load %alloc[%c0, %arg2] : memref<1x192xf32>
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 192>
    }
    return
  }
  func.func private @block_fused_0_collapse_shape_7(%arg0: !dataflow.stream<f32, 192>, %arg1: !dataflow.stream<f32, 192>) attributes {dataflow.process} {
    %c-1 = arith.constant -1 : index
    %c192 = arith.constant 192 : index
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<1x192xf32>
    scf.for %arg2 = %c0 to %c192 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 192> -> f32
      memref.store %0, %alloc[%c0, %arg2] : memref<1x192xf32>
    }
    scf.for %arg2 = %c0 to %c192 step %c1 {
      %0 = arith.cmpi slt, %arg2, %c0 : index
      %1 = arith.subi %c-1, %arg2 : index
      %2 = arith.select %0, %1, %arg2 : index
      %3 = arith.divsi %2, %c192 : index
      %4 = arith.subi %c-1, %3 : index
      %5 = arith.select %0, %4, %3 : index
      %6 = arith.remsi %arg2, %c192 : index
      %7 = arith.cmpi slt, %6, %c0 : index
      %8 = arith.addi %6, %c192 : index
      %9 = arith.select %7, %8, %6 : index
      %10 = memref.load %alloc[%5, %9] : memref<1x192xf32>
      dataflow.stream_write %10 into %arg1 : f32 -> !dataflow.stream<f32, 192>
    }
    return
  }
  func.func private @block_fused_0_convert8(%arg0: !dataflow.stream<f32, 192>, %arg1: !dataflow.stream<f32, 192>) attributes {dataflow.process} {
    %c16 = arith.constant 16 : index
    %c1 = arith.constant 1 : index
    %c192 = arith.constant 192 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<192xf32>
    scf.for %arg2 = %c0 to %c192 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 192> -> f32
      memref.store %0, %alloc[%arg2] : memref<192xf32>
    }
    scf.for %arg2 = %c0 to %c192 step %c16 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = arith.addi %arg2, %arg3 : index
        %1 = memref.load %alloc[%0] : memref<192xf32>
        dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 192>
      }
    }
    return
  }
  func.func private @block_fused_0_generic_8(%arg0: !dataflow.stream<f32, 192>, %arg1: !dataflow.stream<f32, 192>, %arg2: !dataflow.stream<f32, 192>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %c192 = arith.constant 192 : index
    %c16 = arith.constant 16 : index
    scf.for %arg3 = %c0 to %c192 step %c16 {
      %alloc = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      %alloc_0 = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      scf.for %arg4 = %c0 to %c16 step %c1 {
        %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 192> -> f32
        memref.store %0, %alloc_0[%arg4] : memref<16xf32>
      }
      %alloc_1 = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      scf.for %arg4 = %c0 to %c16 step %c1 {
        %0 = dataflow.stream_read %arg1 : !dataflow.stream<f32, 192> -> f32
        memref.store %0, %alloc_1[%arg4] : memref<16xf32>
      }
      scf.for %arg4 = %c0 to %c16 step %c1 {
        %0 = memref.load %alloc_0[%arg4] : memref<16xf32>
        %1 = memref.load %alloc_1[%arg4] : memref<16xf32>
        %2 = arith.addf %0, %1 : f32
        memref.store %2, %alloc[%arg4] : memref<16xf32>
      }
      scf.for %arg4 = %c0 to %c16 step %c1 {
        %0 = memref.load %alloc[%arg4] : memref<16xf32>
        dataflow.stream_write %0 into %arg2 : f32 -> !dataflow.stream<f32, 192>
      }
    }
    return
  }
  func.func private @block_fused_0_convert9(%arg0: !dataflow.stream<f32, 192>, %arg1: !dataflow.stream<f32, 192>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c16 = arith.constant 16 : index
    %c192 = arith.constant 192 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<192xf32>
    scf.for %arg2 = %c0 to %c192 step %c16 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 192> -> f32
        %1 = arith.addi %arg2, %arg3 : index
        memref.store %0, %alloc[%1] : memref<192xf32>
      }
    }
    scf.for %arg2 = %c0 to %c192 step %c1 {
      %0 = memref.load %alloc[%arg2] : memref<192xf32>
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 192>
    }
    return
  }
  func.func private @block_fused_0_expand_shape_9(%arg0: !dataflow.stream<f32, 192>, %arg1: !dataflow.stream<f32, 192>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c192 = arith.constant 192 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<192xf32>
    scf.for %arg2 = %c0 to %c192 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 192> -> f32
      memref.store %0, %alloc[%arg2] : memref<192xf32>
    }
    scf.for %arg2 = %c0 to %c192 step %c1 {
      %0 = memref.load %alloc[%arg2] : memref<192xf32>
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 192>
    }
    return
  }
  func.func private @block_fused_0_fork10(%arg0: !dataflow.stream<f32, 192>, %arg1: !dataflow.stream<f32, 192>, %arg2: !dataflow.stream<f32, 192>, %arg3: !dataflow.stream<f32, 192>) attributes {dataflow.process} {
    %c0 = arith.constant 0 : index
    %c192 = arith.constant 192 : index
    %c1 = arith.constant 1 : index
    scf.for %arg4 = %c0 to %c192 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 192> -> f32
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 192>
      dataflow.stream_write %0 into %arg2 : f32 -> !dataflow.stream<f32, 192>
      dataflow.stream_write %0 into %arg3 : f32 -> !dataflow.stream<f32, 192>
    }
    return
  }
  func.func private @block_fused_0_extract_slice_10(%arg0: !dataflow.stream<f32, 192>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c64 = arith.constant 64 : index
    %c192 = arith.constant 192 : index
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<1x192xf32>
    scf.for %arg2 = %c0 to %c192 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 192> -> f32
      memref.store %0, %alloc[%c0, %arg2] : memref<1x192xf32>
    }
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = memref.load %alloc[%c0, %arg2] : memref<1x192xf32>
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 64>
    }
    return
  }
  func.func private @block_fused_0_extract_slice_11(%arg0: !dataflow.stream<f32, 192>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c64 = arith.constant 64 : index
    %c192 = arith.constant 192 : index
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<1x192xf32>
    scf.for %arg2 = %c0 to %c192 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 192> -> f32
      memref.store %0, %alloc[%c0, %arg2] : memref<1x192xf32>
    }
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = arith.addi %arg2, %c64 : index
      %1 = memref.load %alloc[%c0, %0] : memref<1x192xf32>
      dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 64>
    }
    return
  }
  func.func private @block_fused_0_fork11(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>, %arg2: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %c1 = arith.constant 1 : index
    scf.for %arg3 = %c0 to %c64 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 64>
      dataflow.stream_write %0 into %arg2 : f32 -> !dataflow.stream<f32, 64>
    }
    return
  }
  func.func private @block_fused_0_expand_shape_12(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<64xf32>
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
      memref.store %0, %alloc[%arg2] : memref<64xf32>
    }
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = memref.load %alloc[%arg2] : memref<64xf32>
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 64>
    }
    return
  }
  func.func private @block_fused_0_extract_slice_13(%arg0: !dataflow.stream<f32, 192>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c128 = arith.constant 128 : index
    %c64 = arith.constant 64 : index
    %c192 = arith.constant 192 : index
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<1x192xf32>
    scf.for %arg2 = %c0 to %c192 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 192> -> f32
      memref.store %0, %alloc[%c0, %arg2] : memref<1x192xf32>
    }
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = arith.addi %arg2, %c128 : index
      %1 = memref.load %alloc[%c0, %0] : memref<1x192xf32>
      dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 64>
    }
    return
  }
  func.func private @block_fused_0_fork12(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>, %arg2: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %c1 = arith.constant 1 : index
    scf.for %arg3 = %c0 to %c64 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 64>
      dataflow.stream_write %0 into %arg2 : f32 -> !dataflow.stream<f32, 64>
    }
    return
  }
  func.func private @block_fused_0_expand_shape_14(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<64xf32>
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
      memref.store %0, %alloc[%arg2] : memref<64xf32>
    }
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = memref.load %alloc[%arg2] : memref<64xf32>
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 64>
    }
    return
  }
  func.func private @block_fused_0_expand_shape_15(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c16 = arith.constant 16 : index
    %c4 = arith.constant 4 : index
    %c1 = arith.constant 1 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<64xf32>
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
      memref.store %0, %alloc[%arg2] : memref<64xf32>
    }
    scf.for %arg2 = %c0 to %c4 step %c1 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = arith.muli %arg2, %c16 : index
        %1 = arith.addi %0, %arg3 : index
        %2 = memref.load %alloc[%1] : memref<64xf32>
        dataflow.stream_write %2 into %arg1 : f32 -> !dataflow.stream<f32, 64>
      }
    }
    return
  }
  func.func private @block_fused_0_insert_slice_16(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 32832>, %arg2: !dataflow.stream<f32, 32832>) attributes {dataflow.process} {
    %c512 = arith.constant 512 : index
    %c513 = arith.constant 513 : index
    %c16 = arith.constant 16 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<4x16xf32>
    scf.for %arg3 = %c0 to %c4 step %c1 {
      scf.for %arg4 = %c0 to %c16 step %c1 {
        %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
        memref.store %0, %alloc[%arg3, %arg4] : memref<4x16xf32>
      }
    }
    %alloc_0 = memref.alloc() {alignment = 64 : i64} : memref<513x4x16xf32>
    scf.for %arg3 = %c0 to %c513 step %c1 {
      scf.for %arg4 = %c0 to %c4 step %c1 {
        scf.for %arg5 = %c0 to %c16 step %c1 {
          %0 = dataflow.stream_read %arg1 : !dataflow.stream<f32, 32832> -> f32
          memref.store %0, %alloc_0[%arg3, %arg4, %arg5] : memref<513x4x16xf32>
        }
      }
    }
    scf.for %arg3 = %c0 to %c4 step %c1 {
      scf.for %arg4 = %c0 to %c16 step %c1 {
        %0 = memref.load %alloc[%arg3, %arg4] : memref<4x16xf32>
        memref.store %0, %alloc_0[%c512, %arg3, %arg4] : memref<513x4x16xf32>
      }
    }
    scf.for %arg3 = %c0 to %c513 step %c1 {
      scf.for %arg4 = %c0 to %c4 step %c1 {
        scf.for %arg5 = %c0 to %c16 step %c1 {
          %0 = memref.load %alloc_0[%arg3, %arg4, %arg5] : memref<513x4x16xf32>
          dataflow.stream_write %0 into %arg2 : f32 -> !dataflow.stream<f32, 32832>
        }
      }
    }
    return
  }
  func.func private @block_fused_0_expand_shape_17(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c16 = arith.constant 16 : index
    %c4 = arith.constant 4 : index
    %c1 = arith.constant 1 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<64xf32>
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
      memref.store %0, %alloc[%arg2] : memref<64xf32>
    }
    scf.for %arg2 = %c0 to %c4 step %c1 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = arith.muli %arg2, %c16 : index
        %1 = arith.addi %0, %arg3 : index
        %2 = memref.load %alloc[%1] : memref<64xf32>
        dataflow.stream_write %2 into %arg1 : f32 -> !dataflow.stream<f32, 64>
      }
    }
    return
  }
  func.func private @block_fused_0_insert_slice_18(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 32832>, %arg2: !dataflow.stream<f32, 32832>) attributes {dataflow.process} {
    %c512 = arith.constant 512 : index
    %c513 = arith.constant 513 : index
    %c16 = arith.constant 16 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<4x16xf32>
    scf.for %arg3 = %c0 to %c4 step %c1 {
      scf.for %arg4 = %c0 to %c16 step %c1 {
        %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
        memref.store %0, %alloc[%arg3, %arg4] : memref<4x16xf32>
      }
    }
    %alloc_0 = memref.alloc() {alignment = 64 : i64} : memref<513x4x16xf32>
    scf.for %arg3 = %c0 to %c513 step %c1 {
      scf.for %arg4 = %c0 to %c4 step %c1 {
        scf.for %arg5 = %c0 to %c16 step %c1 {
          %0 = dataflow.stream_read %arg1 : !dataflow.stream<f32, 32832> -> f32
          memref.store %0, %alloc_0[%arg3, %arg4, %arg5] : memref<513x4x16xf32>
        }
      }
    }
    scf.for %arg3 = %c0 to %c4 step %c1 {
      scf.for %arg4 = %c0 to %c16 step %c1 {
        %0 = memref.load %alloc[%arg3, %arg4] : memref<4x16xf32>
        memref.store %0, %alloc_0[%c512, %arg3, %arg4] : memref<513x4x16xf32>
      }
    }
    scf.for %arg3 = %c0 to %c513 step %c1 {
      scf.for %arg4 = %c0 to %c4 step %c1 {
        scf.for %arg5 = %c0 to %c16 step %c1 {
          %0 = memref.load %alloc_0[%arg3, %arg4, %arg5] : memref<513x4x16xf32>
          dataflow.stream_write %0 into %arg2 : f32 -> !dataflow.stream<f32, 32832>
        }
      }
    }
    return
  }
  func.func private @block_fused_0_convert13(%arg0: !dataflow.stream<f32, 32832>, %arg1: !dataflow.stream<f32, 32832>) attributes {dataflow.process} {
    %c9 = arith.constant 9 : index
    %c16 = arith.constant 16 : index
    %c4 = arith.constant 4 : index
    %c1 = arith.constant 1 : index
    %c513 = arith.constant 513 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<513x4x16xf32>
    scf.for %arg2 = %c0 to %c513 step %c1 {
      scf.for %arg3 = %c0 to %c4 step %c1 {
        scf.for %arg4 = %c0 to %c16 step %c1 {
          %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 32832> -> f32
          memref.store %0, %alloc[%arg2, %arg3, %arg4] : memref<513x4x16xf32>
        }
      }
    }
    scf.for %arg2 = %c0 to %c513 step %c9 {
      scf.for %arg3 = %c0 to %c9 step %c1 {
        scf.for %arg4 = %c0 to %c4 step %c1 {
          scf.for %arg5 = %c0 to %c16 step %c1 {
            %0 = arith.addi %arg2, %arg3 : index
            %1 = memref.load %alloc[%0, %arg4, %arg5] : memref<513x4x16xf32>
            dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 32832>
          }
        }
      }
    }
    return
  }
  func.func private @block_fused_0_transpose_19(%arg0: !dataflow.stream<f32, 32832>, %arg1: !dataflow.stream<f32, 32832>) attributes {dataflow.process} {
    %c16 = arith.constant 16 : index
    %c4 = arith.constant 4 : index
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %c513 = arith.constant 513 : index
    %c9 = arith.constant 9 : index
    scf.for %arg2 = %c0 to %c513 step %c9 {
      %alloc = memref.alloc() {alignment = 64 : i64} : memref<9x4x16xf32>
      scf.for %arg3 = %c0 to %c9 step %c1 {
        scf.for %arg4 = %c0 to %c4 step %c1 {
          scf.for %arg5 = %c0 to %c16 step %c1 {
            %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 32832> -> f32
            memref.store %0, %alloc[%arg3, %arg4, %arg5] : memref<9x4x16xf32>
          }
        }
      }
      %alloc_0 = memref.alloc() {alignment = 64 : i64} : memref<4x9x16xf32>
      scf.for %arg3 = %c0 to %c4 step %c1 {
        scf.for %arg4 = %c0 to %c9 step %c1 {
          scf.for %arg5 = %c0 to %c16 step %c1 {
            %0 = memref.load %alloc[%arg4, %arg3, %arg5] : memref<9x4x16xf32>
            memref.store %0, %alloc_0[%arg3, %arg4, %arg5] : memref<4x9x16xf32>
          }
        }
      }
      scf.for %arg3 = %c0 to %c4 step %c1 {
        scf.for %arg4 = %c0 to %c9 step %c1 {
          scf.for %arg5 = %c0 to %c16 step %c1 {
            %0 = memref.load %alloc_0[%arg3, %arg4, %arg5] : memref<4x9x16xf32>
            dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 32832>
          }
        }
      }
    }
    return
  }
  func.func private @block_fused_0_expand_shape_21(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c16 = arith.constant 16 : index
    %c4 = arith.constant 4 : index
    %c1 = arith.constant 1 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<64xf32>
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
      memref.store %0, %alloc[%arg2] : memref<64xf32>
    }
    scf.for %arg2 = %c0 to %c4 step %c1 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = arith.muli %arg2, %c16 : index
        %1 = arith.addi %0, %arg3 : index
        %2 = memref.load %alloc[%1] : memref<64xf32>
        dataflow.stream_write %2 into %arg1 : f32 -> !dataflow.stream<f32, 64>
      }
    }
    return
  }
  func.func private @block_fused_0_dma_out0(%arg0: !dataflow.stream<f32, 1>, %arg1: memref<f32>, %arg2: memref<f32>) attributes {dataflow.process} {
    %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 1> -> f32
    memref.store %0, %arg1[] : memref<f32>
    %1 = memref.load %arg1[] : memref<f32>
    memref.store %1, %arg2[] : memref<f32>
    return
  }
  func.func private @block_fused_0_dma_out1(%arg0: !dataflow.stream<f32, 64>, %arg1: memref<1x64xf32>, %arg2: memref<1x64xf32>) attributes {dataflow.process} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c64 = arith.constant 64 : index
    scf.for %arg3 = %c0 to %c64 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
      memref.store %0, %arg1[%c0, %arg3] : memref<1x64xf32>
    }
    scf.for %arg3 = %c0 to %c64 step %c1 {
      %0 = memref.load %arg1[%c0, %arg3] : memref<1x64xf32>
      memref.store %0, %arg2[%c0, %arg3] : memref<1x64xf32>
    }
    return
  }
  func.func private @block_fused_0_dma_out2(%arg0: !dataflow.stream<f32, 64>, %arg1: memref<1x64xf32>, %arg2: memref<1x64xf32>) attributes {dataflow.process} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c64 = arith.constant 64 : index
    scf.for %arg3 = %c0 to %c64 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
      memref.store %0, %arg1[%c0, %arg3] : memref<1x64xf32>
    }
    scf.for %arg3 = %c0 to %c64 step %c1 {
      %0 = memref.load %arg1[%c0, %arg3] : memref<1x64xf32>
      memref.store %0, %arg2[%c0, %arg3] : memref<1x64xf32>
    }
    return
  }
  func.func private @block_fused_0_dma_out3(%arg0: !dataflow.stream<f32, 32832>, %arg1: memref<513x4x16xf32>, %arg2: memref<513x4x16xf32>) attributes {dataflow.process} {
    %c0 = arith.constant 0 : index
    %c513 = arith.constant 513 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c16 = arith.constant 16 : index
    scf.for %arg3 = %c0 to %c513 step %c1 {
      scf.for %arg4 = %c0 to %c4 step %c1 {
        scf.for %arg5 = %c0 to %c16 step %c1 {
          %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 32832> -> f32
          memref.store %0, %arg1[%arg3, %arg4, %arg5] : memref<513x4x16xf32>
        }
      }
    }
    scf.for %arg3 = %c0 to %c513 step %c1 {
      scf.for %arg4 = %c0 to %c4 step %c1 {
        scf.for %arg5 = %c0 to %c16 step %c1 {
          %0 = memref.load %arg1[%arg3, %arg4, %arg5] : memref<513x4x16xf32>
          memref.store %0, %arg2[%arg3, %arg4, %arg5] : memref<513x4x16xf32>
        }
      }
    }
    return
  }
  func.func private @block_fused_0_dma_out4(%arg0: !dataflow.stream<f32, 32832>, %arg1: memref<4x513x16xf32>, %arg2: memref<4x513x16xf32>) attributes {dataflow.process} {
    %c16 = arith.constant 16 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c0 = arith.constant 0 : index
    %c513 = arith.constant 513 : index
    %c9 = arith.constant 9 : index
    scf.for %arg3 = %c0 to %c513 step %c9 {
      scf.for %arg4 = %c0 to %c4 step %c1 {
        scf.for %arg5 = %c0 to %c9 step %c1 {
          scf.for %arg6 = %c0 to %c16 step %c1 {
            %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 32832> -> f32
            %1 = arith.addi %arg3, %arg5 : index
            memref.store %0, %arg1[%arg4, %1, %arg6] : memref<4x513x16xf32>
          }
        }
      }
    }
    scf.for %arg3 = %c0 to %c4 step %c1 {
      scf.for %arg4 = %c0 to %c513 step %c1 {
        scf.for %arg5 = %c0 to %c16 step %c1 {
          %0 = memref.load %arg1[%arg3, %arg4, %arg5] : memref<4x513x16xf32>
          memref.store %0, %arg2[%arg3, %arg4, %arg5] : memref<4x513x16xf32>
        }
      }
    }
    return
  }
  func.func private @block_fused_0_dma_out5(%arg0: !dataflow.stream<f32, 64>, %arg1: memref<4x16xf32>, %arg2: memref<4x16xf32>) attributes {dataflow.process} {
    %c0 = arith.constant 0 : index
    %c4 = arith.constant 4 : index
    %c1 = arith.constant 1 : index
    %c16 = arith.constant 16 : index
    scf.for %arg3 = %c0 to %c4 step %c1 {
      scf.for %arg4 = %c0 to %c16 step %c1 {
        %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
        memref.store %0, %arg1[%arg3, %arg4] : memref<4x16xf32>
      }
    }
    scf.for %arg3 = %c0 to %c4 step %c1 {
      scf.for %arg4 = %c0 to %c16 step %c1 {
        %0 = memref.load %arg1[%arg3, %arg4] : memref<4x16xf32>
        memref.store %0, %arg2[%arg3, %arg4] : memref<4x16xf32>
      }
    }
    return
  }
  func.func @lm_head(%arg0: memref<1x64xf32> {streamtensor.kind = "input", streamtensor.name = "x"}, %arg1: memref<96x64xf32> {streamtensor.kind = "weight", streamtensor.name = "transformer.wte.weight"}, %arg2: memref<64xf32> {streamtensor.kind = "weight", streamtensor.name = "transformer.ln_f.weight"}, %arg3: memref<64xf32> {streamtensor.kind = "weight", streamtensor.name = "transformer.ln_f.bias"}, %arg4: memref<1x96xf32> {streamtensor.name = "logits"}) attributes {dataflow.unfused_intermediate_bytes = 528 : i64, llvm.emit_c_interface} {
    %c96 = arith.constant 96 : index
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %collapse_shape = memref.collapse_shape %arg0 [[0, 1]] : memref<1x64xf32> into memref<64xf32>
    %alloc = memref.alloc() : memref<1x96xf32>
    call @lm_head_fused_0(%collapse_shape, %arg2, %arg3, %arg1, %alloc) : (memref<64xf32>, memref<64xf32>, memref<64xf32>, memref<96x64xf32>, memref<1x96xf32>) -> ()
    scf.for %arg5 = %c0 to %c96 step %c1 {
      %0 = memref.load %alloc[%c0, %arg5] : memref<1x96xf32>
      memref.store %0, %arg4[%c0, %arg5] : memref<1x96xf32>
    }
    return
  }
  func.func @lm_head_fused_0(%arg0: memref<64xf32> {streamtensor.kind = "input", streamtensor.name = "in0"}, %arg1: memref<64xf32> {streamtensor.kind = "weight", streamtensor.name = "transformer.ln_f.weight"}, %arg2: memref<64xf32> {streamtensor.kind = "weight", streamtensor.name = "transformer.ln_f.bias"}, %arg3: memref<96x64xf32> {streamtensor.kind = "weight", streamtensor.name = "transformer.wte.weight"}, %arg4: memref<1x96xf32> {streamtensor.name = "logits"}) attributes {dataflow.top} {
    %c96 = arith.constant 96 : index
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %0 = dataflow.stream {dataflow.name = "dma_in0"} : !dataflow.stream<f32, 64>
    call @lm_head_fused_0_dma_in0(%arg0, %0) : (memref<64xf32>, !dataflow.stream<f32, 64>) -> ()
    %1 = dataflow.stream {dataflow.name = "dma_in1"} : !dataflow.stream<f32, 64>
    call @lm_head_fused_0_dma_in1(%arg1, %1) : (memref<64xf32>, !dataflow.stream<f32, 64>) -> ()
    %2 = dataflow.stream {dataflow.name = "dma_in2"} : !dataflow.stream<f32, 64>
    call @lm_head_fused_0_dma_in2(%arg2, %2) : (memref<64xf32>, !dataflow.stream<f32, 64>) -> ()
    %3 = dataflow.stream {dataflow.name = "dma_in3"} : !dataflow.stream<f32, 6144>
    call @lm_head_fused_0_dma_in3(%arg3, %3) : (memref<96x64xf32>, !dataflow.stream<f32, 6144>) -> ()
    %4 = dataflow.stream {dataflow.name = "fork0_out0"} : !dataflow.stream<f32, 64>
    %5 = dataflow.stream {dataflow.name = "fork0_out1"} : !dataflow.stream<f32, 64>
    %6 = dataflow.stream {dataflow.name = "fork0_out2"} : !dataflow.stream<f32, 64>
    call @lm_head_fused_0_fork0(%0, %4, %5, %6) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>) -> ()
    %7 = dataflow.stream {dataflow.name = "generic_0_out0"} : !dataflow.stream<f32, 1>
    call @lm_head_fused_0_generic_0(%7) : (!dataflow.stream<f32, 1>) -> ()
    %8 = dataflow.stream {dataflow.name = "fork1_out0"} : !dataflow.stream<f32, 1>
    %9 = dataflow.stream {dataflow.name = "fork1_out1"} : !dataflow.stream<f32, 1>
    call @lm_head_fused_0_fork1(%7, %8, %9) : (!dataflow.stream<f32, 1>, !dataflow.stream<f32, 1>, !dataflow.stream<f32, 1>) -> ()
    %10 = dataflow.stream {dataflow.name = "generic_1_out0"} : !dataflow.stream<f32, 1>
    call @lm_head_fused_0_generic_1(%9, %6, %10) : (!dataflow.stream<f32, 1>, !dataflow.stream<f32, 64>, !dataflow.stream<f32, 1>) -> ()
    %11 = dataflow.stream {dataflow.name = "generic_2_out0"} : !dataflow.stream<f32, 1>
    call @lm_head_fused_0_generic_2(%10, %11) : (!dataflow.stream<f32, 1>, !dataflow.stream<f32, 1>) -> ()
    %12 = dataflow.stream {dataflow.name = "convert2"} : !dataflow.stream<f32, 4>
    call @lm_head_fused_0_convert2(%11, %12) : (!dataflow.stream<f32, 1>, !dataflow.stream<f32, 4>) -> ()
    %13 = dataflow.stream {dataflow.name = "fork3_out0"} : !dataflow.stream<f32, 4>
    %14 = dataflow.stream {dataflow.name = "fork3_out1"} : !dataflow.stream<f32, 4>
    call @lm_head_fused_0_fork3(%12, %13, %14) : (!dataflow.stream<f32, 4>, !dataflow.stream<f32, 4>, !dataflow.stream<f32, 4>) -> ()
    %15 = dataflow.stream {dataflow.name = "generic_3_out0"} : !dataflow.stream<f32, 1>
    call @lm_head_fused_0_generic_3(%8, %5, %14, %15) : (!dataflow.stream<f32, 1>, !dataflow.stream<f32, 64>, !dataflow.stream<f32, 4>, !dataflow.stream<f32, 1>) -> ()
    %16 = dataflow.stream {dataflow.name = "convert4"} : !dataflow.stream<f32, 4>
    call @lm_head_fused_0_convert4(%15, %16) : (!dataflow.stream<f32, 1>, !dataflow.stream<f32, 4>) -> ()
    %17 = dataflow.stream {dataflow.name = "generic_4_out0"} : !dataflow.stream<f32, 64>
    call @lm_head_fused_0_generic_4(%4, %1, %2, %13, %16, %17) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>, !dataflow.stream<f32, 4>, !dataflow.stream<f32, 4>, !dataflow.stream<f32, 64>) -> ()
    %18 = dataflow.stream {dataflow.name = "convert5"} : !dataflow.stream<f32, 64>
    call @lm_head_fused_0_convert5(%17, %18) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>) -> ()
    %19 = dataflow.stream {dataflow.name = "expand_shape_5_out0"} : !dataflow.stream<f32, 64>
    call @lm_head_fused_0_expand_shape_5(%18, %19) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 64>) -> ()
    %20 = dataflow.stream {dataflow.name = "convert6"} : !dataflow.stream<f32, 384>
    call @lm_head_fused_0_convert6(%19, %20) : (!dataflow.stream<f32, 64>, !dataflow.stream<f32, 384>) -> ()
    %21 = dataflow.stream {dataflow.name = "matmul_transpose_b_6_out0"} : !dataflow.stream<f32, 96>
    call @lm_head_fused_0_matmul_transpose_b_6(%20, %3, %21) : (!dataflow.stream<f32, 384>, !dataflow.stream<f32, 6144>, !dataflow.stream<f32, 96>) -> ()
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<1x96xf32>
    %alloc_0 = memref.alloc() : memref<1x96xf32>
    call @lm_head_fused_0_dma_out0(%21, %alloc, %alloc_0) : (!dataflow.stream<f32, 96>, memref<1x96xf32>, memref<1x96xf32>) -> ()
    scf.for %arg5 = %c0 to %c96 step %c1 {
      %22 = memref.load %alloc_0[%c0, %arg5] : memref<1x96xf32>
      memref.store %22, %arg4[%c0, %arg5] : memref<1x96xf32>
    }
    return
  }
  func.func private @lm_head_fused_0_dma_in0(%arg0: memref<64xf32>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %c16 = arith.constant 16 : index
    scf.for %arg2 = %c0 to %c64 step %c16 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = arith.addi %arg2, %arg3 : index
        %1 = memref.load %arg0[%0] : memref<64xf32>
        dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 64>
      }
    }
    return
  }
  func.func private @lm_head_fused_0_dma_in1(%arg0: memref<64xf32>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %c16 = arith.constant 16 : index
    scf.for %arg2 = %c0 to %c64 step %c16 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = arith.addi %arg2, %arg3 : index
        %1 = memref.load %arg0[%0] : memref<64xf32>
        dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 64>
      }
    }
    return
  }
  func.func private @lm_head_fused_0_dma_in2(%arg0: memref<64xf32>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %c16 = arith.constant 16 : index
    scf.for %arg2 = %c0 to %c64 step %c16 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = arith.addi %arg2, %arg3 : index
        %1 = memref.load %arg0[%0] : memref<64xf32>
        dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 64>
      }
    }
    return
  }
  func.func private @lm_head_fused_0_dma_in3(%arg0: memref<96x64xf32>, %arg1: !dataflow.stream<f32, 6144>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %c96 = arith.constant 96 : index
    %c16 = arith.constant 16 : index
    %c64 = arith.constant 64 : index
    scf.for %arg2 = %c0 to %c96 step %c16 {
      scf.for %arg3 = %c0 to %c64 step %c16 {
        scf.for %arg4 = %c0 to %c16 step %c1 {
          scf.for %arg5 = %c0 to %c16 step %c1 {
            %0 = arith.addi %arg2, %arg4 : index
            %1 = arith.addi %arg3, %arg5 : index
            %2 = memref.load %arg0[%0, %1] : memref<96x64xf32>
            dataflow.stream_write %2 into %arg1 : f32 -> !dataflow.stream<f32, 6144>
          }
        }
      }
    }
    return
  }
  func.func private @lm_head_fused_0_fork0(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>, %arg2: !dataflow.stream<f32, 64>, %arg3: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %c1 = arith.constant 1 : index
    scf.for %arg4 = %c0 to %c64 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 64>
      dataflow.stream_write %0 into %arg2 : f32 -> !dataflow.stream<f32, 64>
      dataflow.stream_write %0 into %arg3 : f32 -> !dataflow.stream<f32, 64>
    }
    return
  }
  func.func private @lm_head_fused_0_generic_0(%arg0: !dataflow.stream<f32, 1>) attributes {dataflow.process} {
    %cst = arith.constant 0.000000e+00 : f32
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<f32>
    memref.store %cst, %alloc[] : memref<f32>
    %0 = memref.load %alloc[] : memref<f32>
    dataflow.stream_write %0 into %arg0 : f32 -> !dataflow.stream<f32, 1>
    return
  }
  func.func private @lm_head_fused_0_fork1(%arg0: !dataflow.stream<f32, 1>, %arg1: !dataflow.stream<f32, 1>, %arg2: !dataflow.stream<f32, 1>) attributes {dataflow.process} {
    %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 1> -> f32
    dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 1>
    dataflow.stream_write %0 into %arg2 : f32 -> !dataflow.stream<f32, 1>
    return
  }
  func.func private @lm_head_fused_0_generic_1(%arg0: !dataflow.stream<f32, 1>, %arg1: !dataflow.stream<f32, 64>, %arg2: !dataflow.stream<f32, 1>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c16 = arith.constant 16 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<f32>
    %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 1> -> f32
    memref.store %0, %alloc[] : memref<f32>
    scf.for %arg3 = %c0 to %c64 step %c16 {
      %alloc_0 = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      scf.for %arg4 = %c0 to %c16 step %c1 {
        %2 = dataflow.stream_read %arg1 : !dataflow.stream<f32, 64> -> f32
        memref.store %2, %alloc_0[%arg4] : memref<16xf32>
      }
      scf.for %arg4 = %c0 to %c16 step %c1 {
        %2 = memref.load %alloc_0[%arg4] : memref<16xf32>
        %3 = memref.load %alloc[] : memref<f32>
        %4 = arith.addf %3, %2 : f32
        memref.store %4, %alloc[] : memref<f32>
      }
    }
    %1 = memref.load %alloc[] : memref<f32>
    dataflow.stream_write %1 into %arg2 : f32 -> !dataflow.stream<f32, 1>
    return
  }
  func.func private @lm_head_fused_0_generic_2(%arg0: !dataflow.stream<f32, 1>, %arg1: !dataflow.stream<f32, 1>) attributes {dataflow.process} {
    %cst = arith.constant 6.400000e+01 : f32
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<f32>
    %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 1> -> f32
    memref.store %0, %alloc[] : memref<f32>
    %1 = memref.load %alloc[] : memref<f32>
    %2 = arith.divf %1, %cst : f32
    memref.store %2, %alloc[] : memref<f32>
    %3 = memref.load %alloc[] : memref<f32>
    dataflow.stream_write %3 into %arg1 : f32 -> !dataflow.stream<f32, 1>
    return
  }
  func.func private @lm_head_fused_0_convert2(%arg0: !dataflow.stream<f32, 1>, %arg1: !dataflow.stream<f32, 4>) attributes {dataflow.process} {
    %c16 = arith.constant 16 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<f32>
    %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 1> -> f32
    memref.store %0, %alloc[] : memref<f32>
    scf.for %arg2 = %c0 to %c64 step %c16 {
      %1 = memref.load %alloc[] : memref<f32>
      dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 4>
    }
    return
  }
  func.func private @lm_head_fused_0_fork3(%arg0: !dataflow.stream<f32, 4>, %arg1: !dataflow.stream<f32, 4>, %arg2: !dataflow.stream<f32, 4>) attributes {dataflow.process} {
    %c0 = arith.constant 0 : index
    %c4 = arith.constant 4 : index
    %c1 = arith.constant 1 : index
    scf.for %arg3 = %c0 to %c4 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 4> -> f32
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 4>
      dataflow.stream_write %0 into %arg2 : f32 -> !dataflow.stream<f32, 4>
    }
    return
  }
  func.func private @lm_head_fused_0_generic_3(%arg0: !dataflow.stream<f32, 1>, %arg1: !dataflow.stream<f32, 64>, %arg2: !dataflow.stream<f32, 4>, %arg3: !dataflow.stream<f32, 1>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c16 = arith.constant 16 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<f32>
    %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 1> -> f32
    %alloc_0 = memref.alloc() {alignment = 64 : i64} : memref<f32>
    memref.store %0, %alloc_0[] : memref<f32>
    scf.for %arg4 = %c0 to %c64 step %c16 {
      %alloc_1 = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      scf.for %arg5 = %c0 to %c16 step %c1 {
        %3 = dataflow.stream_read %arg1 : !dataflow.stream<f32, 64> -> f32
        memref.store %3, %alloc_1[%arg5] : memref<16xf32>
      }
      %2 = dataflow.stream_read %arg2 : !dataflow.stream<f32, 4> -> f32
      memref.store %2, %alloc[] : memref<f32>
      scf.for %arg5 = %c0 to %c16 step %c1 {
        %3 = memref.load %alloc_1[%arg5] : memref<16xf32>
        %4 = memref.load %alloc[] : memref<f32>
        %5 = memref.load %alloc_0[] : memref<f32>
        %6 = arith.subf %3, %4 : f32
        %7 = arith.mulf %6, %6 : f32
        %8 = arith.addf %5, %7 : f32
        memref.store %8, %alloc_0[] : memref<f32>
      }
    }
    %1 = memref.load %alloc_0[] : memref<f32>
    dataflow.stream_write %1 into %arg3 : f32 -> !dataflow.stream<f32, 1>
    return
  }
  func.func private @lm_head_fused_0_convert4(%arg0: !dataflow.stream<f32, 1>, %arg1: !dataflow.stream<f32, 4>) attributes {dataflow.process} {
    %c16 = arith.constant 16 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<f32>
    %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 1> -> f32
    memref.store %0, %alloc[] : memref<f32>
    scf.for %arg2 = %c0 to %c64 step %c16 {
      %1 = memref.load %alloc[] : memref<f32>
      dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 4>
    }
    return
  }
  func.func private @lm_head_fused_0_generic_4(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>, %arg2: !dataflow.stream<f32, 64>, %arg3: !dataflow.stream<f32, 4>, %arg4: !dataflow.stream<f32, 4>, %arg5: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c16 = arith.constant 16 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %cst = arith.constant 9.99999974E-6 : f32
    %cst_0 = arith.constant 6.400000e+01 : f32
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<f32>
    scf.for %arg6 = %c0 to %c64 step %c16 {
      %alloc_1 = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      %alloc_2 = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      scf.for %arg7 = %c0 to %c16 step %c1 {
        %2 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
        memref.store %2, %alloc_2[%arg7] : memref<16xf32>
      }
      %alloc_3 = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      scf.for %arg7 = %c0 to %c16 step %c1 {
        %2 = dataflow.stream_read %arg1 : !dataflow.stream<f32, 64> -> f32
        memref.store %2, %alloc_3[%arg7] : memref<16xf32>
      }
      %alloc_4 = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
      scf.for %arg7 = %c0 to %c16 step %c1 {
        %2 = dataflow.stream_read %arg2 : !dataflow.stream<f32, 64> -> f32
        memref.store %2, %alloc_4[%arg7] : memref<16xf32>
      }
      %0 = dataflow.stream_read %arg3 : !dataflow.stream<f32, 4> -> f32
      %alloc_5 = memref.alloc() {alignment = 64 : i64} : memref<f32>
      memref.store %0, %alloc_5[] : memref<f32>
      %1 = dataflow.stream_read %arg4 : !dataflow.stream<f32, 4> -> f32
      memref.store %1, %alloc[] : memref<f32>
      scf.for %arg7 = %c0 to %c16 step %c1 {
        %2 = memref.load %alloc_2[%arg7] : memref<16xf32>
        %3 = memref.load %alloc_5[] : memref<f32>
        %4 = memref.load %alloc[] : memref<f32>
        %5 = memref.load %alloc_3[%arg7] : memref<16xf32>
        %6 = memref.load %alloc_4[%arg7] : memref<16xf32>
        %7 = arith.divf %4, %cst_0 : f32
        %8 = arith.addf %7, %cst : f32
        %9 = math.rsqrt %8 : f32
        %10 = arith.subf %2, %3 : f32
        %11 = arith.mulf %10, %9 : f32
        %12 = arith.mulf %11, %5 : f32
        %13 = arith.addf %12, %6 : f32
        memref.store %13, %alloc_1[%arg7] : memref<16xf32>
      }
      scf.for %arg7 = %c0 to %c16 step %c1 {
        %2 = memref.load %alloc_1[%arg7] : memref<16xf32>
        dataflow.stream_write %2 into %arg5 : f32 -> !dataflow.stream<f32, 64>
      }
    }
    return
  }
  func.func private @lm_head_fused_0_convert5(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c16 = arith.constant 16 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<64xf32>
    scf.for %arg2 = %c0 to %c64 step %c16 {
      scf.for %arg3 = %c0 to %c16 step %c1 {
        %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
        %1 = arith.addi %arg2, %arg3 : index
        memref.store %0, %alloc[%1] : memref<64xf32>
      }
    }
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = memref.load %alloc[%arg2] : memref<64xf32>
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 64>
    }
    return
  }
  func.func private @lm_head_fused_0_expand_shape_5(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 64>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c64 = arith.constant 64 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<64xf32>
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
      memref.store %0, %alloc[%arg2] : memref<64xf32>
    }
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = memref.load %alloc[%arg2] : memref<64xf32>
      dataflow.stream_write %0 into %arg1 : f32 -> !dataflow.stream<f32, 64>
    }
    return
  }
  func.func private @lm_head_fused_0_convert6(%arg0: !dataflow.stream<f32, 64>, %arg1: !dataflow.stream<f32, 384>) attributes {dataflow.process} {
    %c16 = arith.constant 16 : index
    %c96 = arith.constant 96 : index
    %c64 = arith.constant 64 : index
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<1x64xf32>
    scf.for %arg2 = %c0 to %c64 step %c1 {
      %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 64> -> f32
      memref.store %0, %alloc[%c0, %arg2] : memref<1x64xf32>
    }
    scf.for %arg2 = %c0 to %c96 step %c16 {
      scf.for %arg3 = %c0 to %c64 step %c16 {
        scf.for %arg4 = %c0 to %c16 step %c1 {
          %0 = arith.addi %arg3, %arg4 : index
          %1 = memref.load %alloc[%c0, %0] : memref<1x64xf32>
          dataflow.stream_write %1 into %arg1 : f32 -> !dataflow.stream<f32, 384>
        }
      }
    }
    return
  }
  func.func private @lm_head_fused_0_matmul_transpose_b_6(%arg0: !dataflow.stream<f32, 384>, %arg1: !dataflow.stream<f32, 6144>, %arg2: !dataflow.stream<f32, 96>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %cst = arith.constant 0.000000e+00 : f32
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %c16 = arith.constant 16 : index
    %c96 = arith.constant 96 : index
    scf.for %arg3 = %c0 to %c96 step %c16 {
      %alloc = memref.alloc() {alignment = 64 : i64} : memref<1x16xf32>
      %alloc_0 = memref.alloc() {alignment = 64 : i64} : memref<1x16xf32>
      scf.for %arg4 = %c0 to %c16 step %c1 {
        memref.store %cst, %alloc_0[%c0, %arg4] : memref<1x16xf32>
      }
      scf.for %arg4 = %c0 to %c64 step %c16 {
        scf.for %arg5 = %c0 to %c16 step %c1 {
          %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 384> -> f32
          memref.store %0, %alloc[%c0, %arg5] : memref<1x16xf32>
        }
        %alloc_1 = memref.alloc() {alignment = 64 : i64} : memref<16x16xf32>
        scf.for %arg5 = %c0 to %c16 step %c1 {
          scf.for %arg6 = %c0 to %c16 step %c1 {
            %0 = dataflow.stream_read %arg1 : !dataflow.stream<f32, 6144> -> f32
            memref.store %0, %alloc_1[%arg5, %arg6] : memref<16x16xf32>
          }
        }
        scf.for %arg5 = %c0 to %c16 step %c1 {
          scf.for %arg6 = %c0 to %c16 step %c1 {
            %0 = memref.load %alloc[%c0, %arg6] : memref<1x16xf32>
            %1 = memref.load %alloc_1[%arg5, %arg6] : memref<16x16xf32>
            %2 = memref.load %alloc_0[%c0, %arg5] : memref<1x16xf32>
            %3 = arith.mulf %0, %1 : f32
            %4 = arith.addf %2, %3 : f32
            memref.store %4, %alloc_0[%c0, %arg5] : memref<1x16xf32>
          }
        }
      }
      scf.for %arg4 = %c0 to %c16 step %c1 {
        %0 = memref.load %alloc_0[%c0, %arg4] : memref<1x16xf32>
        dataflow.stream_write %0 into %arg2 : f32 -> !dataflow.stream<f32, 96>
      }
    }
    return
  }
  func.func private @lm_head_fused_0_dma_out0(%arg0: !dataflow.stream<f32, 96>, %arg1: memref<1x96xf32>, %arg2: memref<1x96xf32>) attributes {dataflow.process} {
    %c1 = arith.constant 1 : index
    %c0 = arith.constant 0 : index
    %c96 = arith.constant 96 : index
    %c16 = arith.constant 16 : index
    scf.for %arg3 = %c0 to %c96 step %c16 {
      scf.for %arg4 = %c0 to %c16 step %c1 {
        %0 = dataflow.stream_read %arg0 : !dataflow.stream<f32, 96> -> f32
        %1 = arith.addi %arg3, %arg4 : index
        memref.store %0, %arg1[%c0, %1] : memref<1x96xf32>
      }
    }
    scf.for %arg3 = %c0 to %c96 step %c1 {
      %0 = memref.load %arg1[%c0, %arg3] : memref<1x96xf32>
      memref.store %0, %arg2[%c0, %arg3] : memref<1x96xf32>
    }
    return
  }
}

