"""The release packages the workflow attaches to a release, built here by the same scripts.

`.ci/package` makes the archive and the MCP Bundle (`.mcpb`) of the release binary that
`.ci/build-release` built; `.ci/checksums` writes SHA256SUMS. The bundle's manifest is validated
against the official MCPB schema (v0.3, copied from the MCPB repository with its licence), its tools
are checked against what the server lists, and the bundle is installed as a host installs it:
unzipped into a fresh directory, started exactly as its manifest says (command, arguments, and the
environment with the user's settings substituted), then driven by the official MCP Python SDK
against `webnic-sim`.
"""
import hashlib
import json
import pathlib
import platform
import re
import stat
import subprocess
import sys
import tarfile
import tempfile
import zipfile

import anyio
import jsonschema
import pytest
from mcp import Client
from mcp.client.stdio import StdioServerParameters, stdio_client

from conftest import OPENRPC, ROOT, simulator

SCHEMA = json.loads((pathlib.Path(__file__).parent / "mcpb-manifest-v0.3.schema.json").read_text())
VERSION = OPENRPC["info"]["version"]
PLATFORM = {"Linux": f"linux-{'aarch64' if platform.machine() in ('aarch64', 'arm64') else 'x86_64'}", "Darwin": "macos-universal"}[
    platform.system()
]
STEM = f"webnic-rpc-{VERSION}-{PLATFORM}"


