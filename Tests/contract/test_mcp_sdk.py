"""The official MCP Python SDK (`mcp`, pinned in requirements.txt) as the client of webnic-rpc.

Every test runs in both eras: `legacy` opens with the initialize handshake, `auto` probes
server/discover and, as webnic-rpc answers it, speaks 2026-07-28. The plugin runs in sandbox
mode, or against `webnic-sim` over loopback HTTP where a test needs a slow or failing WebNIC;
the SDK passes only a short allow-list of environment variables, so WebNIC settings are passed
explicitly. Tool results are compared with what the plain JSON-RPC methods answer.
"""
import contextlib
import json
import tempfile
import time

import anyio
import jsonschema
import pytest
from mcp import Client
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.shared.exceptions import MCPError

from conftest import OPENRPC, PLUGIN, ROOT, method, run_plugin, simulator

MODES = {"legacy": "2025-11-25", "auto": "2026-07-28"}
TOOLS = {
    "get_organization": "getOrganization",
    "plan_organization_contact_change": "planOrganizationContactChange",
    "patch_organization_contact": "patchOrganizationContact",
    "update_organization_contact": "updateOrganizationContact",
}
CONTACT = {
    "company": "Acme Sdn Bhd", "firstName": "Aisyah", "lastName": "Rahman", "address1": "1 Jalan Sultan",
    "city": "Kuala Lumpur", "countryCode": "MY", "phoneNumber": "+60.312345678", "email": "aisyah@acme.example",
}


@contextlib.asynccontextmanager
async def connect(mode, arguments=("--sandbox",), env=None):
    """A connected SDK client of a fresh plugin, and the file collecting the plugin's stderr."""
    with tempfile.TemporaryFile("w+") as errlog:
        parameters = StdioServerParameters(command=str(PLUGIN), args=list(arguments), env=env or {})
        async with Client(stdio_client(parameters, errlog=errlog), mode=mode) as client:
            yield client, errlog


def stderr_text(errlog):
    errlog.flush()
    errlog.seek(0)
    return errlog.read()


def jsonrpc(method_name, params, *arguments):
    """What the plain JSON-RPC method answers for `params`: the result, or the error object."""
    response = run_plugin([{"jsonrpc": "2.0", "id": 1, "method": method_name, "params": params}], *arguments)["1"]
    return response.get("result", response.get("error"))


@pytest.mark.parametrize("mode", MODES)
def test_the_era_follows_how_the_client_opens(mode):
    async def scenario():
        async with connect(mode) as (client, errlog):
            assert client.protocol_version == MODES[mode]
            assert client.server_info.name == "webnic-rpc"
            assert client.server_info.version == OPENRPC["info"]["version"]
            assert client.server_capabilities.tools is not None
            instructions = client.instructions
            for step in ("get_organization", "patch_organization_contact", "update_organization_contact", "dryRun", "expectedModifiedAt", "isError"):
                assert step in instructions
            if mode == "auto":
                assert client.session.discover_result.supported_versions == ["2026-07-28"]
            else:
                assert client.session.initialize_result.protocol_version == "2025-11-25"
            era = "modern" if mode == "auto" else "handshake"
            opened = "server/discover" if mode == "auto" else "initialize"
            assert f"MCP session opened era={era} version={MODES[mode]} by={opened}" in stderr_text(errlog)

    anyio.run(scenario)


