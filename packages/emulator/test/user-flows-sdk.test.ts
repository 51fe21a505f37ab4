import { BatchRequestContent, BatchResponseContent, Client } from "@microsoft/microsoft-graph-client";
import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "./helpers/emulator.ts";
import { flowBody } from "./helpers/user-flows.ts";

let t: TestEmulator;
let client: Client;
beforeAll(async () => {
  t = await startTestEmulator({ throttling: false });
  const token = await t.graphToken();
  const host = new URL(t.emu.graphUrl).hostname;
  // Microsoft's Graph client, unchanged: it sends the token only to https hosts it knows (customHosts).
  client = Client.init({
    baseUrl: `${t.emu.graphUrl}/`,
    customHosts: new Set([host]),
    authProvider: (done) => done(null, token),
    // Node's fetch takes undici's dispatcher (its bundled types differ from the package's).
    fetchOptions: { dispatcher: new Agent({ connect: { ca: t.emu.caCertPem } }) } as unknown as RequestInit,
  });
});
afterAll(() => t.emu.stop());

describe("Microsoft's Graph client against the user-flow routes", () => {
  it("creates a provider and a flow, links by $ref in a batch, and reads the flow back", async () => {
    await client.api("/identity/identityProviders").post({
      "@odata.type": "#microsoft.graph.socialIdentityProvider",
      displayName: "Google",
      identityProviderType: "Google",
      clientId: "google-client",
      clientSecret: "google-secret",
    });
    const flow = await client.api("/identity/authenticationEventsFlows").post(flowBody("SDK flow"));
    const base = `/identity/authenticationEventsFlows/${flow.id}/microsoft.graph.externalUsersSelfServiceSignUpEventsFlow`;
    const batch = new BatchRequestContent([
      {
        id: "idp",
        request: new Request(
          `${t.emu.graphUrl}/v1.0${base}/onAuthenticationMethodLoadStart/microsoft.graph.onAuthenticationMethodLoadStartExternalUsersSelfServiceSignUp/identityProviders/$ref`,
          {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              "@odata.id": "https://graph.microsoft.com/v1.0/identity/identityProviders/Google-OAUTH",
            }),
          },
        ),
      },
      {
        id: "attribute",
        request: new Request(
          `${t.emu.graphUrl}/v1.0${base}/onAttributeCollection/microsoft.graph.onAttributeCollectionExternalUsersSelfServiceSignUp/attributes/$ref`,
          {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              "@odata.id": "https://graph.microsoft.com/v1.0/identity/userFlowAttributes/city",
            }),
          },
        ),
      },
    ]);
    const response = new BatchResponseContent(await client.api("/$batch").post(await batch.getContent()));
    expect(response.getResponseById("idp")?.status).toBe(204);
    expect(response.getResponseById("attribute")?.status).toBe(204);
    const read = await client.api(`/identity/authenticationEventsFlows/${flow.id}`).get();
    expect(read.onAuthenticationMethodLoadStart.identityProviders.map((p: { id: string }) => p.id)).toEqual([
      "EmailPassword-OAUTH",
      "Google-OAUTH",
    ]);
    expect(read.onAttributeCollection.attributeCollectionPage.views[0].inputs[0].attribute).toBe("city");
    const filtered = await client
      .api("/identity/authenticationEventsFlows")
      .filter(
        "microsoft.graph.externalUsersSelfServiceSignUpEventsFlow/onAuthenticationMethodLoadStart/microsoft.graph.onAuthenticationMethodLoadStartExternalUsersSelfServiceSignUp/identityProviders/any(idp:idp/id eq 'Google-OAUTH')",
      )
      .get();
    expect(filtered.value.map((f: { displayName: string }) => f.displayName)).toEqual(["SDK flow"]);
  });
});
