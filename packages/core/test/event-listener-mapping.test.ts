import { describe, expect, it } from "vitest";
import {
  eventListenerKey,
  eventListenerMapping,
  type GraphListener,
} from "../src/graph/event-listeners/event-listener-mapping.ts";

const G = (name: string) => `#microsoft.graph.${name}`;
const SHOP = "11111111-2222-3333-4444-555555555555";
const BLOG = "66666666-7777-4888-9999-000000000000";
const EXTENSION = "6fc5012e-7665-43d6-9708-4370863f4e6e";

/** A token issuance listener as Graph returns it (api-surface 5.2). */
const graphListener: GraphListener = {
  "@odata.type": G("onTokenIssuanceStartListener"),
  id: "990d94e5-cc8f-4e8f-9d5a-9b1a2f7a1c11",
  displayName: null,
  authenticationEventsFlowId: null,
  conditions: { applications: { includeApplications: [{ appId: SHOP }, { appId: BLOG }] } },
  handler: {
    "@odata.type": G("onTokenIssuanceStartCustomExtensionHandler"),
    customExtension: { id: EXTENSION },
  },
};

describe("the event listener mapping", () => {
  it("reads the event from the listener's type and what it calls from its typed handler", () => {
    const listener = eventListenerMapping.fromGraph(graphListener);
    expect(listener).toEqual({
      id: graphListener.id,
      kind: "onTokenIssuanceStart",
      displayName: null,
      appIds: [SHOP, BLOG],
      customExtensionId: EXTENSION,
      fraudProtectionProviderId: null,
      authenticationEventsFlowId: null,
    });
    const body = eventListenerMapping.toGraphCreate({
      kind: "onTokenIssuanceStart",
      appIds: listener.appIds,
      customExtensionId: listener.customExtensionId ?? undefined,
    });
    const { id: _id, displayName: _name, authenticationEventsFlowId: _flow, ...writable } = graphListener;
    expect(body).toEqual(writable);
    expect(eventListenerMapping.fromGraph({ ...body, id: listener.id })).toEqual({
      ...listener,
      displayName: undefined,
      authenticationEventsFlowId: undefined,
    });
  });

  it("names the email OTP listener's handler after the extension's event, and nests a fraud provider", () => {
    expect(
      eventListenerMapping.toGraphCreate({
        kind: "onEmailOtpSend",
        appIds: [SHOP],
        customExtensionId: EXTENSION,
      }).handler,
    ).toEqual({ "@odata.type": G("onOtpSendCustomExtensionHandler"), customExtension: { id: EXTENSION } });
    const fraud = eventListenerMapping.toGraphCreate({
      kind: "onFraudProtectionLoadStart",
      appIds: [SHOP],
      displayName: "Arkose",
      fraudProvider: { type: "arkose", id: "arkose-1" },
    });
    expect(fraud).toMatchObject({
      "@odata.type": G("onFraudProtectionLoadStartListener"),
      displayName: "Arkose",
      handler: {
        "@odata.type": G("onFraudProtectionLoadStartExternalUsersAuthHandler"),
        signUp: {
          "@odata.type": G("fraudProtectionProviderConfiguration"),
          fraudProtectionProvider: { "@odata.type": G("arkoseFraudProtectionProvider"), id: "arkose-1" },
        },
      },
    });
    expect(eventListenerMapping.fromGraph({ ...fraud, id: "f" } as GraphListener)).toMatchObject({
      kind: "onFraudProtectionLoadStart",
      customExtensionId: null,
      fraudProtectionProviderId: "arkose-1",
    });
  });

  it("patches with the stored kind's type and only the given fields", () => {
    expect(
      eventListenerMapping.toGraphPatch({ kind: "onAttributeCollectionSubmit", appIds: [BLOG] }),
    ).toEqual({
      "@odata.type": G("onAttributeCollectionSubmitListener"),
      conditions: { applications: { includeApplications: [{ appId: BLOG }] } },
    });
    expect(
      eventListenerMapping.toGraphPatch({ kind: "onTokenIssuanceStart", customExtensionId: "e2" }),
    ).toEqual({
      "@odata.type": G("onTokenIssuanceStartListener"),
      handler: {
        "@odata.type": G("onTokenIssuanceStartCustomExtensionHandler"),
        customExtension: { id: "e2" },
      },
    });
  });

  it("keys a listener by its event and its extension's key; a user flow's own listener has none", () => {
    const listener = eventListenerMapping.fromGraph(graphListener);
    const keys = new Map([[EXTENSION, "ontokenissuancestart/loyalty claims"]]);
    expect(eventListenerKey(listener, (id) => keys.get(id))).toBe(
      "ontokenissuancestart/ontokenissuancestart/loyalty claims",
    );
    expect(
      eventListenerKey({ ...listener, authenticationEventsFlowId: "flow" }, (id) => keys.get(id)),
    ).toBeUndefined();
    expect(
      eventListenerKey({ ...listener, customExtensionId: "gone" }, (id) => keys.get(id)),
    ).toBeUndefined();
  });
});
