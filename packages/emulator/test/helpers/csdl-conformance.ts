import { DOCUMENTED_EXTRAS } from "../conformance/csdl-shape.ts";
import { allNavigation, allProperties, type CsdlModel, derivedTypes } from "./csdl.ts";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/**
 * Checks a served JSON value against a CSDL type: every structural property present (null only where
 * nullable), JSON types matching the Edm types, complex values recursively, no property the type
 * lacks (extension attributes aside), and `@odata.type` naming the type when it is derived.
 */
function conformance(
  model: CsdlModel,
  typeName: string,
  value: unknown,
  path: string,
  declared = typeName,
): string[] {
  const problems: string[] = [];
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return [`${path}: expected an object of ${typeName}`];
  const obj = value as Record<string, unknown>;
  const odataType = obj["@odata.type"];
  if (typeName !== declared && odataType !== `#${typeName}`)
    problems.push(`${path}: @odata.type ${String(odataType)}, expected #${typeName}`);
  if (odataType !== undefined && odataType !== `#${typeName}`)
    problems.push(`${path}: @odata.type ${String(odataType)} on ${typeName}`);
  const props = allProperties(model, typeName).filter((p) => p.type !== "Edm.Stream");
  const names = new Set([
    ...props.map((p) => p.name),
    ...allNavigation(model, typeName),
    ...(DOCUMENTED_EXTRAS[typeName.replace("microsoft.graph.", "")] ?? []),
  ]);
  for (const key of Object.keys(obj)) {
    if (!names.has(key) && !key.includes("@odata.") && !key.startsWith("extension_"))
      problems.push(`${path}.${key}: not a property of ${typeName}`);
  }
  for (const p of props) {
    if (!(p.name in obj)) {
      problems.push(`${path}.${p.name}: missing`);
      continue;
    }
    problems.push(...checkValue(model, p.type, p.nullable, obj[p.name], `${path}.${p.name}`));
  }
  return problems;
}

/**
 * Checks a served value against a CSDL type (`Edm.*`, an enum, a complex or entity type, or a
 * `Collection(…)` of one); returns the problems found, none when it conforms.
 */
export function checkValue(
  model: CsdlModel,
  type: string,
  nullable: boolean,
  v: unknown,
  path: string,
): string[] {
  const collection = /^Collection\((.*)\)$/.exec(type);
  if (collection !== null) {
    if (!Array.isArray(v)) return [`${path}: expected an array, got ${JSON.stringify(v)}`];
    return v.flatMap((item, i) => checkValue(model, collection[1] as string, false, item, `${path}[${i}]`));
  }
  if (v === null) return nullable ? [] : [`${path}: null but not nullable`];
  const fail = [`${path}: ${JSON.stringify(v)} is not ${type}`];
  switch (type) {
    case "Edm.String":
      return typeof v === "string" ? [] : fail;
    case "Edm.Guid":
      return typeof v === "string" && GUID.test(v) ? [] : fail;
    case "Edm.DateTimeOffset":
      return typeof v === "string" && ISO.test(v) ? [] : fail;
    case "Edm.Boolean":
      return typeof v === "boolean" ? [] : fail;
    case "Edm.Int32":
    case "Edm.Int64":
      return Number.isInteger(v) ? [] : fail;
    case "Edm.Double":
      return typeof v === "number" ? [] : fail;
    case "Edm.Binary":
      return typeof v === "string" && /^[A-Za-z0-9+/]*={0,2}$/.test(v) ? [] : fail;
  }
  const members = model.enums.get(type);
  if (members !== undefined) return typeof v === "string" && members.includes(v) ? [] : fail;
  const served = (v as Record<string, unknown>)["@odata.type"];
  const actual = typeof served === "string" ? served.slice(1) : type;
  if (actual !== type && !derivedTypes(model, type).includes(actual))
    return [`${path}: @odata.type ${actual} does not derive from ${type}`];
  return conformance(model, actual, v, path, type);
}
