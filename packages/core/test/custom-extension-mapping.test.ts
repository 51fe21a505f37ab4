import { describe, expect, it } from "vitest";
import {
  customExtensionChanges,
  customExtensionMapping,
  type GraphCustomExtension,
  resourceIdOf,
} from "../src/graph/custom-extensions/custom-extension-mapping.ts";

const G = (name: string) => `#microsoft.graph.${name}`;
const APP = "7c4b1a0e-3f2d-4e5c-9b8a-1d2e3f4a5b6c";

/** A token issuance extension as Graph returns it (api-surface 5.1): every setting in its typed object. */
const graphExtension: GraphCustomExtension = {
  "@odata.type": G("onTokenIssuanceStartCustomExtension"),
  id: "6fc5012e-7665-43d6-9708-4370863f4e6e",
  displayName: "Loyalty claims",
  description: "Adds the tier",
  endpointConfiguration: {
    "@odata.type": G("httpRequestEndpoint"),
    targetUrl: "https://api.contoso.com:8443/claims",
  },
  authenticationConfiguration: {
    "@odata.type": G("azureAdTokenAuthentication"),
    resourceId: `api://api.contoso.com:8443/${APP}`,
  },
  clientConfiguration: { timeoutInMilliseconds: 2000, maximumRetries: 1 },
  behaviorOnError: { "@odata.type": G("fallbackToMicrosoftProviderOnError") },
  claimsForTokenConfiguration: [{ claimIdInApiResponse: "tier" }, { claimIdInApiResponse: "since" }],
};

describe("the custom extension mapping", () => {
  it("flattens Graph's extension: the event from its type, each setting out of its object", () => {
    expect(customExtensionMapping.fromGraph(graphExtension)).toEqual({
      id: graphExtension.id,
      kind: "onTokenIssuanceStart",
      displayName: "Loyalty claims",
      description: "Adds the tier",
      targetUrl: "https://api.contoso.com:8443/claims",
      resourceId: `api://api.contoso.com:8443/${APP}`,
      timeoutInMilliseconds: 2000,
      maximumRetries: 1,
      fallbackToMicrosoftProviderOnError: true,
      claims: ["tier", "since"],
    });
    const unknown = customExtensionMapping.fromGraph({
      id: "x",
      "@odata.type": G("onFutureCustomExtension"),
    });
    expect(unknown).toMatchObject({
      kind: G("onFutureCustomExtension"),
      fallbackToMicrosoftProviderOnError: false,
    });
  });

  it("writes the extension it read back as its typed create body", () => {
    const read = customExtensionMapping.fromGraph(graphExtension);
    const body = customExtensionMapping.toGraphCreate({
      kind: "onTokenIssuanceStart",
      displayName: read.displayName ?? "",
      description: read.description,
      targetUrl: read.targetUrl ?? "",
      resourceId: read.resourceId ?? undefined,
      timeoutInMilliseconds: read.timeoutInMilliseconds ?? undefined,
      maximumRetries: read.maximumRetries ?? undefined,
      fallbackToMicrosoftProviderOnError: read.fallbackToMicrosoftProviderOnError,
      claims: read.claims,
    });
    const { id: _id, ...writable } = graphExtension;
    expect(body).toEqual(writable);
    expect(customExtensionMapping.fromGraph({ ...body, id: read.id })).toEqual(read);
  });

  it("patches with the stored event's type, only the given settings, null to stop falling back", () => {
    expect(
      customExtensionMapping.toGraphPatch({
        kind: "onAttributeCollectionSubmit",
        maximumRetries: 0,
        fallbackToMicrosoftProviderOnError: false,
      }),
    ).toEqual({
      "@odata.type": G("onAttributeCollectionSubmitCustomExtension"),
      clientConfiguration: { maximumRetries: 0 },
      behaviorOnError: null,
    });
    // A type ciamkit does not know is sent back as Graph gave it.
    expect(
      customExtensionMapping.toGraphPatch({ kind: G("onFutureCustomExtension"), displayName: "n" }),
    ).toEqual({
      "@odata.type": G("onFutureCustomExtension"),
      displayName: "n",
    });
  });

  it("derives the resource id from the protecting app and the endpoint's host", () => {
    expect(resourceIdOf({ appId: APP }, "https://api.contoso.com:8443/claims")).toBe(
      `api://api.contoso.com:8443/${APP}`,
    );
    expect(resourceIdOf({ resourceId: "api://given/x", appId: APP }, "https://other.example")).toBe(
      "api://given/x",
    );
    expect(resourceIdOf({ appId: APP }, null)).toBeUndefined();
  });

  it("lists the settings that differ from the stored extension, in a fixed order", () => {
    const stored = customExtensionMapping.fromGraph(graphExtension);
    const same = { targetUrl: stored.targetUrl ?? "", resourceId: stored.resourceId ?? "" };
    expect(customExtensionChanges(stored, { ...same, claims: ["tier", "since"], maximumRetries: 1 })).toEqual(
      {},
    );
    const changes = customExtensionChanges(stored, {
      ...same,
      claims: ["tier"],
      description: null,
      resourceId: "api://api.contoso.com:8443/other",
    });
    expect(Object.keys(changes)).toEqual(["resourceId", "description", "claims"]);
  });

  it("keys an extension by its event and name", () => {
    const read = customExtensionMapping.fromGraph(graphExtension);
    expect(customExtensionMapping.naturalKey(read)).toBe(
      customExtensionMapping.naturalKey({ kind: "onTokenIssuanceStart", displayName: "LOYALTY CLAIMS" }),
    );
    expect(customExtensionMapping.naturalKey(read)).not.toBe(
      customExtensionMapping.naturalKey({ kind: "onOtpSend", displayName: "Loyalty claims" }),
    );
  });
});
