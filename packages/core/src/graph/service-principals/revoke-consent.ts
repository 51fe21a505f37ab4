import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { adminGrant, deleteGrant, scopesOf, setGrantScopes } from "./delegated-grants-client.ts";
import { consentInput } from "./grant-consent.ts";
import { requireServicePrincipal } from "./service-principals-client.ts";

/** `app_consent_revoke`: withdraw admin consent, whole or for some scopes. */
export const revokeConsentOperation = defineOperation({
  name: "app_consent_revoke",
  area: "apps",
  title: "Revoke delegated permissions (admin consent)",
  description:
    "Withdraws admin consent for an app's delegated permissions: some scopes or the whole grant. Issued tokens last until they expire.",
  access: "destructive",
  idempotent: true,
  permissions: ["DelegatedPermissionGrant.ReadWrite.All", "Application.Read.All"],
  input: consentInput,
  output: z.object({ revoked: z.array(z.string()), remaining: z.array(z.string()) }),
  run: async (ctx, input) => {
    const o = { signal: ctx.signal };
    const resource = await requireServicePrincipal(ctx.graph, input.resourceAppId, o);
    const client = await requireServicePrincipal(ctx.graph, input.appId, o);
    const grant = await adminGrant(ctx.graph, client.id, resource.id, o);
    if (grant === undefined) return { revoked: [], remaining: [] };
    const held = scopesOf(grant);
    const gone = new Set((input.scopes ?? held).map((s) => s.toLowerCase()));
    const revoked = held.filter((s) => gone.has(s.toLowerCase()));
    const remaining = held.filter((s) => !gone.has(s.toLowerCase()));
    if (remaining.length === 0) await deleteGrant(ctx.graph, grant.id, o);
    else if (revoked.length > 0) await setGrantScopes(ctx.graph, grant.id, remaining, o);
    return { revoked, remaining };
  },
});
