import type { Json, JsonObject } from "../../store/json.ts";
import { GraphError } from "../route.ts";
import type { FlowLookups } from "./user-flow.ts";
import { defaultValidation } from "./user-flow-attribute.ts";

/**
 * The attribute collection page of a user flow (`authenticationAttributeCollectionPage`, api-surface
 * 2.2): views of inputs, each input completed to the full shape Graph returns (`defaultValue: null`,
 * `options: []`, a default validation pattern) and checked against the flow's attributes.
 */

const INPUT_TYPES = ["text", "radioSingleSelect", "checkboxMultiSelect", "boolean", "checkboxSingleSelect"];
const bad = (message: string): GraphError => new GraphError(400, "Request_BadRequest", message);
const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === "object" && !Array.isArray(v);

/** A view from a client's page, its inputs checked against the flow's attributes. */
export function pageView(view: Json, attributes: readonly JsonObject[], lookups: FlowLookups): JsonObject {
  if (!isObject(view) || !Array.isArray(view.inputs))
    throw bad("Each view of 'attributeCollectionPage' needs 'inputs'.");
  const text = (name: string): string | null => {
    const v = view[name];
    if (v !== undefined && v !== null && typeof v !== "string")
      throw bad(`Invalid value for property '${name}'.`);
    return v ?? null;
  };
  return {
    title: text("title"),
    description: text("description"),
    inputs: view.inputs.map((input) => pageInput(input, attributes, lookups)),
  };
}

function pageInput(value: Json, attributes: readonly JsonObject[], lookups: FlowLookups): JsonObject {
  if (!isObject(value) || typeof value.attribute !== "string") throw bad("Each input needs an 'attribute'.");
  const id = value.attribute;
  const attribute = lookups.attribute(id);
  if (attribute === undefined || !attributes.some((a) => a.id === attribute.id)) {
    throw bad(`The input for '${id}' names an attribute that is not one of the flow's attributes.`);
  }
  const input = defaultInput(attribute);
  for (const flag of ["hidden", "editable", "writeToDirectory", "required"] as const) {
    if (value[flag] === undefined) continue;
    if (typeof value[flag] !== "boolean") throw bad(`Invalid value for property '${flag}'.`);
    input[flag] = value[flag];
  }
  for (const name of ["label", "defaultValue", "validationRegEx"] as const) {
    if (value[name] === undefined) continue;
    if (value[name] !== null && typeof value[name] !== "string")
      throw bad(`Invalid value for property '${name}'.`);
    input[name] = value[name];
  }
  if (value.validationRegEx !== undefined && typeof value.validationRegEx === "string") {
    try {
      new RegExp(value.validationRegEx);
    } catch {
      throw bad("Invalid value for property 'validationRegEx': not a regular expression.");
    }
  }
  if (value.inputType !== undefined) {
    // The docs send "Text" and get "text" back: parse case-insensitively, emit Graph's spelling.
    const type = INPUT_TYPES.find((t) => t.toLowerCase() === String(value.inputType).toLowerCase());
    if (type === undefined) throw bad(`Invalid value '${String(value.inputType)}' for property 'inputType'.`);
    input.inputType = type;
  }
  if (value.options !== undefined) {
    if (!Array.isArray(value.options)) throw bad("Invalid value for property 'options'.");
    input.options = value.options.map((o) => {
      if (!isObject(o) || typeof o.label !== "string" || typeof o.value !== "string")
        throw bad("Each option needs 'label' and 'value'.");
      return { label: o.label, value: o.value };
    });
  }
  const choice = ["radioSingleSelect", "checkboxMultiSelect", "checkboxSingleSelect"].includes(
    input.inputType as string,
  );
  if (choice && (input.options as JsonObject[]).length === 0)
    throw bad(`The input for '${id}' is a ${String(input.inputType)} and needs 'options'.`);
  return input;
}

/** The input Graph puts on the page for an attribute added without one (api-surface 2.3/2.9). */
export function defaultInput(attribute: JsonObject): JsonObject {
  const dataType = String(attribute.dataType);
  const isEmail = attribute.id === "email";
  return {
    attribute: attribute.id as string,
    label: (attribute.displayName as string | null) ?? (attribute.id as string),
    inputType: dataType === "boolean" ? "boolean" : "text",
    defaultValue: null,
    hidden: isEmail,
    editable: !isEmail,
    writeToDirectory: true,
    required: isEmail,
    validationRegEx: defaultValidation(attribute.id as string, dataType),
    options: [],
  };
}
