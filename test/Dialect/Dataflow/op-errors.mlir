// RUN: streamtensor-opt %s -split-input-file -verify-diagnostics

func.func @read_wrong_value(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
  %init = tensor.empty() : tensor<2x4xf32>
  // expected-error @+1 {{value type 'tensor<2x4xf32>' does not match the itensor element type 'tensor<4x2xf32>'}}
  %t = dataflow.itensor_read %b init %init : tensor<2x4xf32> : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> tensor<2x4xf32>
  return
}

// -----

func.func @read_tile_without_init(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
  // expected-error @+1 {{reading a tile token requires an init tensor}}
  %t = dataflow.itensor_read %b : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> tensor<4x2xf32>
  return
}

// -----

func.func @read_vector_with_init(%v: !dataflow.itensor<vector<4xf32>, [4] * [4], (d0) -> (d0)>) {
  %init = tensor.empty() : tensor<4xf32>
  // expected-error @+1 {{an init tensor is only allowed for tile tokens}}
  %t = dataflow.itensor_read %v init %init : tensor<4xf32> : !dataflow.itensor<vector<4xf32>, [4] * [4], (d0) -> (d0)> -> vector<4xf32>
  return
}

// -----

func.func @read_init_mismatch(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
  %init = tensor.empty() : tensor<8xf32>
  // expected-error @+1 {{init type 'tensor<8xf32>' differs from value type 'tensor<4x2xf32>'}}
  %t = dataflow.itensor_read %b init %init : tensor<8xf32> : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> tensor<4x2xf32>
  return
}

// -----

func.func @write_wrong_value(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>, %x: tensor<2x2xf32>) {
  // expected-error @+1 {{value type 'tensor<2x2xf32>' does not match the itensor element type 'tensor<4x2xf32>'}}
  %r = dataflow.itensor_write %x into %b : tensor<2x2xf32> -> !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>
  return
}

// -----

func.func @cast_reorders(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
  // expected-error @+1 {{do not stream the same tokens in the same order}}
  %c = dataflow.itensor_cast %b : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> !dataflow.itensor<4x2xf32, [2, 4] * [4, 2], (d0, d1) -> (d0, d1)>
  return
}

// -----

func.func @reassociate_data_type(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
  // expected-error @+1 {{data type changes from 'f32' to 'i32'}}
  %r = dataflow.itensor_reassociate %b : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> !dataflow.itensor<4x2xi32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>
  return
}

// -----

func.func @reassociate_tokens(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
  // expected-error @+1 {{token count changes from 8 to 4}}
  %r = dataflow.itensor_reassociate %b : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> !dataflow.itensor<16xf32, [4] * [16], (d0) -> (d0)>
  return
}

// -----

func.func @reassociate_token_size(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
  // expected-error @+1 {{scalars per token change from 8 to 4}}
  %r = dataflow.itensor_reassociate %b : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> !dataflow.itensor<4xf32, [8] * [4], (d0) -> (d0)>
  return
}

// -----

func.func @reassociate_total(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
  // expected-error @+1 {{total data size changes from 64 to 120}}
  %r = dataflow.itensor_reassociate %b : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> !dataflow.itensor<8xf32, [8] * [16], (d0) -> (d0)>
  return
}

// -----

func.func @converter_data_type(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
  // expected-error @+1 {{data type changes from 'f32' to 'f16'}}
  %r = dataflow.itensor_converter %b : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> !dataflow.itensor<2x2xf16, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)>
  return
}

// -----

func.func @converter_shape(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
  // expected-error @+1 {{source and result stream different data shapes}}
  %r = dataflow.itensor_converter %b : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> !dataflow.itensor<2x2xf32, [2, 4] * [2, 2], (d0, d1) -> (d0, d1)>
  return
}

// -----

func.func @converter_buffer_rank(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
  // expected-error @+1 {{buffer_shape has rank 1 but the data has rank 2}}
  %r = dataflow.itensor_converter %b {buffer_shape = array<i64: 8>} : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> !dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)>
  return
}

// -----

func.func @converter_buffer_size(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
  // expected-error @+1 {{buffer_shape must lie within the data shape}}
  %r = dataflow.itensor_converter %b {buffer_shape = array<i64: 16, 2>} : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> !dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)>
  return
}

// -----

func.func @converter_loop_level(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
  // expected-error @+1 {{buffer_loop_level must be between 0 and 2}}
  %r = dataflow.itensor_converter %b {buffer_loop_level = 3} : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> !dataflow.itensor<2x2xf32, [4, 4] * [2, 2], (d0, d1) -> (d0, d1)>
  return
}

