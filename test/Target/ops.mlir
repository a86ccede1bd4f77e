// The C of every scalar op keeps the MLIR semantics: run one process that
// evaluates each op on values loaded from an input port and compare with
// the values MLIR defines (integer wrap-around, unsigned ops, floor and ceil
// division, NaN-ordered comparisons, rounding modes).

// RUN: streamtensor-translate --emit-hlscpp %s -o %t.kernels.cpp
// RUN: FileCheck %s --check-prefix=CPP < %t.kernels.cpp
// RUN: %hls_lint %t.kernels.cpp | FileCheck %s --check-prefix=LINT
// RUN: streamtensor-translate --emit-hls-sim-driver %s -o %t.driver.cpp
// RUN: g++ -std=c++17 -O1 -Wall -Wextra -Werror -Wno-unknown-pragmas -I%sim_include %t.kernels.cpp %t.driver.cpp %sim_lib -lpthread -o %t.sim
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: %python %S/Inputs/tensors.py inputs ops %t.dir
// RUN: %t.sim %t.dir
// RUN: %python %S/Inputs/tensors.py dump %t.dir/ri.out.bin i32 | FileCheck %s --check-prefix=INT
// RUN: %python %S/Inputs/tensors.py dump %t.dir/rf.out.bin f32 | FileCheck %s --check-prefix=FLOAT

// LINT: 2 function(s), 1 dataflow region(s), 0 stream(s): ok

// CPP-LABEL: static void ops_0(int32_t *a, float *f, int32_t *ri, float *rf) {
// Every op here is timed, so the timed simulation can run the process.
// CPP-NOT: STREAMTENSOR_TIMED_UNSUPPORTED
// CPP: int32_t v0 = STREAMTENSOR_LOAD(a, 0);
// CPP: int8_t [[T:v[0-9]+]] = (int8_t)v2;
// CPP: bool [[C:v[0-9]+]] = (uint32_t)v3 < (uint32_t)v1;
// CPP: if ([[C]]) {
// CPP: STREAMTENSOR_STORE(ri, 2) = (v0 / v1) - (((v0 % v1) != 0) && ((v0 < 0) != (v1 < 0)));
// CPP: STREAMTENSOR_STORE(ri, 5) = (int32_t)((uint32_t)v0 % (uint32_t)v1);
// CPP: STREAMTENSOR_STORE(ri, 15) = (int32_t)((int8_t)([[T]] + [[T]]));
// CPP: float buf0[4];
// CPP: #pragma HLS pipeline II=1
// CPP-NEXT: buf1[c0] = buf0[c0];
// CPP: float scalar[1];
// CPP: STREAMTENSOR_STORE(rf, 4) = hls::exp(v{{[0-9]+}});
// CPP: STREAMTENSOR_STORE(rf, 11) = std::nearbyint(v{{[0-9]+}});
// CPP: STREAMTENSOR_STORE(rf, 17) = hls::fmax((-INFINITY), v{{[0-9]+}});

// INT:      -3
// INT-NEXT: -1
// INT-NEXT: -4
// INT-NEXT: -3
// INT-NEXT: 2147483647
// INT-NEXT: 1
// INT-NEXT: 15
// INT-NEXT: -4
// INT-NEXT: -2147483648
// INT-NEXT: -1
// INT-NEXT: 2
// INT-NEXT: 2
// INT-NEXT: -7
// INT-NEXT: -56
// INT-NEXT: 200
// INT-NEXT: -112
// INT-NEXT: 0
// INT-NEXT: 1
// INT-NEXT: -1
// INT-NEXT: 2
// INT-NEXT: -2
// INT-NEXT: 3
// INT-NEXT: 21
// INT-NEXT: 4
// INT-NEXT: 7
// INT-NEXT: 6
// INT-NEXT: 249
// INT-NEXT: 1
// INT-NEXT: 0
// INT-NEXT: 1
// INT-NEXT: 5
// INT-NEXT: 7
// INT-EMPTY:

