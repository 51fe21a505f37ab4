import { COLLECTIONS } from "../../store/collection-names.ts";
import type { Json, JsonObject } from "../../store/json.ts";
import { complexValue, isExtensionProperty, isGuid } from "../entities/shape.ts";
import type { GraphRequest } from "../route.ts";
import { GraphError } from "../route.ts";
import { notFound } from "../routes/common.ts";
import { BEHAVIOR_ON_ERROR_TYPES, EXTENSIONS, extensionType } from "./custom-extension.ts";
import { LISTENER_TYPES } from "./listener-types.ts";
import { odataTypeOf, polymorphicValue } from "./polymorphic.ts";

const bad = (message: string) => new GraphError(400, "Request_BadRequest", message);
const isObject = (v: Json | undefined): v is JsonObject =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * `conditions.applications.includeApplications`: apps by appId (the key of
 * authenticationConditionApplication, api-surface 2.7), each registered in the tenant.
 */
export function conditionsValue(req: GraphRequest, input: Json | undefined): JsonObject {
  if (input === null || input === undefined) return { applications: { includeApplications: [] } };
  if (!isObject(input)) throw bad("Invalid value for property 'conditions'.");
  for (const key of Object.keys(input))
    if (key !== "applications" && !key.includes("@odata."))
      throw bad(`Invalid property 'conditions.${key}'.`);
  const apps = input.applications ?? null;
  if (apps === null) return { applications: { includeApplications: [] } };
  if (!isObject(apps)) throw bad("Invalid value for property 'conditions.applications'.");
  for (const key of Object.keys(apps)) {
    // The listener pages send includeAllApplications: false beside the list (e.g. creating an
    // onPasswordSubmitListener); a listener always names its apps, so only false is accepted.
    if (key === "includeAllApplications" && apps[key] === false) continue;
    if (key !== "includeApplications" && !key.includes("@odata."))
      throw bad(`Invalid property 'conditions.applications.${key}'.`);
  }
  const list = apps.includeApplications ?? [];
  if (!Array.isArray(list)) throw bad("'includeApplications' must be an array of { appId }.");
  const registered = new Set(
    [
      ...req.tenant.collection(COLLECTIONS.applications).values(),
      ...req.tenant.collection(COLLECTIONS.servicePrincipals).values(),
    ].map((a) => String(a.appId).toLowerCase()),
  );
  const seen = new Set<string>();
  const out: JsonObject[] = [];
  for (const item of list) {
    const appId = isObject(item) ? item.appId : undefined;
    if (typeof appId !== "string" || !isGuid(appId))
      throw bad("Each includeApplications item needs an 'appId' (a GUID).");
    const key = appId.toLowerCase();
    if (!registered.has(key)) throw bad(`No application with appId '${appId}' is registered in this tenant.`);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ appId: key });
  }
  return { applications: { includeApplications: out } };
}

/**
 * A handler's `customExtensionOverwriteConfiguration`: its `behaviorOnError` is abstract, so it keeps
 * its concrete `@odata.type` like the extension's own.
 */
function overwriteConfiguration(input: Json): JsonObject | null {
  if (input === null) return null;
  if (!isObject(input)) throw bad("Invalid value for property 'configuration'.");
  const { behaviorOnError, ...rest } = input;
  const out = complexValue("customExtensionOverwriteConfiguration", rest, "configuration");
  if (behaviorOnError !== undefined && behaviorOnError !== null) {
    out.behaviorOnError = polymorphicValue(
      "configuration.behaviorOnError",
      behaviorOnError,
      BEHAVIOR_ON_ERROR_TYPES,
    );
  }
  return out;
}

/** The extension id a handler binds: the nested `{ id }` form of the docs, or `customExtension@odata.bind` (tolerated). */
function boundExtensionId(handler: JsonObject): string | undefined {
  const nested = handler.customExtension;
  if (isObject(nested) && typeof nested.id === "string") return nested.id;
  const bind = handler["customExtension@odata.bind"];
  if (typeof bind === "string") return /customAuthenticationExtensions(?:\/|\(')([^/')]+)/i.exec(bind)?.[1];
  return undefined;
}

/**
 * The handler of a listener of `listenerType`: its `@odata.type` must be the one that listener takes,
 * and a custom extension handler must bind an existing extension of the matching type. Stored with the
 * bound extension as `customExtension: { id }`, the form the docs send (api-surface 5.2).
 */
export function handlerValue(req: GraphRequest, listenerType: string, input: Json | undefined): JsonObject {
  const spec = LISTENER_TYPES[listenerType];
  if (spec === undefined) throw bad(`Unsupported listener type '${listenerType}'.`);
  if (!isObject(input)) throw bad("Property 'handler' is required.");
  if (odataTypeOf(input["@odata.type"], [spec.handler]) === undefined) {
    throw bad(
      `A #microsoft.graph.${listenerType} takes a handler of '@odata.type' #microsoft.graph.${spec.handler}.`,
    );
  }
  const rest: JsonObject = {};
  for (const [k, v] of Object.entries(input))
    if (!k.startsWith("customExtension") && !k.includes("@odata.")) rest[k] = v;
  if (spec.extension === null) {
    const signUp = rest.signUp;
    const provider = isObject(signUp) ? signUp.fraudProtectionProvider : undefined;
    if (!isObject(provider) || typeof provider.id !== "string") {
      throw bad("The fraud protection handler needs signUp.fraudProtectionProvider with an id.");
    }
    const providerType = odataTypeOf(provider["@odata.type"], [
      "arkoseFraudProtectionProvider",
      "humanSecurityFraudProtectionProvider",
    ]);
    return {
      "@odata.type": `#microsoft.graph.${spec.handler}`,
      signUp: {
        "@odata.type": "#microsoft.graph.fraudProtectionProviderConfiguration",
        fraudProtectionProvider: {
          ...(providerType === undefined ? {} : { "@odata.type": `#microsoft.graph.${providerType}` }),
          id: provider.id,
        },
      },
    };
  }
  const id = boundExtensionId(input);
  if (id === undefined) throw bad('The handler needs \'customExtension\': { "id": "{extension id}" }.');
  const extension = req.tenant.collection(EXTENSIONS).get(id.toLowerCase());
  if (extension === undefined) throw notFound(id);
  if (extensionType(extension) !== spec.extension) {
    throw bad(
      `Custom extension '${id}' is a #microsoft.graph.${extensionType(extension)}; a ${listenerType} needs a #microsoft.graph.${spec.extension}.`,
    );
  }
  return {
    "@odata.type": `#microsoft.graph.${spec.handler}`,
    configuration: overwriteConfiguration(rest.configuration ?? null),
    ...(spec.handler === PASSWORD_MIGRATION_HANDLER ? { migrationPropertyId: migrationProperty(rest) } : {}),
    customExtension: { id: String(extension.id) },
  };
}

const PASSWORD_MIGRATION_HANDLER = "onPasswordMigrationCustomExtensionHandler";

/**
 * `migrationPropertyId` of a password migration handler: required (not nullable in the CSDL), the
 * directory extension attribute (`extension_{appIdNoDashes}_{name}`) that marks users still to migrate.
 */
function migrationProperty(handler: JsonObject): string {
  const value = handler.migrationPropertyId;
  if (typeof value !== "string" || !isExtensionProperty(value)) {
    throw bad(
      "The handler needs 'migrationPropertyId': the extension attribute (extension_{appIdNoDashes}_{name}) that marks users to migrate.",
    );
  }
  return value;
}
