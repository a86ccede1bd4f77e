//===- DataflowOps.td - Dataflow operations ----------------*- tablegen -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_DIALECT_DATAFLOW_DATAFLOWOPS_TD
#define STREAMTENSOR_DIALECT_DATAFLOW_DATAFLOWOPS_TD

include "streamtensor/Dialect/Dataflow/DataflowTypes.td"
include "mlir/IR/OpBase.td"
include "mlir/IR/RegionKindInterface.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

class Dataflow_Op<string mnemonic, list<Trait> traits = []>
    : Op<Dataflow_Dialect, mnemonic, traits>;

//===----------------------------------------------------------------------===//
// itensor operations
//===----------------------------------------------------------------------===//

def Dataflow_ITensorEmptyOp : Dataflow_Op<"itensor_empty", [Pure]> {
  let summary = "placeholder itensor, the destination of a stream to be written";
  let results = (outs Dataflow_AnyITensor:$result);
  let assemblyFormat = "attr-dict `:` qualified(type($result))";
}

def Dataflow_ITensorInstanceOp : Dataflow_Op<"itensor_instance",
    [MemoryEffects<[MemAlloc]>]> {
  let summary = "one physical FIFO carrying an itensor";
  let description = [{
    Unlike `itensor_empty`, an instance is not pure: two instances are two
    FIFOs and are never merged. It is lowered to `dataflow.stream`.
  }];
  let results = (outs Dataflow_AnyITensor:$result);
  let assemblyFormat = "attr-dict `:` qualified(type($result))";
}

def Dataflow_ITensorReadOp : Dataflow_Op<"itensor_read",
    [MemoryEffects<[MemRead, MemWrite]>]> {
  let summary = "pull the next token from an itensor";
  let description = [{
    Reads the token the enclosing loop nest is at. A tile token is stored
    into `init`, which must then be present and of the value's type; a vector
    or scalar token takes no init.
  }];
  let arguments = (ins Dataflow_AnyITensor:$source,
                       Optional<AnyRankedTensor>:$init);
  let results = (outs AnyType:$value);
  let assemblyFormat = [{
    $source (`init` $init^ `:` qualified(type($init)))? attr-dict `:` qualified(type($source)) `->` qualified(type($value))
  }];
  let hasVerifier = 1;
}

def Dataflow_ITensorWriteOp : Dataflow_Op<"itensor_write",
    [MemoryEffects<[MemWrite]>, AllTypesMatch<["dest", "result"]>]> {
  let summary = "push a token into an itensor";
  let arguments = (ins AnyType:$value, Dataflow_AnyITensor:$dest);
  let results = (outs Dataflow_AnyITensor:$result);
  let assemblyFormat = [{
    $value `into` $dest attr-dict `:` qualified(type($value)) `->` qualified(type($dest))
  }];
  let hasVerifier = 1;
}

class Dataflow_UnaryITensorOp<string mnemonic, list<Trait> traits = []>
    : Dataflow_Op<mnemonic, traits> {
  let arguments = (ins Dataflow_AnyITensor:$source);
  let results = (outs Dataflow_AnyITensor:$result);
  let assemblyFormat = "$source attr-dict `:` qualified(type($source)) `->` qualified(type($result))";
  let hasVerifier = 1;
}

def Dataflow_ITensorCastOp : Dataflow_UnaryITensorOp<"itensor_cast", [Pure]> {
  let summary = "reinterpret an itensor type without changing its stream";
  let description = [{
    Source and result must be layout-equivalent: they stream the identical
    sequence of (data offset, element shape) tokens, for example the same
    loop written as two nested loops.
  }];
  let hasFolder = 1;
}

def Dataflow_ITensorReassociateOp
    : Dataflow_UnaryITensorOp<"itensor_reassociate", [Pure]> {
  let summary = "reshape the element and/or the iteration space of an itensor";
  let description = [{
    The stream of tokens is reinterpreted token by token: both sides carry
    the same number of tokens, each of the same number of scalars, and the
    same total data. Lowered from tensor.expand_shape / collapse_shape.
  }];
}

