// Tenant as code for the listeners beyond token issuance: onPasswordSubmit (just-in-time password
// migration: the extension and the migration flag by name, never an app id) and fraud protection
// listeners (left alone and said so: their provider is readable with delegated permissions only).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CiamClient } from "../src/client.ts";
import { applyPlan } from "../src/config/apply-plan.ts";
import { configPlanOperation } from "../src/config/config-plan-operation.ts";
import { exportTenant } from "../src/config/export-tenant.ts";
import { loadSpecDir } from "../src/config/load-spec.ts";
import { planTenant } from "../src/config/plan-tenant.ts";
import { SpecError } from "../src/config/spec-error.ts";
import type { TenantSpecInput } from "../src/config/spec-schema.ts";
import { createApplicationOperation } from "../src/graph/applications/create-application.ts";
import { createCustomExtensionOperation } from "../src/graph/custom-extensions/create-custom-extension.ts";
import { createEventListenerOperation } from "../src/graph/event-listeners/create-event-listener.ts";
import { listEventListenersOperation } from "../src/graph/event-listeners/list-event-listeners.ts";
import { createUserFlowAttributeOperation } from "../src/graph/user-flow-attributes/create-user-flow-attribute.ts";
import { tempDir } from "./helpers/bulk-files.ts";
import { type CoreEmulator, startCoreEmulator } from "./helpers/emulator.ts";

let a: CoreEmulator;
let b: CoreEmulator;
let clientA: CiamClient;
let clientB: CiamClient;
const cleanups: (() => void)[] = [];
/** A spec folder of the kinds' files (removed after the tests). */
function specDir(files: Record<string, string>): string {
  const made = tempDir();
  cleanups.push(made.cleanup);
  for (const [name, text] of Object.entries(files)) writeFileSync(made.path(name), text);
  return made.dir;
}

/** The listeners of a tenant, through the catalog. */
const listeners = async (client: CiamClient) =>
  (await client.run(listEventListenersOperation, { limit: 100 })).items;

beforeAll(async () => {
  [a, b] = await Promise.all([startCoreEmulator(), startCoreEmulator()]);
  clientA = a.client();
  clientB = b.client();
  // Tenant A: JIT password migration set up through the catalog, and a fraud protection listener.
  const flag = await clientA.run(createUserFlowAttributeOperation, {
    displayName: "RequiresMigration",
    dataType: "boolean",
  });
  const shop = await clientA.run(createApplicationOperation, { displayName: "Shop" });
  const api = await clientA.run(createApplicationOperation, { displayName: "Migration API" });
  const extension = await clientA.run(createCustomExtensionOperation, {
    kind: "onPasswordSubmit",
    displayName: "Password migration",
    targetUrl: "https://jit.example/password",
    appId: api.appId ?? "",
  });
  await clientA.run(createEventListenerOperation, {
    kind: "onPasswordSubmit",
    appIds: [shop.appId ?? ""],
    customExtensionId: extension.id,
    migrationPropertyId: flag.id,
  });
  await clientA.run(createEventListenerOperation, {
    kind: "onFraudProtectionLoadStart",
    appIds: [shop.appId ?? ""],
    fraudProvider: { type: "arkose", id: "arkose-1" },
  });
});
afterAll(async () => {
  await Promise.all([a.stop(), b.stop()]);
  for (const cleanup of cleanups) cleanup();
});

