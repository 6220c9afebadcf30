"""The example hosts in examples/ run against the sandbox and print exactly what they should."""
import os
import shutil
import subprocess

import pytest

from conftest import PLUGIN, ROOT

EXPECTED = """\
organization 5: Nelson Solutions, contact e-mail wj@webnic.cc
plan: organization.email wj@webnic.cc -> admin@example.com; PUT https://sandbox.webnic-rpc.invalid/ssl/v2/organization/5/contact/update
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
    assert output.splitlines()[:3] == [
        "organization 6: Tan & Daughters <Trading> Sdn. Bhd., contact e-mail meiling@tan-daughters.example",
        "plan: organization.email meiling@tan-daughters.example -> it@tan-daughters.example; "
        "PUT https://sandbox.webnic-rpc.invalid/ssl/v2/organization/6/contact/update",
        "updated: contact e-mail is now it@tan-daughters.example",
    ]
