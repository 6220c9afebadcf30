"""The schema and the plugin give the same verdict on the same parameters.

Each row is fed to the JSON Schema of the method's params (built as a client generator would)
and to the plugin in sandbox mode. Valid params must never get -32602; invalid ones must.
"""
import json

import pytest

from conftest import params_schema, run_plugin, validator

ORGANIZATION = {
    "company": "Nelson Solutions", "firstName": "Johny", "lastName": "Nelson", "address1": "L4-E-2, HIVE 5",
    "city": "Bukit Jalil", "countryCode": "SG", "phoneNumber": "+60.123456789", "email": "admin@webnic.cc",
}


def edited(base, edits):
    """`base` with each of `edits` set, or removed when its value is KeyError."""
    result = dict(base)
    for key, value in edits.items():
        if value is KeyError:
            result.pop(key, None)
        else:
            result[key] = value
    return result


def update(changes=None, **top):
    organization = edited(ORGANIZATION, changes or {})
    return edited({"organizationId": 5, "organization": organization, "dryRun": True}, top)


UPDATE_ROWS = [
    ("the base contact", update(), True),
    ("optional fields null or empty", update({"address2": None, "state": "", "zip": None, "faxNumber": "", "jobTitle": None}), True),
    ("country code in lower case", update({"countryCode": "my"}), True),
    ("country code that does not exist", update({"countryCode": "XX"}), False),
    ("country code of three letters", update({"countryCode": "SGP"}), False),
    ("missing company", update({"company": KeyError}), False),
    ("company null", update({"company": None}), False),
    ("blank company", update({"company": "   "}), False),
    ("company not a string", update({"company": 5}), False),
    ("first name of 60 characters", update({"firstName": "é" * 60}), True),
    ("first name of 61 characters", update({"firstName": "é" * 61}), False),
    ("empty last name", update({"lastName": ""}), False),
    ("control character in city", update({"city": "Kuala\u0000Lumpur"}), False),
    ("tab in state", update({"state": "a\tb"}), False),
    ("C1 control in job title", update({"jobTitle": "\u0085"}), False),
    ("shortest phone", update({"phoneNumber": "+1.1234"}), True),
    ("longest phone", update({"phoneNumber": "+123.12345678901234"}), True),
    ("phone without plus", update({"phoneNumber": "60.123456789"}), False),
    ("phone with four-digit country code", update({"phoneNumber": "+1234.5678"}), False),
    ("phone too short", update({"phoneNumber": "+60.123"}), False),
    ("phone too long", update({"phoneNumber": "+60.123456789012345"}), False),
    ("fax with a space", update({"faxNumber": "+60 1234"}), False),
    ("fax valid", update({"faxNumber": "+60.12345678"}), True),
    ("e-mail without @", update({"email": "admin.webnic.cc"}), False),
    ("e-mail with two @", update({"email": "a@b@c.cc"}), False),
    ("e-mail with empty local part", update({"email": "@webnic.cc"}), False),
    ("e-mail domain without a dot", update({"email": "admin@localhost"}), False),
    ("e-mail domain starting with a dot", update({"email": "admin@.com"}), False),
    ("e-mail with a space", update({"email": "ad min@webnic.cc"}), False),
    ("e-mail of 254 characters", update({"email": "a" * 244 + "@webnic.cc"}), True),
    ("e-mail of 255 characters", update({"email": "a" * 245 + "@webnic.cc"}), False),
    ("unknown contact key", update({"firstname": "Johny"}), False),
    ("organization not an object", update(organization="x"), False),
    ("organization missing", update(organization=KeyError), False),
    ("technical contact id", update(technicalContactId="SSL-10619T"), True),
    ("technical contact id null", update(technicalContactId=None), True),
    ("technical contact id with a space", update(technicalContactId="SSL 1"), False),
    ("technical contact id of 33 characters", update(technicalContactId="A" * 33), False),
    ("technical contact id not a string", update(technicalContactId=7), False),
    ("dryRun not a boolean", update(dryRun="yes"), False),
    ("read-only keys of a getOrganization result", update(digicertOrganizationId="2075297", resid=2740, createdAt="x", modifiedAt=None), True),
    ("unknown parameter", update(extra=1), False),
    ("expectedModifiedAt", update(expectedModifiedAt="2025-01-13T12:52:01.973992Z"), True),
    ("expectedModifiedAt not a time", update(expectedModifiedAt="yesterday"), False),
    ("organization id zero", update(organizationId=0), False),
    ("organization id negative", update(organizationId=-5), False),
    ("organization id fraction", update(organizationId=1.5), False),
    ("organization id written 5.0", update(organizationId=5.0), True),
    ("organization id string", update(organizationId="5"), False),
    ("organization id 2^53-1", update(organizationId=2**53 - 1), True),
    ("organization id 2^53", update(organizationId=2**53), False),
]

