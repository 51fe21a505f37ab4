import { describe, expect, it } from "vitest";
import { listUserFlowAttributesOperation } from "../src/graph/user-flow-attributes/list-user-flow-attributes.ts";
import { getUserFlowOperation } from "../src/graph/user-flows/get-user-flow.ts";
import { listUserFlowsOperation } from "../src/graph/user-flows/list-user-flows.ts";
import { setupUserFlowOperation } from "../src/graph/user-flows/setup-user-flow.ts";
import { PermissionError } from "../src/http/errors.ts";
import type { OperationInput } from "../src/operations/define-operation.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import { seededClient } from "./helpers/seeded-client.ts";
import { useFlowEmulator } from "./helpers/user-flows.ts";

const { t, client, app } = useFlowEmulator({ apps: ["Shop", "Kiosk"] });
const shopApp = () => app(0);
const kioskApp = () => app(1);

const graphWrites = (from: number) =>
  t.emu.control.monitor
    .requests()
    .slice(from)
    .filter((r) => r.service === "graph" && r.method !== "GET");
const mark = () => t.emu.control.monitor.requests().length;

const spec = () => ({
  displayName: "Shop sign-up",
  identityProviders: ["EmailPassword-OAUTH", "Google-OAUTH"],
  customAttributes: [{ name: "LoyaltyTier", dataType: "string" as const, description: "Your tier" }],
  page: {
    views: [
      {
        title: "About you",
        inputs: [
          { attribute: "email", label: "Email", required: true },
          { attribute: "displayName", label: "Name" },
          {
            attribute: "LoyaltyTier",
            label: "Tier",
            inputType: "radioSingleSelect",
            options: [
              { label: "Gold", value: "gold" },
              { label: "Silver", value: "silver" },
            ],
          },
        ],
      },
    ],
  },
  applications: [shopApp()],
});

