import { allNavigation, allProperties, type CsdlModel, derivedTypes } from "../helpers/csdl.ts";
import { checkValue } from "../helpers/csdl-conformance.ts";

const NS = "microsoft.graph.";

/**
 * Properties Graph returns beyond the v1.0 schema, as the reference pages show them (the same
 * documented extras identity-csdl.test.ts allows): accepted, not schema properties.
 */
export const DOCUMENTED_EXTRAS: Readonly<Record<string, readonly string[]>> = {
  externalUsersSelfServiceSignUpEventsFlow: ["priority"],
  authenticationConditionsApplications: ["includeAllApplications"],
  onAttributeCollectionExternalUsersSelfServiceSignUp: ["accessPackages"],
  builtInIdentityProvider: ["state"],
  // Shown by the directory pages' examples (beta declares the last three).
  group: ["creationOptions"],
  servicePrincipal: ["publisherName"],
  organization: ["directorySizeQuota", "isMultipleDataLocationsForServicesEnabled"],
};

/** Whether a problem is a documented extra property of a nested (complex) value. */
const documentedExtra = (problem: string): boolean =>
  Object.entries(DOCUMENTED_EXTRAS).some(([type, names]) =>
    names.some((name) => problem.endsWith(`.${name}: not a property of ${NS}${type}`)),
  );

/**
 * Checks an entity as served against its CSDL type, for responses that carry only part of the type
 * (default property sets, `$select`): every returned property must be one the type (or the derived
 * type its `@odata.type` names) declares, with a value of the declared kind (complex values checked
 * whole). Which properties must be present is the documented examples' business, not this check's.
 */
export function checkServedEntity(
  model: CsdlModel,
  declared: string,
  value: unknown,
  where: string,
): { type: string; problems: string[] } {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return { type: declared, problems: [`${where}: not an object of ${declared}`] };
  const obj = value as Record<string, unknown>;
  const odataType = obj["@odata.type"];
  const named = typeof odataType === "string" ? odataType.replace(/^#/, "").replace(NS, "") : declared;
  if (named !== declared && !derivedTypes(model, NS + declared).includes(NS + named))
    return {
      type: declared,
      problems: [`${where}: @odata.type ${String(odataType)} does not derive from ${declared}`],
    };
  const props = new Map(allProperties(model, NS + named).map((p) => [p.name, p]));
  const navigation = new Set(allNavigation(model, NS + named));
  const extras = new Set(DOCUMENTED_EXTRAS[named] ?? []);
  const problems: string[] = [];
  for (const [key, v] of Object.entries(obj)) {
    if (key.includes("@odata.") || key.startsWith("extension_") || extras.has(key)) continue;
    const p = props.get(key);
    if (p === undefined) {
      if (!navigation.has(key)) problems.push(`${where}.${key}: not a property of ${named}`);
      continue;
    }
    problems.push(
      ...checkValue(model, p.type, p.nullable, v, `${where}.${key}`).filter((x) => !documentedExtra(x)),
    );
  }
  return { type: named, problems };
}
