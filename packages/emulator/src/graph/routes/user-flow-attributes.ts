import { COLLECTIONS } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import { newCustomAttribute, serveAttribute } from "../entities/user-flow-attribute.ts";
import { type CollectionSpec, getEntity, listCollection, serveRecord } from "../odata/collection-query.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";
import { audit, changes, jsonBody } from "./common.ts";
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

function notFound(id: string): GraphError {
  return new GraphError(404, "Request_ResourceNotFound", `User flow attribute '${id}' does not exist.`);
}

function custom(req: GraphRequest, id: string): JsonObject {
  const attribute = findAttribute(req, id);
  if (attribute === undefined) throw notFound(id);
  if (attribute.userFlowAttributeType !== "custom") {
    throw new GraphError(
      400,
      "Request_BadRequest",
      `Built-in attribute '${String(attribute.id)}' cannot be changed or deleted.`,
    );
  }
  return attribute;
}

function createAttribute(req: GraphRequest) {
  const attribute = newCustomAttribute(jsonBody(req), extensionsAppId(req));
  if (findAttribute(req, attribute.id as string) !== undefined) {
    throw new GraphError(
      409,
      "Request_MultipleObjectsWithSameKeyValue",
      `A user flow attribute named '${String(attribute.displayName)}' already exists.`,
    );
  }
  req.tenant.collection(COLLECTIONS.userFlowAttributes).put(attribute.id as string, attribute);
  audit(req, {
    activityDisplayName: "Add user flow attribute",
    category: "Policy",
    operationType: "Add",
    targets: [
      { id: attribute.id as string, displayName: attribute.displayName as string, type: "UserFlowAttribute" },
    ],
  });
  return {
    status: 201,
    // The docs show a relative Location in OData key syntax (api-surface 3.1).
    headers: { location: `/identity/userFlowAttributes('${String(attribute.id)}')` },
    body: {
      "@odata.context": `${req.baseUrl}/${req.version}/$metadata#identity/userFlowAttributes/$entity`,
      ...serveRecord(attribute, attributesSpec, undefined),
    },
  };
}

function updateAttribute(req: GraphRequest, id: string) {
  const body = jsonBody(req);
  const before = custom(req, id);
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
  const after: JsonObject = {
    ...before,
    description: body.description === undefined ? (before.description ?? null) : body.description,
  };
  req.tenant.collection(COLLECTIONS.userFlowAttributes).put(after.id as string, after);
  audit(req, {
    activityDisplayName: "Update user flow attribute",
    category: "Policy",
    operationType: "Update",
    targets: [
      {
        id: after.id as string,
        displayName: after.displayName as string,
        type: "UserFlowAttribute",
        modifiedProperties: changes(before, after, ["description"]),
      },
    ],
  });
  return { status: 204 };
}

function deleteAttribute(req: GraphRequest, id: string) {
  const attribute = custom(req, id);
  const using = flowsUsing(req, "attributes", attribute.id as string);
  if (using.length > 0) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      `Attribute '${String(attribute.id)}' is used by user flow '${String(using[0]?.displayName)}'; remove it from the flow first.`,
    );
  }
  req.tenant.collection(COLLECTIONS.userFlowAttributes).delete(attribute.id as string);
  audit(req, {
    activityDisplayName: "Delete user flow attribute",
    category: "Policy",
    operationType: "Delete",
    targets: [
      { id: attribute.id as string, displayName: attribute.displayName as string, type: "UserFlowAttribute" },
    ],
  });
  return { status: 204 };
}

/** `/identity/userFlowAttributes` (api-surface 3.1). */
export const userFlowAttributeRoutes: GraphRoute[] = [
  {
    method: "GET",
    path: "/identity/userFlowAttributes",
    permissions: READ,
    handle: (req) => listCollection(req, attributesSpec, allAttributes(req)),
  },
  {
    method: "GET",
    path: "/identity/userFlowAttributes/{id}",
    permissions: READ,
    handle: (req, p) => {
      const attribute = findAttribute(req, p.id as string);
      if (attribute === undefined) throw notFound(p.id as string);
      return getEntity(req, attributesSpec, attribute);
    },
  },
  { method: "POST", path: "/identity/userFlowAttributes", permissions: WRITE, handle: createAttribute },
  {
    method: "PATCH",
    path: "/identity/userFlowAttributes/{id}",
    permissions: WRITE,
    handle: (req, p) => updateAttribute(req, p.id as string),
  },
  {
    method: "DELETE",
    path: "/identity/userFlowAttributes/{id}",
    permissions: WRITE,
    handle: (req, p) => deleteAttribute(req, p.id as string),
  },
];
