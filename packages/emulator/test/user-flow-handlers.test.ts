import { describe, expect, it } from "vitest";
import { FLOWS, flowBody, useFlowEmulator, withAttributes } from "./helpers/user-flows.ts";

const { t, g } = useFlowEmulator();

describe("custom extension handlers", () => {
  it("bind an attribute-collection extension of the matching type only", async () => {
    const extensions = t.emu.store.tenant(t.tenant.tenantId)?.collection("customAuthenticationExtensions");
    const start = "0f1e2d3c-0000-4000-8000-000000000001";
    const token = "0f1e2d3c-0000-4000-8000-000000000002";
    extensions?.put(start, {
      "@odata.type": "#microsoft.graph.onAttributeCollectionStartCustomExtension",
      id: start,
    });
    extensions?.put(token, {
      "@odata.type": "#microsoft.graph.onTokenIssuanceStartCustomExtension",
      id: token,
    });
    const handler = (id: string) => ({
      onAttributeCollectionStart: {
        "@odata.type": "#microsoft.graph.onAttributeCollectionStartCustomExtensionHandler",
        customExtension: { id },
      },
    });
    const r = await g.post(FLOWS, flowBody("With extension", handler(start)));
    expect(r.status).toBe(201);
    expect(r.body.onAttributeCollectionStart).toEqual({
      "@odata.type": "#microsoft.graph.onAttributeCollectionStartCustomExtensionHandler",
      configuration: null,
      customExtension: { id: start },
    });
    expect((await g.post(FLOWS, flowBody("Wrong extension", handler(token)))).status).toBe(400);
    expect(
      (await g.post(FLOWS, flowBody("No extension", handler("0f1e2d3c-0000-4000-8000-000000000009")))).status,
    ).toBe(404);
  });
});

describe("the flow's event listeners", () => {
  const listenersOf = (flowId: string) =>
    [
      ...(t.emu.store.tenant(t.tenant.tenantId)?.collection("authenticationEventListeners").values() ?? []),
    ].filter((l) => l.authenticationEventsFlowId === flowId);

  it("follow the flow's handlers and applications, and go with it", async () => {
    const id = (await g.post(FLOWS, flowBody("Listened", withAttributes))).body.id;
    const types = () =>
      listenersOf(id)
        .map((l) => String(l["@odata.type"]).slice(17))
        .sort();
    expect(types()).toEqual([
      "onAttributeCollectionListener",
      "onAuthenticationMethodLoadStartListener",
      "onInteractiveAuthFlowStartListener",
    ]);
    const before = listenersOf(id).map((l) => l.id);
    const apps = `${FLOWS}/${id}/conditions/applications/includeApplications`;
    expect((await g.post(apps, { appId: t.tenant.publicClientId })).status).toBe(201);
    for (const l of listenersOf(id)) {
      expect(l.conditions).toEqual({
        applications: {
          includeApplications: [{ appId: t.tenant.publicClientId }],
        },
      });
    }
    expect(listenersOf(id).map((l) => l.id)).toEqual(before);
    const patch = await g.patch(`${FLOWS}/${id}`, {
      "@odata.type": "#microsoft.graph.externalUsersSelfServiceSignUpEventsFlow",
      onUserCreateStart: {
        "@odata.type": "#microsoft.graph.onUserCreateStartExternalUsersSelfServiceSignUp",
        userTypeToCreate: "member",
      },
    });
    expect(patch.status).toBe(204);
    expect(types()).toContain("onUserCreateStartListener");
    expect((await g.del(`${FLOWS}/${id}`)).status).toBe(204);
    expect(listenersOf(id)).toEqual([]);
  });
});
