// Ports of 4-bit integers hold them packed, 128 to a 512-bit word: the
// kernel takes ap_uint<512> words and reads a lane as its bit range,
// sign-extended; the simulation driver packs the one-byte-per-element input
// file into those words. Lane i of word w is element 128 * w + i. A port
// read one element at a time (`scattered`, the same codes) holds one code a
// byte: packed, two elements would share an address and no burst would
// form.

// RUN: streamtensor-translate --emit-hlscpp %s -o %t.kernels.cpp
// RUN: FileCheck %s --check-prefix=CPP < %t.kernels.cpp
// RUN: %hls_lint %t.kernels.cpp
// RUN: streamtensor-translate --emit-hls-sim-driver %s -o %t.driver.cpp
// RUN: FileCheck %s --check-prefix=DRIVER < %t.driver.cpp
// RUN: streamtensor-translate --emit-manifest %s | FileCheck %s --check-prefix=MANIFEST
// RUN: g++ -std=c++17 -O1 -Wall -Wextra -Werror -Wno-unknown-pragmas -I%sim_include %t.kernels.cpp %t.driver.cpp %sim_lib -lpthread -o %t.sim
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: %python -c "import numpy as np; (np.arange(256) % 16 - 8).astype('i1').tofile('%t.dir/codes.bin'); (np.arange(256) % 16 - 8).astype('i1').tofile('%t.dir/scattered.bin')"
// RUN: %t.sim %t.dir
// RUN: %python %S/Inputs/tensors.py dump %t.dir/y.out.bin i32 | FileCheck %s --check-prefix=VALUES

// CPP: #include <ap_int.h>
// CPP-LABEL: static void unpack_0(ap_uint<512> *codes, int8_t *scattered, int32_t *y) {
// CPP: ap_uint<512> [[W:v[0-9]+]] = STREAMTENSOR_LOAD(codes, {{.+}});
// CPP: ap_int<4> [[L:v[0-9]+]] = ap_int<4>([[W]].range((i1) * 4 + 3, (i1) * 4));
// CPP: ap_uint<512> [[LAST:v[0-9]+]] = STREAMTENSOR_LOAD(codes, 1);
// CPP: ap_int<4> {{v[0-9]+}} = ap_int<4>([[LAST]].range(511, 508));
// CPP: ap_int<4> {{v[0-9]+}} = ap_int<4>(STREAMTENSOR_LOAD(scattered, 255));
// CPP: extern "C" void unpack(ap_uint<512> *codes, int8_t *scattered, int32_t *y) {
// CPP: #pragma HLS interface m_axi port=scattered bundle=gmem1 offset=slave depth=256

// DRIVER: PortBuffer<int8_t> codes = readTensor<int8_t>(dir, "codes", 256, "i4");
// DRIVER: PortBuffer<int8_t> scattered = readTensor<int8_t>(dir, "scattered", 256, "i8");
// DRIVER: PortBuffer<std::uint8_t> codes_bits = packBits(codes, 4);
// DRIVER-NOT: scattered_bits
// DRIVER: unpack(reinterpret_cast<ap_uint<512> *>(codes_bits.data()), scattered.data(), y.data());

// MANIFEST: "dtype": "i4"
// MANIFEST: "vector_lanes": 128
// MANIFEST-NEXT: "word_bits": 512
// MANIFEST: "dtype": "i8"
// MANIFEST: "name": "scattered"

// The codes run -8, -7, ..., 7 and again; output 256 is the last lane of
// word 1 (7) times 1000 plus lane 0 of word 1 (-8); output 257 is element
// 255 of the scattered port (7) times 100 plus its element 2 (-6).
// VALUES: -8
// VALUES-NEXT: -7
// VALUES: 7
// VALUES-NEXT: -8
// VALUES: {{^}}6992{{$}}
// VALUES-NEXT: {{^}}694{{$}}
func.func @unpack(%codes: memref<2xvector<128xi4>> {dataflow.port = 0 : i64, streamtensor.name = "codes", streamtensor.kind = "weight",
                    dataflow.layout = {contiguous = true, inner_tiles = array<i64: 128>, lanes = 128 : i64, logical_shape = array<i64: 256>, outer_dims_perm = array<i64: 0>, packed = false, reason = "row-major order is already the tile order", run = 256 : i64, shape = array<i64: 256>}},
                  %scattered: memref<256xi4> {dataflow.port = 1 : i64, streamtensor.name = "scattered", streamtensor.kind = "weight"},
                  %y: memref<258xi32> {dataflow.port = 2 : i64, streamtensor.name = "y", streamtensor.kind = "output"})
    attributes {dataflow.top} {
  func.call @unpack_0(%codes, %scattered, %y) : (memref<2xvector<128xi4>>, memref<256xi4>, memref<258xi32>) -> ()
  return
}

func.func private @unpack_0(%codes: memref<2xvector<128xi4>>, %scattered: memref<256xi4>, %y: memref<258xi32>) attributes {dataflow.process} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c128 = arith.constant 128 : index
  %c256 = arith.constant 256 : index
  %k = arith.constant 1000 : i32
  scf.for %w = %c0 to %c2 step %c1 {
    %word = memref.load %codes[%w] : memref<2xvector<128xi4>>
    scf.for %i = %c0 to %c128 step %c1 {
      %lane = vector.extract %word[%i] : i4 from vector<128xi4>
      %wide = arith.extsi %lane : i4 to i32
      %base = arith.muli %w, %c128 : index
      %at = arith.addi %base, %i : index
      memref.store %wide, %y[%at] : memref<258xi32>
    } {dataflow.pipeline_ii = 1 : i64}
  }
  %last = memref.load %codes[%c1] : memref<2xvector<128xi4>>
  %hi = vector.extract %last[127] : i4 from vector<128xi4>
  %lo = vector.extract %last[0] : i4 from vector<128xi4>
  %hi32 = arith.extsi %hi : i4 to i32
  %lo32 = arith.extsi %lo : i4 to i32
  %scaled = arith.muli %hi32, %k : i32
  %sum = arith.addi %scaled, %lo32 : i32
  memref.store %sum, %y[%c256] : memref<258xi32>
  %c255 = arith.constant 255 : index
  %c257 = arith.constant 257 : index
  %e255 = memref.load %scattered[%c255] : memref<256xi4>
  %e2 = memref.load %scattered[%c2] : memref<256xi4>
  %w255 = arith.extsi %e255 : i4 to i32
  %w2 = arith.extsi %e2 : i4 to i32
  %h = arith.constant 100 : i32
  %s255 = arith.muli %w255, %h : i32
  %t = arith.addi %s255, %w2 : i32
  memref.store %t, %y[%c257] : memref<258xi32>
  return
}
