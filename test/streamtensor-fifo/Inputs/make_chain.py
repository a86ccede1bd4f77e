"""Prints the graph JSON of a chain of N kernels between two HBM channels."""
import json
import sys

n = int(sys.argv[1])
edges = [{"from": "hbm:0", "to": "k0", "tokens": 64, "consumer_ii": 2}]
edges += [{"from": f"k{i}", "to": f"k{i + 1}", "tokens": 64, "initial_delay": 5,
           "producer_ii": 2, "consumer_ii": 2} for i in range(n - 1)]
edges.append({"from": f"k{n - 1}", "to": "hbm:1", "tokens": 64, "initial_delay": 5,
              "producer_ii": 2})
print(json.dumps({"kernels": [{"name": f"k{i}", "latency": 200} for i in range(n)],
                  "edges": edges}))
