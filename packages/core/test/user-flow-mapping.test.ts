import { describe, expect, it } from "vitest";
import { editablePage } from "../src/graph/user-flows/flow-page.ts";
import {
  flowAppBody,
  flowProviderFromGraph,
  type GraphUserFlow,
  type UserFlowChanges,
  userFlowChanges,
  userFlowMapping,
} from "../src/graph/user-flows/user-flow-mapping.ts";

const FLOW = "#microsoft.graph.externalUsersSelfServiceSignUpEventsFlow";
const T = (name: string) => `#microsoft.graph.${name}ExternalUsersSelfServiceSignUp`;
const APP = "11111111-2222-3333-4444-555555555555";
const START = "0f1e2d3c-0000-4000-8000-0000000000a1";

/** Two inputs of an attribute collection page, as ciamkit reads and writes them. */
const emailInput = {
  attribute: "email",
  label: "Email Address",
  inputType: "text",
  hidden: true,
  editable: false,
  writeToDirectory: true,
  required: true,
  validationRegEx: "^.*",
  options: [],
} as const;
const tierInput = {
  attribute: "extension_abc_Tier",
  label: "Tier",
  inputType: "radioSingleSelect",
  hidden: false,
  editable: true,
  writeToDirectory: true,
  required: false,
  validationRegEx: "^.*",
  options: [{ label: "Gold", value: "gold" }],
} as const;

/** A flow as Graph's GET returns it (api-surface 2.3, 2.4): annotations, expanded navigations, defaults. */
const graphFlow = {
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#identity/authenticationEventsFlows/$entity",
  "@odata.type": FLOW,
  id: "0313cc37-d421-421d-857d-d88d2b1a5a19",
  displayName: "Shop sign-up",
  description: null,
  priority: 500,
  conditions: {
    applications: {
      includeAllApplications: false,
      "includeApplications@odata.context": "https://graph.microsoft.com/v1.0/$metadata#…/includeApplications",
      includeApplications: [{ appId: APP }],
    },
  },
  onInteractiveAuthFlowStart: { "@odata.type": T("onInteractiveAuthFlowStart"), isSignUpAllowed: false },
  onAuthenticationMethodLoadStart: {
    "@odata.type": T("onAuthenticationMethodLoadStart"),
    identityProviders: [
      { "@odata.type": "#microsoft.graph.builtInIdentityProvider", id: "EmailPassword-OAUTH" },
      { "@odata.type": "#microsoft.graph.socialIdentityProvider", id: "Google-OAUTH", clientId: "g" },
    ],
  },
  onAttributeCollection: {
    "@odata.type": T("onAttributeCollection"),
    accessPackages: [],
    attributes: [
      { id: "email", displayName: "Email Address", userFlowAttributeType: "builtIn", dataType: "string" },
      { id: "extension_abc_Tier", displayName: "Tier", userFlowAttributeType: "custom", dataType: "string" },
    ],
    attributeCollectionPage: {
      customStringsFileId: null,
      views: [
        {
          title: null,
          description: null,
          inputs: [
            {
              "@odata.type": "#microsoft.graph.authenticationAttributeCollectionInputConfiguration",
              ...emailInput,
              defaultValue: null,
            },
            {
              ...tierInput,
              defaultValue: null,
              options: [{ "@odata.type": "#x", label: "Gold", value: "gold" }],
            },
          ],
        },
      ],
    },
  },
  onUserCreateStart: { "@odata.type": T("onUserCreateStart"), userTypeToCreate: "member" },
  onAttributeCollectionStart: {
    "@odata.type": "#microsoft.graph.onAttributeCollectionStartCustomExtensionHandler",
    customExtension: { id: START },
  },
  onAttributeCollectionSubmit: null,
} as unknown as GraphUserFlow;

