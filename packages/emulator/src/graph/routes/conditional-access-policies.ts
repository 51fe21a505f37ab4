import { randomUUID } from "node:crypto";
import { COLLECTIONS } from "../../store/collection-names.ts";
import type { Json, JsonObject } from "../../store/json.ts";
import { blank, isGuid, writeProperties } from "../entities/shape.ts";
import { defineEntitySet } from "../entity-set/define-entity-set.ts";
import type { CollectionSpec } from "../odata/collection-query.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";

/**
 * `/identity/conditionalAccess/policies` (conditionalAccessRoot-list-policies, -post-policies,
 * conditionalAccessPolicy-get/-update/-delete): reading takes Policy.Read.All (or the newer
 * Policy.Read.ConditionalAccess); writing Policy.ReadWrite.ConditionalAccess (Microsoft also lists
 * Policy.Read.All beside it for apps; the emulator asks for the write permission alone).
 */
const READ = ["Policy.Read.ConditionalAccess", "Policy.Read.All", "Policy.ReadWrite.ConditionalAccess"];
const WRITE = ["Policy.ReadWrite.ConditionalAccess"];
const TYPE = "conditionalAccessPolicy";
const STATES = ["enabled", "disabled", "enabledForReportingButNotEnforced"];
/** `conditionalAccessGrantControl` members (v1.0). */
const GRANT_CONTROLS = [
  "block",
  "mfa",
  "compliantDevice",
  "domainJoinedDevice",
  "approvedApplication",
  "compliantApplication",
  "passwordChange",
];
/** The application keywords Graph takes beside app ids in include/excludeApplications. */
const APP_KEYWORDS = ["All", "None", "Office365", "MicrosoftAdminPortals"];
/** The user keywords Graph takes beside user ids in include/excludeUsers. */
const USER_KEYWORDS = ["All", "None", "GuestsOrExternalUsers"];

const spec: CollectionSpec = {
  // The reference pages' @odata.context: `$metadata#conditionalAccess/policies` (list, get, create).
  entitySet: "conditionalAccess/policies",
  type: TYPE,
  directory: false,
  page: { default: 100, max: 100 },
  filter: {
    resource: "ConditionalAccessPolicy",
    type: TYPE,
    directory: false,
    properties: { id: { ops: "eq" }, displayName: { ops: "eq startswith" }, state: { ops: "eq" } },
  },
};

const bad = (message: string) => new GraphError(400, "BadRequest", message);
const strings = (v: Json | undefined): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

/**
 * The rules Graph applies to a policy as a whole (after a create or a PATCH): a name, a known state,
 * applications and users to include (keywords or GUIDs), and a grant or session control with known
 * built-in controls and an `AND`/`OR` operator when there are several.
 */
function checkPolicy(p: JsonObject): JsonObject {
  if (typeof p.displayName !== "string" || p.displayName.trim() === "")
    throw bad("The policy needs a displayName.");
  if (typeof p.state !== "string" || !STATES.includes(p.state))
    throw bad(`'state' must be one of ${STATES.join(", ")}.`);
  const conditions = p.conditions as JsonObject | null;
  const apps = conditions?.applications as JsonObject | null | undefined;
  const users = conditions?.users as JsonObject | null | undefined;
  const appIds = [...strings(apps?.includeApplications), ...strings(apps?.excludeApplications)];
  if (
    apps == null ||
    (strings(apps.includeApplications).length === 0 && strings(apps.includeUserActions).length === 0)
  )
    throw bad("conditions.applications must include applications or user actions.");
  for (const id of appIds)
    if (!APP_KEYWORDS.includes(id) && !isGuid(id)) throw bad(`'${id}' is not an application id or keyword.`);
  const included = [
    ...strings(users?.includeUsers),
    ...strings(users?.includeGroups),
    ...strings(users?.includeRoles),
  ];
  if (users == null || (included.length === 0 && users.includeGuestsOrExternalUsers == null))
    throw bad("conditions.users must include users, groups, roles or guests.");
  for (const id of [...strings(users.includeUsers), ...strings(users.excludeUsers)])
    if (!USER_KEYWORDS.includes(id) && !isGuid(id)) throw bad(`'${id}' is not a user id or keyword.`);
  const grant = p.grantControls as JsonObject | null;
  if (grant === null && p.sessionControls === null)
    throw bad("The policy needs grantControls or sessionControls.");
  if (grant !== null) {
    const controls = strings(grant.builtInControls);
    for (const c of controls) if (!GRANT_CONTROLS.includes(c)) throw bad(`Unknown built-in control '${c}'.`);
    if (
      controls.length === 0 &&
      strings(grant.termsOfUse).length === 0 &&
      grant.authenticationStrength == null
    )
      throw bad("grantControls needs builtInControls.");
    if (controls.length > 1 && grant.operator !== "AND" && grant.operator !== "OR")
      throw bad("grantControls.operator must be AND or OR.");
  }
  return p;
}

const READ_ONLY = new Set(["id", "createdDateTime", "modifiedDateTime", "deletedDateTime", "templateId"]);

function newPolicy(req: GraphRequest, body: JsonObject): JsonObject {
  const { "@odata.type": _type, ...rest } = body;
  const record = writeProperties(TYPE, blank(TYPE), rest, READ_ONLY);
  record.id = randomUUID();
  record.createdDateTime = req.now().toISOString();
  return checkPolicy(record);
}

const isObject = (v: Json | undefined): v is JsonObject =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * A PATCH's complex values merged into the stored ones (conditionalAccessPolicy-update sends only
 * `conditions.signInRiskLevels`): properties it names change, the others stay; lists are replaced.
 */
function merged(stored: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...patch };
  for (const [name, value] of Object.entries(patch)) {
    const current = stored[name];
    if (isObject(value) && isObject(current)) out[name] = { ...current, ...merged(current, value) };
  }
  return out;
}

function updatePolicy(req: GraphRequest, before: JsonObject, body: JsonObject): JsonObject {
  const { "@odata.type": _type, ...rest } = body;
  const after = writeProperties(TYPE, before, merged(before, rest), READ_ONLY);
  after.modifiedDateTime = req.now().toISOString();
  return checkPolicy(after);
}

export const conditionalAccessPolicySet = defineEntitySet({
  name: "identity/conditionalAccess/policies",
  collection: COLLECTIONS.conditionalAccessPolicies,
  type: TYPE,
  spec,
  directory: false,
  read: { permissions: READ, count: false },
  audit: { category: "Policy", activity: "conditional access policy", targetType: "Policy" },
  create: { permissions: WRITE, build: newPolicy },
  update: { permissions: WRITE, apply: updatePolicy },
  remove: { permissions: WRITE },
});

/** Conditional Access policies (issue 14): list, get, create, PATCH, DELETE. */
export const conditionalAccessPolicyRoutes: readonly GraphRoute[] = conditionalAccessPolicySet.routes;
