import { afterAll, beforeAll } from "vitest";
import { lateBound, type TestEmulator } from "./emulator.ts";
import { type GraphCaller, startWithReader } from "./graph-https.ts";

/** A social identity provider body (Google); other social providers differ in name and type. */
export const GOOGLE = {
  "@odata.type": "#microsoft.graph.socialIdentityProvider",
  displayName: "Google",
  identityProviderType: "Google",
  clientId: "google-client",
  clientSecret: "google-secret",
};

/** The emulator for user-flow tests: an admin caller, a reader with EventListener.Read.All, and Google. */
export async function startFlowEmulator(): Promise<{ t: TestEmulator; g: GraphCaller; reader: GraphCaller }> {
  const session = await startWithReader("flow reader", ["EventListener.Read.All"]);
  // Flows can only name identity providers the tenant has, so the tests configure Google once.
  await session.g.post("/v1.0/identity/identityProviders", GOOGLE);
  return session;
}

/** {@link startFlowEmulator} for one test file: started before its tests, stopped after them. */
export function useFlowEmulator(): { t: TestEmulator; g: GraphCaller; reader: GraphCaller } {
  let session: { t: TestEmulator; g: GraphCaller; reader: GraphCaller } | undefined;
  beforeAll(async () => {
    session = await startFlowEmulator();
  });
  afterAll(() => session?.t.emu.stop());
  return {
    t: lateBound(() => session?.t),
    g: lateBound(() => session?.g),
    reader: lateBound(() => session?.reader),
  };
}

/** The user-flow entity set (v1.0). */
export const FLOWS = "/v1.0/identity/authenticationEventsFlows";
/** The cast that reaches the self-service sign-up flow's own properties. */
export const CAST = "microsoft.graph.externalUsersSelfServiceSignUpEventsFlow";
/** The identity providers of a flow's authentication-method step. */
export const idps = (id: string) =>
  `${FLOWS}/${id}/${CAST}/onAuthenticationMethodLoadStart/microsoft.graph.onAuthenticationMethodLoadStartExternalUsersSelfServiceSignUp/identityProviders`;
/** The attributes of a flow's attribute-collection step. */
export const attributes = (id: string) =>
  `${FLOWS}/${id}/${CAST}/onAttributeCollection/microsoft.graph.onAttributeCollectionExternalUsersSelfServiceSignUp/attributes`;

/** A minimal self-service sign-up flow body named `name`, with `extra` properties. */
export function flowBody(name: string, extra: Record<string, unknown> = {}) {
  return {
    "@odata.type": "#microsoft.graph.externalUsersSelfServiceSignUpEventsFlow",
    displayName: name,
    onInteractiveAuthFlowStart: {
      "@odata.type": "#microsoft.graph.onInteractiveAuthFlowStartExternalUsersSelfServiceSignUp",
      isSignUpAllowed: true,
    },
    onAuthenticationMethodLoadStart: {
      "@odata.type": "#microsoft.graph.onAuthenticationMethodLoadStartExternalUsersSelfServiceSignUp",
      identityProviders: [{ id: "EmailPassword-OAUTH" }],
    },
    ...extra,
  };
}

/** An attribute-collection step asking for email and display name. */
export const withAttributes = {
  onAttributeCollection: {
    "@odata.type": "#microsoft.graph.onAttributeCollectionExternalUsersSelfServiceSignUp",
    attributes: [{ id: "email" }, { id: "displayName" }],
    attributeCollectionPage: {
      views: [
        {
          inputs: [
            {
              attribute: "email",
              label: "Email Address",
              inputType: "Text",
              hidden: true,
              editable: false,
              writeToDirectory: true,
              required: true,
            },
            { attribute: "displayName", label: "Display Name", inputType: "text", required: false },
          ],
        },
      ],
    },
  },
};