// FLOAT:      -7
// FLOAT-NEXT: 2
// FLOAT-NEXT: 2.5
// FLOAT-NEXT: 0.5
// FLOAT-NEXT: 1.648721
// FLOAT-NEXT: 1.732051
// FLOAT-NEXT: 0.5773503
// FLOAT-NEXT: 2.5
// FLOAT-NEXT: -3
// FLOAT-NEXT: -2
// FLOAT-NEXT: -3
// FLOAT-NEXT: -2
// FLOAT-NEXT: -2
// FLOAT-NEXT: 0.4621172
// FLOAT-NEXT: 1.732051
// FLOAT-NEXT: 1.75
// FLOAT-NEXT: 0.75
// FLOAT-NEXT: -2.5
// FLOAT-NEXT: -2.5
// FLOAT-NEXT: 2.5
// FLOAT-NEXT: 0.5
// FLOAT-NEXT: 0.5
// FLOAT-EMPTY:

func.func @ops(%a: memref<5xi32> {dataflow.port = 0 : i64, streamtensor.name = "a", streamtensor.kind = "input"},
               %f: memref<3xf32> {dataflow.port = 1 : i64, streamtensor.name = "f", streamtensor.kind = "input"},
               %ri: memref<32xi32> {dataflow.port = 2 : i64, streamtensor.name = "ri", streamtensor.kind = "output"},
               %rf: memref<22xf32> {dataflow.port = 3 : i64, streamtensor.name = "rf", streamtensor.kind = "output"})
    attributes {dataflow.top} {
  func.call @ops_0(%a, %f, %ri, %rf) : (memref<5xi32>, memref<3xf32>, memref<32xi32>, memref<22xf32>) -> ()
  return
}