def Dataflow_ITensorConverterOp
    : Dataflow_UnaryITensorOp<"itensor_converter", [Pure]> {
  let summary = "reorder a stream through a local ping-pong buffer";
  let description = [{
    Converts the stream order of `source` into that of `result` (same data
    shape and type). `--dataflow-size-converters` records `buffer_shape`, the
    shape of one of the two ping-pong halves, and `buffer_loop_level`, how
    many shared outer loops enclose the buffer (0: whole tensor buffered).
  }];
  let arguments = (ins Dataflow_AnyITensor:$source,
                       OptionalAttr<DenseI64ArrayAttr>:$buffer_shape,
                       OptionalAttr<I64Attr>:$buffer_loop_level);
  let hasFolder = 1;
}

def Dataflow_ITensorChunkOp : Dataflow_Op<"itensor_chunk", [Pure]> {
  let summary = "split an itensor along one data dimension";
  let arguments = (ins Dataflow_AnyITensor:$source, I64Attr:$dim);
  let results = (outs Variadic<Dataflow_AnyITensor>:$results);
  let assemblyFormat = [{
    $source `along` $dim attr-dict `:` qualified(type($source)) `->` qualified(type($results))
  }];
  let hasVerifier = 1;
}

def Dataflow_ITensorConcatOp : Dataflow_Op<"itensor_concat", [Pure]> {
  let summary = "concatenate itensors along one data dimension";
  let arguments = (ins Variadic<Dataflow_AnyITensor>:$sources, I64Attr:$dim);
  let results = (outs Dataflow_AnyITensor:$result);
  let assemblyFormat = [{
    $sources `along` $dim attr-dict `:` qualified(type($sources)) `->` qualified(type($result))
  }];
  let hasVerifier = 1;
}

def Dataflow_ITensorForkOp : Dataflow_Op<"itensor_fork", [Pure]> {
  let summary = "duplicate a stream to several consumers";
  let arguments = (ins Dataflow_AnyITensor:$source);
  let results = (outs Variadic<Dataflow_AnyITensor>:$results);
  let assemblyFormat = "$source attr-dict `:` qualified(type($source)) `->` qualified(type($results))";
  let hasVerifier = 1;
}

