"""The release build runs on a Linux machine without the Swift toolchain.

Built as the README's Install section says (`--static-swift-stdlib`, linking the system libcurl),
copied away from the build tree, and run with a bare environment: it must load no Swift or
toolchain library and answer `rpc.discover` and `--version`.
"""
import json
import os
import pathlib
import shutil
import subprocess

import pytest

from conftest import OPENRPC, ROOT


@pytest.fixture(scope="module")
def release_binary(tmp_path_factory):
    if subprocess.run(["dpkg", "-s", "libcurl4-openssl-dev"], capture_output=True).returncode != 0:
        pytest.fail("libcurl4-openssl-dev is not installed: `apt-get install libcurl4-openssl-dev` (Tests/contract/run does, as root)")
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
    assert "libcurl.so.4" in linked


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
