//===- DataflowGraphJSON.h - Dataflow graphs as JSON documents -*- C++ -*-===//
//
// Reads and writes the graph format of `streamtensor-fifo` (schema in
// docs/fifo-sizing.md). Reading validates everything the model relies on;
// errors carry the JSON path of the offending value.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_ANALYSIS_DATAFLOWGRAPHJSON_H
#define STREAMTENSOR_ANALYSIS_DATAFLOWGRAPHJSON_H

#include "streamtensor/Analysis/DataflowGraph.h"

#include "llvm/Support/raw_ostream.h"

namespace streamtensor {

llvm::Expected<DataflowGraph> parseDataflowGraph(llvm::StringRef text,
                                                 llvm::StringRef bufferName);

/// Reads a graph from a file ("-" for standard input).
llvm::Expected<DataflowGraph> loadDataflowGraph(llvm::StringRef path);

/// Writes the graph in the format parseDataflowGraph() reads.
void printDataflowGraph(const DataflowGraph &graph, llvm::raw_ostream &os);

} // namespace streamtensor

#endif // STREAMTENSOR_ANALYSIS_DATAFLOWGRAPHJSON_H
