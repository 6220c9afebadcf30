"""Shared fixtures of the contract suite: the OpenRPC document, schemas and the built plugin."""
import contextlib
import copy
import json
import pathlib
import subprocess
import urllib.request

import jsonschema
import pytest
from referencing import Registry, Resource

ROOT = pathlib.Path(__file__).resolve().parents[2]
META_SCHEMA = pathlib.Path(__file__).resolve().parent / "openrpc-meta-schema.json"
OPENRPC = json.loads((ROOT / "schema" / "openrpc.json").read_text(encoding="utf-8"))
PLUGIN = ROOT / ".build" / "debug" / "webnic-rpc"
SIMULATOR = ROOT / ".build" / "debug" / "webnic-sim"


def meta_registry():
    """The JSON Schema meta-schema under the URI the OpenRPC meta-schema refers to.

    The OpenRPC meta-schema points at https://meta.json-schema.tools (draft-07 plus a
    `JSONSchemaObject` definition); draft-07 as shipped by jsonschema stands in for it offline.
    """
    draft7 = copy.deepcopy(jsonschema.Draft7Validator.META_SCHEMA)
    draft7["definitions"]["JSONSchemaObject"] = {"type": "object", "properties": draft7["properties"]}
    resource = Resource.from_contents(draft7)
    return Registry().with_resources([("https://meta.json-schema.tools", resource), ("https://meta.json-schema.tools/", resource)])


def validator(schema):
    """A draft-07 validator for `schema`, whose `#/components/...` references resolve in the document."""
    document = dict(schema)
    document["components"] = OPENRPC["components"]
    return jsonschema.Draft7Validator(document)


def method(name):
    return next(m for m in OPENRPC["methods"] if m["name"] == name)


def params_schema(name):
    """The by-name params of method `name` as one object schema, as a client generator builds it."""
    params = method(name)["params"]
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [p["name"] for p in params if p.get("required")],
        "properties": {p["name"]: p["schema"] for p in params},
    }


def run_plugin(lines, *arguments, env=None, timeout=30):
    """Runs the built plugin on `lines` and returns its responses by id (batches by their first id)."""
    completed = subprocess.run(
        [str(PLUGIN), *arguments], input="".join(json.dumps(line) + "\n" for line in lines),
        capture_output=True, text=True, timeout=timeout, env=env or {"PATH": "/usr/bin:/bin"},
    )
    assert completed.returncode == 0, completed.stderr
    responses = {}
    for text in completed.stdout.splitlines():
        response = json.loads(text)
        responses[json.dumps(response["id"])] = response
    return responses


@pytest.fixture(scope="session")
def openrpc():
    return OPENRPC


@contextlib.contextmanager
def simulator():
    """`webnic-sim` on a free loopback port; yields a fault injector and the environment pointing the plugin at it."""
    process = subprocess.Popen([str(SIMULATOR)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        port = json.loads(process.stdout.readline())["port"]
        base = f"http://127.0.0.1:{port}"

        def inject(**fault):
            request = urllib.request.Request(
                base + "/__sim/faults", data=json.dumps(fault).encode(), headers={"Content-Type": "application/json"}
            )
            urllib.request.urlopen(request, timeout=5).read()

        env = {"WEBNIC_BASE_URL": base, "WEBNIC_USERNAME": "sandbox", "WEBNIC_PASSWORD": "sandbox-secret"}
        yield inject, env
    finally:
        process.terminate()
        process.wait(timeout=5)


@pytest.fixture(scope="session")
def release_dir(tmp_path_factory):
    """The release binary of this platform, built by `.ci/build-release` (as the workflow builds it),
    in a directory of its own outside the build tree."""
    directory = tmp_path_factory.mktemp("release")
    build = subprocess.run([str(ROOT / ".ci" / "build-release"), str(directory)], capture_output=True, text=True, timeout=900)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    return directory

