//===- DataflowTypes.td - Dataflow types -------------------*- tablegen -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_DIALECT_DATAFLOW_DATAFLOWTYPES_TD
#define STREAMTENSOR_DIALECT_DATAFLOW_DATAFLOWTYPES_TD

include "streamtensor/Dialect/Dataflow/DataflowDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/BuiltinTypeInterfaces.td"

class Dataflow_Type<string name, string typeMnemonic, list<Trait> traits = []>
    : TypeDef<Dataflow_Dialect, name, traits> {
  let mnemonic = typeMnemonic;
}

def Dataflow_ITensorType : Dataflow_Type<"ITensor", "itensor"> {
  let summary = "a tensor streamed as a sequence of tiles in a fixed order";
  let description = [{
    An iterative tensor streams a tensor as tokens. Each token is one element
    (a static tile, written `4x2xf32`, or a vector value, written
    `vector<4x2xi8>`). The iteration space is a loop nest, outermost loop
    first: loop k runs `i_k = 0 .. tripCounts[k] - 1` with index
    `i_k * steps[k]`. Each iteration carries one token whose data offset is
    the iteration map applied to the loop indices. A loop absent from the map
    re-streams the same data (reuse); a data dimension may map to a constant.

    Example: `!dataflow.itensor<4x2xf32, [4, 2] * [2, 4], (d0, d1) -> (d1, d0)>`
    streams an 8x8 tensor as eight 4x2 tiles, column of tiles first.
  }];
  let parameters = (ins
    "::mlir::ShapedType":$element,
    ArrayRefParameter<"int64_t", "trip count of each loop">:$tripCounts,
    ArrayRefParameter<"int64_t", "step of each loop">:$steps,
    "::mlir::AffineMap":$iterMap);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;

  let extraClassDeclaration = [{
    /// Scalar type of the data (f32 for both 4x2xf32 and vector<4x2xf32>).
    ::mlir::Type getDataType() const { return getElement().getElementType(); }
    /// Static shape of one token.
    ::llvm::ArrayRef<int64_t> getElementShape() const {
      return getElement().getShape();
    }
    /// True when tokens are carried as one vector value.
    bool isVectorElement() const {
      return ::llvm::isa<::mlir::VectorType>(getElement());
    }
    unsigned getNumLoops() const { return getTripCounts().size(); }
    unsigned getRank() const { return getElementShape().size(); }

    /// Shape of the whole streamed tensor: per data dimension, the largest
    /// offset over the iteration space plus the element size.
    ::llvm::SmallVector<int64_t> getDataShape() const;
    /// Number of tokens in one pass over the iteration space.
    int64_t getNumTokens() const;
    /// Loop indices (already multiplied by the steps) of the k-th token.
    ::llvm::SmallVector<int64_t> getIterationIndices(int64_t token) const;
    /// Data offset of the k-th token.
    ::llvm::SmallVector<int64_t> getTokenOffset(int64_t token) const;
    /// Loops that appear in no map result: the stream repeats along them.
    ::llvm::SmallVector<unsigned> getReuseLoops() const;
    /// The map is a projected permutation (constant results allowed) and the
    /// step of every mapped loop equals the element size on its dimension, so
    /// tiles neither overlap nor leave gaps.
    bool isRegularTiling() const;
    /// Both types stream the same sequence of (offset, element shape) tokens
    /// of the same data type, possibly written with different loops.
    bool isLayoutEquivalentTo(ITensorType other) const;
    /// Bytes of one token.
    int64_t getElementBytes() const;
    /// Same element and data shape, iteration space replaced.
    ITensorType cloneWithIteration(::llvm::ArrayRef<int64_t> tripCounts,
                                   ::llvm::ArrayRef<int64_t> steps,
                                   ::mlir::AffineMap iterMap) const;
  }];
}

def Dataflow_StreamType : Dataflow_Type<"Stream", "stream"> {
  let summary = "a hardware FIFO of a given depth";
  let description = [{
    A mutable FIFO carrying scalar or vector values. Layout information is
    gone at this level; only the element type and the depth remain.
    Example: `!dataflow.stream<f32, 32>`.
  }];
  let parameters = (ins "::mlir::Type":$elementType, "int64_t":$depth);
  let assemblyFormat = "`<` $elementType `,` $depth `>`";
  let genVerifyDecl = 1;
}

def Dataflow_AnyITensor : Type<CPred<"::llvm::isa<::streamtensor::dataflow::ITensorType>($_self)">,
                               "itensor", "::streamtensor::dataflow::ITensorType">;
def Dataflow_AnyStream : Type<CPred<"::llvm::isa<::streamtensor::dataflow::StreamType>($_self)">,
                              "stream", "::streamtensor::dataflow::StreamType">;

#endif // STREAMTENSOR_DIALECT_DATAFLOW_DATAFLOWTYPES_TD