@pytest.mark.parametrize("mode", MODES)
def test_every_tool_is_listed_with_its_methods_schemas(mode):
    async def scenario():
        async with connect(mode) as (client, _):
            return (await client.list_tools()).tools

    tools = {tool.name: tool for tool in anyio.run(scenario)}
    assert list(tools) == list(TOOLS)
    for name, method_name in TOOLS.items():
        tool = tools[name]
        params = method(method_name)["params"]
        assert tool.title and len(tool.description) > 200
        assert tool.input_schema["type"] == "object"
        assert tool.input_schema["additionalProperties"] is False
        assert list(tool.input_schema["properties"]) == [p["name"] for p in params]
        assert tool.input_schema["required"] == [p["name"] for p in params if p.get("required")]
        assert tool.output_schema["type"] == "object"
        for schema in (tool.input_schema, tool.output_schema):
            jsonschema.Draft202012Validator.check_schema(schema)
    assert tools["get_organization"].annotations.read_only_hint is True
    assert tools["update_organization_contact"].annotations.read_only_hint is False
    assert tools["update_organization_contact"].annotations.idempotent_hint is True
    assert tools["patch_organization_contact"].annotations.read_only_hint is False
    assert tools["patch_organization_contact"].annotations.destructive_hint is True
    for name in ("patch_organization_contact", "update_organization_contact"):
        for word in ("OV", "EV", "dryRun", "expectedModifiedAt"):
            assert word in tools[name].description


@pytest.mark.parametrize("mode", MODES)
def test_calls_return_what_the_jsonrpc_methods_return(mode):
    calls = [
        ("get_organization", {"organizationId": 5}),
        ("update_organization_contact", {"organizationId": 5, "organization": CONTACT, "dryRun": True}),
        ("update_organization_contact", {"organizationId": 6, "organization": CONTACT}),
    ]

    async def scenario():
        async with connect(mode) as (client, _):
            return [await client.call_tool(name, arguments) for name, arguments in calls]

    results = anyio.run(scenario)
    for (name, arguments), result in zip(calls, results):
        expected = jsonrpc(TOOLS[name], arguments, "--sandbox")
        if TOOLS[name] == "updateOrganizationContact" and "dryRun" not in arguments:
            expected["modifiedAt"] = result.structured_content["modifiedAt"]  # set by the update itself
        assert result.is_error is False
        assert result.structured_content == expected
        assert [block.type for block in result.content] == ["text"]
        assert json.loads(result.content[0].text.split("\n", 1)[1]) == (
            expected["request"]["body"] if "dryRun" in arguments else expected
        )
    assert results[0].content[0].text.startswith("Organization 5: Nelson Solutions, contact First Name Here's LastN <wj@webnic.cc>, SG.")
    assert results[1].content[0].text.startswith("Dry run, nothing was sent. WebNIC would receive PUT ")
    assert results[2].structured_content["organization"]["email"] == "aisyah@acme.example"


@pytest.mark.parametrize("mode", MODES)
def test_patch_plan_then_apply_guarded_by_expected_modified_at(mode):
    """The flow the instructions teach: a dry run lists the changes; applying them with the dry
    run's modifiedAt writes only those fields; the same guard a second time is a conflict."""
    changes = {"email": "aisyah@acme.example", "jobTitle": None}

    async def scenario():
        async with connect(mode) as (client, _):
            plan = await client.call_tool("patch_organization_contact", {"organizationId": 5, "changes": changes, "dryRun": True})
            guard = plan.structured_content["modifiedAt"]
            applied = await client.call_tool(
                "patch_organization_contact", {"organizationId": 5, "changes": changes, "expectedModifiedAt": guard}
            )
            again = await client.call_tool(
                "patch_organization_contact", {"organizationId": 5, "changes": {"city": "Ipoh"}, "expectedModifiedAt": guard}
            )
            read = await client.call_tool("get_organization", {"organizationId": 5})
            return plan, applied, again, read

    plan, applied, again, read = anyio.run(scenario)
    expected_plan = jsonrpc("patchOrganizationContact", {"organizationId": 5, "changes": changes, "dryRun": True}, "--sandbox")
    assert plan.is_error is False and plan.structured_content == expected_plan
    assert plan.structured_content["changes"] == [
        {"field": "organization.email", "before": "wj@webnic.cc", "after": "aisyah@acme.example"},
        {"field": "organization.jobTitle", "before": "guru", "after": None},
    ]
    assert plan.content[0].text.startswith(
        'Dry run, nothing was sent. 2 changes: organization.email "wj@webnic.cc" -> "aisyah@acme.example"; '
        'organization.jobTitle "guru" -> none. Computed from the record modified at 2025-01-13T12:52:01.973992Z: '
        "pass that as expectedModifiedAt to apply it. WebNIC would receive PUT "
    )
    assert applied.is_error is False
    assert applied.structured_content["changes"] == plan.structured_content["changes"]
    assert applied.structured_content["organization"] == dict(
        plan.structured_content["request"]["body"]["organization"]
    )
    assert again.is_error is True and again.structured_content["category"] == "conflict"
    assert again.structured_content["currentModifiedAt"] == applied.structured_content["modifiedAt"]
    assert read.structured_content["organization"]["email"] == "aisyah@acme.example"
    assert read.structured_content["organization"]["city"] == "Bukit Jalil 2"


