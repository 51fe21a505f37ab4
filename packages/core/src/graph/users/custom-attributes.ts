import type { ServiceClient } from "../../http/service-client.ts";
import { InputError } from "../../input-error.ts";
import { listAttributes } from "../user-flow-attributes/user-flow-attributes-client.ts";

/** A custom attribute value as user_update takes it. */
export type CustomValue = string | number | boolean | null;

const EXTENSION_ID = /^extension_[0-9a-f]{32}_(.+)$/i;
const key = (name: string) => name.replaceAll(" ", "").toLowerCase();
const VALUE_TYPE: Record<string, string> = { string: "string", boolean: "boolean", int64: "number" };

/**
 * Graph's property names (`extension_<b2cExtensionsAppIdNoDashes>_<Name>`) for custom attribute values
 * given by short name ("LoyaltyNumber", or "Loyalty Number" as Graph drops the spaces) or full id, after
 * checking each exists and its value fits its data type; a problem names the tenant's custom attributes.
 */
export async function customAttributeProperties(
  graph: ServiceClient,
  values: Readonly<Record<string, CustomValue>>,
  signal: AbortSignal | undefined,
): Promise<Record<string, CustomValue>> {
  const custom = await listAttributes(graph, { type: "custom", signal });
  const problems: string[] = [];
  const properties: Record<string, CustomValue> = {};
  for (const [name, value] of Object.entries(values)) {
    const found = custom.find(
      (a) =>
        a.id.toLowerCase() === name.toLowerCase() ||
        key(EXTENSION_ID.exec(a.id)?.[1] ?? "") === key(name) ||
        key(a.displayName ?? "") === key(name),
    );
    if (found === undefined) problems.push(`${name} is not a custom attribute of the tenant`);
    else if (
      value !== null &&
      VALUE_TYPE[found.dataType] !== undefined &&
      typeof value !== VALUE_TYPE[found.dataType]
    )
      problems.push(`${name} holds ${found.dataType}, not ${typeof value}`);
    else properties[found.id] = value;
  }
  if (problems.length > 0) {
    const names = custom.map((a) => EXTENSION_ID.exec(a.id)?.[1] ?? a.id);
    throw new InputError(
      `attributes: ${problems.join("; ")}. Custom attributes: ${names.length === 0 ? "none (create one with user_flow_attribute_create)" : names.join(", ")}.`,
    );
  }
  return properties;
}
