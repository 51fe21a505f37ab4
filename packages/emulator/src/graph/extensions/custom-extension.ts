import { randomUUID } from "node:crypto";
import { COLLECTIONS } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import { blank, writeProperties } from "../entities/shape.ts";
import { GraphError } from "../route.ts";
import { odataTypeOf, polymorphicValue } from "./polymorphic.ts";

/** Every concrete `customAuthenticationExtension` type of Graph v1.0 (api-surface 5.1). */
export const EXTENSION_TYPES = [
  "onTokenIssuanceStartCustomExtension",
  "onAttributeCollectionStartCustomExtension",
  "onAttributeCollectionSubmitCustomExtension",
  "onOtpSendCustomExtension",
  "onVerifiedIdClaimValidationCustomExtension",
  // In the v1.0 schema (for just-in-time password migration) though api-surface 5.1 does not list it;
  // an onPasswordSubmitListener binds it.
  "onPasswordSubmitCustomExtension",
] as const;

/** Records live here, each with its `@odata.type` (the collection is polymorphic). */
export const EXTENSIONS = COLLECTIONS.customAuthenticationExtensions;
/** Graph's per-tenant maximum of custom extension policies (api-surface 5.1). */
export const MAX_EXTENSIONS = 100;

const READ_ONLY = new Set(["id"]);

/**
 * The types `behaviorOnError` takes: the fallback, or its (abstract) base type, which Microsoft's
 * examples send for "no fallback" and Graph accepts.
 */
export const BEHAVIOR_ON_ERROR_TYPES = [
  "fallbackToMicrosoftProviderOnError",
  "customExtensionBehaviorOnError",
];

/**
 * Writes client properties onto an extension record: abstract-typed properties need their concrete
 * `@odata.type` (httpRequestEndpoint, azureAdTokenAuthentication, fallbackToMicrosoftProviderOnError),
 * the rest are checked against the concrete type's CSDL shape (claimsForTokenConfiguration exists
 * only on the token issuance type), and the client limits of customExtensionClientConfiguration hold:
 * a timeout of 200–2000 ms and at most one retry.
 */
export function writeExtension(type: string, target: JsonObject, input: JsonObject): JsonObject {
  const plain: JsonObject = {};
  for (const [name, value] of Object.entries(input)) {
    if (name.includes("@odata.")) continue;
    if (name === "endpointConfiguration" && value !== null)
      target[name] = polymorphicValue(name, value, ["httpRequestEndpoint"]);
    else if (name === "authenticationConfiguration" && value !== null)
      target[name] = polymorphicValue(name, value, ["azureAdTokenAuthentication"]);
    else if (name === "behaviorOnError" && value !== null)
      target[name] = polymorphicValue(name, value, BEHAVIOR_ON_ERROR_TYPES);
    else plain[name] = value;
  }
  writeProperties(type, target, plain, READ_ONLY);
  const endpoint = target.endpointConfiguration as JsonObject | null;
  const url = endpoint === null ? null : endpoint.targetUrl;
  // Emulator deviation: http on loopback is accepted too, for endpoints a developer runs locally.
  const loopback = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/i;
  if (typeof url === "string" && !/^https:\/\/[^/\s]+/i.test(url) && !loopback.test(url)) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      "endpointConfiguration.targetUrl must be an https URL, or http on 127.0.0.1/localhost in the emulator (CustomExtensionIncorrectTargetUrlFormat).",
    );
  }
  const client = target.clientConfiguration as JsonObject | null;
  if (client !== null) {
    const timeout = client.timeoutInMilliseconds;
    const retries = client.maximumRetries;
    if (typeof timeout === "number" && (timeout < 200 || timeout > 2000)) {
      throw new GraphError(
        400,
        "Request_BadRequest",
        "clientConfiguration.timeoutInMilliseconds must be 200 to 2000.",
      );
    }
    if (typeof retries === "number" && (retries < 0 || retries > 1)) {
      throw new GraphError(400, "Request_BadRequest", "clientConfiguration.maximumRetries must be 0 or 1.");
    }
  }
  return target;
}

/** A new extension from a create body: `@odata.type` names the concrete type (required), the authentication configuration is required. */
export function newExtension(body: JsonObject): JsonObject {
  const type = odataTypeOf(body["@odata.type"], EXTENSION_TYPES);
  if (type === undefined) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      `A custom authentication extension needs an '@odata.type' of ${EXTENSION_TYPES.map((t) => `#microsoft.graph.${t}`).join(", ")}.`,
    );
  }
  for (const required of ["endpointConfiguration", "authenticationConfiguration"]) {
    if (body[required] === undefined || body[required] === null) {
      throw new GraphError(400, "Request_BadRequest", `Property '${required}' is required.`);
    }
  }
  const record: JsonObject = { "@odata.type": `#microsoft.graph.${type}`, ...blank(type) };
  record.id = randomUUID();
  return writeExtension(type, record, body);
}

/** The concrete type name of a stored record. */
export function extensionType(record: JsonObject): string {
  return String(record["@odata.type"]).replace("#microsoft.graph.", "");
}
