import { z } from "zod";
import { ConflictError } from "../../http/errors.ts";
import { defineOperation } from "../../operations/define-operation.ts";
import {
  adminGrant,
  createAdminGrant,
  offeredScopes,
  resourceWithScopes,
  scopesOf,
  setGrantScopes,
} from "./delegated-grants-client.ts";
import { MICROSOFT_GRAPH_APP_ID, requireServicePrincipal } from "./service-principals-client.ts";

/** A delegated permission's value: `openid`, `User.Read`. */
const scopeNameSchema = z.string().regex(/^[A-Za-z0-9_][\w.-]*$/, "a scope such as openid or User.Read");

/** The input `app_consent` and `app_consent_revoke` share: the app, scopes, the resource. */
export const consentInput = z.object({
  appId: z.guid(),
  scopes: z
    .array(scopeNameSchema)
    .min(1)
    .optional()
    .describe("Default: openid, offline_access (revoke: all)."),
  resourceAppId: z.guid().default(MICROSOFT_GRAPH_APP_ID),
});

/** `app_consent`: admin consent for delegated permissions. */
export const grantConsentOperation = defineOperation({
  name: "app_consent",
  area: "apps",
  title: "Grant delegated permissions (admin consent)",
  description:
    "Consents for all users to an app's delegated permissions (default Microsoft Graph's openid, offline_access), merged into its grant.",
  access: "write",
  idempotent: true,
  permissions: ["DelegatedPermissionGrant.ReadWrite.All", "Application.Read.All"],
  input: consentInput,
  output: z.object({ grantId: z.string(), scopes: z.array(z.string()), added: z.array(z.string()) }),
  run: async (ctx, input) => {
    const o = { signal: ctx.signal };
    const resource = await resourceWithScopes(ctx.graph, input.resourceAppId, ctx.signal);
    const wanted = offeredScopes(resource, input.scopes ?? ["openid", "offline_access"]);
    const client = await requireServicePrincipal(ctx.graph, input.appId, o);
    const merge = async (grant: { id: string; scope?: string | null }) => {
      const held = scopesOf(grant);
      const added = wanted.filter((s) => !held.some((h) => h.toLowerCase() === s.toLowerCase()));
      if (added.length > 0) await setGrantScopes(ctx.graph, grant.id, [...held, ...added], o);
      return { grantId: grant.id, scopes: [...held, ...added], added };
    };
    const existing = await adminGrant(ctx.graph, client.id, resource.id, o);
    if (existing !== undefined) return merge(existing);
    const unique = [...new Map(wanted.map((s) => [s.toLowerCase(), s])).values()];
    try {
      const created = await createAdminGrant(ctx.graph, client.id, resource.id, unique, o);
      return { grantId: created.id, scopes: unique, added: unique };
    } catch (error) {
      // A concurrent consent won the race: Graph answers "Permission entry already exists".
      if (
        !(error instanceof ConflictError) &&
        !(error instanceof Error && /already exists/i.test(error.message))
      )
        throw error;
      const after = await adminGrant(ctx.graph, client.id, resource.id, o);
      if (after === undefined) throw error;
      return merge(after);
    }
  },
});
