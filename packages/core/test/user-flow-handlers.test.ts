import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CiamClient } from "../src/client.ts";
import { createUserFlowOperation } from "../src/graph/user-flows/create-user-flow.ts";
import { getUserFlowOperation } from "../src/graph/user-flows/get-user-flow.ts";
import { removeFlowAttributeOperation } from "../src/graph/user-flows/remove-flow-attribute.ts";
import { updateUserFlowOperation } from "../src/graph/user-flows/update-user-flow.ts";
import { ValidationError } from "../src/http/errors.ts";
import type { CoreEmulator } from "./helpers/emulator.ts";
import { startFlowEmulator } from "./helpers/user-flows.ts";

let t: CoreEmulator;
let client: CiamClient;
beforeAll(async () => {
  ({ t, client } = await startFlowEmulator());
});
afterAll(() => t.stop());

describe("custom extension handlers on a flow", () => {
  it("binds attribute-collection extensions at create and removes one by update", async () => {
    // The extension is put straight into the emulator's store: its routes belong to another area.
    const extensions = t.emu.store.tenant(t.tenant.tenantId)?.collection("customAuthenticationExtensions");
    const start = "0f1e2d3c-0000-4000-8000-0000000000a1";
    const submit = "0f1e2d3c-0000-4000-8000-0000000000a2";
    extensions?.put(start, {
      "@odata.type": "#microsoft.graph.onAttributeCollectionStartCustomExtension",
      id: start,
    });
    extensions?.put(submit, {
      "@odata.type": "#microsoft.graph.onAttributeCollectionSubmitCustomExtension",
      id: submit,
    });
    const flow = await client.run(createUserFlowOperation, {
      displayName: "Extended",
      attributeCollectionStartExtensionId: start,
      attributeCollectionSubmitExtensionId: submit,
    });
    expect(flow).toMatchObject({
      attributeCollectionStartExtensionId: start,
      attributeCollectionSubmitExtensionId: submit,
    });
    const updated = await client.run(updateUserFlowOperation, {
      flow: "Extended",
      attributeCollectionStartExtensionId: null,
    });
    expect(updated).toMatchObject({
      attributeCollectionStartExtensionId: null,
      attributeCollectionSubmitExtensionId: submit,
    });
    await expect(
      client.run(updateUserFlowOperation, { flow: "Extended", attributeCollectionStartExtensionId: submit }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("Graph calls per operation", () => {
  const graphCalls = () => t.emu.control.monitor.requests().filter((r) => r.service === "graph");

  it("creates a complete flow in one POST and one read-back", async () => {
    const before = graphCalls().length;
    await client.run(createUserFlowOperation, {
      displayName: "Counted",
      identityProviders: ["EmailPassword-OAUTH", "Google-OAUTH"],
      attributes: ["email", "city"],
      page: { views: [{ inputs: [{ attribute: "email" }, { attribute: "city", required: true }] }] },
    });
    const calls = graphCalls().slice(before);
    expect(calls.map((c) => c.method)).toEqual(["POST", "GET"]);
  });

  it("removes an attribute with its page input in four calls by id", async () => {
    const flow = await client.run(getUserFlowOperation, { flow: "Counted" });
    const before = graphCalls().length;
    await client.run(removeFlowAttributeOperation, { flow: flow.id, attributeId: "city" });
    expect(
      graphCalls()
        .slice(before)
        .map((c) => c.method),
    ).toEqual(["GET", "DELETE", "PATCH", "GET"]);
  });
});
