import { describe, expect, it } from "vitest";
import { addFlowAppOperation } from "../src/graph/user-flows/add-flow-app.ts";
import { addFlowAttributeOperation } from "../src/graph/user-flows/add-flow-attribute.ts";
import { addFlowIdpOperation } from "../src/graph/user-flows/add-flow-idp.ts";
import { createUserFlowOperation } from "../src/graph/user-flows/create-user-flow.ts";
import { findUserFlowByAppOperation } from "../src/graph/user-flows/find-user-flow-by-app.ts";
import { listFlowAppsOperation } from "../src/graph/user-flows/list-flow-apps.ts";
import { listFlowAttributesOperation } from "../src/graph/user-flows/list-flow-attributes.ts";
import { listFlowIdpsOperation } from "../src/graph/user-flows/list-flow-idps.ts";
import { removeFlowAppOperation } from "../src/graph/user-flows/remove-flow-app.ts";
import { removeFlowAttributeOperation } from "../src/graph/user-flows/remove-flow-attribute.ts";
import { removeFlowIdpOperation } from "../src/graph/user-flows/remove-flow-idp.ts";
import { ConflictError, NotFoundError, ValidationError } from "../src/http/errors.ts";
import { useFlowEmulator } from "./helpers/user-flows.ts";

const flows = useFlowEmulator({ loyalty: true });
const { t, client } = flows;

describe("applications on a flow", () => {
  it("lists, links idempotently and unlinks", async () => {
    // Another flow holds the management app, so linking it here conflicts unless moved.
    await client.run(createUserFlowOperation, {
      displayName: "Shop flow",
      applications: [t.tenant.clientId],
    });
    const flow = await client.run(createUserFlowOperation, { displayName: "Apps flow" });
    const add = { flow: "Apps flow", appId: t.tenant.publicClientId };
    expect(await client.run(addFlowAppOperation, add)).toMatchObject({ changed: true });
    expect(await client.run(addFlowAppOperation, add)).toMatchObject({ changed: false });
    expect((await client.run(listFlowAppsOperation, { flow: flow.id })).applications).toEqual([
      t.tenant.publicClientId,
    ]);
    await expect(
      client.run(addFlowAppOperation, { flow: "Apps flow", appId: t.tenant.clientId }),
    ).rejects.toBeInstanceOf(ConflictError);
    const moved = await client.run(addFlowAppOperation, {
      flow: "Apps flow",
      appId: t.tenant.clientId,
      move: true,
    });
    expect(moved).toMatchObject({ changed: true, movedFromFlowId: expect.any(String) });
    expect(
      (await client.run(findUserFlowByAppOperation, { appId: t.tenant.clientId })).flow?.displayName,
    ).toBe("Apps flow");
    await client.run(addFlowAppOperation, {
      flow: moved.movedFromFlowId as string,
      appId: t.tenant.clientId,
      move: true,
    });
    expect(await client.run(removeFlowAppOperation, add)).toMatchObject({ removed: true });
    await expect(client.run(removeFlowAppOperation, add)).rejects.toBeInstanceOf(NotFoundError);
    expect((await client.run(listFlowAppsOperation, { flow: flow.id })).applications).toEqual([]);
  });
});

describe("identity providers on a flow", () => {
  it("lists, adds idempotently and removes, keeping at least one", async () => {
    await client.run(createUserFlowOperation, { displayName: "Idp flow" });
    expect(
      await client.run(addFlowIdpOperation, { flow: "Idp flow", identityProviderId: "Google-OAUTH" }),
    ).toMatchObject({ changed: true });
    expect(
      await client.run(addFlowIdpOperation, { flow: "Idp flow", identityProviderId: "google-oauth" }),
    ).toMatchObject({ changed: false });
    const listed = await client.run(listFlowIdpsOperation, { flow: "Idp flow" });
    expect(listed.identityProviders).toEqual([
      expect.objectContaining({ id: "EmailPassword-OAUTH", type: "builtInIdentityProvider" }),
      expect.objectContaining({
        id: "Google-OAUTH",
        type: "socialIdentityProvider",
        identityProviderType: "Google",
      }),
    ]);
    await expect(
      client.run(addFlowIdpOperation, { flow: "Idp flow", identityProviderId: "Facebook-OAUTH" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await client.run(removeFlowIdpOperation, { flow: "Idp flow", identityProviderId: "Google-OAUTH" });
    await expect(
      client.run(removeFlowIdpOperation, { flow: "Idp flow", identityProviderId: "EmailPassword-OAUTH" }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("attributes on a flow", () => {
  it("adds with a page input, lists, and removes keeping the page consistent", async () => {
    await client.run(createUserFlowOperation, { displayName: "Attr flow", attributes: ["email"] });
    const added = await client.run(addFlowAttributeOperation, {
      flow: "Attr flow",
      attributeId: flows.loyalty(),
      input: {
        label: "Loyalty tier",
        required: true,
        inputType: "checkboxMultiSelect",
        options: [{ label: "Gold", value: "gold" }],
      },
    });
    expect(added.attributes).toEqual(["email", flows.loyalty()]);
    expect(added.page?.views[0]?.inputs.at(-1)).toMatchObject({
      attribute: flows.loyalty(),
      label: "Loyalty tier",
      required: true,
      inputType: "checkboxMultiSelect",
    });
    const listed = await client.run(listFlowAttributesOperation, { flow: "Attr flow" });
    expect(listed.attributes.map((a) => [a.id, a.userFlowAttributeType])).toEqual([
      ["email", "builtIn"],
      [flows.loyalty(), "custom"],
    ]);
    const removed = await client.run(removeFlowAttributeOperation, {
      flow: "Attr flow",
      attributeId: flows.loyalty(),
    });
    expect(removed.attributes).toEqual(["email"]);
    // Graph alone would leave the input on the page; the operation PATCHes it away.
    expect(removed.page?.views[0]?.inputs.map((i) => i.attribute)).toEqual(["email"]);
    await expect(
      client.run(removeFlowAttributeOperation, { flow: "Attr flow", attributeId: flows.loyalty() }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      client.run(addFlowAttributeOperation, { flow: "Attr flow", attributeId: "nope" }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
