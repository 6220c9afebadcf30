"""Reads an organization and changes its contact e-mail the safe way: a patch of that one field,
planned with a dry run, then applied guarded by the plan's modifiedAt; shows error handling.

Usage: python3 update_contact_email.py [--live] [ORGANIZATION_ID] [NEW_EMAIL]
Runs against the built-in sandbox. With --live (or WEBNIC_LIVE=1) it writes to the WebNIC the
WEBNIC_* settings name, with their credentials, and says which before it writes.
"""
import asyncio
import os
import sys
from urllib.parse import urlsplit

from webnic_rpc_client import WebNICRPCClient, WebNICRPCError, WebNICRPCUnavailable


def describe(error):
    """One line per error, by category."""
    if error.category == "invalid_params":
        return "; ".join(f"{item['field']}: {item['message']}" for item in error.field_errors)
    if error.category == "webnic_validation":
        return "; ".join(f"{item['field']}: {', '.join(item['messages'])}" for item in error.data["webnic"]["fieldErrors"])
    return error.hint


async def main(organization_id, new_email, live):
    async with WebNICRPCClient(live=live) as client:
        organization = await client.call_with_retry("getOrganization", organizationId=organization_id)
        contact = organization["organization"]
        print(f"organization {organization_id}: {contact['company']}, contact e-mail {contact['email']}")

        changes = {"email": new_email}
        plan = await client.call("patchOrganizationContact", organizationId=organization_id, changes=changes, dryRun=True)
        listed = ", ".join(f"{c['field']} {c['before']} -> {c['after']}" for c in plan["changes"]) or "nothing to change"
        print(f"plan: {listed}; {plan['request']['method']} {plan['request']['url']}" if plan["request"] else f"plan: {listed}")
        if plan["request"]:
            target = urlsplit(plan["request"]["url"])
            print(f"writing to {target.scheme}://{target.netloc}" + ("" if live else " (the built-in sandbox; --live writes to WebNIC)"))
        updated = await client.call_with_retry(
            "patchOrganizationContact", organizationId=organization_id, changes=changes, expectedModifiedAt=plan["modifiedAt"]
        )
        print(f"updated: contact e-mail is now {updated['organization']['email']}")

        # Two failing calls at once: their answers may come in any order and are matched by id.
        missing, invalid = await asyncio.gather(
            client.call("getOrganization", organizationId=999),
            client.call("patchOrganizationContact", organizationId=organization_id, changes={"email": "not an address"}),
            return_exceptions=True,
        )
        for label, outcome in (("organization 999", missing), ("invalid e-mail", invalid)):
            if isinstance(outcome, WebNICRPCError):
                print(f"{label}: {outcome.category}: {describe(outcome)}")


if __name__ == "__main__":
    arguments = [argument for argument in sys.argv[1:] if argument != "--live"]
    live = "--live" in sys.argv[1:] or os.environ.get("WEBNIC_LIVE", "").lower() in ("1", "true")
    try:
        asyncio.run(main(int(arguments[0]) if arguments else 5, arguments[1] if len(arguments) > 1 else "admin@example.com", live))
    except WebNICRPCUnavailable as error:
        sys.exit(str(error))
