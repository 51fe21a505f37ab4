import { jpeg, png } from "@ciamkit/emulator/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createLocalizationOperation } from "../src/graph/branding/create-localization.ts";
import { getBrandingOperation } from "../src/graph/branding/get-branding.ts";
import { getBrandingFileOperation } from "../src/graph/branding/get-branding-file.ts";
import { setBrandingFileOperation } from "../src/graph/branding/set-branding-file.ts";
import { updateBrandingOperation } from "../src/graph/branding/update-branding.ts";
import { createCustomExtensionOperation } from "../src/graph/custom-extensions/create-custom-extension.ts";
import { validateCustomExtensionOperation } from "../src/graph/custom-extensions/validate-custom-extension.ts";
import { createEventListenerOperation } from "../src/graph/event-listeners/create-event-listener.ts";
import { listEventListenersOperation } from "../src/graph/event-listeners/list-event-listeners.ts";
import type { CoreEmulator } from "./helpers/emulator.ts";
import { startCoreEmulator } from "./helpers/emulator.ts";
import { protectingApi } from "./helpers/extension-api.ts";

let e: CoreEmulator;
beforeAll(async () => {
  e = await startCoreEmulator();
});
afterAll(() => e.stop());

// The branding and extension part of the seed document's walk: a logo in two languages, a token
// issuance extension validated and bound to an app by a listener, everything read back.
it("brands sign-in in two languages and wires a token issuance extension to an app", async () => {
  const client = e.client();
  await client.run(updateBrandingOperation, {
    signInPageText: "Welcome to Contoso",
    backgroundColor: "#0A2540",
  });
  await client.run(setBrandingFileOperation, {
    stream: "bannerLogo",
    contentBase64: png(245, 36).toString("base64"),
  });
  await client.run(createLocalizationOperation, {
    locale: "fr-FR",
    signInPageText: "Bienvenue chez Contoso",
  });
  await client.run(setBrandingFileOperation, {
    stream: "bannerLogo",
    locale: "fr-FR",
    contentBase64: jpeg(200, 36).toString("base64"),
  });

  // The API behind the extension: an app registration with a service principal, granted Receive.Payload.
  const apiAppId = await protectingApi(client, "Contoso claims API");
  const shop = await client.graph.post<{ appId: string }>("/applications", { displayName: "Contoso shop" });
  const extension = await client.run(createCustomExtensionOperation, {
    kind: "onTokenIssuanceStart",
    displayName: "Loyalty claims",
    targetUrl: "https://claims.contoso.example/api/token-start",
    appId: apiAppId,
    claims: ["loyaltyTier"],
  });
  expect((await client.run(validateCustomExtensionOperation, { id: extension.id })).valid).toBe(true);
  await client.run(createEventListenerOperation, {
    kind: "onTokenIssuanceStart",
    appIds: [shop.appId],
    customExtensionId: extension.id,
  });

  const en = await client.run(getBrandingOperation, {});
  const fr = await client.run(getBrandingOperation, { locale: "fr-FR" });
  expect(en).toMatchObject({ signInPageText: "Welcome to Contoso", backgroundColor: "#0A2540" });
  expect(fr).toMatchObject({ signInPageText: "Bienvenue chez Contoso", backgroundColor: "#0A2540" });
  expect(fr.bannerLogoRelativeUrl).toContain("/fr-FR/");
  expect(en.bannerLogoRelativeUrl).toContain("/0/");
  const frLogo = await client.run(getBrandingFileOperation, { stream: "bannerLogo", locale: "fr-FR" });
  expect(frLogo).toMatchObject({ found: true, contentType: "image/jpeg" });
  const listeners = await client.run(listEventListenersOperation, { appId: shop.appId });
  expect(listeners.items).toEqual([
    expect.objectContaining({ kind: "onTokenIssuanceStart", customExtensionId: extension.id }),
  ]);
});