describe("the user flow mapping", () => {
  it("reads Graph's flow into ids, flags and a page without annotations", () => {
    const flow = userFlowMapping.fromGraph(graphFlow);
    expect(flow).toEqual({
      id: "0313cc37-d421-421d-857d-d88d2b1a5a19",
      displayName: "Shop sign-up",
      description: null,
      priority: 500,
      signUpAllowed: false,
      identityProviders: ["EmailPassword-OAUTH", "Google-OAUTH"],
      applications: [APP],
      attributes: ["email", "extension_abc_Tier"],
      page: {
        views: [
          {
            title: null,
            description: null,
            inputs: [
              { ...emailInput, defaultValue: null },
              { ...tierInput, defaultValue: null },
            ],
          },
        ],
      },
      userTypeToCreate: "member",
      attributeCollectionStartExtensionId: START,
      attributeCollectionSubmitExtensionId: null,
    });
  });

  it("reads a create response (no providers, no attribute collection) with Graph's defaults", () => {
    const flow = userFlowMapping.fromGraph({
      id: "f",
      displayName: "Bare",
      onAuthenticationMethodLoadStart: { "@odata.type": T("onAuthenticationMethodLoadStart") },
      onAttributeCollection: null,
      onUserCreateStart: { userTypeToCreate: "unknownFutureValue" },
    });
    expect(flow).toMatchObject({
      description: null,
      priority: null,
      signUpAllowed: true,
      identityProviders: [],
      applications: [],
      attributes: [],
      page: null,
      userTypeToCreate: null,
    });
  });

  it("writes the flow it read back as the create body Graph documents, every handler typed", () => {
    const flow = userFlowMapping.fromGraph(graphFlow);
    const body = userFlowMapping.toGraphCreate({
      displayName: flow.displayName,
      signUpAllowed: flow.signUpAllowed,
      identityProviders: flow.identityProviders,
      applications: flow.applications,
      attributes: flow.attributes,
      page: editablePage(flow),
      userTypeToCreate: "member",
      attributeCollectionStartExtensionId: START,
    });
    const source = graphFlow as unknown as Record<string, Record<string, unknown>>;
    expect(body).toEqual({
      "@odata.type": FLOW,
      displayName: "Shop sign-up",
      onInteractiveAuthFlowStart: source.onInteractiveAuthFlowStart,
      onAuthenticationMethodLoadStart: {
        "@odata.type": T("onAuthenticationMethodLoadStart"),
        identityProviders: [{ id: "EmailPassword-OAUTH" }, { id: "Google-OAUTH" }],
      },
      conditions: { applications: { includeApplications: [{ appId: APP }] } },
      onAttributeCollection: {
        "@odata.type": T("onAttributeCollection"),
        attributes: [{ id: "email" }, { id: "extension_abc_Tier" }],
        attributeCollectionPage: { views: [{ inputs: [emailInput, tierInput] }] },
      },
      onUserCreateStart: source.onUserCreateStart,
      onAttributeCollectionStart: source.onAttributeCollectionStart,
    });
    // Read back, the body is the flow it came from.
    const again = userFlowMapping.fromGraph({ id: flow.id, priority: 500, ...body } as GraphUserFlow);
    // Only what Graph adds on its own is gone: the views' null title and description, inputs' null defaults.
    expect(again).toEqual({ ...flow, page: { views: [{ inputs: [emailInput, tierInput] }] } });
  });

  it("collects the page's attributes on create when none are named, and labels an input by its attribute", () => {
    const body = userFlowMapping.toGraphCreate({
      displayName: "Paged",
      signUpAllowed: true,
      identityProviders: ["EmailPassword-OAUTH", "EmailPassword-OAUTH"],
      page: { views: [{ inputs: [{ attribute: "city" }, { attribute: "email", label: "Mail" }] }] },
    });
    expect(body.onAuthenticationMethodLoadStart).toMatchObject({
      identityProviders: [{ id: "EmailPassword-OAUTH" }],
    });
    expect(body.onAttributeCollection).toEqual({
      "@odata.type": T("onAttributeCollection"),
      attributes: [{ id: "city" }, { id: "email" }],
      attributeCollectionPage: {
        views: [
          {
            inputs: [
              { attribute: "city", label: "city" },
              { attribute: "email", label: "Mail" },
            ],
          },
        ],
      },
    });
    expect(body).not.toHaveProperty("conditions");
    expect(body).not.toHaveProperty("onUserCreateStart");
  });

  it("patches exactly the given fields, a null extension removing its handler", () => {
    expect(userFlowMapping.toGraphPatch({})).toEqual({ "@odata.type": FLOW });
    expect(
      userFlowMapping.toGraphPatch({
        description: null,
        applications: [APP, APP],
        attributeCollectionStartExtensionId: null,
        attributeCollectionSubmitExtensionId: START,
      }),
    ).toEqual({
      "@odata.type": FLOW,
      description: null,
      conditions: { applications: { includeApplications: [{ appId: APP }] } },
      onAttributeCollectionStart: null,
      onAttributeCollectionSubmit: {
        "@odata.type": "#microsoft.graph.onAttributeCollectionSubmitCustomExtensionHandler",
        customExtension: { id: START },
      },
    });
    expect(userFlowMapping.toGraphPatch({ page: { views: [{ inputs: [{ attribute: "city" }] }] } })).toEqual({
      "@odata.type": FLOW,
      onAttributeCollection: {
        "@odata.type": T("onAttributeCollection"),
        attributeCollectionPage: { views: [{ inputs: [{ attribute: "city", label: "city" }] }] },
      },
    });
  });

  it("finds no change for the flow it read, whatever the casing and order of ids", () => {
    const flow = userFlowMapping.fromGraph(graphFlow);
    expect(
      userFlowChanges(flow, {
        description: "",
        signUpAllowed: false,
        identityProviders: ["google-oauth", "EmailPassword-OAUTH"],
        applications: [APP.toUpperCase()],
        page: {
          views: [{ inputs: [{ attribute: "EMAIL" }, { attribute: "extension_abc_Tier", label: "Tier" }] }],
        },
        attributeCollectionStartExtensionId: START,
      }),
    ).toEqual({});
    expect(userFlowMapping.naturalKey(flow)).toBe(
      userFlowMapping.naturalKey({ displayName: "SHOP SIGN-UP" }),
    );
  });

  it("lists only what differs, whole lists for providers and apps", () => {
    const flow = userFlowMapping.fromGraph(graphFlow);
    const differing: UserFlowChanges = {
      displayName: "Shop",
      description: "Customers",
      signUpAllowed: true,
      identityProviders: ["EmailPassword-OAUTH"],
      applications: [],
      page: { views: [{ inputs: [{ attribute: "email", required: false }] }] },
      attributeCollectionStartExtensionId: null,
    };
    expect(userFlowChanges(flow, { ...differing, attributeCollectionSubmitExtensionId: null })).toEqual(
      differing,
    );
  });

  it("maps a flow's providers by type and links an app by its typed condition", () => {
    expect(
      flowProviderFromGraph({
        "@odata.type": "#microsoft.graph.socialIdentityProvider",
        id: "Google-OAUTH",
        displayName: "Google",
        identityProviderType: "Google",
      }),
    ).toEqual({
      id: "Google-OAUTH",
      type: "socialIdentityProvider",
      displayName: "Google",
      identityProviderType: "Google",
    });
    expect(flowAppBody(APP)).toEqual({
      "@odata.type": "#microsoft.graph.authenticationConditionApplication",
      appId: APP,
    });
  });
});