// -----

func.func @chunk_no_results(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
  // expected-error @+1 {{requires at least one result}}
  "dataflow.itensor_chunk"(%b) {dim = 1 : i64} : (!dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) -> ()
  return
}

// -----

func.func @chunk_dim(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
  // expected-error @+1 {{dimension 2 is out of range for data rank 2}}
  %r = dataflow.itensor_chunk %b along 2 : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>
  return
}

// -----

func.func @chunk_data_type(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
  // expected-error @+1 {{data type of result}}
  %r:2 = dataflow.itensor_chunk %b along 1 : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> !dataflow.itensor<4x2xf32, [2, 2] * [2, 4], (d0, d1) -> (d1, d0)>, !dataflow.itensor<4x2xi8, [2, 2] * [2, 4], (d0, d1) -> (d1, d0)>
  return
}

// -----

func.func @chunk_rank(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
  // expected-error @+1 {{rank of result}}
  %r:2 = dataflow.itensor_chunk %b along 1 : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> !dataflow.itensor<4x2xf32, [2, 2] * [2, 4], (d0, d1) -> (d1, d0)>, !dataflow.itensor<4xf32, [8] * [4], (d0) -> (d0)>
  return
}

// -----

func.func @chunk_other_dim(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
  // expected-error @+1 {{outside dimension 1}}
  %r:2 = dataflow.itensor_chunk %b along 1 : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> !dataflow.itensor<4x2xf32, [2, 2] * [2, 4], (d0, d1) -> (d1, d0)>, !dataflow.itensor<4x2xf32, [2, 1] * [2, 4], (d0, d1) -> (d1, d0)>
  return
}

// -----

func.func @chunk_sizes(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
  // expected-error @+1 {{sizes along dimension 1 add up to 12 but the whole has 8}}
  %r:3 = dataflow.itensor_chunk %b along 1 : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> !dataflow.itensor<4x2xf32, [2, 2] * [2, 4], (d0, d1) -> (d1, d0)>, !dataflow.itensor<4x2xf32, [2, 2] * [2, 4], (d0, d1) -> (d1, d0)>, !dataflow.itensor<4x2xf32, [2, 2] * [2, 4], (d0, d1) -> (d1, d0)>
  return
}

// -----

func.func @concat_no_sources() {
  // expected-error @+1 {{requires at least one source}}
  %r = "dataflow.itensor_concat"() {dim = 0 : i64} : () -> !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>
  return
}

// -----

