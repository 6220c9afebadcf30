// Reads an organization and changes its contact e-mail the safe way: a patch of that one field,
// planned with a dry run, then applied guarded by the plan's modifiedAt; shows error handling.
//
// Usage: node update-contact-email.mjs [--live] [ORGANIZATION_ID] [NEW_EMAIL]
// Runs against the built-in sandbox. With --live (or WEBNIC_LIVE=1) it writes to the WebNIC the
// WEBNIC_* settings name, with their credentials, and says which before it writes.
import { WebNICRPCClient, WebNICRPCError, WebNICRPCUnavailable } from "./webnic-rpc-client.mjs";

function describe(error) {
  if (error.category === "invalid_params") return error.fieldErrors.map((e) => `${e.field}: ${e.message}`).join("; ");
  if (error.category === "webnic_validation") {
    return error.data.webnic.fieldErrors.map((e) => `${e.field}: ${e.messages.join(", ")}`).join("; ");
  }
  return error.hint;
}

const positional = process.argv.slice(2).filter((argument) => argument !== "--live");
const live = process.argv.slice(2).includes("--live") || ["1", "true"].includes((process.env.WEBNIC_LIVE ?? "").toLowerCase());
const organizationId = Number(positional[0] ?? 5);
const newEmail = positional[1] ?? "admin@example.com";
const client = new WebNICRPCClient({ live });
try {
  const organization = await client.callWithRetry("getOrganization", { organizationId });
  const contact = organization.organization;
  console.log(`organization ${organizationId}: ${contact.company}, contact e-mail ${contact.email}`);

  const changes = { email: newEmail };
  const plan = await client.call("patchOrganizationContact", { organizationId, changes, dryRun: true });
  const listed = plan.changes.map((c) => `${c.field} ${c.before} -> ${c.after}`).join(", ") || "nothing to change";
  console.log(plan.request ? `plan: ${listed}; ${plan.request.method} ${plan.request.url}` : `plan: ${listed}`);
  if (plan.request) {
    const target = new URL(plan.request.url);
    console.log(`writing to ${target.protocol}//${target.host}` + (live ? "" : " (the built-in sandbox; --live writes to WebNIC)"));
  }
  const updated = await client.callWithRetry("patchOrganizationContact", { organizationId, changes, expectedModifiedAt: plan.modifiedAt });
  console.log(`updated: contact e-mail is now ${updated.organization.email}`);

  // Two failing calls at once: their answers may come in any order and are matched by id.
  const outcomes = await Promise.allSettled([
    client.call("getOrganization", { organizationId: 999 }),
    client.call("patchOrganizationContact", { organizationId, changes: { email: "not an address" } }),
  ]);
  for (const [label, outcome] of [["organization 999", outcomes[0]], ["invalid e-mail", outcomes[1]]]) {
    if (outcome.status === "rejected" && outcome.reason instanceof WebNICRPCError) {
      console.log(`${label}: ${outcome.reason.category}: ${describe(outcome.reason)}`);
    }
  }
} catch (error) {
  if (!(error instanceof WebNICRPCUnavailable)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await client.close();
}
