"""`--confirm-writes` and the preview tool, driven by the official MCP Python SDK in both eras.

The SDK answers `elicitation/create` in the handshake era and drives the multi round-trip loop in
2026-07-28, calling the test's elicitation callback; the round trip is also driven by hand, with a
tampered, reused and replayed `requestState`. The plugin writes to `webnic-sim` over loopback HTTP;
what the simulator received shows what was sent.
"""
import contextlib
import json
import tempfile
import urllib.request

import anyio
import mcp_types as types
import pytest
from mcp import Client
from mcp.client.stdio import StdioServerParameters, stdio_client

from conftest import PLUGIN, run_plugin, simulator

MODES = {"legacy": "2025-11-25", "auto": "2026-07-28"}
PATCH = {"organizationId": 5, "changes": {"email": "admin@nelson.example"}}
SCHEMA = {
    "type": "object",
    "properties": {"approve": {"type": "boolean", "title": "Approve this write", "description": "Send exactly this change to WebNIC.", "default": False}},
    "required": ["approve"],
}


@contextlib.asynccontextmanager
async def connect(mode, env, elicit=None, arguments=("--confirm-writes",)):
    with tempfile.TemporaryFile("w+") as errlog:
        parameters = StdioServerParameters(command=str(PLUGIN), args=list(arguments), env=env)
        extra = {"elicitation_callback": elicit} if elicit else {}
        async with Client(stdio_client(parameters, errlog=errlog), mode=mode, **extra) as client:
            yield client


def answering(result):
    """An elicitation callback answering `result`, and the list of the questions it was asked."""
    asked = []

    async def callback(context, params):
        asked.append(params)
        return result

    return callback, asked


def puts(env):
    with urllib.request.urlopen(env["WEBNIC_BASE_URL"] + "/__sim/requests", timeout=5) as response:
        return [r for r in json.loads(response.read()) if r["method"] == "PUT"]


def expected_message(env):
    host = env["WEBNIC_BASE_URL"].removeprefix("http://")
    return (
        f"Send this change to WebNIC at {host}?\nOrganization 5 (Nelson Solutions):\n"
        '- organization.email: "wj@webnic.cc" → "admin@nelson.example"\nNothing is sent unless you approve.'
    )


@pytest.mark.parametrize("mode", MODES)
def test_approved_sends_exactly_the_put_shown(mode, tmp_path):
    audit_log = tmp_path / "audit.jsonl"
    with simulator() as (_, env):
        callback, asked = answering(types.ElicitResult(action="accept", content={"approve": True}))

        async def scenario():
            async with connect(mode, env, callback, arguments=("--confirm-writes", "--audit-log", str(audit_log))) as client:
                return await client.call_tool("patch_organization_contact", PATCH), client.session

        result, session = anyio.run(scenario)
        assert result.is_error is False, result
        assert result.structured_content["changes"] == [{"field": "organization.email", "before": "wj@webnic.cc", "after": "admin@nelson.example"}]
        assert len(asked) == 1
        assert asked[0].message == expected_message(env)
        assert asked[0].requested_schema == SCHEMA
        sent = puts(env)
        assert len(sent) == 1
        assert sent[0]["body"]["organization"]["email"] == "admin@nelson.example"
        assert sent[0]["body"]["organization"]["company"] == "Nelson Solutions"
        intent, outcome = [json.loads(line) for line in audit_log.read_text().splitlines()]
        # Who asked, through which client and era, against which WebNIC, and when the person approved.
        assert intent["via"]["protocol"] == "mcp" and intent["via"]["era"] == MODES[mode]
        assert intent["via"]["client"] == "mcp" and isinstance(intent["via"]["clientVersion"], str)
        assert intent["webnic"] == {"environment": "custom", "host": env["WEBNIC_BASE_URL"].removeprefix("http://")}
        assert intent["approval"]["askedAt"] <= intent["approval"]["answeredAt"]
        assert intent["changes"] == result.structured_content["changes"]
        assert (outcome["phase"], outcome["outcome"], outcome["auditId"]) == ("outcome", "ok", intent["auditId"])


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("answer,how", [
    (types.ElicitResult(action="decline"), "the person declined"),
    (types.ElicitResult(action="cancel"), "the person dismissed the question"),
    (types.ElicitResult(action="accept", content={"approve": False}), "approve was false"),
], ids=["decline", "cancel", "approve-false"])
def test_not_approved_sends_nothing(mode, answer, how):
    with simulator() as (_, env):
        callback, asked = answering(answer)

        async def scenario():
            async with connect(mode, env, callback) as client:
                return await client.call_tool("patch_organization_contact", PATCH)

        result = anyio.run(scenario)
        assert len(asked) == 1
        assert result.is_error is True
        assert result.structured_content["category"] == "declined"
        assert result.structured_content["code"] == 1016
        assert result.structured_content["message"] == f"The write was not approved ({how}): nothing was sent."
        assert puts(env) == []