@pytest.mark.parametrize("mode", MODES)
def test_read_only_lists_only_the_tool_that_reads(mode):
    async def scenario():
        async with connect(mode, ["--sandbox", "--read-only"]) as (client, _):
            tools = (await client.list_tools()).tools
            refused = await client.call_tool("patch_organization_contact", {"organizationId": 5, "changes": {"city": "Ipoh"}})
            return [tool.name for tool in tools], refused

    names, refused = anyio.run(scenario)
    assert names == ["get_organization", "plan_organization_contact_change"]
    assert refused.is_error is True and refused.structured_content["category"] == "read_only"


@pytest.mark.parametrize("mode", MODES)
def test_invalid_arguments_are_an_error_result_field_by_field(mode):
    arguments = {"organizationId": 0, "organization": dict(CONTACT, email="not an address", countryCode="XX")}

    async def scenario():
        async with connect(mode) as (client, _):
            return await client.call_tool("update_organization_contact", arguments)

    result = anyio.run(scenario)
    error = jsonrpc("updateOrganizationContact", arguments, "--sandbox")
    assert result.is_error is True
    assert result.structured_content == {"code": error["code"], "message": error["message"], **error["data"]}
    assert result.structured_content["category"] == "invalid_params"
    assert result.structured_content["retryable"] is False
    fields = [problem["field"] for problem in result.structured_content["fieldErrors"]]
    assert fields == ["organizationId", "organization.countryCode", "organization.email"]
    lines = result.content[0].text.split("\n")
    assert lines[0] == "Invalid arguments, 3 problems:"
    assert lines[1:4] == [f"- {p['field']}: {p['message']}" for p in error["data"]["fieldErrors"]]
    assert lines[4] == "What to do: " + error["data"]["hint"]


@pytest.mark.parametrize("mode", MODES)
def test_a_webnic_failure_is_an_error_result_with_its_category(mode):
    async def scenario():
        async with connect(mode) as (client, _):
            return await client.call_tool("get_organization", {"organizationId": 999})

    result = anyio.run(scenario)
    error = jsonrpc("getOrganization", {"organizationId": 999}, "--sandbox")
    assert result.is_error is True
    assert result.structured_content == {"code": 1002, "message": error["message"], **error["data"]}
    assert result.structured_content["category"] == "not_found"
    assert result.content[0].text == error["message"] + "\nWhat to do: " + error["data"]["hint"]


@pytest.mark.parametrize("mode", MODES)
def test_unknown_tools_and_malformed_calls_are_jsonrpc_errors(mode):
    async def scenario():
        async with connect(mode) as (client, _):
            with pytest.raises(MCPError) as unknown:
                await client.call_tool("delete_organization", {"organizationId": 5})
            return unknown.value

    error = anyio.run(scenario)
    assert error.error.code == -32602
    assert error.error.message == (
        'Unknown tool "delete_organization": the tools are get_organization, plan_organization_contact_change, patch_organization_contact, update_organization_contact.'
    )


