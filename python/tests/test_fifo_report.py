"""The FIFO sizing summary of report.txt (driver/report.py)."""

from streamtensor.driver.report import fifo_sizing_text


def _function(**fields):
    function = {"function": "block_fused_0", "streams": [{}, {}], "strategy": "asap",
                "mode": "normal", "total_fifo_bytes": 4096, "default_fifo_bytes": 8192,
                "deadlock": False, "simulated": True, "latency_cycles": 250000,
                "latency_ms": 1.0, "target_on_chip_bytes": 1 << 20,
                "order_check": {"grown_streams": [], "added_bytes": 0}}
    function.update(fields)
    return function


def test_simulated_design_states_its_estimate_and_the_order_check():
    text = fifo_sizing_text({"functions": [_function()]})
    assert "estimated latency 250,000 cycles (1.000 ms at the target clock)" in text
    assert "not measurements" in text
    assert "stream order check: the design cannot stop early" in text
    assert "does not fit" not in text


def test_grown_streams_are_listed():
    grown = {"grown_streams": [{"name": "fork14_out0", "model_depth": 1962, "depth": 2025}],
             "added_bytes": 252}
    text = fifo_sizing_text({"functions": [_function(order_check=grown)]})
    assert "grew 1 FIFO(s) by 252 B" in text and "fork14_out0 1962->2025" in text


def test_large_design_says_it_was_not_simulated_and_does_not_fit():
    function = _function(simulated=False, not_simulated="107194528 tokens, more than the limit",
                         total_fifo_bytes=2 << 20)
    for key in ("latency_cycles", "latency_ms"):
        del function[key]
    text = fifo_sizing_text({"functions": [function]})
    assert "not simulated (107194528 tokens, more than the limit)" in text
    assert "estimated latency" not in text
    assert "this design does not fit" in text
