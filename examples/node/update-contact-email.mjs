// Reads an organization, changes its contact e-mail and writes it back; shows error handling.
//
// Usage: node update-contact-email.mjs [ORGANIZATION_ID] [NEW_EMAIL]
// Runs against the built-in sandbox unless WEBNIC_USERNAME/WEBNIC_PASSWORD (or WEBNIC_TOKEN) are set.
import { WebNICRPCClient, WebNICRPCError } from "./webnic-rpc-client.mjs";

function describe(error) {
  if (error.category === "invalid_params") return error.fieldErrors.map((e) => `${e.field}: ${e.message}`).join("; ");
  if (error.category === "webnic_validation") {
    return error.data.webnic.fieldErrors.map((e) => `${e.field}: ${e.messages.join(", ")}`).join("; ");
  }
  return error.hint;
}

const organizationId = Number(process.argv[2] ?? 5);
const newEmail = process.argv[3] ?? "admin@example.com";
const client = new WebNICRPCClient();
try {
  const organization = await client.callWithRetry("getOrganization", { organizationId });
  const contact = organization.organization;
  console.log(`organization ${organizationId}: ${contact.company}, contact e-mail ${contact.email}`);

  contact.email = newEmail;
  const preview = await client.call("updateOrganizationContact", { ...organization, dryRun: true });
  console.log(`dry run: ${preview.request.method} ${preview.request.url}`);
  const updated = await client.callWithRetry("updateOrganizationContact", organization);
  console.log(`updated: contact e-mail is now ${updated.organization.email}`);

  // Two failing calls at once: their answers may come in any order and are matched by id.
  const outcomes = await Promise.allSettled([
    client.call("getOrganization", { organizationId: 999 }),
    client.call("updateOrganizationContact", { organizationId, organization: { ...contact, email: "not an address" } }),
  ]);
  for (const [label, outcome] of [["organization 999", outcomes[0]], ["invalid e-mail", outcomes[1]]]) {
    if (outcome.status === "rejected" && outcome.reason instanceof WebNICRPCError) {
      console.log(`${label}: ${outcome.reason.category}: ${describe(outcome.reason)}`);
    }
  }
} finally {
  await client.close();
}