@pytest.fixture(scope="module")
def packages(release_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    made = subprocess.run(
        [str(ROOT / ".ci" / "package"), str(release_dir / "webnic-rpc"), str(out)], capture_output=True, text=True, timeout=120
    )
    assert made.returncode == 0, made.stderr
    assert made.stdout.splitlines() == [str(out / f"{STEM}.tar.gz"), str(out / f"{STEM}.mcpb")]
    summed = subprocess.run([str(ROOT / ".ci" / "checksums"), str(out)], capture_output=True, text=True, timeout=60)
    assert summed.returncode == 0, summed.stderr
    return out


def manifest_of(packages):
    with zipfile.ZipFile(packages / f"{STEM}.mcpb") as bundle:
        return json.loads(bundle.read("manifest.json"))


def test_the_checksums_cover_every_package_and_hold(packages):
    lines = (packages / "SHA256SUMS").read_text().splitlines()
    assert [line.split("  ")[1] for line in lines] == [f"{STEM}.mcpb", f"{STEM}.tar.gz"]
    for line in lines:
        digest, name = line.split("  ")
        assert hashlib.sha256((packages / name).read_bytes()).hexdigest() == digest


def test_the_archive_holds_the_binary_the_readme_and_the_licence(packages, release_dir):
    with tarfile.open(packages / f"{STEM}.tar.gz") as archive:
        members = {member.name: member for member in archive.getmembers()}
        assert sorted(members) == [f"{STEM}/LICENSE", f"{STEM}/README.md", f"{STEM}/webnic-rpc"]
        assert members[f"{STEM}/webnic-rpc"].mode == 0o755
        assert archive.extractfile(f"{STEM}/webnic-rpc").read() == (release_dir / "webnic-rpc").read_bytes()


def test_the_bundle_holds_its_manifest_and_the_binary_at_its_root(packages, release_dir):
    with zipfile.ZipFile(packages / f"{STEM}.mcpb") as bundle:
        assert sorted(bundle.namelist()) == ["manifest.json", "webnic-rpc"]
        entry = bundle.getinfo("webnic-rpc")
        assert stat.S_IMODE(entry.external_attr >> 16) == 0o755
        assert bundle.read("webnic-rpc") == (release_dir / "webnic-rpc").read_bytes()


def test_the_manifest_validates_against_the_official_schema(packages):
    manifest = manifest_of(packages)
    errors = list(jsonschema.Draft7Validator(SCHEMA).iter_errors(manifest))
    assert errors == [], [f"{list(e.path)}: {e.message}" for e in errors]


def test_the_manifest_says_what_the_bundle_is(packages):
    manifest = manifest_of(packages)
    assert manifest["manifest_version"] == "0.3"
    assert manifest["version"] == VERSION
    assert manifest["server"] == {
        "type": "binary", "entry_point": "webnic-rpc",
        "mcp_config": {
            "command": "${__dirname}/webnic-rpc", "args": [],
            "env": {
                "WEBNIC_USERNAME": "${user_config.username}", "WEBNIC_PASSWORD": "${user_config.password}",
                "WEBNIC_ENV": "${user_config.environment}", "WEBNIC_READ_ONLY": "${user_config.read_only}",
                "WEBNIC_CONFIRM_WRITES": "${user_config.confirm_writes}", "WEBNIC_ORGANIZATIONS": "${user_config.organizations}",
                "WEBNIC_WRITABLE_FIELDS": "${user_config.writable_fields}", "WEBNIC_AUDIT_LOG": "${user_config.audit_log}",
                "WEBNIC_BASE_URL": "${user_config.base_url}",
            },
        },
    }
    assert manifest["compatibility"] == {"platforms": ["darwin" if sys.platform == "darwin" else "linux"]}
    config = manifest["user_config"]
    assert sorted(config) == [
        "audit_log", "base_url", "confirm_writes", "environment", "organizations", "password", "read_only", "username", "writable_fields",
    ]
    assert config["password"]["sensitive"] is True and config["password"]["required"] is True
    assert config["username"]["required"] is True and "sensitive" not in config["username"]
    assert (config["environment"]["default"], config["read_only"]["default"], config["base_url"]["default"]) == ("ote", False, "")
    # Approval is off by default: Claude Desktop, the bundle's main host, shows no MCP questions.
    assert config["confirm_writes"]["default"] is False and "Claude Desktop does not" in config["confirm_writes"]["description"]
    assert (config["organizations"]["default"], config["writable_fields"]["default"], config["audit_log"]["default"]) == ("", "", "")


def substituted(value, directory, settings):
    """A manifest value with `${__dirname}` and `${user_config.KEY}` replaced, as a host replaces them."""
    value = value.replace("${__dirname}", str(directory))

    def setting(match):
        chosen = settings[match.group(1)]
        return json.dumps(chosen) if isinstance(chosen, bool) else str(chosen)
    return re.sub(r"\$\{user_config\.(\w+)\}", setting, value)


def test_installed_as_a_host_installs_it_the_server_lists_and_runs_its_tools(packages):
    manifest = manifest_of(packages)
    with tempfile.TemporaryDirectory() as directory, simulator() as (_, env):
        with zipfile.ZipFile(packages / f"{STEM}.mcpb") as bundle:
            for entry in bundle.infolist():
                bundle.extract(entry, directory)
                mode = stat.S_IMODE(entry.external_attr >> 16)
                if mode:
                    pathlib.Path(directory, entry.filename).chmod(mode)
        audit_log = pathlib.Path(directory, "audit.jsonl")
        settings = {
            "username": env["WEBNIC_USERNAME"], "password": env["WEBNIC_PASSWORD"], "environment": "ote",
            "read_only": False, "base_url": env["WEBNIC_BASE_URL"], "confirm_writes": False, "organizations": "5",
            "writable_fields": "email", "audit_log": str(audit_log),
        }
        config = manifest["server"]["mcp_config"]
        parameters = StdioServerParameters(
            command=substituted(config["command"], directory, settings),
            args=[substituted(argument, directory, settings) for argument in config["args"]],
            env={name: substituted(value, directory, settings) for name, value in config["env"].items()},
        )

        async def scenario():
            with tempfile.TemporaryFile("w+") as errlog:
                async with Client(stdio_client(parameters, errlog=errlog), mode="auto") as client:
                    tools = (await client.list_tools()).tools
                    result = await client.call_tool("get_organization", {"organizationId": 5})
                    limited = await client.call_tool("patch_organization_contact", {"organizationId": 5, "changes": {"city": "Ipoh"}})
                    return tools, result, limited

        tools, result, limited = anyio.run(scenario)
        records = [json.loads(line) for line in audit_log.read_text().splitlines()]
    assert limited.is_error is True and limited.structured_content["fields"] == ["city"]
    assert [(r["phase"], r["outcome"], r["fields"]) for r in records] == [("refused", "out_of_scope", ["city"])]
    # The bundle's tool list is the binary's, without limits; the limits set here end each description.
    assert [{"name": tool.name, "description": tool.description.split("\n\nLimits in force: ")[0]} for tool in tools] == manifest["tools"]
    assert result.is_error is False
    assert result.structured_content["organizationId"] == 5
    assert result.structured_content["organization"]["company"] == "Nelson Solutions"
