"""The example hosts in examples/ run against the sandbox and print exactly what they should."""
import json
import os
import shutil
import subprocess
import urllib.request

import pytest

from conftest import PLUGIN, ROOT, simulator

EXPECTED = """\
organization 5: Nelson Solutions, contact e-mail wj@webnic.cc
plan: organization.email wj@webnic.cc -> admin@example.com; PUT https://sandbox.webnic-rpc.invalid/ssl/v2/organization/5/contact/update
writing to https://sandbox.webnic-rpc.invalid (the built-in sandbox; --live writes to WebNIC)
updated: contact e-mail is now admin@example.com
organization 999: not_found: Check organizationId: no such organization exists for this account in this environment.
invalid e-mail: invalid_params: changes.email: expected an e-mail address such as admin@example.com: one @, a domain with a dot, no spaces, at most 254 characters
"""


def run(command, cwd):
    environment = {"PATH": os.environ["PATH"], "WEBNIC_RPC": str(PLUGIN)}
    completed = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=60, env=environment)
    assert completed.returncode == 0, completed.stderr
    assert "sandbox mode" in completed.stderr
    return completed.stdout


def test_python_host():
    assert run(["python3", "update_contact_email.py"], ROOT / "examples" / "python") == EXPECTED


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_node_host():
    assert run(["node", "update-contact-email.mjs"], ROOT / "examples" / "node") == EXPECTED


def test_shell_host():
    assert run(["sh", "run.sh"], ROOT / "examples" / "shell") == (
        "by-position: error invalid_params\n"
        "missing: error not_found\n"
        "preview: would send https://sandbox.webnic-rpc.invalid/ssl/v2/organization/5/contact/update\n"
        "read: organization 5\n"
    )


def test_python_host_with_another_address():
    output = run(["python3", "update_contact_email.py", "6", "it@tan-daughters.example"], ROOT / "examples" / "python")
    assert output.splitlines()[:4] == [
        "organization 6: Tan & Daughters <Trading> Sdn. Bhd., contact e-mail meiling@tan-daughters.example",
        "plan: organization.email meiling@tan-daughters.example -> it@tan-daughters.example; "
        "PUT https://sandbox.webnic-rpc.invalid/ssl/v2/organization/6/contact/update",
        "writing to https://sandbox.webnic-rpc.invalid (the built-in sandbox; --live writes to WebNIC)",
        "updated: contact e-mail is now it@tan-daughters.example",
    ]


HOSTS = {
    "python": (["python3", "update_contact_email.py"], "python"),
    "node": (["node", "update-contact-email.mjs"], "node"),
    "shell": (["sh", "run.sh"], "shell"),
}


def run_failing(host, binary, **extra):
    command, folder = HOSTS[host]
    if command[0] == "node" and shutil.which("node") is None:
        pytest.skip("node is not installed")
    environment = {"PATH": os.environ["PATH"], "WEBNIC_RPC": binary, **extra}
    return subprocess.run(command, cwd=ROOT / "examples" / folder, capture_output=True, text=True, timeout=60, env=environment)


@pytest.mark.parametrize("host", HOSTS)
def test_a_host_reports_a_plugin_that_cannot_start_in_one_line(host):
    completed = run_failing(host, "/nonexistent/webnic-rpc")
    assert completed.returncode == 1
    lines = completed.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("webnic-rpc could not be started (/nonexistent/webnic-rpc): "), completed.stderr
    assert completed.stdout == ""


@pytest.mark.parametrize("host", HOSTS)
def test_a_host_reports_a_plugin_that_dies_in_one_line(host):
    completed = run_failing(host, str(PLUGIN), WEBNIC_READ_ONLY="bogus")
    assert completed.returncode == 1
    assert completed.stderr.splitlines() == [
        'webnic-rpc: WEBNIC_READ_ONLY expects 1, true, 0 or false, got "bogus".', "webnic-rpc exited with status 2",
    ]


WRITERS = {"python": ["python3", "update_contact_email.py"], "node": ["node", "update-contact-email.mjs"], "shell": ["sh", "run.sh"]}


def received(env):
    with urllib.request.urlopen(env["WEBNIC_BASE_URL"] + "/__sim/requests", timeout=5) as response:
        return json.loads(response.read())


@pytest.mark.parametrize("host", WRITERS)
def test_credentials_in_the_environment_without_the_opt_in_send_nothing_to_webnic(host):
    if host == "node" and shutil.which("node") is None:
        pytest.skip("node is not installed")
    with simulator() as (_, env):
        environment = {"PATH": os.environ["PATH"], "WEBNIC_RPC": str(PLUGIN), **env}
        completed = subprocess.run(WRITERS[host], cwd=ROOT / "examples" / host, capture_output=True, text=True, timeout=60, env=environment)
        assert completed.returncode == 0, completed.stderr
        assert "sandbox mode" in completed.stderr
        assert received(env) == []


@pytest.mark.parametrize("host", ["python", "node"])
def test_the_opt_in_writes_to_the_webnic_of_the_environment_and_says_which_first(host):
    if host == "node" and shutil.which("node") is None:
        pytest.skip("node is not installed")
    with simulator() as (_, env):
        environment = {"PATH": os.environ["PATH"], "WEBNIC_RPC": str(PLUGIN), **env}
        completed = subprocess.run(
            WRITERS[host] + ["--live"], cwd=ROOT / "examples" / host, capture_output=True, text=True, timeout=60, env=environment
        )
        assert completed.returncode == 0, completed.stderr
        lines = completed.stdout.splitlines()
        assert lines[2] == f"writing to {env['WEBNIC_BASE_URL']}"
        assert lines[3] == "updated: contact e-mail is now admin@example.com"
        assert [r["method"] for r in received(env) if r["method"] == "PUT"] == ["PUT"]
