import type { JsonObject } from "../../store/json.ts";
import { GraphError } from "../route.ts";

/**
 * User-flow attributes of `/identity/userFlowAttributes` (api-surface 3.1). Built-in attributes are
 * constants, never stored; custom ones live in the `userFlowAttributes` collection as
 * `{ id, displayName, description, dataType, userFlowAttributeType: "custom" }`.
 */

const NS = "#microsoft.graph.";

/** Built-in attributes of an external tenant: id, displayName, description, dataType. */
const BUILT_IN: readonly [string, string, string, string][] = [
  ["city", "City", "The city in which the user is located.", "string"],
  ["country", "Country/Region", "The country/region in which the user is located.", "string"],
  ["displayName", "Display Name", "Display Name of the User.", "string"],
  ["email", "Email Address", "Email address of the user", "string"],
  ["givenName", "Given Name", "The user's given name (also known as first name).", "string"],
  ["jobTitle", "Job Title", "The user's job title.", "string"],
  ["postalCode", "Postal Code", "The postal code of the user's address.", "string"],
  ["state", "State/Province", "The state or province in user's address.", "string"],
  ["streetAddress", "Street Address", "The street address where the user is located.", "string"],
  ["surname", "Surname", "The user's surname (also known as family name or last name).", "string"],
];

/** The built-in attributes as records. */
export function builtInAttributes(): JsonObject[] {
  return BUILT_IN.map(([id, displayName, description, dataType]) => ({
    id,
    displayName,
    description,
    userFlowAttributeType: "builtIn",
    dataType,
  }));
}

/** An attribute as Graph serves it, with the derived type that says built-in or custom. */
export function serveAttribute(record: JsonObject): JsonObject {
  const custom = record.userFlowAttributeType === "custom";
  return {
    "@odata.type": `${NS}${custom ? "identityCustomUserFlowAttribute" : "identityBuiltInUserFlowAttribute"}`,
    ...record,
  };
}

/** Data types a custom attribute may be created with; the others exist only on built-ins. */
const CREATABLE_DATA_TYPES = ["string", "boolean", "int64"];
const NAME = /^[A-Za-z][A-Za-z0-9_ ]{0,99}$/;

/**
 * A custom attribute from a create body. Its id is the directory extension property it stands for,
 * `extension_{extensionsAppIdWithoutDashes}_{displayName without spaces}`.
 */
export function newCustomAttribute(body: JsonObject, extensionsAppId: string): JsonObject {
  for (const name of Object.keys(body)) {
    if (!name.startsWith("@odata.") && !["displayName", "description", "dataType"].includes(name)) {
      throw new GraphError(400, "Request_BadRequest", `Invalid property '${name}'.`);
    }
  }
  const { displayName, description, dataType } = body;
  if (typeof displayName !== "string" || !NAME.test(displayName)) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      "Property 'displayName' is required: letters, digits, underscores and spaces, starting with a letter, at most 100 characters.",
    );
  }
  if (description !== undefined && description !== null && typeof description !== "string") {
    throw new GraphError(400, "Request_BadRequest", "Invalid value for property 'description'.");
  }
  if (typeof dataType !== "string" || !CREATABLE_DATA_TYPES.includes(dataType)) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      `Invalid value '${String(dataType)}' for property 'dataType': custom attributes are string, boolean or int64.`,
    );
  }
  return {
    id: `extension_${extensionsAppId.replaceAll("-", "")}_${displayName.replaceAll(" ", "")}`,
    displayName,
    description: description ?? null,
    userFlowAttributeType: "custom",
    dataType,
  };
}

/** The validation pattern Graph gives a page input when none is set, by attribute (api-surface 2.2). */
export function defaultValidation(attributeId: string, dataType: string): string | null {
  if (attributeId === "email") return "^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)*$";
  if (dataType === "int64") return "^[0-9]+$";
  if (dataType === "boolean") return null;
  return "^.*";
}
