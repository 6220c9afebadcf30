"""Every example in schema/openrpc.json is what webnic-rpc really answers.

Each example's params are sent to a fresh `webnic-rpc --sandbox` and the answer is compared, whole,
with the example's result or `x-error`. Three things differ by nature and are normalised: the
sandbox's base URL stands for OTE's (the examples show the default environment); a write's
`modifiedAt` is the time of the write (checked to be a later UTC timestamp, then compared as the
example's); and `rpc.discover`'s example is the document's head only (its `methods` left empty).
"""
import json
import re

import pytest

from conftest import OPENRPC, run_plugin

SANDBOX_URL = "https://sandbox.webnic-rpc.invalid"
OTE_URL = "https://oteapi.webnic.cc"
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$")

EXAMPLES = [(entry["name"], example) for entry in OPENRPC["methods"] for example in entry["examples"]]


def answer(method, example):
    params = {param["name"]: param["value"] for param in example["params"]}
    request = {"jsonrpc": "2.0", "id": 1, "method": method}
    if params:
        request["params"] = params
    return run_plugin([request], "--sandbox")["1"]


def normalised(value):
    return json.loads(json.dumps(value).replace(SANDBOX_URL, OTE_URL))


@pytest.mark.parametrize("method,example", EXAMPLES, ids=[f"{method}: {example['name']}" for method, example in EXAMPLES])
def test_the_example_is_the_real_answer(method, example):
    response = normalised(answer(method, example))
    if "x-error" in example:
        assert response.get("error") == example["x-error"], json.dumps(response)
        return
    assert "result" in response, json.dumps(response)
    result, expected = response["result"], example["result"]["value"]
    if method == "rpc.discover":
        assert {key: result[key] for key in ("openrpc",)} == {"openrpc": expected["openrpc"]}
        assert {key: result["info"][key] for key in expected["info"]} == expected["info"]
        assert expected["methods"] == []
        return
    if not result.get("dryRun") and method != "getOrganization":
        written = result["modifiedAt"]
        assert TIMESTAMP.match(written) and written > "2025-01-13T12:52:01.973992Z", written
        result["modifiedAt"] = expected["modifiedAt"]
    assert result == expected
