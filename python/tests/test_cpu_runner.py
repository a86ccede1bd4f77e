"""The CPU reference runner on hand-written MLIR."""

import numpy as np
import pytest

from streamtensor import cpu_runner

MODULE = """
module {
  func.func @scale(%x: tensor<2x3xf32> {foo.bar = "a, b (c)"}, %s: tensor<f32>)
      -> (tensor<2x3xf32>, tensor<i1>) attributes {llvm.emit_c_interface} {
    %e = tensor.empty() : tensor<2x3xf32>
    %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> ()>,
                                          affine_map<(i, j) -> (i, j)>],
                         iterator_types = ["parallel", "parallel"]}
        ins(%x, %s : tensor<2x3xf32>, tensor<f32>) outs(%e : tensor<2x3xf32>) {
    ^bb0(%a: f32, %b: f32, %o: f32):
      %m = arith.mulf %a, %b : f32
      linalg.yield %m : f32
    } -> tensor<2x3xf32>
    %t = arith.constant dense<true> : tensor<i1>
    return %r, %t : tensor<2x3xf32>, tensor<i1>
  }
  func.func @ident(%x: tensor<4xi64>) -> tensor<4xi64> attributes {llvm.emit_c_interface} {
    return %x : tensor<4xi64>
  }
}
"""


@pytest.fixture(scope="module")
def compiled():
    return cpu_runner.compile_module(MODULE)


def test_signatures_are_parsed(compiled):
    sig = compiled.signatures["scale"]
    assert [(s.shape, s.elem) for s in sig.inputs] == [((2, 3), "f32"), ((), "f32")]
    assert [(s.shape, s.elem) for s in sig.results] == [((2, 3), "f32"), ((), "i1")]
    assert compiled.signatures["ident"].results[0].shape == (4,)


def test_runs_and_returns_numpy(compiled):
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    y, flag = compiled.run("scale", [x, np.float32(2.5)])
    np.testing.assert_array_equal(y, x * 2.5)
    assert flag.dtype == np.bool_ and bool(flag) is True
    (ids,) = compiled.run("ident", [np.array([5, -1, 2**40, 0])])
    np.testing.assert_array_equal(ids, [5, -1, 2**40, 0])


def test_bad_calls(compiled):
    with pytest.raises(KeyError, match="no function @missing"):
        compiled.run("missing", [])
    with pytest.raises(ValueError, match="takes 2 inputs"):
        compiled.run("scale", [np.zeros((2, 3))])
    with pytest.raises(ValueError, match=r"shape \(3, 2\), expected \(2, 3\)"):
        compiled.run("scale", [np.zeros((3, 2)), np.float32(1)])


def test_tool_errors_carry_the_diagnostic():
    with pytest.raises(cpu_runner.ToolError, match="(?s)mlir-opt failed.*undeclared SSA value"):
        cpu_runner.compile_module("func.func @f() { return %undefined : f32 }")


def test_dynamic_shapes_are_rejected():
    text = ("func.func @f(%x: tensor<?xf32>) -> tensor<?xf32> attributes "
            "{llvm.emit_c_interface} { return %x : tensor<?xf32> }")
    with pytest.raises(ValueError, match="statically shaped"):
        cpu_runner.compile_module(text)