func.func @concat_sizes(%h: !dataflow.itensor<4x2xf32, [2, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
  // expected-error @+1 {{sizes along dimension 1 add up to 4 but the whole has 8}}
  %r = dataflow.itensor_concat %h along 1 : !dataflow.itensor<4x2xf32, [2, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>
  return
}

// -----

func.func @fork_no_results(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
  // expected-error @+1 {{requires at least one result}}
  "dataflow.itensor_fork"(%b) : (!dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) -> ()
  return
}

// -----

func.func @fork_type(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
  // expected-error @+1 {{differs from the source type}}
  %r:2 = dataflow.itensor_fork %b : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>, !dataflow.itensor<4x2xf32, [2, 2] * [2, 4], (d0, d1) -> (d1, d0)>
  return
}

// -----

func.func @join_no_sources() {
  // expected-error @+1 {{requires at least one source}}
  %r = "dataflow.itensor_join"() : () -> !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>
  return
}

// -----

func.func @join_element(%v: !dataflow.itensor<vector<4xf32>, [4] * [4], (d0) -> (d0)>) {
  // expected-error @+1 {{source element 'vector<4xf32>' differs from the result element 'tensor<4x2xf32>'}}
  %r = dataflow.itensor_join %v : !dataflow.itensor<vector<4xf32>, [4] * [4], (d0) -> (d0)> -> !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>
  return
}

// -----

func.func @join_tokens(%h: !dataflow.itensor<4x2xf32, [2, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
  // expected-error @+1 {{sources carry 4 tokens but the result carries 8}}
  %r = dataflow.itensor_join %h : !dataflow.itensor<4x2xf32, [2, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>
  return
}

// -----

func.func @to_stream_element(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
  // expected-error @+1 {{stream element type 'f16' carries neither the scalars nor the vector tokens}}
  %s = dataflow.itensor_to_stream %b : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)> -> !dataflow.stream<f16, 2>
  return
}

// -----

func.func @from_stream_element(%s: !dataflow.stream<vector<8xf32>, 2>) {
  // expected-error @+1 {{stream element type 'vector<8xf32>' carries neither the scalars nor the vector tokens}}
  %b = dataflow.stream_to_itensor %s : !dataflow.stream<vector<8xf32>, 2> -> !dataflow.itensor<vector<4xf32>, [4] * [4], (d0) -> (d0)>
  return
}

// -----

func.func @stream_read_type(%s: !dataflow.stream<f32, 2>) {
  // expected-error @+1 {{value type 'i32' differs from the stream element type 'f32'}}
  %x = dataflow.stream_read %s : !dataflow.stream<f32, 2> -> i32
  return
}

// -----

func.func @stream_write_type(%s: !dataflow.stream<f32, 2>, %x: f16) {
  // expected-error @+1 {{value type 'f16' differs from the stream element type 'f32'}}
  dataflow.stream_write %x into %s : f16 -> !dataflow.stream<f32, 2>
  return
}

// -----

func.func @stream_cast_element(%s: !dataflow.stream<f32, 2>) {
  // expected-error @+1 {{may change only the depth}}
  %t = dataflow.stream_cast %s : !dataflow.stream<f32, 2> -> !dataflow.stream<i32, 2>
  return
}

// -----

func.func @buffer_depth() {
  // expected-error @+1 {{attribute 'depth' failed to satisfy constraint}}
  %m = dataflow.buffer {depth = 0} : memref<4xf32>
  return
}

// -----

func.func @buffer_dynamic() {
  // expected-error @+1 {{must be statically shaped memref}}
  %m = dataflow.buffer : memref<?xf32>
  return
}

// -----

func.func @kernel_arguments(%t: tensor<8x8xf32>) {
  // expected-error @+1 {{has 1 sources but its body takes 0 arguments}}
  dataflow.kernel ins(%t : tensor<8x8xf32>) {
    dataflow.yield
  }
  return
}

// -----

func.func @kernel_argument_type(%t: tensor<8x4xf32>) {
  // expected-error @+1 {{body argument 0 of type}}
  dataflow.kernel ins(%t : tensor<8x4xf32>) {
  ^bb0(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>):
    dataflow.yield
  }
  return
}

// -----

func.func @kernel_without_yield() {
  // expected-error @+1 {{body must end with dataflow.yield}}
  dataflow.kernel {
    llvm.unreachable
  }
  return
}

// -----

func.func @kernel_yield_count() {
  // expected-error @+1 {{yields 0 values but has 1 results}}
  %r = dataflow.kernel -> (tensor<4xf32>) {
    dataflow.yield
  }
  return
}

// -----

func.func @kernel_yield_type() {
  // expected-error @+1 {{yielded value 0 of type}}
  %r = dataflow.kernel -> (tensor<8x8xi32>) {
    %e = dataflow.itensor_empty : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>
    dataflow.yield %e : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>
  }
  return
}

// -----

func.func @kernel_isolated(%t: tensor<4xf32>) {
  // expected-note @+1 {{required by region isolation constraints}}
  dataflow.kernel {
    // expected-error @+1 {{using value defined outside the region}}
    %u = tensor.extract_slice %t[0] [2] [1] : tensor<4xf32> to tensor<2xf32>
    dataflow.yield
  }
  return
}

// -----

func.func @task_results(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
  // expected-error @+1 {{result types must equal the init types}}
  %r = dataflow.task inits(%b : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) -> (!dataflow.itensor<4x2xf32, [2, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
  ^bb0(%x: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>):
    dataflow.yield %x : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>
  }
  return
}

// -----

func.func @task_arguments(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
  // expected-error @+1 {{body arguments must match the inits one to one}}
  %r = dataflow.task inits(%b : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) -> (!dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
    dataflow.yield %b : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>
  }
  return
}

// -----

func.func @task_without_yield(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
  // expected-error @+1 {{body must end with dataflow.yield}}
  dataflow.task {
    llvm.unreachable
  }
  return
}

// -----

func.func @task_yield_type(%b: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>, %h: !dataflow.itensor<4x2xf32, [2, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
  // expected-error @+1 {{yielded types must equal the result types}}
  %r = dataflow.task inits(%b : !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) -> (!dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>) {
  ^bb0(%x: !dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>):
    dataflow.yield %h : !dataflow.itensor<4x2xf32, [2, 2] * [2, 4], (d0, d1) -> (d1, d0)>
  }
  return
}

// -----

func.func @yield_outside() {
  // expected-error @+1 {{expects parent op to be one of 'dataflow.kernel, dataflow.task'}}
  dataflow.yield
}
