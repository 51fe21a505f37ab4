/**
 * The input fields `security_ca_create` and `security_ca_update` share (one shape, so MCP names it
 * once), and their conversion into the mapping's {@link CaPolicyCreate} fields.
 */
import { z } from "zod";
import type { ServiceClient } from "../../http/service-client.ts";
import { displayNameSchema, isGuid } from "../fields.ts";
import type { CaPolicyCreate } from "./ca-policy-mapping.ts";
import { caClientAppTypeSchema, caControlSchema, caStateSchema } from "./ca-policy-schema.ts";
import { resolveAppIds } from "./resolve-app-ids.ts";

const USER_KEYWORDS = ["All", "None", "GuestsOrExternalUsers"];
const APP_KEYWORDS = ["All", "None"];

const userRef = z
  .string()
  .trim()
  .refine(
    (v) => USER_KEYWORDS.includes(v) || isGuid(v),
    "a user object id, All, None or GuestsOrExternalUsers",
  );
const appRef = z.string().trim().min(1).max(256);
const list = <T extends z.ZodType>(item: T) => z.array(item).max(100);

/** The policy's fields; lists replace what the policy had. */
export const caPolicyFields = {
  displayName: displayNameSchema.optional(),
  state: caStateSchema.optional(),
  apps: list(appRef).min(1).describe("App names, client ids or All.").optional(),
  excludeApps: list(appRef).optional(),
  users: list(userRef).min(1).describe("Ids, All, None, GuestsOrExternalUsers.").optional(),
  excludeUsers: list(userRef).optional(),
  groups: list(z.uuid()).optional(),
  excludeGroups: list(z.uuid()).optional(),
  clientAppTypes: list(caClientAppTypeSchema).min(1).optional(),
  controls: list(caControlSchema).min(1).optional(),
  operator: z.enum(["AND", "OR"]).optional(),
};

/** The fields as given (each may be absent). */
export type CaPolicyInput = { [K in keyof typeof caPolicyFields]: z.output<(typeof caPolicyFields)[K]> };

/** Client ids for app references (names, client ids); the keywords All and None pass as they are. */
async function appIds(graph: ServiceClient, refs: readonly string[], signal: AbortSignal | undefined) {
  const keywords = refs.filter((r) => APP_KEYWORDS.includes(r));
  const named = refs.filter((r) => !APP_KEYWORDS.includes(r));
  return [...keywords, ...(named.length === 0 ? [] : await resolveAppIds(graph, named, { signal }))];
}

/** The mapping's fields for what the input gives (app names resolved to client ids). */
export async function caPolicySpec(
  graph: ServiceClient,
  input: Partial<CaPolicyInput>,
  signal: AbortSignal | undefined,
): Promise<Partial<CaPolicyCreate>> {
  const { apps, excludeApps, ...rest } = input;
  const spec: Partial<CaPolicyCreate> = {};
  for (const [key, value] of Object.entries(rest))
    if (value !== undefined) Object.assign(spec, { [key]: value });
  if (apps !== undefined) spec.appIds = await appIds(graph, apps, signal);
  if (excludeApps !== undefined) spec.excludeAppIds = await appIds(graph, excludeApps, signal);
  return spec;
}
