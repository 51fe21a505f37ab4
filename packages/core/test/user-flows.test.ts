import { describe, expect, it } from "vitest";
import { createUserFlowOperation } from "../src/graph/user-flows/create-user-flow.ts";
import { deleteUserFlowOperation } from "../src/graph/user-flows/delete-user-flow.ts";
import { findUserFlowByAppOperation } from "../src/graph/user-flows/find-user-flow-by-app.ts";
import { getUserFlowOperation } from "../src/graph/user-flows/get-user-flow.ts";
import { listUserFlowsOperation } from "../src/graph/user-flows/list-user-flows.ts";
import { updateUserFlowOperation } from "../src/graph/user-flows/update-user-flow.ts";
import { ConflictError, NotFoundError, PermissionError, ValidationError } from "../src/http/errors.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import { seededClient } from "./helpers/seeded-client.ts";
import { useFlowEmulator } from "./helpers/user-flows.ts";

const fixture = useFlowEmulator({ loyalty: true });
const { t, client } = fixture;

const flows = () => [
  ...(t.emu.store.tenant(t.tenant.tenantId)?.collection("authenticationEventsFlows").values() ?? []),
];

describe("user_flow_create and user_flow_get", () => {
  it("creates a flow with providers, attributes and page in one call and reads it back whole", async () => {
    const flow = await client.run(createUserFlowOperation, {
      displayName: "Shop sign-up",
      identityProviders: ["EmailPassword-OAUTH", "Google-OAUTH"],
      applications: [t.tenant.clientId],
      page: {
        views: [
          {
            title: "About you",
            inputs: [
              { attribute: "email", label: "Email", required: true, hidden: true, editable: false },
              { attribute: "displayName", label: "Name", inputType: "Text" },
              {
                attribute: fixture.loyalty(),
                label: "Tier",
                inputType: "radioSingleSelect",
                options: [{ label: "Gold", value: "gold" }],
              },
            ],
          },
        ],
      },
    });
    // Graph's create response has no identity providers; the operation reads the flow back.
    expect(flow.identityProviders).toEqual(["EmailPassword-OAUTH", "Google-OAUTH"]);
    expect(flow).toMatchObject({
      displayName: "Shop sign-up",
      signUpAllowed: true,
      applications: [t.tenant.clientId],
      attributes: ["email", "displayName", fixture.loyalty()],
      priority: 500,
    });
    expect(flow.page?.views[0]?.inputs.map((i) => [i.attribute, i.label, i.inputType])).toEqual([
      ["email", "Email", "text"],
      ["displayName", "Name", "text"],
      [fixture.loyalty(), "Tier", "radioSingleSelect"],
    ]);
    expect(await client.run(getUserFlowOperation, { flow: "shop SIGN-UP" })).toEqual(flow);
    expect(await client.run(getUserFlowOperation, { flow: flow.id })).toEqual(flow);
  });

  it("refuses bad input before sending anything", async () => {
    const before = flows().length;
    await expect(
      client.run(createUserFlowOperation, {
        displayName: "Bad",
        attributes: ["email"],
        page: { views: [{ inputs: [{ attribute: "city" }] }] },
      }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(
      client.run(createUserFlowOperation, { displayName: "", identityProviders: [] }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect(flows().length).toBe(before);
  });

  it("surfaces Graph's conflicts, not-found and validation errors", async () => {
    await expect(client.run(createUserFlowOperation, { displayName: "Shop sign-up" })).rejects.toBeInstanceOf(
      ConflictError,
    );
    const linked = client.run(createUserFlowOperation, {
      displayName: "Other",
      applications: [t.tenant.clientId],
    });
    await expect(linked).rejects.toBeInstanceOf(ConflictError);
    await expect(linked).rejects.toThrow(/only one user flow/);
    await expect(
      client.run(createUserFlowOperation, { displayName: "X", identityProviders: ["Nope-OAUTH"] }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.run(getUserFlowOperation, { flow: "No such flow" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("names the permission a reader lacks", async () => {
    const nobody = seededClient(t, "flows nobody", ["User.Read.All"]);
    const failure = nobody.run(listUserFlowsOperation, {});
    await expect(failure).rejects.toBeInstanceOf(PermissionError);
    await expect(failure).rejects.toThrow(/EventListener\.Read\.All/);
    const reader = seededClient(t, "flows reader", ["EventListener.Read.All"]);
    expect((await reader.run(listUserFlowsOperation, {})).items.length).toBeGreaterThan(0);
    await expect(reader.run(createUserFlowOperation, { displayName: "Denied" })).rejects.toBeInstanceOf(
      PermissionError,
    );
  });

  it("lists flows with a cursor", async () => {
    await client.run(createUserFlowOperation, { displayName: "Second flow" });
    const first = await client.run(listUserFlowsOperation, { limit: 1 });
    expect(first.items).toHaveLength(1);
    const rest = await client.run(listUserFlowsOperation, { limit: 10, cursor: first.nextCursor });
    expect([...first.items, ...rest.items].map((f) => f.displayName)).toEqual(
      expect.arrayContaining(["Shop sign-up", "Second flow"]),
    );
  });

  it("the v1.0 service refuses the beta-only priority; beta accepts it", async () => {
    const body = {
      "@odata.type": "#microsoft.graph.externalUsersSelfServiceSignUpEventsFlow",
      displayName: "Prioritised",
      priority: 10,
      onInteractiveAuthFlowStart: {
        "@odata.type": "#microsoft.graph.onInteractiveAuthFlowStartExternalUsersSelfServiceSignUp",
        isSignUpAllowed: true,
      },
      onAuthenticationMethodLoadStart: {
        "@odata.type": "#microsoft.graph.onAuthenticationMethodLoadStartExternalUsersSelfServiceSignUp",
        identityProviders: [{ id: "EmailPassword-OAUTH" }],
      },
    };
    await expect(client.graph.post("/identity/authenticationEventsFlows", body)).rejects.toBeInstanceOf(
      ValidationError,
    );
    const created = await client.graphBeta.post<{ id: string; priority: number }>(
      "/identity/authenticationEventsFlows",
      body,
    );
    expect(created.priority).toBe(10);
    await client.run(deleteUserFlowOperation, { flow: created.id });
  });
});

describe("user_flow_find_by_app", () => {
  it("finds the flow an app is linked to through the type-cast filter, or null", async () => {
    expect(
      (await client.run(findUserFlowByAppOperation, { appId: t.tenant.clientId })).flow?.displayName,
    ).toBe("Shop sign-up");
    expect(
      (await client.run(findUserFlowByAppOperation, { appId: t.tenant.publicClientId })).flow,
    ).toBeNull();
    await expect(client.run(findUserFlowByAppOperation, { appId: "not-a-guid" })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });
});

describe("user_flow_update and user_flow_delete", () => {
  it("replaces providers and page, adding attributes the page needs first", async () => {
    const created = await client.run(createUserFlowOperation, { displayName: "Plain" });
    expect(created.page).toBeNull();
    const updated = await client.run(updateUserFlowOperation, {
      flow: "Plain",
      description: "now with a page",
      signUpAllowed: false,
      identityProviders: ["EmailOtpSignup-OAUTH"],
      page: { views: [{ inputs: [{ attribute: "city", label: "Town", required: true }] }] },
    });
    expect(updated).toMatchObject({
      description: "now with a page",
      signUpAllowed: false,
      identityProviders: ["EmailOtpSignup-OAUTH"],
      attributes: ["city"],
    });
    expect(updated.page?.views[0]?.inputs).toEqual([
      expect.objectContaining({ attribute: "city", label: "Town", required: true }),
    ]);
    await expect(client.run(updateUserFlowOperation, { flow: "Plain" })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    await expect(
      client.run(updateUserFlowOperation, { flow: "Plain", displayName: "Shop sign-up" }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it("deletes a flow by name, unlinking its apps", async () => {
    await client.run(createUserFlowOperation, {
      displayName: "Doomed",
      applications: [t.tenant.publicClientId],
    });
    const deleted = await client.run(deleteUserFlowOperation, { flow: "Doomed" });
    expect(deleted).toMatchObject({ deleted: true, unlinkedApplications: [t.tenant.publicClientId] });
    expect(
      (await client.run(findUserFlowByAppOperation, { appId: t.tenant.publicClientId })).flow,
    ).toBeNull();
    await expect(client.run(deleteUserFlowOperation, { flow: deleted.id })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