@pytest.mark.parametrize("mode", MODES)
def test_a_retried_call_reports_each_attempt_as_progress(mode):
    with simulator() as (inject, env):
        inject(route="getOrganization", fault="http503", count=2)
        reports = []

        async def on_progress(progress, total, message):
            reports.append((progress, message))

        async def scenario():
            async with connect(mode, ["--retry-backoff", "0.01"], env) as (client, _):
                return await client.call_tool("get_organization", {"organizationId": 5}, progress_callback=on_progress)

        result = anyio.run(scenario)
    assert result.is_error is False
    assert result.structured_content["organizationId"] == 5
    assert reports == [(n, f"WebNIC call, HTTP attempt {n}") for n in (1, 2, 3)]


@pytest.mark.parametrize("mode", MODES)
def test_a_slow_call_is_cancelled_and_the_session_goes_on(mode):
    with simulator() as (inject, env):
        inject(route="getOrganization", fault="delay", delayMs=20000)

        async def scenario():
            async with connect(mode, [], env) as (client, errlog):
                start = time.monotonic()
                with anyio.move_on_after(1.0):
                    await client.call_tool("get_organization", {"organizationId": 5})
                abandoned = time.monotonic() - start
                with anyio.fail_after(10):
                    while "outcome=cancelled" not in stderr_text(errlog):
                        await anyio.sleep(0.02)
                after = await client.call_tool("get_organization", {"organizationId": 6})
                return abandoned, after, stderr_text(errlog)

        abandoned, after, log = anyio.run(scenario)
    assert abandoned < 5
    assert after.is_error is False and after.structured_content["organizationId"] == 6
    cancelled = [line for line in log.splitlines() if "outcome=cancelled" in line]
    assert len(cancelled) == 1 and "method=getOrganization organizationId=5" in cancelled[0]


@pytest.mark.filterwarnings("ignore::mcp.shared.exceptions.MCPDeprecationWarning")
def test_logging_set_level_moves_the_plugins_own_log_level():
    async def scenario():
        async with connect("legacy", ["--sandbox", "--log-level", "warning"]) as (client, errlog):
            await client.call_tool("get_organization", {"organizationId": 5})
            await client.set_logging_level("debug")
            await client.call_tool("get_organization", {"organizationId": 6})
            return stderr_text(errlog)

    log = anyio.run(scenario)
    assert "organizationId=5 outcome=ok" not in log
    assert "organizationId=6 outcome=ok" in log
    assert "log level set by the MCP client level=debug" in log


EXAMPLES = sorted((ROOT / "examples" / "mcp").glob("*.json"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_the_example_configurations_start_a_working_server(path, tmp_path):
    """Each snippet in examples/mcp/, run as the host would run it: its arguments and environment,
    with the placeholder credentials replaced by the simulator's, and the binary from this build."""
    config = json.loads(path.read_text(encoding="utf-8"))
    servers = config.get("mcpServers") or config["servers"]
    assert len(servers) == 1
    (server,) = servers.values()
    assert server["command"].rsplit("/", 1)[-1] == "webnic-rpc"
    assert server.get("type", "stdio") == "stdio"
    password_file = tmp_path / "password"
    password_file.write_text("sandbox-secret\n")
    stand_ins = {"WEBNIC_USERNAME": "sandbox", "WEBNIC_PASSWORD": "sandbox-secret", "WEBNIC_PASSWORD_FILE": str(password_file)}
    assert set(server.get("env", {})) <= set(stand_ins)
    with simulator() as (_, env):
        if "--sandbox" not in server["args"]:
            env = {"WEBNIC_BASE_URL": env["WEBNIC_BASE_URL"], **{key: stand_ins[key] for key in server["env"]}}

        async def scenario():
            async with connect("auto", server["args"], env) as (client, _):
                tools = (await client.list_tools()).tools
                result = await client.call_tool("get_organization", {"organizationId": 5})
                return [tool.name for tool in tools], result

        names, result = anyio.run(scenario)
    assert names == list(TOOLS)
    assert result.is_error is False and result.structured_content["organizationId"] == 5
