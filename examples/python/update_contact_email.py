"""Reads an organization, changes its contact e-mail and writes it back; shows error handling.

Usage: python3 update_contact_email.py [ORGANIZATION_ID] [NEW_EMAIL]
Runs against the built-in sandbox unless WEBNIC_USERNAME/WEBNIC_PASSWORD (or WEBNIC_TOKEN) are set.
"""
import asyncio
import sys

from webnic_rpc_client import WebNICRPCClient, WebNICRPCError


def describe(error):
    """One line per error, by category."""
    if error.category == "invalid_params":
        return "; ".join(f"{item['field']}: {item['message']}" for item in error.field_errors)
    if error.category == "webnic_validation":
        return "; ".join(f"{item['field']}: {', '.join(item['messages'])}" for item in error.data["webnic"]["fieldErrors"])
    return error.hint


async def main(organization_id, new_email):
    async with WebNICRPCClient() as client:
        organization = await client.call_with_retry("getOrganization", organizationId=organization_id)
        contact = organization["organization"]
        print(f"organization {organization_id}: {contact['company']}, contact e-mail {contact['email']}")

        contact["email"] = new_email
        organization["organization"] = contact
        preview = await client.call("updateOrganizationContact", **organization, dryRun=True)
        print(f"dry run: {preview['request']['method']} {preview['request']['url']}")
        updated = await client.call_with_retry("updateOrganizationContact", **organization)
        print(f"updated: contact e-mail is now {updated['organization']['email']}")

        # Two failing calls at once: their answers may come in any order and are matched by id.
        missing, invalid = await asyncio.gather(
            client.call("getOrganization", organizationId=999),
            client.call("updateOrganizationContact", organizationId=organization_id,
                        organization=dict(contact, email="not an address")),
            return_exceptions=True,
        )
        for label, outcome in (("organization 999", missing), ("invalid e-mail", invalid)):
            if isinstance(outcome, WebNICRPCError):
                print(f"{label}: {outcome.category}: {describe(outcome)}")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5, sys.argv[2] if len(sys.argv) > 2 else "admin@example.com"))
