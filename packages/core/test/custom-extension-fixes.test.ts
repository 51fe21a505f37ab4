// Issue 14's also-fix items for custom extensions: an invalid auth setup names its fix and wire makes
// it when asked (service principal, Receive.Payload grant); deleting an extension a listener still
// calls is refused naming the listener, or deletes both when asked and confirmed.
import { describe, expect, it } from "vitest";
import { createCustomExtensionOperation } from "../src/graph/custom-extensions/create-custom-extension.ts";
import { deleteCustomExtensionOperation } from "../src/graph/custom-extensions/delete-custom-extension.ts";
import { getCustomExtensionOperation } from "../src/graph/custom-extensions/get-custom-extension.ts";
import { validateCustomExtensionOperation } from "../src/graph/custom-extensions/validate-custom-extension.ts";
import { wireCustomExtensionOperation } from "../src/graph/custom-extensions/wire-custom-extension.ts";
import { getEventListenerOperation } from "../src/graph/event-listeners/get-event-listener.ts";
import { ConflictError, NotFoundError } from "../src/http/errors.ts";
import { RemovalNotConfirmedError } from "../src/operations/confirm-removals.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";

const { client } = useCoreEmulator();
const targetUrl = "https://claims.contoso.example/api/token-start";
const newApp = async (displayName: string) =>
  (await client.graph.post<{ appId: string }>("/applications", { displayName })).appId;

describe("custom_extension_validate and custom_extension_wire name the fix, and wire makes it when asked", () => {
  it("an API app without a service principal: invalid with its fix; wire with fix: true creates it and grants Receive.Payload", async () => {
    const api = await newApp("Unprepared API");
    const shop = await newApp("Shop");
    const draft = await client.run(validateCustomExtensionOperation, { targetUrl, appId: api });
    expect(draft.valid).toBe(false);
    expect(draft.fixes).toEqual([
      "Create the protecting app's service principal: custom_extension_wire with fix: true, or service_principal_create.",
      "Grant CustomAuthenticationExtensions.Receive.Payload to the protecting app: custom_extension_wire with fix: true, or app_grant.",
    ]);
    const unfixed = await client.run(wireCustomExtensionOperation, {
      displayName: "Claims",
      targetUrl,
      appId: api,
      appIds: [shop],
    });
    expect(unfixed.validation.valid).toBe(false);
    const fixed = await client.run(wireCustomExtensionOperation, {
      displayName: "Claims",
      targetUrl,
      appId: api,
      appIds: [shop],
      fix: true,
    });
    expect(fixed.validation).toEqual({ valid: true, errors: [], warnings: [], fixes: [] });
    expect(fixed.actions.map((a) => `${a.action} ${a.resource}`)).toEqual([
      "unchanged customExtension",
      "unchanged eventListener",
      "created servicePrincipal",
      "added appRoleAssignment",
      "validated customExtension",
    ]);
    // Once fixed, fixing again changes nothing.
    const again = await client.run(wireCustomExtensionOperation, {
      displayName: "Claims",
      targetUrl,
      appId: api,
      appIds: [shop],
      fix: true,
    });
    expect(again.changed).toBe(false);
  });
});

describe("custom_extension_delete while a listener calls it", () => {
  const wired = async (name: string) => {
    const api = await newApp(`${name} API`);
    const app = await newApp(`${name} app`);
    return client.run(wireCustomExtensionOperation, {
      displayName: name,
      targetUrl,
      appId: api,
      appIds: [app],
      fix: true,
    });
  };

  it("is refused naming the listener; nothing is deleted", async () => {
    const { extension, listenerId } = await wired("Busy");
    const error = await client.run(deleteCustomExtensionOperation, { id: extension.id }).catch((e) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(String(error.message)).toContain(
      `still called by event listener ${listenerId} (onTokenIssuanceStart)`,
    );
    expect(String(error.message)).toContain("withListeners: true");
    expect((await client.run(getCustomExtensionOperation, { id: extension.id })).id).toBe(extension.id);
    expect((await client.run(getEventListenerOperation, { id: listenerId })).id).toBe(listenerId);
  });

  it("with withListeners deletes both after confirmation; refused confirmation changes nothing", async () => {
    const { extension, listenerId } = await wired("Retired");
    const asked: string[][] = [];
    const no = client.run(
      deleteCustomExtensionOperation,
      { id: extension.id, withListeners: true },
      {
        confirmRemovals: async (r) => {
          asked.push([...r.removals]);
          return false;
        },
      },
    );
    await expect(no).rejects.toBeInstanceOf(RemovalNotConfirmedError);
    expect(asked).toEqual([[`event listener ${listenerId} (onTokenIssuanceStart)`]]);
    expect((await client.run(getCustomExtensionOperation, { id: extension.id })).id).toBe(extension.id);
    const result = await client.run(
      deleteCustomExtensionOperation,
      { id: extension.id, withListeners: true },
      { confirmRemovals: async () => true },
    );
    expect(result).toEqual({ id: extension.id, deleted: true, listeners: [listenerId] });
    await expect(client.run(getEventListenerOperation, { id: listenerId })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(client.run(getCustomExtensionOperation, { id: extension.id })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("an extension no listener calls is deleted as before", async () => {
    const api = await newApp("Lonely API");
    const created = await client.run(createCustomExtensionOperation, {
      kind: "onTokenIssuanceStart",
      displayName: "Lonely",
      targetUrl,
      appId: api,
    });
    expect(await client.run(deleteCustomExtensionOperation, { id: created.id })).toEqual({
      id: created.id,
      deleted: true,
    });
  });
});
