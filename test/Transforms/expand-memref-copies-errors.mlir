// RUN: streamtensor-opt %s --streamtensor-expand-memref-copies -verify-diagnostics

func.func @dynamic(%src: memref<?xf32>, %dst: memref<?xf32>) {
  // expected-error @+1 {{copies of dynamically shaped memrefs cannot be expanded into loops}}
  memref.copy %src, %dst : memref<?xf32> to memref<?xf32>
  return
}
