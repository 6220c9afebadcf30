"""schema/openrpc.json is a valid OpenRPC document whose schemas and examples hold together."""
import json

import jsonschema
import pytest

from conftest import META_SCHEMA, OPENRPC, meta_registry, method, params_schema, validator


def test_document_validates_against_the_official_openrpc_meta_schema():
    meta = json.loads(META_SCHEMA.read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft7Validator(meta, registry=meta_registry()).iter_errors(OPENRPC))
    assert errors == [], [f"{list(e.path)}: {e.message[:200]}" for e in errors]


@pytest.mark.parametrize("name", sorted(OPENRPC["components"]["schemas"]))
def test_every_component_schema_is_a_valid_json_schema(name):
    jsonschema.Draft7Validator.check_schema(OPENRPC["components"]["schemas"][name])


def test_every_method_has_success_and_failure_examples():
    for entry in OPENRPC["methods"]:
        examples = entry.get("examples", [])
        assert any("result" in example for example in examples), entry["name"]
        if entry["name"] != "rpc.discover":
            assert any("x-error" in example for example in examples), entry["name"]


@pytest.mark.parametrize("entry", OPENRPC["methods"], ids=lambda m: m["name"])
def test_examples_validate_against_their_method(entry):
    for example in entry["examples"]:
        params = {p["name"]: p["value"] for p in example["params"]}
        errors = list(validator(params_schema(entry["name"])).iter_errors(params))
        if "x-error" in example:
            error = example["x-error"]
            validator({"$ref": "#/components/schemas/ErrorData"}).validate(error["data"])
            codes = {e["code"] for e in OPENRPC["components"]["errors"].values()}
            assert error["code"] in codes
            if error["data"]["category"] == "invalid_params":
                assert errors, f"{example['name']}: the schema accepts params the example says are invalid"
        else:
            assert errors == [], f"{example['name']}: {[e.message for e in errors]}"
            validator(entry["result"]["schema"]).validate(example["result"]["value"])


def test_error_components_carry_data_that_fits_error_data():
    for name, error in OPENRPC["components"]["errors"].items():
        validator({"$ref": "#/components/schemas/ErrorData"}).validate(error["data"])
        reserved = -32768 <= error["code"] <= -32000
        assert not reserved or error["data"]["category"] in {"invalid_params", "internal", "cancelled"}, name


def test_schemas_are_referenced_not_copied():
    text = json.dumps(OPENRPC["methods"])
    assert text.count('"pattern"') == 0, "methods must $ref the schemas in components, not repeat them"
    assert '"#/components/schemas/OrganizationInput"' in text
    assert '"#/components/schemas/Organization"' in text