describe("onPasswordSubmit listeners in tenant as code", () => {
  it("round trip: exported by names, applied to another tenant with its own attribute id, then no changes", async () => {
    const exported = await exportTenant(clientA, {
      kinds: ["userFlowAttributes", "applications", "customExtensions", "eventListeners"],
    });
    const yaml = exported.files["event-listeners.yaml"] as string;
    expect(yaml).toContain(
      "Password migration:\n  applications:\n    - Shop\n  migrationAttribute: RequiresMigration\n",
    );
    // Names only: no app id (not even inside extension_<appId>_RequiresMigration).
    expect(yaml).not.toMatch(/[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-/);
    const plan = await planTenant(clientB, exported.spec);
    expect(plan.changes.map((c) => `${c.action} ${c.kind}/${c.name}`)).toEqual([
      "create userFlowAttributes/RequiresMigration",
      "create applications/Migration API",
      "create applications/Shop",
      "create customExtensions/Password migration",
      "create eventListeners/Password migration",
    ]);
    await applyPlan(clientB, plan);
    expect((await planTenant(clientB, exported.spec)).changes).toEqual([]);
    // B's listener names B's attribute: extension_<B's b2c-extensions-app id>_RequiresMigration.
    const { value } = await clientB.graph.get<{ value: { id: string; displayName: string }[] }>(
      "/identity/userFlowAttributes",
    );
    const flagB = value.find((x) => x.displayName === "RequiresMigration")?.id;
    expect(flagB).toMatch(/^extension_[0-9a-f]{32}_RequiresMigration$/);
    const password = (await listeners(clientB)).filter((l) => l.kind === "onPasswordSubmit");
    expect(password.map((l) => l.migrationPropertyId)).toEqual([flagB]);
    const again = await exportTenant(clientB, {
      kinds: ["userFlowAttributes", "applications", "customExtensions", "eventListeners"],
    });
    // The same file, but for A's note of its fraud protection listener (B has none).
    expect(again.files["event-listeners.yaml"]).toBe(yaml.replace(/^# a fraud protection.*\n/m, ""));
  });

  it("a changed migration attribute is an update that sends the new flag with the extension", async () => {
    const { spec } = await exportTenant(clientB, {
      kinds: ["userFlowAttributes", "customExtensions", "eventListeners"],
    });
    const changed: TenantSpecInput = {
      ...spec,
      userFlowAttributes: { ...spec.userFlowAttributes, NeedsMigration: { dataType: "boolean" } },
      eventListeners: {
        "Password migration": { applications: ["Shop"], migrationAttribute: "needsmigration" },
      },
    };
    const plan = await planTenant(clientB, changed);
    expect(plan.changes.map((c) => `${c.action} ${c.kind}/${c.name}`)).toEqual([
      "create userFlowAttributes/NeedsMigration",
      "update eventListeners/Password migration",
    ]);
    expect(plan.changes[1]?.fields).toEqual([
      { field: "migrationAttribute", before: "RequiresMigration", after: "NeedsMigration" },
    ]);
    await applyPlan(clientB, plan);
    expect((await planTenant(clientB, changed)).changes).toEqual([]);
    const [l] = (await listeners(clientB)).filter((x) => x.kind === "onPasswordSubmit");
    expect(l?.migrationPropertyId).toMatch(/^extension_[0-9a-f]{32}_NeedsMigration$/);
    expect(l?.customExtensionId).toBeTruthy();
  });

  it("refuses a listener without its flag, a flag on another kind, or a string flag, with file and line, before any request", async () => {
    const dir = specDir({
      "user-flow-attributes.yaml": "Tier:\n  dataType: string\n",
      "custom-extensions.yaml": [
        "Password migration:",
        "  event: onPasswordSubmit",
        "  targetUrl: https://jit.example/password",
        "Claims:",
        "  event: onTokenIssuanceStart",
        "  targetUrl: https://jit.example/claims",
        "Migrate by tier:",
        "  event: onPasswordSubmit",
        "  targetUrl: https://jit.example/tier",
        "",
      ].join("\n"),
      "event-listeners.yaml": [
        "Password migration:",
        "  applications: [Shop]",
        "Claims:",
        "  applications: [Shop]",
        "  migrationAttribute: Tier",
        "Migrate by tier:",
        "  applications: [Shop]",
        "  migrationAttribute: Tier",
        "",
      ].join("\n"),
    });
    // Loading the folder checks it; so does a plan of the same spec inline (no request either).
    const error = (() => {
      try {
        loadSpecDir(dir);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SpecError);
    const message = (error as SpecError).message;
    expect(message).toContain("The spec has 3 problems; nothing was changed");
    const file = join(dir, "event-listeners.yaml");
    expect(message).toContain(
      `${file}:1:1: eventListeners.Password migration: 'Password migration' is an onPasswordSubmit extension: its listener needs migrationAttribute`,
    );
    expect(message).toContain(
      `${file}:5:23: eventListeners.Claims.migrationAttribute: only an onPasswordSubmit listener has a migrationAttribute`,
    );
    expect(message).toContain(
      `${file}:8:23: eventListeners.Migrate by tier.migrationAttribute: the custom attribute 'Tier' is a string; the migration flag is a boolean attribute`,
    );
    const before = b.emu.control.monitor.requests().length;
    await expect(
      planTenant(clientB, {
        customExtensions: {
          "Password migration": { event: "onPasswordSubmit", targetUrl: "https://jit.example/password" },
        },
        eventListeners: { "Password migration": { applications: ["Shop"] } },
      }),
    ).rejects.toThrow("its listener needs migrationAttribute");
    expect(b.emu.control.monitor.requests().length).toBe(before);
  });

  it("refuses an unknown migration attribute after the read, before any write", async () => {
    const spec: TenantSpecInput = {
      eventListeners: {
        "Password migration": { applications: ["Shop"], migrationAttribute: "RequiresMigraton" },
      },
    };
    const isWrite = (r: { method: string; path: string }) => r.method !== "GET" && !r.path.includes("$batch");
    const before = b.emu.control.monitor.requests().filter(isWrite).length;
    await expect(planTenant(clientB, spec)).rejects.toThrow(
      "eventListeners.Password migration.migrationAttribute: no custom attribute is named 'RequiresMigraton' in the spec or the tenant",
    );
    const writes = b.emu.control.monitor.requests().filter(isWrite).length;
    expect(writes).toBe(before);
  });
});

describe("fraud protection listeners are left alone, and said so", () => {
  it("not exported but noted in event-listeners.yaml; plan and apply with prune keep them and say so", async () => {
    const exported = await exportTenant(clientA, {
      kinds: ["userFlowAttributes", "applications", "customExtensions", "eventListeners"],
    });
    expect(Object.keys(exported.spec.eventListeners ?? {})).toEqual(["Password migration"]);
    const note =
      "a fraud protection listener (onFraudProtectionLoadStart) for Shop: not managed (its provider is readable with delegated permissions only); left as it is, even with --prune";
    expect(exported.notes).toEqual({ eventListeners: [note] });
    expect(exported.files["event-listeners.yaml"]).toMatch(
      /^# yaml-language-server: [^\n]+\n# a fraud protection/,
    );
    // A spec managing listeners, with none listed, pruned: the password listener goes, the fraud one stays.
    const plan = await planTenant(clientA, { eventListeners: {} }, { prune: true });
    expect(plan.changes.map((c) => `${c.action} ${c.kind}/${c.name}`)).toEqual([
      "delete eventListeners/Password migration",
    ]);
    expect(plan.unmanaged).toEqual([note]);
    // config_plan's text (the CLI's table, an MCP client's summary) ends with it too.
    const shown = await clientA.run(configPlanOperation, { spec: { eventListeners: {} }, prune: true });
    expect(shown.summary).toBe(
      `Plan: 0 to create, 0 to update, 0 to replace, 1 to delete.\n  - eventListeners 'Password migration' (${plan.changes[0]?.id})\n  = ${note}\n`,
    );
    await applyPlan(clientA, plan);
    const left = await listeners(clientA);
    expect(left.map((l) => l.kind)).toEqual(["onFraudProtectionLoadStart"]);
    expect(left[0]?.fraudProtectionProviderId).toBe("arkose-1");
    expect((await planTenant(clientA, { eventListeners: {} }, { prune: true })).changes).toEqual([]);
  });
});
