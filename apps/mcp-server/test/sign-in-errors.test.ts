import { clientSecretCredential, createCiamClient } from "@ciamkit/core";
import { describe, expect, it } from "vitest";
import { emulatorCloud } from "./helpers/demo-client.ts";
import { connectClient, textOf, useBackend } from "./helpers/harness.ts";

const backend = useBackend();

/** An MCP client whose server signs in with a wrong secret, the credential coming from `source`. */
async function clientWithWrongSecret(source: { kind: "profile"; name: string } | { kind: "environment" }) {
  const { emulator } = backend;
  const tenant = emulator.tenants[0];
  if (tenant === undefined) throw new Error("no demo tenant");
  const cloud = emulatorCloud(emulator);
  const runner = createCiamClient({
    credential: clientSecretCredential({
      tenantId: tenant.tenantId,
      clientId: tenant.clientId,
      clientSecret: "not-the-secret-0123456789",
      cloud,
      source,
    }),
    tenantId: tenant.tenantId,
    cloud,
    retry: { maxRetries: 0 },
  });
  return { client: await connectClient({ client: runner }), runner };
}

describe("a failed sign-in as a tool result", () => {
  it.each([
    [{ kind: "profile", name: "contoso-prod" } as const, /Check profile 'contoso-prod'/],
    [{ kind: "environment" } as const, /Check AZURE_TENANT_ID .*AZURE_CLIENT_SECRET/],
  ])(
    "names the token service, the AADSTS reason and what to check for a %o credential",
    async (source, advice) => {
      const { client, runner } = await clientWithWrongSecret(source);
      try {
        const result = await client.callTool({ name: "user_list", arguments: {} });
        expect(result.isError).toBe(true);
        const text = textOf(result);
        expect(text).toMatch(
          /^Token service error invalid_client: Sign-in failed \(invalid_client\): AADSTS7000215/,
        );
        expect(text).not.toMatch(/^Graph error/);
        expect(text).toMatch(advice);
        // One next step, which does not send the model to retry or to AZURE_* for a profile.
        expect(text.match(/Next:/g)).toHaveLength(1);
        expect(text).toMatch(
          /Next: ciam-mcp could not sign in: .*restart ciam-mcp; retrying will not help\./,
        );
        expect(text).not.toContain("not-the-secret-0123456789");
      } finally {
        await client.close();
        await runner.close();
      }
    },
  );
});
