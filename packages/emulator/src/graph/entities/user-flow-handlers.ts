import type { Json, JsonObject } from "../../store/json.ts";
import { GraphError, type GraphVersion } from "../route.ts";
import type { FlowLookups } from "./user-flow.ts";
import { defaultInput, pageView } from "./user-flow-page.ts";

/**
 * The handler properties of a user flow (api-surface 2): each is a typed object whose navigation
 * properties (identity providers, attributes, custom extensions) must exist in the tenant.
 */

const NS = "#microsoft.graph.";
const bad = (message: string): GraphError => new GraphError(400, "Request_BadRequest", message);
const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === "object" && !Array.isArray(v);

/** The concrete handler type of each handler property. */
export const HANDLER_TYPES = {
  onInteractiveAuthFlowStart: `${NS}onInteractiveAuthFlowStartExternalUsersSelfServiceSignUp`,
  onAuthenticationMethodLoadStart: `${NS}onAuthenticationMethodLoadStartExternalUsersSelfServiceSignUp`,
  onAttributeCollection: `${NS}onAttributeCollectionExternalUsersSelfServiceSignUp`,
  onUserCreateStart: `${NS}onUserCreateStartExternalUsersSelfServiceSignUp`,
  onAttributeCollectionStart: `${NS}onAttributeCollectionStartCustomExtensionHandler`,
  onAttributeCollectionSubmit: `${NS}onAttributeCollectionSubmitCustomExtensionHandler`,
} as const;
/** A handler property of a user flow. */
export type Handler = keyof typeof HANDLER_TYPES;

const idRefs = (
  value: Json | undefined,
  what: string,
  exists: (id: string) => JsonObject | undefined,
): JsonObject[] => {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw bad(`Invalid value for property '${what}'.`);
  const out: JsonObject[] = [];
  for (const item of value) {
    const id = isObject(item) ? item.id : undefined;
    if (typeof id !== "string") throw bad(`Each of '${what}' needs an 'id'.`);
    const found = exists(id);
    if (found === undefined)
      throw new GraphError(
        404,
        "Request_ResourceNotFound",
        `The ${what === "identityProviders" ? "identity provider" : "attribute"} '${id}' does not exist.`,
      );
    if (!out.some((o) => o.id === found.id)) out.push({ id: found.id as string });
  }
  return out;
};

type Builder = (value: JsonObject, lookups: FlowLookups, version: GraphVersion) => JsonObject;

/** Builds each handler property of a stored flow from its body, checked against the tenant. */
export const HANDLER_BUILDERS: Record<Handler, Builder> = {
  onInteractiveAuthFlowStart: (v) => {
    if (v.isSignUpAllowed !== undefined && typeof v.isSignUpAllowed !== "boolean")
      throw bad("Invalid value for property 'isSignUpAllowed'.");
    return {
      "@odata.type": HANDLER_TYPES.onInteractiveAuthFlowStart,
      isSignUpAllowed: v.isSignUpAllowed ?? true,
    };
  },
  onAuthenticationMethodLoadStart: (v, lookups) => {
    const identityProviders = idRefs(v.identityProviders, "identityProviders", (id) => lookups.provider(id));
    if (identityProviders.length === 0)
      throw bad("A user flow needs at least one identity provider in 'identityProviders'.");
    return { "@odata.type": HANDLER_TYPES.onAuthenticationMethodLoadStart, identityProviders };
  },
  onAttributeCollection: (v, lookups, version) => {
    const attributes = idRefs(v.attributes, "attributes", (id) => lookups.attribute(id));
    const page = v.attributeCollectionPage;
    let views: JsonObject[];
    if (page === undefined || page === null) {
      views = [
        {
          title: null,
          description: null,
          inputs: attributes.map((a) => defaultInput(lookups.attribute(a.id as string) as JsonObject)),
        },
      ];
    } else {
      if (!isObject(page) || !Array.isArray(page.views))
        throw bad("Invalid value for property 'attributeCollectionPage'.");
      if (page.customStringsFileId !== undefined && version !== "beta")
        throw bad("Invalid property 'customStringsFileId'.");
      views = page.views.map((view) => pageView(view, attributes, lookups));
    }
    return {
      "@odata.type": HANDLER_TYPES.onAttributeCollection,
      accessPackages: [],
      attributeCollectionPage: { customStringsFileId: null, views },
      attributes,
    };
  },
  onUserCreateStart: (v) => {
    const type = v.userTypeToCreate ?? "member";
    if (type !== "member" && type !== "guest")
      throw bad("Invalid value for property 'userTypeToCreate': member or guest.");
    return { "@odata.type": HANDLER_TYPES.onUserCreateStart, userTypeToCreate: type };
  },
  onAttributeCollectionStart: (v, lookups) => extensionHandler("onAttributeCollectionStart", v, lookups),
  onAttributeCollectionSubmit: (v, lookups) => extensionHandler("onAttributeCollectionSubmit", v, lookups),
};

function extensionHandler(handler: Handler, v: JsonObject, lookups: FlowLookups): JsonObject {
  const id = isObject(v.customExtension) ? v.customExtension.id : undefined;
  if (typeof id !== "string") throw bad(`Property '${handler}.customExtension' needs the extension's 'id'.`);
  const extension = lookups.extension(id);
  if (extension === undefined) {
    throw new GraphError(
      404,
      "Request_ResourceNotFound",
      `The custom authentication extension '${id}' does not exist.`,
    );
  }
  // The handler's navigation is typed: a start handler binds an onAttributeCollectionStartCustomExtension (CSDL).
  const expected = `${NS}${handler}CustomExtension`;
  const actual = extension["@odata.type"];
  if (typeof actual === "string" && actual.toLowerCase() !== expected.toLowerCase()) {
    throw bad(
      `Property '${handler}.customExtension' must be a ${expected.slice(1)}, not ${actual.slice(1)}.`,
    );
  }
  const configuration = isObject(v.configuration) ? v.configuration : null;
  return {
    "@odata.type": HANDLER_TYPES[handler],
    configuration,
    customExtension: { id: extension.id as string },
  };
}