describe("user_flow_setup", () => {
  it("creates the custom attribute and the whole flow in one POST on the first run", async () => {
    const from = mark();
    const result = await client.run(setupUserFlowOperation, spec());
    expect(result.changed).toBe(true);
    const tier = result.actions.find((a) => a.resource === "userFlowAttribute");
    expect(tier).toMatchObject({ action: "created" });
    expect(tier?.id).toMatch(/^extension_[0-9a-f]{32}_LoyaltyTier$/);
    expect(result.actions).toContainEqual(
      expect.objectContaining({ action: "created", resource: "userFlow" }),
    );
    expect(result.actions).toContainEqual(
      expect.objectContaining({ action: "linked", resource: "application", id: shopApp() }),
    );
    // One POST for the attribute, one for the flow with everything in it.
    expect(graphWrites(from).map((r) => `${r.method} ${r.path.split("?")[0]}`)).toEqual([
      "POST /v1.0/identity/userFlowAttributes",
      "POST /v1.0/identity/authenticationEventsFlows",
    ]);
    const flow = await client.run(getUserFlowOperation, { flow: "Shop sign-up" });
    expect(flow.identityProviders.sort()).toEqual(["EmailPassword-OAUTH", "Google-OAUTH"]);
    expect(flow.applications).toEqual([shopApp()]);
    expect(flow.attributes).toEqual(["email", "displayName", tier?.id]);
    expect(flow.page?.views[0]?.inputs.map((i) => [i.attribute, i.label, i.inputType])).toEqual([
      ["email", "Email", "text"],
      ["displayName", "Name", "text"],
      [tier?.id, "Tier", "radioSingleSelect"],
    ]);
  });

  it("reports everything unchanged on a rerun and sends no write", async () => {
    const from = mark();
    const result = await client.run(setupUserFlowOperation, spec());
    expect(result.changed).toBe(false);
    expect(result.actions.every((a) => a.action === "unchanged")).toBe(true);
    expect(graphWrites(from)).toEqual([]);
  });

  it("sends only the difference when the spec changes", async () => {
    const changed = spec();
    changed.identityProviders = ["EmailPassword-OAUTH"];
    changed.applications = [shopApp(), kioskApp()];
    const firstInput = changed.page.views[0]?.inputs[0];
    if (firstInput !== undefined) firstInput.label = "Email address";
    const from = mark();
    const result = await client.run(setupUserFlowOperation, changed);
    expect(result.changed).toBe(true);
    expect(result.actions.filter((a) => a.action !== "unchanged")).toEqual([
      expect.objectContaining({ action: "removed", resource: "flowIdentityProvider", id: "Google-OAUTH" }),
      expect.objectContaining({ action: "linked", resource: "application", id: kioskApp() }),
      expect.objectContaining({ action: "updated", resource: "attributeCollectionPage" }),
    ]);
    // No attribute or description was touched: one PATCH carries providers, apps and page.
    expect(graphWrites(from).map((r) => r.method)).toEqual(["PATCH"]);
    expect(result.flow.identityProviders).toEqual(["EmailPassword-OAUTH"]);
    expect(result.flow.applications.sort()).toEqual([shopApp(), kioskApp()].sort());
    expect(result.flow.page?.views[0]?.inputs[0]?.label).toBe("Email address");
    // And the changed spec is now the steady state.
    const again = mark();
    expect((await client.run(setupUserFlowOperation, changed)).changed).toBe(false);
    expect(graphWrites(again)).toEqual([]);
  });

  it("adds and removes collected attributes by reference and keeps the page consistent", async () => {
    const from = mark();
    const result = await client.run(setupUserFlowOperation, {
      displayName: "Shop sign-up",
      identityProviders: ["EmailPassword-OAUTH"],
      attributes: ["email", "city"],
    });
    expect(result.actions.filter((a) => a.resource === "flowAttribute")).toEqual([
      expect.objectContaining({ action: "added", id: "city" }),
      expect.objectContaining({ action: "removed", id: "displayName" }),
      expect.objectContaining({ action: "removed" }),
    ]);
    expect(graphWrites(from).map((r) => r.method)).toEqual(["POST", "DELETE", "DELETE", "PATCH"]);
    expect(result.flow.attributes).toEqual(["email", "city"]);
    const onPage = result.flow.page?.views.flatMap((v) => v.inputs.map((i) => i.attribute));
    expect(onPage).toEqual(["email", "city"]);
    // Links were not in this spec: they stay.
    expect(result.flow.applications).toHaveLength(2);
  });

  it("creates a sign-in-only flow without attributes", async () => {
    const result = await client.run(setupUserFlowOperation, {
      displayName: "Staff sign-in",
      signUpAllowed: false,
    });
    expect(result.flow).toMatchObject({
      signUpAllowed: false,
      identityProviders: ["EmailPassword-OAUTH"],
      attributes: [],
    });
  });

  it("collects attributes with a page on a flow created without any", async () => {
    const staff = {
      displayName: "Staff sign-in",
      signUpAllowed: false,
      page: {
        views: [
          { inputs: [{ attribute: "email", label: "Work email", required: true }, { attribute: "city" }] },
        ],
      },
    };
    const from = mark();
    const result = await client.run(setupUserFlowOperation, staff);
    // Graph takes a page only on a flow that collects attributes: $ref them first, then one PATCH.
    expect(graphWrites(from).map((r) => r.method)).toEqual(["POST", "POST", "PATCH"]);
    expect(result.flow.attributes).toEqual(["email", "city"]);
    expect(result.flow.page?.views[0]?.inputs.map((i) => i.attribute)).toEqual(["email", "city"]);
    expect(result.flow.page?.views[0]?.inputs[0]).toMatchObject({ label: "Work email", required: true });
    const again = mark();
    expect((await client.run(setupUserFlowOperation, staff)).changed).toBe(false);
    expect(graphWrites(again)).toEqual([]);
  });

  it("refuses an application another flow uses, and moves it when asked", async () => {
    const from = mark();
    const kiosk = { displayName: "Kiosk sign-up", applications: [kioskApp()] };
    const error = await client.run(setupUserFlowOperation, kiosk).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(String(error.message)).toContain(`${kioskApp()} uses the flow 'Shop sign-up'`);
    expect(graphWrites(from)).toEqual([]);
    const moved = await client.run(setupUserFlowOperation, { ...kiosk, moveApplications: true });
    expect(moved.actions).toEqual([
      { action: "unlinked", resource: "application", id: kioskApp(), detail: "from Shop sign-up" },
      expect.objectContaining({ action: "created", resource: "userFlow" }),
      expect.objectContaining({ action: "linked", resource: "application", id: kioskApp() }),
    ]);
    expect(moved.flow.applications).toEqual([kioskApp()]);
    expect((await client.run(getUserFlowOperation, { flow: "Shop sign-up" })).applications).toEqual([
      shopApp(),
    ]);
  });

  it.each<[string, Partial<OperationInput<typeof setupUserFlowOperation>>, RegExp]>([
    [
      "an identity provider the tenant lacks",
      { identityProviders: ["Facebook-OAUTH"] },
      /Facebook-OAUTH does not exist/,
    ],
    ["an unknown attribute", { attributes: ["email", "shoeSize"] }, /shoeSize is neither/],
    [
      "a custom attribute of another type",
      { customAttributes: [{ name: "LoyaltyTier", dataType: "int64" }], attributes: ["LoyaltyTier"] },
      /exists as string/,
    ],
  ])("refuses %s before writing anything", async (_, change, message) => {
    const from = mark();
    const attributesBefore = (await client.run(listUserFlowAttributesOperation, {})).items.length;
    const error = await client
      .run(setupUserFlowOperation, { displayName: "Broken", ...change })
      .catch((e) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(String(error.message)).toMatch(message);
    expect(graphWrites(from)).toEqual([]);
    expect((await client.run(listUserFlowsOperation, {})).items.map((f) => f.displayName)).not.toContain(
      "Broken",
    );
    expect((await client.run(listUserFlowAttributesOperation, {})).items).toHaveLength(attributesBefore);
  });

  it("refuses a spec that fails the schema (a page input without an attribute)", async () => {
    await expect(
      client.run(setupUserFlowOperation, {
        displayName: "X",
        // @ts-expect-error: an input names its attribute (refused at compile time, and at run time for untyped callers)
        page: { views: [{ inputs: [{ label: "x" }] }] },
      }),
    ).rejects.toBeInstanceOf(InvalidInputError);
  });

  it("needs the user-flow permissions", async () => {
    const reader = seededClient(t, "flow-reader", [
      "EventListener.Read.All",
      "IdentityUserFlow.Read.All",
      "IdentityProvider.Read.All",
    ]);
    const error = await reader.run(setupUserFlowOperation, { displayName: "Denied" }).catch((e) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect(error.requiredPermissions).toContain("EventListener.ReadWrite.All");
  });
});

describe("user_flow_setup and custom attributes as Graph names them", () => {
  it("matches an existing 'Loyalty Number' for 'LoyaltyNumber' (spaces dropped) instead of creating it again", async () => {
    const existing = await client.graph.post<{ id: string }>("/identity/userFlowAttributes", {
      displayName: "Loyalty Number",
      dataType: "string",
    });
    const from = mark();
    const result = await client.run(setupUserFlowOperation, {
      displayName: "Loyalty sign-up",
      customAttributes: [{ name: "LoyaltyNumber", dataType: "string" }],
      attributes: ["email", "LoyaltyNumber"],
    });
    expect(graphWrites(from).map((r) => `${r.method} ${r.path}`)).not.toContain(
      "POST /v1.0/identity/userFlowAttributes",
    );
    expect(result.flow.attributes).toContain(existing.id);
  });
});
