"""The release build runs on a Linux machine without the Swift toolchain.

Built as the README's Install section says (`--static-swift-stdlib`), copied away from the build
tree, and run with a bare environment: it must link nothing but the C runtime, answer
`rpc.discover` and `--version`, and call WebNIC (here `webnic-sim`) through the system's libcurl,
which it loads at run time.
"""
import json
import os
import pathlib
import shutil
import subprocess

import pytest

from conftest import OPENRPC, ROOT, simulator

C_RUNTIME = {"linux-vdso.so.1", "libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1", "ld-linux-x86-64.so.2",
             "ld-linux-aarch64.so.1", "libpthread.so.0", "libdl.so.2", "librt.so.1", "libutil.so.1"}


@pytest.fixture(scope="module")
def release_binary(tmp_path_factory):
    build = subprocess.run(
        ["swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "webnic-rpc"],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    binary = tmp_path_factory.mktemp("install") / "webnic-rpc"
    shutil.copy2(ROOT / ".build" / "release" / "webnic-rpc", binary)
    return binary


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
