import type { JsonObject } from "../../store/json.ts";
import { graphTypes } from "../entities/graph-types.generated.ts";
import { serveProvider } from "../entities/identity-provider.ts";
import { FLOW_TYPE } from "../entities/user-flow.ts";
import type { CollectionSpec } from "../odata/collection-query.ts";
import type { FilterExpr } from "../odata/filter-ast.ts";
import { parseFilter } from "../odata/filter-parser.ts";
import { GraphError, type GraphRequest } from "../route.ts";
import { findAttribute, findProvider } from "./identity-lookup.ts";

/**
 * Serving user flows (api-surface 2.3/2.4): navigation properties expanded, Graph's additions
 * (`includeApplications@odata.context` in lists, `customStringsFileId` on beta only), and `$filter`
 * over lambda paths with their type-cast segments.
 */

/** Graph's context URL for a flow's linked applications (it annotates list responses with it). */
export function includeApplicationsContext(req: GraphRequest, flowId: string): string {
  return `${req.baseUrl}/${req.version}/$metadata#identity/authenticationEventsFlows('${flowId}')/microsoft.graph.externalUsersSelfServiceSignUpEventsFlow/conditions/applications/includeApplications`;
}

/** A flow as served; `created` gives the create response, whose IdP handler carries only its type. */
export function serveFlow(
  req: GraphRequest,
  record: JsonObject,
  mode: "get" | "list" | "created",
): JsonObject {
  const out: JsonObject = { "@odata.type": FLOW_TYPE, ...structuredClone(record) };
  const apps = (out.conditions as JsonObject | null)?.applications as JsonObject | undefined;
  if (mode === "list" && apps !== undefined) {
    apps["includeApplications@odata.context"] = includeApplicationsContext(req, record.id as string);
  }
  const methods = out.onAuthenticationMethodLoadStart as JsonObject | null;
  if (methods !== null && methods !== undefined) {
    if (mode === "created") delete methods.identityProviders;
    else {
      methods.identityProviders = (methods.identityProviders as JsonObject[]).flatMap((ref) => {
        const p = findProvider(req, ref.id as string);
        return p === undefined ? [] : [serveProvider(p)];
      });
    }
  }
  const collection = out.onAttributeCollection as JsonObject | null;
  if (collection !== null && collection !== undefined) {
    collection.attributes = (collection.attributes as JsonObject[]).flatMap((ref) => {
      const a = findAttribute(req, ref.id as string);
      return a === undefined ? [] : [{ ...a }];
    });
    // customStringsFileId is declared in beta only (api-surface 2.2).
    if (req.version !== "beta") delete (collection.attributeCollectionPage as JsonObject).customStringsFileId;
  }
  return out;
}

/** How `/identity/authenticationEventsFlows` answers OData queries. */
export function flowsSpec(req: GraphRequest, mode: "get" | "list" = "list"): CollectionSpec {
  return {
    entitySet: "identity/authenticationEventsFlows",
    type: "externalUsersSelfServiceSignUpEventsFlow",
    directory: false,
    page: { default: 100, max: 999 },
    orderby: { displayName: "basic" },
    filter: {
      resource: "authenticationEventsFlow",
      type: "externalUsersSelfServiceSignUpEventsFlow",
      directory: false,
      properties: { id: { ops: "eq" }, displayName: { ops: "eq startswith" }, description: { ops: "eq" } },
      lambdas: {
        "conditions/applications/includeApplications": { properties: { appId: { ops: "eq" } } },
        "onAuthenticationMethodLoadStart/identityProviders": { properties: { id: { ops: "eq" } } },
        "onAttributeCollection/attributes": { properties: { id: { ops: "eq" } } },
      },
    },
    finish: (served, select) => (select === undefined ? serveFlow(req, served, mode) : served),
  };
}

// Navigation properties the generated shapes (structural properties only) do not carry.
const NAVIGATION: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  authenticationConditionsApplications: { includeApplications: "authenticationConditionApplication" },
  onAuthenticationMethodLoadStartExternalUsersSelfServiceSignUp: {
    identityProviders: "identityProviderBase",
  },
  onAttributeCollectionExternalUsersSelfServiceSignUp: { attributes: "identityUserFlowAttribute" },
};

const isSubtype = (type: string, base: string): boolean => {
  for (let t: string | null | undefined = type; t; t = graphTypes[t]?.base) if (t === base) return true;
  return false;
};

/**
 * Checks a path's type casts the way OData does: a property must belong to the type reached so far
 * (so `onAuthenticationMethodLoadStart` needs the `microsoft.graph.externalUsersSelfServiceSignUpEventsFlow`
 * cast first, as the docs' filters have it); a cast must name a subtype. Returns the path without casts.
 */
function stripCasts(path: readonly string[]): string[] {
  let type = "authenticationEventsFlow";
  const out: string[] = [];
  for (const segment of path) {
    if (segment.startsWith("microsoft.graph.")) {
      const target = segment.slice("microsoft.graph.".length);
      if (graphTypes[target] === undefined || !isSubtype(target, type)) {
        throw new GraphError(
          400,
          "Request_BadRequest",
          `Invalid type cast '${segment}' on type 'microsoft.graph.${type}'.`,
        );
      }
      type = target;
      continue;
    }
    const shape = graphTypes[type];
    const kind = shape?.props[segment] ?? NAVIGATION[type]?.[segment];
    if (kind === undefined) {
      throw new GraphError(
        400,
        "Request_BadRequest",
        `Could not find a property named '${segment}' on type 'microsoft.graph.${type}'.`,
      );
    }
    type = kind.replace(/^Collection\((.*)\)!?$/, "$1").replace(/!$/, "");
    out.push(segment);
  }
  return out;
}

function walk(expr: FilterExpr): void {
  switch (expr.kind) {
    case "lambda":
      stripCasts(expr.path);
      return;
    case "property":
      if (expr.variable === null) stripCasts(expr.path);
      return;
    case "and":
    case "or":
    case "compare":
      walk(expr.left);
      walk(expr.right);
      return;
    case "not":
      walk(expr.operand);
      return;
    case "in":
      walk(expr.left);
      return;
    case "call":
      for (const a of expr.args) walk(a);
      return;
    default:
      return;
  }
}

/**
 * The request with its `$filter` type casts checked and removed (outside string literals), so that
 * the shared OData engine evaluates the plain property paths of the stored flow.
 */
export function withoutTypeCasts(req: GraphRequest): GraphRequest {
  const key = [...req.query.keys()].find((k) => k.toLowerCase() === "$filter");
  const filter = key === undefined ? null : req.query.get(key);
  if (key === undefined || filter === null) return req;
  walk(parseFilter(filter));
  const stripped = filter
    .split("'")
    .map((part, i) => (i % 2 === 0 ? part.replace(/microsoft\.graph\.[A-Za-z]+\//g, "") : part))
    .join("'");
  const query = new URLSearchParams(req.query);
  query.set(key, stripped);
  return { ...req, query };
}
