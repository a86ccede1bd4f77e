//===- DataflowGraphTest.cpp - Graph validation and JSON ------------------===//

#include "TestGraphs.h"

#include "streamtensor/Analysis/DataflowGraphJSON.h"
#include "streamtensor/Analysis/DataflowGraphRandom.h"

#include "gtest/gtest.h"

using namespace streamtensor;
using llvm::Expected;
using namespace streamtensor::testing;

namespace {

const char *kFigure8 = R"({
  "kernels": [{"name": "source", "latency": 8},
              {"name": "target", "latency": 10}],
  "edges": [{"from": "source", "to": "target", "tokens": 5,
             "initial_delay": 3, "producer_ii": 1, "consumer_ii": 2}]
})";

std::string parseError(llvm::StringRef text) {
  Expected<DataflowGraph> graph = parseDataflowGraph(text, "g.json");
  if (graph)
    return "";
  return toString(graph.takeError());
}

/// kFigure8 with one substring replaced.
std::string editFigure8(llvm::StringRef from, llvm::StringRef to) {
  std::string text = kFigure8;
  size_t at = text.find(from.str());
  EXPECT_NE(at, std::string::npos) << from.str();
  if (at != std::string::npos)
    text.replace(at, from.size(), to.str());
  return text;
}

TEST(DataflowGraphJSON, ParsesFigure8) {
  Expected<DataflowGraph> graph = parseDataflowGraph(kFigure8, "g.json");
  ASSERT_TRUE(bool(graph)) << toString(graph.takeError());
  ASSERT_EQ(graph->getNumKernels(), 2u);
  ASSERT_EQ(graph->getNumEdges(), 1u);
  const DataflowEdge &edge = graph->getEdge(0);
  EXPECT_EQ(edge.tokens, 5);
  EXPECT_EQ(edge.initialDelay, 3);
  EXPECT_EQ(edge.producerII, 1);
  EXPECT_EQ(edge.consumerII, 2);
  EXPECT_EQ(edge.tokenBytes, 4);
  EXPECT_EQ(graph->describeEdge(0), "source -> target");
}

TEST(DataflowGraphJSON, RoundTrip) {
  DataflowGraph original = generateRandomGraph(7);
  std::string text;
  llvm::raw_string_ostream os(text);
  printDataflowGraph(original, os);
  Expected<DataflowGraph> parsed = parseDataflowGraph(text, "random.json");
  ASSERT_TRUE(bool(parsed)) << toString(parsed.takeError());
  std::string again;
  llvm::raw_string_ostream os2(again);
  printDataflowGraph(*parsed, os2);
  EXPECT_EQ(text, again);
}

TEST(DataflowGraphJSON, ErrorsNameTheJSONPath) {
  EXPECT_EQ(parseError(editFigure8("\"to\": \"target\"", "\"to\": \"tgt\"")),
            "g.json: $.edges[0].to: unknown kernel 'tgt'");
  EXPECT_EQ(parseError(editFigure8("\"tokens\": 5", "\"tokens\": -5")),
            "g.json: $.edges[0].tokens: expected an integer in [1, "
            "1099511627776], got -5");
  EXPECT_EQ(parseError(editFigure8("\"consumer_ii\": 2", "\"consumer_ii\": 0")),
            "g.json: $.edges[0].consumer_ii: expected an integer in [1, "
            "219902325555], got 0");
  EXPECT_EQ(parseError(editFigure8("\"tokens\": 5", "\"tokens\": 2.5")),
            "g.json: $.edges[0].tokens: expected an integer in [1, "
            "1099511627776], got 2.5");
  EXPECT_EQ(parseError(editFigure8("\"producer_ii\": 1, ", "")),
            "g.json: $.edges[0].producer_ii: missing required field");
  EXPECT_EQ(parseError(editFigure8("\"tokens\"", "\"tokns\"")).substr(0, 46),
            "g.json: $.edges[0].tokns: unknown field (expec");
  EXPECT_EQ(parseError(editFigure8("\"name\": \"target\"", "\"name\": \"source\"")),
            "g.json: $.kernels[1].name: duplicate kernel name 'source' (also "
            "$.kernels[0])");
  EXPECT_EQ(parseError(editFigure8("\"latency\": 8", "\"latency\": 6")),
            "g.json: $.kernels[0].latency: latency 6 of kernel 'source' is "
            "shorter than its own schedule: its last token on edge 0 (source "
            "-> target) is readable at cycle 7");
  EXPECT_EQ(parseError(editFigure8("\"from\": \"source\"", "\"from\": \"hbm:1\"")),
            "g.json: $.edges[0].initial_delay: not allowed on a DMA edge: the "
            "HBM model sets the producer timing");
  EXPECT_EQ(parseError(editFigure8("\"from\": \"source\"", "\"from\": \"hbm:x\"")),
            "g.json: $.edges[0].from: expected 'hbm:N' with a channel number N "
            "in [0, 1023], got 'hbm:x'");
  EXPECT_EQ(parseError(editFigure8("\"edges\": [", "\"edges\": 3, \"x\": [")),
            "g.json: $.x: unknown field (expected one of: name, kernels, "
            "edges)");
  EXPECT_EQ(parseError("{\"kernels\": [\n  {\"name\": \"a\" \"latency\": 1}]}"),
            "g.json:2:16: invalid JSON: Expected , or } after object "
            "property");
}

TEST(DataflowGraphJSON, RejectsCycles) {
  const char *text = R"({
    "kernels": [{"name": "a", "latency": 10}, {"name": "b", "latency": 10},
                {"name": "c", "latency": 10}],
    "edges": [
      {"from": "a", "to": "b", "tokens": 2, "initial_delay": 1,
       "producer_ii": 1, "consumer_ii": 1},
      {"from": "b", "to": "c", "tokens": 2, "initial_delay": 1,
       "producer_ii": 1, "consumer_ii": 1},
      {"from": "c", "to": "b", "tokens": 2, "initial_delay": 1,
       "producer_ii": 1, "consumer_ii": 1}]
  })";
  EXPECT_EQ(parseError(text), "g.json: $.edges: the graph is not a DAG: "
                              "kernels b -> c -> b form a cycle");
}

TEST(DataflowGraph, VerifyCatchesBadGraphsBuiltInCode) {
  DataflowGraph graph = makeDiamondGraph();
  EXPECT_FALSE(llvm::errorToBool(graph.verify()));
  graph.getEdge(0).consumerII = 0;
  EXPECT_EQ(toString(graph.verify()),
            "edge 0 (a -> b): consumer II must be >= 1");
  graph.getEdge(0).consumerII = 1;
  connect(graph, 2, 0, 4, 1, 1, 1);
  EXPECT_EQ(toString(graph.verify()),
            "the graph is not a DAG: kernels a -> b -> c -> a form a cycle");
}

TEST(DataflowGraph, MinimumLatency) {
  DataflowGraph graph = makeFigure8Graph();
  EXPECT_EQ(graph.getMinimumLatency(0), std::make_pair(int64_t(7), 0));
  EXPECT_EQ(graph.getMinimumLatency(1), std::make_pair(int64_t(9), 0));
}

} // namespace