def Dataflow_ITensorJoinOp : Dataflow_Op<"itensor_join", [Pure]> {
  let summary = "merge streams token by token, round-robin";
  let arguments = (ins Variadic<Dataflow_AnyITensor>:$sources);
  let results = (outs Dataflow_AnyITensor:$result);
  let assemblyFormat = "$sources attr-dict `:` qualified(type($sources)) `->` qualified(type($result))";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// stream and buffer operations
//===----------------------------------------------------------------------===//

def Dataflow_ITensorToStreamOp : Dataflow_Op<"itensor_to_stream", [Pure]> {
  let summary = "view an itensor as a FIFO (removed by bufferization)";
  let arguments = (ins Dataflow_AnyITensor:$source);
  let results = (outs Dataflow_AnyStream:$result);
  let assemblyFormat = "$source attr-dict `:` qualified(type($source)) `->` qualified(type($result))";
  let hasVerifier = 1;
}

def Dataflow_StreamToITensorOp : Dataflow_Op<"stream_to_itensor", [Pure]> {
  let summary = "view a FIFO as an itensor (removed by bufferization)";
  let arguments = (ins Dataflow_AnyStream:$source);
  let results = (outs Dataflow_AnyITensor:$result);
  let assemblyFormat = "$source attr-dict `:` qualified(type($source)) `->` qualified(type($result))";
  let hasVerifier = 1;
}

def Dataflow_StreamOp : Dataflow_Op<"stream", [MemoryEffects<[MemAlloc]>]> {
  let summary = "a FIFO of the depth given by its type";
  let results = (outs Dataflow_AnyStream:$result);
  let assemblyFormat = "attr-dict `:` qualified(type($result))";
}

def Dataflow_StreamReadOp : Dataflow_Op<"stream_read",
    [MemoryEffects<[MemRead, MemWrite]>]> {
  let summary = "pop a value from a FIFO";
  let arguments = (ins Dataflow_AnyStream:$source);
  let results = (outs AnyType:$value);
  let assemblyFormat = "$source attr-dict `:` qualified(type($source)) `->` qualified(type($value))";
  let hasVerifier = 1;
}

def Dataflow_StreamWriteOp : Dataflow_Op<"stream_write",
    [MemoryEffects<[MemWrite]>]> {
  let summary = "push a value into a FIFO";
  let arguments = (ins AnyType:$value, Dataflow_AnyStream:$dest);
  let assemblyFormat = [{
    $value `into` $dest attr-dict `:` qualified(type($value)) `->` qualified(type($dest))
  }];
  let hasVerifier = 1;
}

def Dataflow_StreamCastOp : Dataflow_Op<"stream_cast", [Pure]> {
  let summary = "change the depth of a FIFO view; the element type is kept";
  let arguments = (ins Dataflow_AnyStream:$source);
  let results = (outs Dataflow_AnyStream:$result);
  let assemblyFormat = "$source attr-dict `:` qualified(type($source)) `->` qualified(type($result))";
  let hasVerifier = 1;
}

def Dataflow_BufferOp : Dataflow_Op<"buffer", [MemoryEffects<[MemAlloc]>]> {
  let summary = "an on-chip multi-buffer (ping-pong when depth is 2)";
  let arguments = (ins ConfinedAttr<DefaultValuedAttr<I64Attr, "2">,
                                    [IntMinValue<1>]>:$depth);
  let results = (outs AnyStaticShapeMemRef:$result);
  let assemblyFormat = "attr-dict `:` qualified(type($result))";
}

//===----------------------------------------------------------------------===//
// structure operations
//===----------------------------------------------------------------------===//

def Dataflow_KernelOp : Dataflow_Op<"kernel",
    [IsolatedFromAbove, SingleBlock, RecursiveMemoryEffects]> {
  let summary = "a dataflow accelerator: a graph of tasks behind external memory";
  let description = [{
    Operands and results are tensors in external memory. Each entry block
    argument is either the tensor itself or an itensor over the same data:
    the implicit tensor-to-itensor conversion is a DMA, materialized later.
    Likewise each yielded itensor is written back by a DMA.
  }];
  let arguments = (ins Variadic<AnyRankedTensor>:$sources,
                       OptionalAttr<StrAttr>:$sym_name);
  let results = (outs Variadic<AnyRankedTensor>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    ($sym_name^)? (`ins` `(` $sources^ `:` qualified(type($sources)) `)`)?
    (`->` `(` qualified(type($results))^ `)`)? attr-dict-with-keyword $body
  }];
  let hasRegionVerifier = 1;
}

def Dataflow_TaskOp : Dataflow_Op<"task", [SingleBlock, RecursiveMemoryEffects]> {
  let summary = "a process of the dataflow graph";
  let description = [{
    Outputs are pushed into the `inits` (itensors or tensors), seen in the
    body as the entry block arguments; the results are the updated inits.
    Tasks may nest to form a multi-level dataflow.
  }];
  let arguments = (ins Variadic<AnyType>:$inits,
                       OptionalAttr<StrAttr>:$sym_name);
  let results = (outs Variadic<AnyType>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    ($sym_name^)? (`inits` `(` $inits^ `:` qualified(type($inits)) `)`)?
    (`->` `(` qualified(type($results))^ `)`)? attr-dict-with-keyword $body
  }];
  let hasRegionVerifier = 1;
}

def Dataflow_YieldOp : Dataflow_Op<"yield",
    [Pure, Terminator, ReturnLike, ParentOneOf<["KernelOp", "TaskOp"]>]> {
  let summary = "return the outputs of a kernel or task";
  let arguments = (ins Variadic<AnyType>:$outputs);
  let assemblyFormat = "attr-dict ($outputs^ `:` qualified(type($outputs)))?";
}

#endif // STREAMTENSOR_DIALECT_DATAFLOW_DATAFLOWOPS_TD
