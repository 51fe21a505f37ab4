import { randomUUID } from "node:crypto";
import { COLLECTIONS } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import { blank, writeProperties } from "../entities/shape.ts";
import { defineEntitySet } from "../entity-set/define-entity-set.ts";
import { odataTypeOf } from "../extensions/polymorphic.ts";
import { insufficientPrivileges } from "../graph-errors.ts";
import type { CollectionSpec } from "../odata/collection-query.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";

/**
 * `/identity/riskPrevention/fraudProtectionProviders` (v1.0 and beta): the Arkose Labs and HUMAN
 * Security configurations an `onFraudProtectionLoadStart` listener names. Microsoft documents
 * delegated permissions only (RiskPreventionProviders.Read.All / .ReadWrite.All; application:
 * "Not supported"), so an app-only token is refused whatever it holds.
 */
const READ = ["RiskPreventionProviders.Read.All", "RiskPreventionProviders.ReadWrite.All"];
const WRITE = ["RiskPreventionProviders.ReadWrite.All"];
const TYPES = ["arkoseFraudProtectionProvider", "humanSecurityFraudProtectionProvider"];
/** Written, never served: the Arkose private key (the reference's get example leaves it out). */
const WITHHELD = ["privateKey"];

const spec: CollectionSpec = {
  entitySet: "identity/riskPrevention/fraudProtectionProviders",
  type: "fraudProtectionProvider",
  directory: false,
  page: { default: 100, max: 100 },
  filter: {
    resource: "FraudProtectionProvider",
    type: "fraudProtectionProvider",
    directory: false,
    properties: { id: { ops: "eq" }, displayName: { ops: "eq" } },
    isOf: ["fraudProtectionProvider", ...TYPES],
  },
  finish: (served, _select, record) => {
    const out: JsonObject = { "@odata.type": record["@odata.type"] ?? null, ...served };
    for (const name of WITHHELD) delete out[name];
    return out;
  },
};

const bad = (message: string) => new GraphError(400, "Request_BadRequest", message);

/** Every property of the concrete type is required (not nullable in the CSDL) and a non-empty string. */
function checkProvider(type: string, record: JsonObject): JsonObject {
  for (const [name, value] of Object.entries(record)) {
    if (name === "id" || name.startsWith("@")) continue;
    if (typeof value !== "string" || value.trim() === "")
      throw bad(`Property '${name}' is required for a #microsoft.graph.${type}.`);
  }
  return record;
}

function newProvider(_req: GraphRequest, body: JsonObject): JsonObject {
  const type = odataTypeOf(body["@odata.type"], TYPES);
  if (type === undefined)
    throw bad(
      `A fraud protection provider needs an '@odata.type' of ${TYPES.map((t) => `#microsoft.graph.${t}`).join(", ")}.`,
    );
  const { "@odata.type": _t, ...rest } = body;
  const record = writeProperties(type, blank(type), rest, new Set(["id"]));
  record.id = randomUUID();
  return { "@odata.type": `#microsoft.graph.${type}`, ...checkProvider(type, record) };
}

function updateProvider(_req: GraphRequest, before: JsonObject, body: JsonObject): JsonObject {
  const type = String(before["@odata.type"]).replace("#microsoft.graph.", "");
  if (body["@odata.type"] !== undefined && odataTypeOf(body["@odata.type"], [type]) === undefined)
    throw bad(`The provider is a #microsoft.graph.${type}; its type cannot change.`);
  const { "@odata.type": _t, ...rest } = body;
  const { "@odata.type": odata, ...current } = before;
  return {
    "@odata.type": odata ?? null,
    ...checkProvider(type, writeProperties(type, current, rest, new Set(["id"]))),
  };
}

export const fraudProtectionProviderSet = defineEntitySet({
  name: "identity/riskPrevention/fraudProtectionProviders",
  collection: COLLECTIONS.fraudProtectionProviders,
  type: "fraudProtectionProvider",
  spec,
  directory: false,
  read: { permissions: READ, count: false },
  audit: { category: "Policy", activity: "fraud protection provider", targetType: "Policy" },
  create: { permissions: WRITE, build: newProvider, withheld: WITHHELD },
  update: { permissions: WRITE, apply: updateProvider, secret: new Set(WITHHELD) },
  remove: { permissions: WRITE },
});

/** The set's routes, refusing application tokens (delegated access only, per the reference). */
export const fraudProtectionProviderRoutes: readonly GraphRoute[] = fraudProtectionProviderSet.routes.map(
  (route) => ({
    ...route,
    handle: (req, params) => {
      if (req.caller.kind === "app") throw insufficientPrivileges();
      return route.handle(req, params);
    },
  }),
);
