import { beforeAll, describe, expect, it } from "vitest";
import { getUserFlowOperation } from "../src/graph/user-flows/get-user-flow.ts";
import { setupUserFlowOperation } from "../src/graph/user-flows/setup-user-flow.ts";
import { updateUserFlowOperation } from "../src/graph/user-flows/update-user-flow.ts";
import { RemovalNotConfirmedError, type RemovalRequest } from "../src/operations/confirm-removals.ts";
import { useFlowEmulator } from "./helpers/user-flows.ts";

// `user_flow_update` and `user_flow_setup` replace a flow's providers and apps, so they can unlink what
// the destructive `*_remove` operations do; they ask the caller's confirmer before sending anything.

const { t, client, app } = useFlowEmulator({ apps: ["Shop", "Kiosk"] });
const shopApp = () => app(0);
const kioskApp = () => app(1);

const mark = () => t.emu.control.monitor.requests().length;
const graphWrites = (from: number) =>
  t.emu.control.monitor
    .requests()
    .slice(from)
    .filter((r) => r.service === "graph" && r.method !== "GET");

/** A confirmer that records what it was asked and answers `answer`. */
function recorder(answer: boolean) {
  const asked: RemovalRequest[] = [];
  const confirmRemovals = async (request: RemovalRequest) => {
    asked.push(request);
    return answer;
  };
  return { asked, confirmRemovals };
}

describe("user_flow_update", () => {
  beforeAll(async () => {
    await client.run(setupUserFlowOperation, {
      displayName: "Update me",
      identityProviders: ["EmailPassword-OAUTH", "Google-OAUTH"],
      applications: [shopApp()],
    });
  });

  it("asks before unlinking providers and apps; a refusal sends nothing", async () => {
    const no = recorder(false);
    const from = mark();
    const error = await client
      .run(
        updateUserFlowOperation,
        { flow: "Update me", identityProviders: ["EmailPassword-OAUTH"], applications: [kioskApp()] },
        { confirmRemovals: no.confirmRemovals },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemovalNotConfirmedError);
    expect(no.asked).toEqual([
      {
        operation: "user_flow_update",
        removals: [
          "identity provider Google-OAUTH from 'Update me'",
          `application ${shopApp()} from 'Update me'`,
        ],
      },
    ]);
    expect(graphWrites(from)).toEqual([]);
    const flow = await client.run(getUserFlowOperation, { flow: "Update me" });
    expect(flow.identityProviders).toContain("Google-OAUTH");
    expect(flow.applications).toEqual([shopApp()]);
  });

  it("does not ask when nothing is unlinked (adds, renames, the same set)", async () => {
    const yes = recorder(true);
    await client.run(
      updateUserFlowOperation,
      {
        flow: "Update me",
        description: "for the shop",
        identityProviders: ["Google-OAUTH", "EmailPassword-OAUTH"],
        applications: [shopApp(), kioskApp()],
      },
      { confirmRemovals: yes.confirmRemovals },
    );
    expect(yes.asked).toEqual([]);
  });

  it("asks before a null unbinds an extension the flow has, not when it has none", async () => {
    // Put straight into the emulator's store: the extension routes belong to another area.
    const submit = "0f1e2d3c-0000-4000-8000-0000000000b2";
    t.emu.store.tenant(t.tenant.tenantId)?.collection("customAuthenticationExtensions").put(submit, {
      "@odata.type": "#microsoft.graph.onAttributeCollectionSubmitCustomExtension",
      id: submit,
    });
    await client.run(updateUserFlowOperation, {
      flow: "Update me",
      attributeCollectionSubmitExtensionId: submit,
    });
    const no = recorder(false);
    const unbind = {
      flow: "Update me",
      attributeCollectionStartExtensionId: null,
      attributeCollectionSubmitExtensionId: null,
    };
    const error = await client
      .run(updateUserFlowOperation, unbind, { confirmRemovals: no.confirmRemovals })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemovalNotConfirmedError);
    expect(no.asked.map((r) => r.removals)).toEqual([
      [`attribute collection submit extension ${submit} from 'Update me'`],
    ]);
    expect(
      (await client.run(getUserFlowOperation, { flow: "Update me" })).attributeCollectionSubmitExtensionId,
    ).toBe(submit);
  });

  it("goes ahead once confirmed", async () => {
    const yes = recorder(true);
    const flow = await client.run(
      updateUserFlowOperation,
      { flow: "Update me", applications: [shopApp()] },
      { confirmRemovals: yes.confirmRemovals },
    );
    expect(yes.asked.map((r) => r.removals)).toEqual([[`application ${kioskApp()} from 'Update me'`]]);
    expect(flow.applications).toEqual([shopApp()]);
  });
});

describe("user_flow_setup", () => {
  const spec = (over: Record<string, unknown> = {}) => ({
    displayName: "Setup me",
    identityProviders: ["EmailPassword-OAUTH", "Google-OAUTH"],
    attributes: ["email", "city"],
    applications: [kioskApp()],
    moveApplications: true,
    ...over,
  });

  it("asks nothing to create a flow or to rerun the same spec", async () => {
    const yes = recorder(true);
    await client.run(setupUserFlowOperation, spec(), { confirmRemovals: yes.confirmRemovals });
    await client.run(setupUserFlowOperation, spec(), { confirmRemovals: yes.confirmRemovals });
    // Kiosk was linked to no flow before, so creating took nothing away.
    expect(yes.asked).toEqual([]);
  });

  it("names every provider, app and attribute a narrower spec drops, and sends nothing when refused", async () => {
    const no = recorder(false);
    const from = mark();
    const narrower = spec({
      identityProviders: ["EmailPassword-OAUTH"],
      attributes: ["email"],
      applications: [],
    });
    const error = await client
      .run(setupUserFlowOperation, narrower, { confirmRemovals: no.confirmRemovals })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemovalNotConfirmedError);
    expect(no.asked[0]?.removals).toEqual([
      "identity provider Google-OAUTH from 'Setup me'",
      `application ${kioskApp()} from 'Setup me'`,
      "attribute city from 'Setup me'",
    ]);
    expect(graphWrites(from)).toEqual([]);
  });

  it("asks before moving an app off another flow", async () => {
    const no = recorder(false);
    const from = mark();
    const error = await client
      .run(setupUserFlowOperation, spec({ displayName: "Take shop", applications: [shopApp()] }), {
        confirmRemovals: no.confirmRemovals,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemovalNotConfirmedError);
    expect(no.asked[0]?.removals).toEqual([`application ${shopApp()} from 'Update me'`]);
    expect(graphWrites(from)).toEqual([]);
    expect((await client.run(getUserFlowOperation, { flow: "Update me" })).applications).toEqual([shopApp()]);
  });
});
