"""Every response the Swift end-to-end tests received validates against the contract."""
import json
import os
import pathlib
import subprocess
import sys

import pytest

from conftest import OPENRPC, ROOT, method, validator

LOG = pathlib.Path(os.environ.get("WEBNIC_E2E_RESPONSES", ROOT / ".build" / "e2e-responses" / "responses.jsonl"))
MCP_METHODS = {"initialize", "ping", "server/discover", "tools/list", "tools/call", "logging/setLevel"}


@pytest.fixture(scope="module")
def recorded():
    """What the last `swift test` recorded, consumed: the file is removed once read, so that a run
    of this suite can never check responses left over from an earlier test run."""
    if not LOG.exists():
        pytest.skip(
            f"no responses recorded in {LOG}: these checks read what the end-to-end tests received, "
            "so run `swift test` first (the README's test command does), then this suite"
        )
    entries = [json.loads(line) for line in LOG.read_text(encoding="utf-8").splitlines()]
    LOG.unlink()
    return entries


def test_the_end_to_end_tests_recorded_a_real_session(recorded):
    entries = recorded
    assert len(entries) >= 100
    methods = {entry["method"] for entry in entries}
    assert {"getOrganization", "updateOrganizationContact", "rpc.discover"} <= methods
    errors = [e["response"]["error"] for e in entries if "error" in e["response"]]
    categories = {error["data"]["category"] for error in errors if "category" in error.get("data", {})}
    # declined comes only from a person's answer to an MCP question (test_approval.py checks it).
    expected = set(OPENRPC["components"]["schemas"]["ErrorCategory"]["enum"]) - {"internal", "declined"}
    assert expected <= categories, f"no live response for {sorted(expected - categories)}"


def test_every_live_response_validates_against_its_method(recorded):
    """MCP's methods are MCP's contract, checked by the official SDK in test_mcp_sdk.py; every
    other response is checked here."""
    names = {m["name"] for m in OPENRPC["methods"]}
    problems = []
    for entry in recorded:
        response = entry["response"]
        assert response["jsonrpc"] == "2.0"
        if entry["method"] in MCP_METHODS:
            continue
        if "result" in response:
            assert entry["method"] in names
            schema = method(entry["method"])["result"]["schema"]
            problems += [f"{entry['method']}: {e.message[:160]}" for e in validator(schema).iter_errors(response["result"])]
        elif response["error"]["code"] == -32601:
            data = response["error"].get("data", {})
            assert data.get("methods") == [m["name"] for m in OPENRPC["methods"]], response
            assert set(data) <= {"methods", "didYouMean"}, response
            assert "didYouMean" not in data or data["didYouMean"] in names, response
        elif "data" in response["error"]:
            data = response["error"]["data"]
            problems += [f"error data: {e.message[:160]}" for e in validator({"$ref": "#/components/schemas/ErrorData"}).iter_errors(data)]
            documented = next(e for e in OPENRPC["components"]["errors"].values() if e["data"]["category"] == data["category"])
            # A write cancelled once sent keeps the cancel's code; its category says the outcome is unknown.
            cancelled_write = data["category"] == "outcome_unknown" and response["error"]["code"] == -32800
            if response["error"]["code"] != documented["code"] and not cancelled_write:
                problems.append(f"{data['category']}: code {response['error']['code']} is not {documented['code']}")
        else:
            assert response["error"]["code"] in (-32700, -32600, -32601), response
    assert problems == []


def test_run_alone_the_suite_skips_these_checks_and_says_why(tmp_path):
    """Without a `swift test` before it, this file's checks are skipped with the reason, not failed."""
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", __file__, "-k", "not run_alone"],
        capture_output=True, text=True, timeout=120, cwd=ROOT, env={**os.environ, "WEBNIC_E2E_RESPONSES": str(tmp_path / "none.jsonl")},
    )
    assert completed.returncode == 0, completed.stdout
    assert "2 skipped" in completed.stdout
    assert "these checks read what the end-to-end tests received, so run `swift test` first" in completed.stdout
