import { beforeEach, describe, expect, it } from "vitest";
import { createCustomExtensionOperation } from "../src/graph/custom-extensions/create-custom-extension.ts";
import { createEventListenerOperation } from "../src/graph/event-listeners/create-event-listener.ts";
import { deleteEventListenerOperation } from "../src/graph/event-listeners/delete-event-listener.ts";
import { getEventListenerOperation } from "../src/graph/event-listeners/get-event-listener.ts";
import { listEventListenersOperation } from "../src/graph/event-listeners/list-event-listeners.ts";
import { updateEventListenerOperation } from "../src/graph/event-listeners/update-event-listener.ts";
import { NotFoundError, PermissionError, ValidationError } from "../src/http/errors.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";
import { limitedClient } from "./helpers/limited-app.ts";

const { t: e, client } = useCoreEmulator();
let shop: string;
let blog: string;
beforeEach(async () => {
  await e.emu.control.reset();
  shop = (await client.graph.post<{ appId: string }>("/applications", { displayName: "shop" })).appId;
  blog = (await client.graph.post<{ appId: string }>("/applications", { displayName: "blog" })).appId;
});

const extension = (
  kind: "onTokenIssuanceStart" | "onOtpSend" | "onAttributeCollectionSubmit" | "onPasswordSubmit",
) =>
  client.run(createCustomExtensionOperation, {
    kind,
    displayName: kind,
    targetUrl: "https://hooks.contoso.example/x",
    appId: shop,
  });

