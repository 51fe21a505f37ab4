/**
 * The custom attributes a tenant-to-tenant user migration copies and sets: every custom attribute of
 * the B2C tenant, by name, onto the target's b2c-extensions-app (created there with the same data
 * type when missing), plus the attribute keeping each user's source object id and the one flagging
 * users whose password is still to be migrated (`RequiresMigration`, read by the JIT listener).
 */
import type { ServiceClient } from "../../http/service-client.ts";
import { InputError } from "../../input-error.ts";
import type { UserFlowAttribute } from "../user-flow-attributes/user-flow-attribute-schema.ts";
import { createAttribute, listAttributes } from "../user-flow-attributes/user-flow-attributes-client.ts";

/** `extension_<appId without dashes>_<Name>`: the name part of a custom attribute's id. */
const EXTENSION_ID = /^extension_[0-9a-f]{32}_(.+)$/i;

/** The name of a custom attribute (its id without the extensions app part). */
export const attributeName = (a: Pick<UserFlowAttribute, "id" | "displayName">): string =>
  EXTENSION_ID.exec(a.id)?.[1] ?? (a.displayName ?? a.id).replaceAll(" ", "");

/** One attribute copied from a source user to the target user. */
export interface CopiedAttribute {
  name: string;
  /** The user property in the B2C tenant. */
  source: string;
  /** The user property in the target tenant (undefined in a dry run when it is still to be created). */
  target: string | undefined;
}

/** Which user properties a migration reads and writes. */
export interface AttributePlan {
  copied: CopiedAttribute[];
  /** The target's property keeping the source object id; undefined in a dry run when still missing. */
  sourceId: string | undefined;
  /** The target's property flagging users whose password is still to be migrated (ditto). */
  flag: string | undefined;
  /** Attributes created on the target by this run (a dry run: that it would create). */
  created: string[];
}

/** Options of {@link planAttributes}. */
export interface PlanOptions {
  sourceIdAttribute: string;
  flagAttribute: string;
  dryRun: boolean;
  signal?: AbortSignal | undefined;
}

/**
 * Reads both tenants' custom attributes and creates on the target what it lacks (not in a dry run).
 * An attribute of the same name but another data type on the target is an input error: nothing is
 * written for it, and the message says how to resolve it.
 */
export async function planAttributes(
  source: ServiceClient,
  target: ServiceClient,
  options: PlanOptions,
): Promise<AttributePlan> {
  const own = new Set([options.sourceIdAttribute.toLowerCase(), options.flagAttribute.toLowerCase()]);
  const from = (await listAttributes(source, { type: "custom", signal: options.signal })).filter(
    (a) => !own.has(attributeName(a).toLowerCase()),
  );
  const existing = new Map(
    (await listAttributes(target, { type: "custom", signal: options.signal })).map((a) => [
      attributeName(a).toLowerCase(),
      a,
    ]),
  );
  const wanted = [
    ...from.map((a) => ({ name: attributeName(a), dataType: a.dataType })),
    { name: options.sourceIdAttribute, dataType: "string" },
    { name: options.flagAttribute, dataType: "boolean" },
  ];
  const clashes = wanted.flatMap(({ name, dataType }) => {
    const found = existing.get(name.toLowerCase());
    return found !== undefined && found.dataType !== dataType
      ? [`${name} is ${found.dataType} in the target tenant, ${dataType} here`]
      : [];
  });
  if (clashes.length > 0)
    throw new InputError(
      `custom attributes: ${clashes.join("; ")}. A custom attribute's data type cannot change: delete the target's attribute (user_flow_attribute_delete) or choose another name (sourceIdAttribute, flagAttribute).`,
    );
  const created: string[] = [];
  const targetId = new Map<string, string>();
  for (const { name, dataType } of wanted) {
    const found = existing.get(name.toLowerCase());
    if (found !== undefined) targetId.set(name.toLowerCase(), found.id);
    else {
      created.push(name);
      if (!options.dryRun) {
        const made = await createAttribute(
          target,
          { displayName: name, dataType, description: "Copied from Azure AD B2C by ciam migrate users." },
          { signal: options.signal },
        );
        targetId.set(name.toLowerCase(), made.id);
      }
    }
  }
  const id = (name: string) => targetId.get(name.toLowerCase());
  return {
    copied: from.map((a) => ({ name: attributeName(a), source: a.id, target: id(attributeName(a)) })),
    sourceId: id(options.sourceIdAttribute),
    flag: id(options.flagAttribute),
    created,
  };
}
