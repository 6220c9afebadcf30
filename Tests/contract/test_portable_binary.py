"""The release build runs on a Linux machine without the Swift toolchain.

Built by `.ci/build-release` (which runs the very command of the README's Install section, as a test
here checks), copied away from the build tree, and
run with a bare environment: it must weigh what the README says (at most 16 MiB), link nothing but
the C runtime, answer `rpc.discover` and `--version`, and call WebNIC (here `webnic-sim`) through the
system's libcurl, which it loads at run time.
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys

import re
import shlex

import pytest

from conftest import OPENRPC, ROOT, simulator

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the portable binary is the Linux release (static Swift runtime, libcurl loaded at run time)")

C_RUNTIME = {"linux-vdso.so.1", "libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1", "ld-linux-x86-64.so.2",
             "ld-linux-aarch64.so.1", "libpthread.so.0", "libdl.so.2", "librt.so.1", "libutil.so.1"}


MAX_SIZE_MIB = 16


def install_section():
    readme = (ROOT / "README.md").read_text()
    return readme.split("\n## Install\n", 1)[1].split("\n## ", 1)[0]


def install_build_command():
    """The `swift build` line of the README's Install section, as a user would run it."""
    blocks = re.findall(r"```sh\n(.*?)```", install_section(), re.S)
    lines = [line for block in blocks for line in block.splitlines() if line.startswith("swift build")]
    assert len(lines) == 1, lines
    return shlex.split(lines[0])


@pytest.fixture(scope="module")
def release_binary(release_dir, tmp_path_factory):
    binary = tmp_path_factory.mktemp("install") / "webnic-rpc"
    shutil.copy2(release_dir / "webnic-rpc", binary)
    return binary


def test_the_release_script_builds_as_the_readme_says():
    script = (ROOT / ".ci" / "build-release").read_text()
    assert " ".join(install_build_command()) in script, "the Install section's build line and .ci/build-release differ"


def test_weighs_at_most_16_mib_and_the_readme_says_what_it_weighs(release_binary):
    size = release_binary.stat().st_size / (1 << 20)
    assert size <= MAX_SIZE_MIB, f"{size:.1f} MiB"
    stated = re.search(r"about (\d+) MiB", install_section())
    assert stated is not None, "the Install section states the binary's size"
    assert abs(int(stated.group(1)) - size) <= 1, (stated.group(0), f"{size:.1f} MiB")


def test_links_no_swift_or_toolchain_library(release_binary):
    linked = subprocess.run(["ldd", str(release_binary)], capture_output=True, text=True, check=True).stdout
    toolchain = str(pathlib.Path(shutil.which("swift")).resolve().parents[1])
    assert "libswift" not in linked and "libFoundation" not in linked and "libdispatch" not in linked, linked
    assert toolchain not in linked, linked
    libraries = {pathlib.Path(line.split()[0]).name for line in linked.splitlines() if line.strip()}
    assert libraries <= C_RUNTIME, libraries - C_RUNTIME


def test_answers_rpc_discover_and_version_without_the_toolchain(release_binary):
    environment = {"PATH": "/usr/bin:/bin", "LD_LIBRARY_PATH": ""}
    version = subprocess.run([str(release_binary), "--version"], capture_output=True, text=True, env=environment, timeout=30)
    assert version.stdout == f"webnic-rpc {OPENRPC['info']['version']}\n"
    session = subprocess.run(
        [str(release_binary), "--sandbox"], input='{"jsonrpc":"2.0","id":1,"method":"rpc.discover"}\n',
        capture_output=True, text=True, env=environment, cwd=release_binary.parent, timeout=30,
    )
    assert session.returncode == 0, session.stderr
    assert json.loads(session.stdout) == {"jsonrpc": "2.0", "id": 1, "result": OPENRPC}


def test_calls_webnic_through_the_systems_libcurl(release_binary):
    with simulator() as (_, env):
        session = subprocess.run(
            [str(release_binary)], input='{"jsonrpc":"2.0","id":1,"method":"getOrganization","params":{"organizationId":5}}\n',
            capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", **env}, cwd=release_binary.parent, timeout=30,
        )
    assert session.returncode == 0, session.stderr
    response = json.loads(session.stdout)
    assert response["result"]["organizationId"] == 5, response
