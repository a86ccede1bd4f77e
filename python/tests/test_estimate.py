"""`streamtensor estimate`: whole-model figures from timed simulations."""

import json
import os

import pytest

from streamtensor.cli import main
from streamtensor.driver import throughput
from streamtensor.driver.tools import DriverError


def test_json_rows_of_a_quantized_tiny_model(tmp_path, capsys):
    assert main(["estimate", "--model", "gpt2", "--config", "tiny", "--quant", "w4a8",
                 "--lengths", "4:4", "-o", str(tmp_path), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 1
    row = rows[0]
    assert {"input_len", "output_len", "tokens_per_second", "ttft_ms"} <= set(row)
    assert (row["input_len"], row["output_len"]) == (4, 4)
    assert row["tokens_per_second"] > 0 and row["ttft_ms"] > 0
    # The per-token time is the layers' decode blocks plus the head, and more.
    assert row["ms_per_token"] > 2 * row["decode_block_ms"] + row["lm_head_ms"]
    assert (tmp_path / "w4a8-decode-8").is_dir() and (tmp_path / "w4a8-prefill-4").is_dir()


def test_a_prefill_that_cannot_be_built_keeps_the_decoding_speed(tmp_path, monkeypatch):
    def latencies(make_program, out_dir, log):
        if os.path.basename(out_dir).startswith("prefill"):
            raise DriverError("@block was split into 2 kernels\nmore detail")
        return {"block": 1.0, "lm_head": 2.0}

    monkeypatch.setattr(throughput, "_timed_latencies", latencies)
    result = throughput.estimate_model("gpt2", "tiny", [(4, 4)], str(tmp_path), log=None)
    row, = result["rows"]
    assert row["ttft_ms"] is None and row["error"] == "prefill: @block was split into 2 kernels"
    assert row["decode_block_ms"] == 1.0 and row["lm_head_ms"] == 2.0
    assert row["tokens_per_second"] == pytest.approx(1e3 / row["ms_per_token"])
    text = throughput.estimate_text(result)
    assert "not estimated: prefill: @block was split" in text


def test_unknown_scheme_is_refused(capsys):
    with pytest.raises(SystemExit):
        main(["estimate", "--model", "gpt2", "--quant", "w2a2"])
    assert "invalid choice: 'w2a2'" in capsys.readouterr().err


def test_the_layer_loop_launches_once_per_token(tmp_path, monkeypatch):
    monkeypatch.setattr(throughput, "_timed_latencies",
                        lambda make_program, out_dir, log: {"block": 1.0, "lm_head": 2.0})
    result = throughput.estimate_model("gpt2", "tiny", [(4, 4)], str(tmp_path), log=None)
    row, = result["rows"]
    layers = result["layers"]
    launch_ms = result["assumptions"]["kernel_launch_us"] / 1e3
    # Each block latency includes a launch; one call runs every layer, so
    # layers - 1 launches go, and the transfers and the appends come in.
    saved = (layers - 1) * launch_ms
    extra = row["ms_per_token"] - (layers * 1.0 + 2.0 - saved)
    assert layers > 1 and 0 < extra < 0.1
    assert "layer loop on the device" in result["assumptions"]["calls_per_token"]