// a = [-7, 2, 200, -1, 7], f = [-2.5, 0.5, 3.0]
func.func private @ops_0(%a: memref<5xi32>, %f: memref<3xf32>, %ri: memref<32xi32>, %rf: memref<22xf32>) attributes {dataflow.process} {
  %i0 = arith.constant 0 : index
  %i1 = arith.constant 1 : index
  %i2 = arith.constant 2 : index
  %i3 = arith.constant 3 : index
  %i4 = arith.constant 4 : index
  %m7 = memref.load %a[%i0] : memref<5xi32>
  %two = memref.load %a[%i1] : memref<5xi32>
  %big = memref.load %a[%i2] : memref<5xi32>
  %m1 = memref.load %a[%i3] : memref<5xi32>
  %seven = memref.load %a[%i4] : memref<5xi32>
  %c1 = arith.constant 1 : i32
  %c3 = arith.constant 3 : i32
  %c28 = arith.constant 28 : i32
  %c31 = arith.constant 31 : i32
  %c255 = arith.constant 255 : i32

  %r0 = arith.divsi %m7, %two : i32
  %r1 = arith.remsi %m7, %two : i32
  %r2 = arith.floordivsi %m7, %two : i32
  %r3 = arith.ceildivsi %m7, %two : i32
  %r4 = arith.divui %m1, %two : i32
  %r5 = arith.remui %m7, %two : i32
  %r6 = arith.shrui %m1, %c28 : i32
  %r7 = arith.shrsi %m7, %c1 : i32
  %r8 = arith.shli %m1, %c31 : i32
  %r9 = arith.maxui %m1, %two : i32
  %r10 = arith.minui %m1, %two : i32
  %r11 = arith.maxsi %m7, %two : i32
  %r12 = arith.minsi %m7, %two : i32
  %t8 = arith.trunci %big : i32 to i8
  %r13 = arith.extsi %t8 : i8 to i32
  %r14 = arith.extui %t8 : i8 to i32
  %sum8 = arith.addi %t8, %t8 : i8
  %r15 = arith.extsi %sum8 : i8 to i32
  %ult = arith.cmpi ult, %m1, %two : i32
  %r16 = arith.extui %ult : i1 to i32
  %slt = arith.cmpi slt, %m1, %two : i32
  %r17 = arith.extui %slt : i1 to i32
  %r18 = arith.extsi %slt : i1 to i32
  %sgt = arith.cmpi sgt, %m7, %two : i32
  %r19 = arith.select %sgt, %m7, %two : i32
  %fm = memref.load %f[%i0] : memref<3xf32>
  %fh = memref.load %f[%i1] : memref<3xf32>
  %f3 = memref.load %f[%i2] : memref<3xf32>
  %r20 = arith.fptosi %fm : f32 to i32
  %r21 = arith.fptoui %f3 : f32 to i32
  %idx = arith.index_cast %seven : i32 to index
  %idx3 = arith.muli %idx, %i3 : index
  %r22 = arith.index_cast %idx3 : index to i32
  %r23 = arith.ceildivui %seven, %two : i32
  %r24 = math.absi %m7 : i32
  %allones = arith.constant -1 : i32
  %r25 = arith.xori %m7, %allones : i32
  %r26 = arith.andi %m7, %c255 : i32
  %ord = arith.cmpf ult, %fm, %fh : f32
  %r27 = arith.extui %ord : i1 to i32
  %nan = arith.constant 0x7FC00000 : f32
  %uno = arith.cmpf oeq, %nan, %nan : f32
  %r28 = arith.extui %uno : i1 to i32
  %une = arith.cmpf une, %nan, %nan : f32
  %r29 = arith.extui %une : i1 to i32
  %r30 = scf.if %ult -> i32 {
    scf.yield %c3 : i32
  } else {
    %five = arith.addi %two, %c3 : i32
    scf.yield %five : i32
  }
  %t1 = arith.trunci %seven : i32 to i1
  %r31 = scf.if %t1 -> i32 {
    scf.yield %seven : i32
  } else {
    scf.yield %c3 : i32
  }
    %k0 = arith.constant 0 : index
  memref.store %r0, %ri[%k0] : memref<32xi32>
  %k1 = arith.constant 1 : index
  memref.store %r1, %ri[%k1] : memref<32xi32>
  %k2 = arith.constant 2 : index
  memref.store %r2, %ri[%k2] : memref<32xi32>
  %k3 = arith.constant 3 : index
  memref.store %r3, %ri[%k3] : memref<32xi32>
  %k4 = arith.constant 4 : index
  memref.store %r4, %ri[%k4] : memref<32xi32>
  %k5 = arith.constant 5 : index
  memref.store %r5, %ri[%k5] : memref<32xi32>
  %k6 = arith.constant 6 : index
  memref.store %r6, %ri[%k6] : memref<32xi32>
  %k7 = arith.constant 7 : index
  memref.store %r7, %ri[%k7] : memref<32xi32>
  %k8 = arith.constant 8 : index
  memref.store %r8, %ri[%k8] : memref<32xi32>
  %k9 = arith.constant 9 : index
  memref.store %r9, %ri[%k9] : memref<32xi32>
  %k10 = arith.constant 10 : index
  memref.store %r10, %ri[%k10] : memref<32xi32>
  %k11 = arith.constant 11 : index
  memref.store %r11, %ri[%k11] : memref<32xi32>
  %k12 = arith.constant 12 : index
  memref.store %r12, %ri[%k12] : memref<32xi32>
  %k13 = arith.constant 13 : index
  memref.store %r13, %ri[%k13] : memref<32xi32>
  %k14 = arith.constant 14 : index
  memref.store %r14, %ri[%k14] : memref<32xi32>
  %k15 = arith.constant 15 : index
  memref.store %r15, %ri[%k15] : memref<32xi32>
  %k16 = arith.constant 16 : index
  memref.store %r16, %ri[%k16] : memref<32xi32>
  %k17 = arith.constant 17 : index
  memref.store %r17, %ri[%k17] : memref<32xi32>
  %k18 = arith.constant 18 : index
  memref.store %r18, %ri[%k18] : memref<32xi32>
  %k19 = arith.constant 19 : index
  memref.store %r19, %ri[%k19] : memref<32xi32>
  %k20 = arith.constant 20 : index
  memref.store %r20, %ri[%k20] : memref<32xi32>
  %k21 = arith.constant 21 : index
  memref.store %r21, %ri[%k21] : memref<32xi32>
  %k22 = arith.constant 22 : index
  memref.store %r22, %ri[%k22] : memref<32xi32>
  %k23 = arith.constant 23 : index
  memref.store %r23, %ri[%k23] : memref<32xi32>
  %k24 = arith.constant 24 : index
  memref.store %r24, %ri[%k24] : memref<32xi32>
  %k25 = arith.constant 25 : index
  memref.store %r25, %ri[%k25] : memref<32xi32>
  %k26 = arith.constant 26 : index
  memref.store %r26, %ri[%k26] : memref<32xi32>
  %k27 = arith.constant 27 : index
  memref.store %r27, %ri[%k27] : memref<32xi32>
  %k28 = arith.constant 28 : index
  memref.store %r28, %ri[%k28] : memref<32xi32>
  %k29 = arith.constant 29 : index
  memref.store %r29, %ri[%k29] : memref<32xi32>
  %k30 = arith.constant 30 : index
  memref.store %r30, %ri[%k30] : memref<32xi32>
  %k31 = arith.constant 31 : index
  memref.store %r31, %ri[%k31] : memref<32xi32>

  %fneg7 = arith.sitofp %m7 : i32 to f32
  %fu2 = arith.uitofp %two : i32 to f32
  %fneg = arith.negf %fm : f32
  %fmax = arith.maximumf %fm, %fh : f32
  %fexp = math.exp %fh : f32
  %fsqrt = math.sqrt %f3 : f32
  %frsqrt = math.rsqrt %f3 : f32
  %fabs = math.absf %fm : f32
  %ffloor = math.floor %fm : f32
  %fceil = math.ceil %fm : f32
  %fround = math.round %fm : f32
  %feven = math.roundeven %fm : f32
  %ftrunc = math.trunc %fm : f32
  %ftanh = math.tanh %fh : f32
  %fpow = math.powf %f3, %fh : f32
  %ffma = math.fma %fm, %fh, %f3 : f32
  %dh = arith.extf %fh : f32 to f64
  %quarter = arith.constant 0.25 : f64
  %dsum = arith.addf %dh, %quarter : f64
  %fsum = arith.truncf %dsum : f64 to f32
  %ninf = arith.constant 0xFF800000 : f32
  %fmaxnum = arith.maxnumf %ninf, %fm : f32
  %buf = memref.alloca() : memref<4xf32>
  %copy = memref.alloca() : memref<4xf32>
  memref.store %fm, %buf[%i0] : memref<4xf32>
  memref.store %fabs, %buf[%i1] : memref<4xf32>
  memref.copy %buf, %copy : memref<4xf32> to memref<4xf32>
  %c0v = memref.load %copy[%i0] : memref<4xf32>
  %c1v = memref.load %copy[%i1] : memref<4xf32>
  %scalar = memref.alloca() {dataflow.name = "scalar"} : memref<f32>
  memref.store %fh, %scalar[] : memref<f32>
  %sv = memref.load %scalar[] : memref<f32>
  %frem = arith.remf %f3, %fm : f32
  memref.store %fneg7, %rf[%k0] : memref<22xf32>
  memref.store %fu2, %rf[%k1] : memref<22xf32>
  memref.store %fneg, %rf[%k2] : memref<22xf32>
  memref.store %fmax, %rf[%k3] : memref<22xf32>
  memref.store %fexp, %rf[%k4] : memref<22xf32>
  memref.store %fsqrt, %rf[%k5] : memref<22xf32>
  memref.store %frsqrt, %rf[%k6] : memref<22xf32>
  memref.store %fabs, %rf[%k7] : memref<22xf32>
  memref.store %ffloor, %rf[%k8] : memref<22xf32>
  memref.store %fceil, %rf[%k9] : memref<22xf32>
  memref.store %fround, %rf[%k10] : memref<22xf32>
  memref.store %feven, %rf[%k11] : memref<22xf32>
  memref.store %ftrunc, %rf[%k12] : memref<22xf32>
  memref.store %ftanh, %rf[%k13] : memref<22xf32>
  memref.store %fpow, %rf[%k14] : memref<22xf32>
  memref.store %ffma, %rf[%k15] : memref<22xf32>
  memref.store %fsum, %rf[%k16] : memref<22xf32>
  memref.store %fmaxnum, %rf[%k17] : memref<22xf32>
  memref.store %c0v, %rf[%k18] : memref<22xf32>
  memref.store %c1v, %rf[%k19] : memref<22xf32>
  memref.store %sv, %rf[%k20] : memref<22xf32>
  memref.store %frem, %rf[%k21] : memref<22xf32>
  return
}