def patch(changes=None, **top):
    if changes is not None:
        top["changes"] = changes
    return edited({"organizationId": 5, "changes": {"email": "admin@webnic.cc"}, "dryRun": True}, top)


PATCH_ROWS = [
    ("one field", patch(), True),
    ("no field at all", patch({}), True),
    ("every optional field cleared", patch({"address2": None, "state": None, "zip": None, "faxNumber": None, "jobTitle": None}), True),
    ("optional fields set empty", patch({"state": "", "faxNumber": ""}), True),
    ("a required field cleared", patch({"company": None}), False),
    ("a required field blank", patch({"city": " "}), False),
    ("country code in lower case", patch({"countryCode": "sg"}), True),
    ("country code that does not exist", patch({"countryCode": "XX"}), False),
    ("phone with a space", patch({"phoneNumber": "+60 1234"}), False),
    ("fax valid", patch({"faxNumber": "+60.12345678"}), True),
    ("e-mail without @", patch({"email": "admin.webnic.cc"}), False),
    ("first name of 61 characters", patch({"firstName": "x" * 61}), False),
    ("a value not a string", patch({"zip": 57000}), False),
    ("unknown contact key", patch({"emial": "a@b.cc"}), False),
    ("changes not an object", patch("email"), False),
    ("changes missing", patch(changes=KeyError), False),
    ("whole contact in organization", patch(changes=KeyError, organization={"email": "a@b.cc"}), False),
    ("technical contact id", patch(technicalContactId="SSL10619T"), True),
    ("technical contact id with a space", patch(technicalContactId="SSL 1"), False),
    ("expectedModifiedAt with microseconds", patch(expectedModifiedAt="2025-01-13T12:52:01.973992Z"), True),
    ("expectedModifiedAt with an offset", patch(expectedModifiedAt="2025-08-08T12:08:31+08:00"), True),
    ("expectedModifiedAt with nanoseconds", patch(expectedModifiedAt="2026-08-08T04:08:31.150680317Z"), True),
    ("expectedModifiedAt without a zone", patch(expectedModifiedAt="2028-06-17T12:18:59"), True),
    ("expectedModifiedAt a date only", patch(expectedModifiedAt="2025-01-13"), False),
    ("expectedModifiedAt month 13", patch(expectedModifiedAt="2025-13-13T12:52:01Z"), False),
    ("expectedModifiedAt with ten fraction digits", patch(expectedModifiedAt="2025-01-13T12:52:01.1234567890Z"), False),
    ("expectedModifiedAt a number", patch(expectedModifiedAt=1736772721), False),
    ("dryRun not a boolean", patch(dryRun="yes"), False),
    ("organization id zero", patch(organizationId=0), False),
]

GET_ROWS = [
    ("an id", {"organizationId": 5}, True),
    ("no id", {}, False),
    ("a misspelt key", {"organizationID": 5}, False),
    ("id zero", {"organizationId": 0}, False),
    ("id null", {"organizationId": None}, False),
    ("id true", {"organizationId": True}, False),
]


def verdicts(method, rows):
    """Schema verdict and plugin verdict for every row, as (name, schema, plugin, expected)."""
    requests = [{"jsonrpc": "2.0", "id": index, "method": method, "params": params} for index, (_, params, _) in enumerate(rows)]
    responses = run_plugin(requests, "--sandbox")
    schema = validator(params_schema(method))
    out = []
    for index, (name, params, expected) in enumerate(rows):
        response = responses[json.dumps(index)]
        plugin_valid = response.get("error", {}).get("code") != -32602
        out.append((name, schema.is_valid(params), plugin_valid, expected))
    return out


@pytest.mark.parametrize(
    "method,rows",
    [("updateOrganizationContact", UPDATE_ROWS), ("patchOrganizationContact", PATCH_ROWS), ("getOrganization", GET_ROWS)],
)
def test_schema_and_plugin_agree(method, rows):
    disagreements = [row for row in verdicts(method, rows) if not (row[1] == row[2] == row[3])]
    assert disagreements == [], "(name, schema says valid, plugin says valid, expected)"
