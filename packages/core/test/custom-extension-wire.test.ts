import { beforeAll, describe, expect, it } from "vitest";
import { listCustomExtensionsOperation } from "../src/graph/custom-extensions/list-custom-extensions.ts";
import { wireCustomExtensionOperation } from "../src/graph/custom-extensions/wire-custom-extension.ts";
import { getEventListenerOperation } from "../src/graph/event-listeners/get-event-listener.ts";
import { listEventListenersOperation } from "../src/graph/event-listeners/list-event-listeners.ts";
import { PermissionError } from "../src/http/errors.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";
import { protectingApi } from "./helpers/extension-api.ts";
import { seededClient } from "./helpers/seeded-client.ts";

const { t, client } = useCoreEmulator();
let apiAppId: string;
let shop: string;
let kiosk: string;

beforeAll(async () => {
  apiAppId = await protectingApi(client);
  shop = (await client.graph.post<{ appId: string }>("/applications", { displayName: "Shop" })).appId;
  kiosk = (await client.graph.post<{ appId: string }>("/applications", { displayName: "Kiosk" })).appId;
});

const mark = () => t.emu.control.monitor.requests().length;
/** Writes other than the validation action (a POST that only reads). */
const graphWrites = (from: number) =>
  t.emu.control.monitor
    .requests()
    .slice(from)
    .filter(
      (r) =>
        r.service === "graph" &&
        r.method !== "GET" &&
        !r.path.includes("validateAuthenticationConfiguration"),
    )
    .map((r) => `${r.method} ${r.path.replace(/^\/v1\.0/, "").replace(/\/[0-9a-f-]{36}$/, "/{id}")}`);

const spec = () => ({
  displayName: "Loyalty claims",
  targetUrl: "https://claims.contoso.example/api/token-start",
  appId: apiAppId,
  claims: ["loyaltyTier"],
  appIds: [shop],
});

describe("custom_extension_wire", () => {
  it("creates the extension and a listener for the apps, and reports a valid configuration", async () => {
    const from = mark();
    const result = await client.run(wireCustomExtensionOperation, spec());
    expect(graphWrites(from)).toEqual([
      "POST /identity/customAuthenticationExtensions",
      "POST /identity/authenticationEventListeners",
    ]);
    expect(result.extension).toMatchObject({
      kind: "onTokenIssuanceStart",
      resourceId: `api://claims.contoso.example/${apiAppId}`,
      claims: ["loyaltyTier"],
    });
    expect(result.validation).toEqual({ valid: true, errors: [], warnings: [], fixes: [] });
    expect(result.actions.map((a) => `${a.action} ${a.resource}`)).toEqual([
      "created customExtension",
      "created eventListener",
      "linked application",
      "validated customExtension",
    ]);
    const listener = await client.run(getEventListenerOperation, { id: result.listenerId });
    expect(listener).toMatchObject({
      kind: "onTokenIssuanceStart",
      appIds: [shop],
      customExtensionId: result.extension.id,
    });
  });

  it("changes nothing on a rerun and validates again", async () => {
    const from = mark();
    const result = await client.run(wireCustomExtensionOperation, spec());
    expect(result.changed).toBe(false);
    expect(graphWrites(from)).toEqual([]);
    expect(result.actions.map((a) => a.action)).toEqual(["unchanged", "unchanged", "validated"]);
    expect((await client.run(listCustomExtensionsOperation, {})).items).toHaveLength(1);
  });

  it("updates only what differs: a new claim and one more app", async () => {
    const changed = { ...spec(), claims: ["loyaltyTier", "memberSince"], appIds: [shop, kiosk] };
    const from = mark();
    const result = await client.run(wireCustomExtensionOperation, changed);
    expect(graphWrites(from)).toEqual([
      "PATCH /identity/customAuthenticationExtensions/{id}",
      "PATCH /identity/authenticationEventListeners/{id}",
    ]);
    expect(result.actions.filter((a) => a.action !== "validated")).toEqual([
      expect.objectContaining({ action: "updated", resource: "customExtension", detail: "claims" }),
      expect.objectContaining({ action: "linked", resource: "application", id: kiosk }),
    ]);
    expect(result.extension.claims).toEqual(["loyaltyTier", "memberSince"]);
    const listeners = await client.run(listEventListenersOperation, { appId: kiosk });
    expect(listeners.items.map((l) => l.id)).toEqual([result.listenerId]);
  });

  it("reports the validation errors of an endpoint whose host does not match the resource id", async () => {
    const result = await client.run(wireCustomExtensionOperation, {
      displayName: "Mismatched",
      targetUrl: "https://other.contoso.example/api",
      resourceId: `api://claims.contoso.example/${apiAppId}`,
      appIds: [shop],
    });
    expect(result.validation.valid).toBe(false);
    expect(result.validation.errors.map((e) => e.code)).toContain("DomainNameDoesNotMatch");
    expect(result.actions.at(-1)).toMatchObject({
      action: "validated",
      detail: expect.stringContaining("invalid: DomainNameDoesNotMatch"),
    });
  });

  it("refuses an application that does not exist before creating anything", async () => {
    const before = (await client.run(listCustomExtensionsOperation, {})).items.length;
    const from = mark();
    const error = await client
      .run(wireCustomExtensionOperation, {
        ...spec(),
        displayName: "Ghost",
        appIds: ["6b1f2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d"],
      })
      .catch((e) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(String(error.message)).toContain(
      "no application has the client id 6b1f2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d",
    );
    expect(graphWrites(from)).toEqual([]);
    expect((await client.run(listCustomExtensionsOperation, {})).items).toHaveLength(before);
  });

  it.each([
    [
      "both resourceId and appId",
      { resourceId: `api://claims.contoso.example/${"1".repeat(8)}-1111-1111-1111-111111111111` },
    ],
    ["an http endpoint", { targetUrl: "http://claims.contoso.example/api" }],
    ["no apps", { appIds: [] }],
  ])("refuses %s", async (_, change) => {
    await expect(client.run(wireCustomExtensionOperation, { ...spec(), ...change })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });

  it("needs the extension and listener write permissions", async () => {
    const reader = seededClient(t, "wire-reader", [
      "Application.Read.All",
      "CustomAuthenticationExtension.Read.All",
      "EventListener.Read.All",
    ]);
    const error = await reader
      .run(wireCustomExtensionOperation, { ...spec(), displayName: "Denied" })
      .catch((e) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect(error.requiredPermissions).toContain("CustomAuthenticationExtension.ReadWrite.All");
  });
});
