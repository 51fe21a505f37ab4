import { COLLECTIONS } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import { newCustomAttribute, serveAttribute } from "../entities/user-flow-attribute.ts";
import { defineEntitySet } from "../entity-set/define-entity-set.ts";
import type { CollectionSpec } from "../odata/collection-query.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";
import { allAttributes, extensionsAppId, findAttribute, flowsUsing } from "./identity-lookup.ts";

const READ = ["IdentityUserFlow.Read.All"];
const WRITE = ["IdentityUserFlow.ReadWrite.All"];
const EQ_NE = { ops: "eq ne" };

/** How `/identity/userFlowAttributes` answers OData queries: `$filter` eq/ne on its properties. */
export const attributesSpec: CollectionSpec = {
  entitySet: "identity/userFlowAttributes",
  type: "identityUserFlowAttribute",
  directory: false,
  page: { default: 100, max: 999 },
  filter: {
    resource: "identityUserFlowAttribute",
    type: "identityUserFlowAttribute",
    directory: false,
    properties: { id: EQ_NE, displayName: EQ_NE, userFlowAttributeType: EQ_NE, dataType: EQ_NE },
  },
  finish: (served, select) => (select === undefined ? serveAttribute(served) : served),
};

/** A custom attribute: built-in ones cannot be changed or deleted. */
function custom(attribute: JsonObject): JsonObject {
  if (attribute.userFlowAttributeType !== "custom") {
    throw new GraphError(
      400,
      "Request_BadRequest",
      `Built-in attribute '${String(attribute.id)}' cannot be changed or deleted.`,
    );
  }
  return attribute;
}

function buildAttribute(req: GraphRequest, body: JsonObject): JsonObject {
  const attribute = newCustomAttribute(body, extensionsAppId(req));
  if (findAttribute(req, attribute.id as string) !== undefined) {
    throw new GraphError(
      409,
      "Request_MultipleObjectsWithSameKeyValue",
      `A user flow attribute named '${String(attribute.displayName)}' already exists.`,
    );
  }
  return attribute;
}

/** Only `description` of a custom attribute can change. */
function applyUpdate(attribute: JsonObject, body: JsonObject): JsonObject {
  custom(attribute);
  for (const name of Object.keys(body)) {
    if (!name.startsWith("@odata.") && name !== "description") {
      throw new GraphError(
        400,
        "Request_BadRequest",
        `Property '${name}' cannot be updated: only 'description' can.`,
      );
    }
  }
  if (body.description !== undefined && body.description !== null && typeof body.description !== "string") {
    throw new GraphError(400, "Request_BadRequest", "Invalid value for property 'description'.");
  }
  return {
    ...attribute,
    description: body.description === undefined ? (attribute.description ?? null) : body.description,
  };
}

/** A custom attribute no flow uses can be deleted. */
function checkDeletable(req: GraphRequest, attribute: JsonObject): void {
  custom(attribute);
  const using = flowsUsing(req, "attributes", attribute.id as string);
  if (using.length > 0) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      `Attribute '${String(attribute.id)}' is used by user flow '${String(using[0]?.displayName)}'; remove it from the flow first.`,
    );
  }
}

/** `/identity/userFlowAttributes` (api-surface 3.1): built-in attributes and the tenant's custom ones. */
export const userFlowAttributeSet = defineEntitySet({
  name: "identity/userFlowAttributes",
  collection: COLLECTIONS.userFlowAttributes,
  type: "identityUserFlowAttribute",
  spec: attributesSpec,
  directory: false,
  list: allAttributes,
  find: findAttribute,
  notFound: (id) =>
    new GraphError(404, "Request_ResourceNotFound", `User flow attribute '${id}' does not exist.`),
  // The docs show a relative Location in OData key syntax (api-surface 3.1).
  location: (_req, attribute) => `/identity/userFlowAttributes('${String(attribute.id)}')`,
  read: { permissions: READ, count: false },
  audit: { category: "Policy", activity: "user flow attribute", targetType: "UserFlowAttribute" },
  create: { permissions: WRITE, build: buildAttribute, audited: () => [] },
  update: { permissions: WRITE, apply: (_req, attribute, body) => applyUpdate(attribute, body) },
  remove: { permissions: WRITE, before: checkDeletable },
});

export const userFlowAttributeRoutes: readonly GraphRoute[] = userFlowAttributeSet.routes;
