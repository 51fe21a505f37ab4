import type { JsonObject } from "../../store/json.ts";
import { writeProperties } from "../entities/shape.ts";
import { GraphError, type GraphRequest } from "../route.ts";
import { audit, changes } from "../routes/common.ts";
import { BRANDING_READ_ONLY, STRING_LIMITS } from "./branding-records.ts";
import { STREAM_RULES } from "./branding-streams.ts";

const COLOR = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

/**
 * Applies a JSON write (PATCH, or the body of a new localization) to a branding record, checking it
 * as Graph does: stream properties only through their own PUT (streams and strings never in one
 * request, api-surface 4.3), service-computed properties refused, the string limits of 4.2, hex
 * colours, and `contentCustomization` only in an external tenant. Returns the new record; the old one
 * is untouched, so a refused write changes nothing.
 */
export function applyBrandingChanges(req: GraphRequest, before: JsonObject, body: JsonObject): JsonObject {
  const input: JsonObject = {};
  for (const [name, value] of Object.entries(body)) {
    if (name.includes("@odata.")) continue;
    if (Object.hasOwn(STREAM_RULES, name)) {
      throw new GraphError(
        400,
        "Request_BadRequest",
        `Property '${name}' is a stream: upload it with PUT /organization/{id}/branding/localizations/{locale}/${name}, not in a JSON body.`,
      );
    }
    if (BRANDING_READ_ONLY.has(name) && name !== "id") {
      throw new GraphError(400, "Request_BadRequest", `Property '${name}' is read-only and cannot be set.`);
    }
    if (name === "contentCustomization" && req.tenant.info.kind !== "external") {
      throw new GraphError(
        400,
        "Request_BadRequest",
        "Property 'contentCustomization' is supported only in external tenants.",
      );
    }
    if (name !== "id") input[name] = value;
  }
  const after = writeProperties("organizationalBrandingLocalization", structuredClone(before), input);
  for (const [name, max] of Object.entries(STRING_LIMITS)) {
    const v = after[name];
    if (typeof v === "string" && v.length > max && Object.hasOwn(input, name)) {
      throw new GraphError(
        400,
        "Request_BadRequest",
        `Property '${name}' is ${v.length} characters long; the maximum is ${max}.`,
      );
    }
  }
  for (const name of ["backgroundColor", "headerBackgroundColor"]) {
    const v = after[name];
    if (typeof v === "string" && Object.hasOwn(input, name) && !COLOR.test(v)) {
      throw new GraphError(
        400,
        "Request_BadRequest",
        `Property '${name}' must be a hex colour such as #0A2540; got '${v}'.`,
      );
    }
  }
  return after;
}

/** Logs a branding change in the directory audit log (Entra logs branding under company settings). */
export function auditBranding(
  req: GraphRequest,
  activity: "Add" | "Update" | "Delete",
  locale: string,
  before: JsonObject,
  after: JsonObject,
  names: readonly string[],
): void {
  audit(req, {
    activityDisplayName: `${activity === "Add" ? "Add" : activity === "Update" ? "Update" : "Delete"} company branding`,
    category: "DirectoryManagement",
    operationType: activity,
    targets: [
      {
        id: req.tenant.info.id,
        displayName: `Company branding (${locale === "0" ? "default" : locale})`,
        type: "Company",
        modifiedProperties: changes(before, after, names),
      },
    ],
  });
}