@pytest.mark.parametrize("mode", MODES)
def test_a_client_that_cannot_ask_gets_approval_required_and_previews_still_work(mode):
    with simulator() as (_, env):
        async def scenario():
            async with connect(mode, env) as client:
                tools = {tool.name: tool for tool in (await client.list_tools()).tools}
                write = await client.call_tool("patch_organization_contact", PATCH)
                plan = await client.call_tool("plan_organization_contact_change", PATCH)
                return tools, write, plan

        tools, write, plan = anyio.run(scenario)
        assert write.is_error is True and write.structured_content["category"] == "approval_required"
        preview = tools["plan_organization_contact_change"]
        assert preview.annotations.read_only_hint is True
        assert preview.annotations.destructive_hint is False
        assert preview.annotations.idempotent_hint is True
        assert plan.is_error is False
        assert plan.structured_content["dryRun"] is True
        assert plan.structured_content["changes"] == [{"field": "organization.email", "before": "wj@webnic.cc", "after": "admin@nelson.example"}]
        assert plan.structured_content["request"]["method"] == "PUT"
        assert plan.structured_content["modifiedAt"] == "2025-01-13T12:52:01.973992Z"
        assert puts(env) == []


def test_the_preview_tool_sends_nothing_without_approval_too():
    with simulator() as (_, env):
        async def scenario():
            async with connect("auto", env, arguments=()) as client:
                return await client.call_tool("plan_organization_contact_change", {**PATCH, "technicalContactId": "SSL10619T"})

        plan = anyio.run(scenario)
        assert plan.is_error is False and plan.structured_content["dryRun"] is True
        assert puts(env) == []


ACCEPT = {"approval": types.ElicitResult(action="accept", content={"approve": True})}


def test_round_trips_by_hand_tampered_reused_replayed_and_stale_states_send_nothing():
    with simulator() as (_, env):
        async def first_leg(session, arguments=PATCH):
            result = await session.call_tool("patch_organization_contact", arguments, allow_input_required=True)
            assert isinstance(result, types.InputRequiredResult), result
            return result

        async def scenario():
            outcomes = {}
            callback, _ = answering(types.ElicitResult(action="decline"))
            async with connect("auto", env, callback) as client:
                session = client.session
                asked = await first_leg(session)
                question = asked.input_requests["approval"]
                outcomes["question"] = (question.method, question.params.message, question.params.requested_schema)
                state = asked.request_state
                outcomes["tampered"] = await session.call_tool(
                    "patch_organization_contact", PATCH, input_responses=ACCEPT, request_state=state[:-1] + ("0" if state[-1] != "0" else "1")
                )
                # The tampered try used nothing up: the state itself still answers, once.
                other = {"organizationId": 5, "changes": {"email": "intruder@example.com"}}
                reused = await first_leg(session)
                outcomes["other arguments"] = await session.call_tool(
                    "patch_organization_contact", other, input_responses=ACCEPT, request_state=reused.request_state
                )
                outcomes["after other arguments"] = await session.call_tool(
                    "patch_organization_contact", PATCH, input_responses=ACCEPT, request_state=reused.request_state
                )
                outcomes["approved"] = await session.call_tool(
                    "patch_organization_contact", PATCH, input_responses=ACCEPT, request_state=state
                )
                outcomes["replayed"] = await session.call_tool(
                    "patch_organization_contact", PATCH, input_responses=ACCEPT, request_state=state
                )
                outcomes["puts after approval"] = len(puts(env))
                city = {"organizationId": 5, "changes": {"city": "Ipoh"}}
                stale = await first_leg(session, city)
                run_plugin(
                    [{"jsonrpc": "2.0", "id": 1, "method": "patchOrganizationContact", "params": {"organizationId": 5, "changes": {"zip": "10000"}}}],
                    env={"PATH": "/usr/bin:/bin", **env},
                )
                outcomes["changed meanwhile"] = await session.call_tool(
                    "patch_organization_contact", city, input_responses=ACCEPT, request_state=stale.request_state
                )
            return outcomes

        outcomes = anyio.run(scenario)
        method, message, schema = outcomes["question"]
        assert method == "elicitation/create" and message == expected_message(env) and schema == SCHEMA
        for refused in ("tampered", "other arguments", "after other arguments", "replayed"):
            result = outcomes[refused]
            assert result.is_error is True, refused
            assert result.structured_content["category"] == "approval_required", refused
        assert outcomes["approved"].is_error is False
        assert outcomes["puts after approval"] == 1
        assert outcomes["changed meanwhile"].structured_content["category"] == "conflict"
        # One PUT for the approval, one for the other process's patch; none for a refused state.
        sent = puts(env)
        assert [put["body"]["organization"]["email"] for put in sent] == ["admin@nelson.example", "admin@nelson.example"]
        assert [put["body"]["organization"]["zip"] for put in sent] == ["571001", "10000"]
