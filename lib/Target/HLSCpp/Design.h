//===- Design.h - A lowered dataflow module, checked and named --*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Every emitter starts from the same Design: the module checked against the
// contract of docs/lowered-ir.md (so all of them accept and reject the same
// inputs, with the same diagnostics), the C names of functions, ports and
// streams, the tensors that flow between kernels, and their HBM channels.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_LIB_TARGET_HLSCPP_DESIGN_H
#define STREAMTENSOR_LIB_TARGET_HLSCPP_DESIGN_H

#include "Names.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "streamtensor/Dialect/Dataflow/DataflowOps.h"
#include "streamtensor/Dialect/Dataflow/InterfaceLayout.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <string>
#include <vector>

namespace streamtensor::target {

/// Number of HBM pseudo-channels of the U55C.
constexpr unsigned kNumHBMChannels = 32;

enum class PortKind { Input, Weight, Output };
llvm::StringRef toString(PortKind kind);

/// The C type of a scalar (`float`, `int32_t`, `bool`, ...), or an empty
/// string when the type is not supported.
std::string getCType(mlir::Type type);
/// Integers of 2 to 7 bits: ap_int<W> on chip, packed in external memory.
bool isSubByte(mlir::Type type);
/// The C type of one element of a port holding `element`s: a port of single
/// sub-byte integers (not packed in words) holds one per byte, `int8_t`.
std::string getPortCType(mlir::Type element);
/// The unsigned C type of the same width, for unsigned integer operations.
std::string getUnsignedCType(mlir::Type type);
/// Name of the element type in the parameter file format (`f32`, `i8`).
llvm::StringRef getDTypeName(mlir::Type type);

/// A tensor in external memory, identified by its name across kernels: a
/// kernel output read by a later kernel under the same name is one tensor.
struct Tensor {
  std::string name;
  /// The port's memref: the logical tensor, or for a port with a layout
  /// (`dataflow.layout`) the flat packed tensor, in words when widened.
  mlir::MemRefType type;
  /// The external-memory layout; the user still gives and receives the
  /// row-major tensor of `logicalShape`.
  std::optional<dataflow::InterfaceLayout> layout;
  llvm::SmallVector<int64_t> logicalShape;
  bool weight = false;
  /// Index of the top writing it; -1 when it comes from outside the design.
  int producer = -1;
  /// An output its producer also reads (a cache updated in place): it needs
  /// initial contents like an input.
  bool inOut = false;
  unsigned hbmChannel = 0;
  /// A weight holding a static slice of a user tensor
  /// (`streamtensor.slice_of`): the host fills it from that part of it.
  struct SliceOf {
    std::string source;
    llvm::SmallVector<int64_t> offsets, sizes;
    /// Elements past the source's end are zeros (a padded weight).
    bool zeroPadded = false;
  };
  std::optional<SliceOf> sliceOf;
  /// For an output holding a padded tensor (`streamtensor.valid_shape`):
  /// the leading part of each dimension the user sees; empty otherwise.
  llvm::SmallVector<int64_t> validShape;
  /// Scalar elements of the logical tensor.
  int64_t getNumElements() const;
  /// The scalar element type (the lane type of a widened port).
  mlir::Type getElementType() const;
  /// The element as external memory stores it: sub-byte integers are
  /// packed in the words of a widened port, and take a byte each in a port
  /// read one element at a time.
  mlir::Type getStorageElementType() const;
  /// Elements per memory word.
  int64_t getLanes() const { return layout ? layout->lanes : 1; }
  /// Whether the host reorders elements between the user and the port.
  bool isPacked() const { return layout && layout->packed; }
};

struct Port {
  unsigned index;
  mlir::BlockArgument value;
  unsigned tensor; // index into Design::tensors
  std::string cName;
  PortKind kind;
};

struct ProcessInstance {
  mlir::func::CallOp call;
  mlir::func::FuncOp callee;
  /// Process name in simulation reports, unique within the top.
  std::string name;
};

struct Stream {
  dataflow::StreamOp op;
  /// Channel name in simulation reports (`dataflow.name`).
  std::string name;
  std::string cName;
  dataflow::StreamType type;
  unsigned producer; // index into Top::processes
  unsigned consumer;
};

struct Top {
  mlir::func::FuncOp func;
  std::string cName;
  llvm::SmallVector<Port> ports;
  llvm::SmallVector<ProcessInstance> processes;
  llvm::SmallVector<Stream> streams;
  /// C names of the top's locals (ports, streams) below the global scope.
  NameScope scope;
  explicit Top(const NameScope &globals) : scope(&globals) {}
};

class Design {
public:
  /// Checks `module` against the lowered IR contract; every violation is
  /// reported on its op.
  static mlir::FailureOr<Design> build(mlir::ModuleOp module);

  mlir::ModuleOp module;
  /// Tops in module order, which is also the order the driver and the host
  /// program run them in.
  std::vector<Top> tops;
  /// Process functions in module order, each emitted once.
  llvm::SmallVector<mlir::func::FuncOp> processFuncs;
  std::vector<Tensor> tensors;
  /// C name of every top and process function.
  llvm::DenseMap<mlir::Operation *, std::string> funcNames;
  NameScope globals;

  /// The top named `name`, or the only top when `name` is empty.
  mlir::FailureOr<const Top *> selectTop(llvm::StringRef name) const;
  /// A name for the design in comments and the manifest.
  std::string getName() const;

  Design() = default;
  Design(Design &&) = default;
  Design &operator=(Design &&) = default;
};

} // namespace streamtensor::target

#endif // STREAMTENSOR_LIB_TARGET_HLSCPP_DESIGN_H