describe("event listeners", () => {
  it("binds an extension to apps; list by app; update apps and extension; delete", async () => {
    const first = await extension("onTokenIssuanceStart");
    const second = await extension("onTokenIssuanceStart");
    const created = await client.run(createEventListenerOperation, {
      kind: "onTokenIssuanceStart",
      appIds: [shop],
      customExtensionId: first.id,
      displayName: "shop claims",
    });
    expect(created).toMatchObject({
      kind: "onTokenIssuanceStart",
      appIds: [shop],
      customExtensionId: first.id,
      displayName: "shop claims",
      authenticationEventsFlowId: null,
    });
    expect((await client.run(listEventListenersOperation, { appId: shop })).items.map((l) => l.id)).toEqual([
      created.id,
    ]);
    expect((await client.run(listEventListenersOperation, { appId: blog })).items).toEqual([]);
    const updated = await client.run(updateEventListenerOperation, {
      id: created.id,
      appIds: [shop, blog],
      customExtensionId: second.id,
    });
    expect(updated).toMatchObject({ appIds: [shop, blog], customExtensionId: second.id });
    expect((await client.run(listEventListenersOperation, { appId: blog })).items.map((l) => l.id)).toEqual([
      created.id,
    ]);
    expect(await client.run(getEventListenerOperation, { id: created.id })).toEqual(updated);
    await client.run(deleteEventListenerOperation, { id: created.id });
    await expect(client.run(getEventListenerOperation, { id: created.id })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("a fraud protection listener takes a provider", async () => {
    const created = await client.run(createEventListenerOperation, {
      kind: "onFraudProtectionLoadStart",
      appIds: [shop],
      fraudProvider: { type: "arkose", id: "arkose-1" },
    });
    expect(created).toMatchObject({
      kind: "onFraudProtectionLoadStart",
      fraudProtectionProviderId: "arkose-1",
      customExtensionId: null,
    });
  });

  it("an onPasswordSubmit listener binds a password submit extension and the migration flag; update keeps the other half", async () => {
    const flag = (name: string) => `extension_${shop.replaceAll("-", "")}_${name}`;
    const first = await extension("onPasswordSubmit");
    const second = await extension("onPasswordSubmit");
    const created = await client.run(createEventListenerOperation, {
      kind: "onPasswordSubmit",
      appIds: [shop],
      customExtensionId: first.id,
      migrationPropertyId: flag("RequiresMigration"),
    });
    expect(created).toMatchObject({
      kind: "onPasswordSubmit",
      customExtensionId: first.id,
      migrationPropertyId: flag("RequiresMigration"),
    });
    const raw = await client.graph.get<{ handler: Record<string, unknown> }>(
      `/identity/authenticationEventListeners/${created.id}`,
    );
    expect(raw.handler["@odata.type"]).toBe("#microsoft.graph.onPasswordMigrationCustomExtensionHandler");
    const moved = await client.run(updateEventListenerOperation, {
      id: created.id,
      customExtensionId: second.id,
    });
    expect(moved).toMatchObject({
      customExtensionId: second.id,
      migrationPropertyId: flag("RequiresMigration"),
    });
    const renamed = await client.run(updateEventListenerOperation, {
      id: created.id,
      migrationPropertyId: flag("NeedsMigration"),
    });
    expect(renamed).toMatchObject({
      customExtensionId: second.id,
      migrationPropertyId: flag("NeedsMigration"),
    });
    await client.run(deleteEventListenerOperation, { id: created.id });
    expect((await client.run(listEventListenersOperation, {})).items).toEqual([]);
  });

  it("onPasswordSubmit without a well-formed migration flag, or with another event's extension, changes nothing", async () => {
    const password = await extension("onPasswordSubmit");
    const claims = await extension("onTokenIssuanceStart");
    const flag = `extension_${shop.replaceAll("-", "")}_RequiresMigration`;
    for (const input of [
      { kind: "onPasswordSubmit", appIds: [shop], customExtensionId: password.id },
      {
        kind: "onPasswordSubmit",
        appIds: [shop],
        customExtensionId: password.id,
        migrationPropertyId: "RequiresMigration",
      },
      {
        kind: "onTokenIssuanceStart",
        appIds: [shop],
        customExtensionId: claims.id,
        migrationPropertyId: flag,
      },
    ] as const) {
      await expect(
        client.run(createEventListenerOperation, { ...input, appIds: [...input.appIds] }),
      ).rejects.toBeInstanceOf(InvalidInputError);
    }
    await expect(
      client.run(createEventListenerOperation, {
        kind: "onPasswordSubmit",
        appIds: [shop],
        customExtensionId: claims.id,
        migrationPropertyId: flag,
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    const other = await client.run(createEventListenerOperation, {
      kind: "onTokenIssuanceStart",
      appIds: [shop],
      customExtensionId: claims.id,
    });
    const error = await client
      .run(updateEventListenerOperation, { id: other.id, migrationPropertyId: flag })
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toContain("only onPasswordSubmit");
    expect((await client.run(listEventListenersOperation, {})).items.map((l) => l.id)).toEqual([other.id]);
  });

  it("Graph refuses an extension of another event and a missing one; bad input fails before sending", async () => {
    const otp = await extension("onOtpSend");
    await expect(
      client.run(createEventListenerOperation, {
        kind: "onTokenIssuanceStart",
        appIds: [shop],
        customExtensionId: otp.id,
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      client.run(createEventListenerOperation, {
        kind: "onTokenIssuanceStart",
        appIds: [shop],
        customExtensionId: "6fc5012e-7665-43d6-9708-4370863f4e6e",
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      client.run(createEventListenerOperation, {
        kind: "onTokenIssuanceStart",
        appIds: [],
        customExtensionId: otp.id,
      }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(
      client.run(createEventListenerOperation, {
        kind: "onFraudProtectionLoadStart",
        appIds: [shop],
        customExtensionId: otp.id,
      }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect((await client.run(listEventListenersOperation, {})).items).toEqual([]);
  });

  it("update and delete of an unknown listener are not found; an empty update fails before sending", async () => {
    const missing = "990d94e5-cc8f-4c4b-97b4-27e2678aac28";
    await expect(
      client.run(updateEventListenerOperation, { id: missing, displayName: "x" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.run(deleteEventListenerOperation, { id: missing })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(client.run(updateEventListenerOperation, { id: missing })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    await expect(client.run(listEventListenersOperation, { appId: "not-a-guid" })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });

  it("the 251st listener is refused by Graph", async () => {
    const ext = await extension("onAttributeCollectionSubmit");
    const body = {
      "@odata.type": "#microsoft.graph.onAttributeCollectionSubmitListener",
      conditions: { applications: { includeApplications: [{ appId: shop }] } },
      handler: {
        "@odata.type": "#microsoft.graph.onAttributeCollectionSubmitCustomExtensionHandler",
        customExtension: { id: ext.id },
      },
    };
    for (let i = 0; i < 250; i++) await client.graph.post("/identity/authenticationEventListeners", body);
    const page = await client.run(listEventListenersOperation, { limit: 1000 });
    expect(page.items).toHaveLength(250);
    const error = await client
      .run(createEventListenerOperation, {
        kind: "onAttributeCollectionSubmit",
        appIds: [shop],
        customExtensionId: ext.id,
      })
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toContain("maximum of 250");
  });

  it("an app that may only read cannot create; it is told which permission is missing", async () => {
    const ext = await extension("onTokenIssuanceStart");
    const reader = (await limitedClient(e, client, ["EventListener.Read.All"])).client;
    const error = await reader
      .run(createEventListenerOperation, {
        kind: "onTokenIssuanceStart",
        appIds: [shop],
        customExtensionId: ext.id,
      })
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).requiredPermissions).toEqual(["EventListener.ReadWrite.All"]);
    await reader.close();
  });
});
