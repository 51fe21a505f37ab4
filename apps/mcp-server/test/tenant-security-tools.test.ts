import { describe, expect, it } from "vitest";
import { textOf, useBackend, useClient } from "./helpers/harness.ts";

// Issue 14's remaining tenant security tools as a model meets them: a fraud protection provider asked
// for app-only (Graph takes a signed-in admin only), and a custom domain verified before its TXT record.

const backend = useBackend();
const client = useClient(backend, { toolsets: ["fraud-providers", "domains"] });

describe("fraud provider and domain tools", () => {
  it("fraud_provider_list app-only is an error telling the model to ask for a device-code sign-in, not a grant", async () => {
    const result = await client.callTool({ name: "fraud_provider_list", arguments: {} });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toContain("RiskPreventionProviders.Read.All");
    expect(text).toContain("device-code profile");
    expect(text).not.toContain("ciam app grant");
  });

  it("domain_verify before the TXT record is published names the record; domain_list shows it pending", async () => {
    const added = await client.callTool({
      name: "domain_add",
      arguments: { name: "login.fabrikam.example" },
    });
    expect(added.isError, textOf(added)).not.toBe(true);
    const record = (added.structuredContent as { txtRecord: { text: string } }).txtRecord;
    const early = await client.callTool({
      name: "domain_verify",
      arguments: { name: "login.fabrikam.example" },
    });
    expect(early.isError).toBe(true);
    expect(textOf(early)).toContain(record.text);
    const list = await client.callTool({ name: "domain_list", arguments: {} });
    expect(JSON.stringify(list.structuredContent)).toContain(record.text);
  });
});
