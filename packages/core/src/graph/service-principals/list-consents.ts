import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { segment } from "../common.ts";
import { grantsOfClient, scopesOf } from "./delegated-grants-client.ts";
import { requireServicePrincipal } from "./service-principals-client.ts";

/** `app_consent_list`: the delegated permissions consented for an app. */
export const listConsentsOperation = defineOperation({
  name: "app_consent_list",
  area: "apps",
  title: "List an app's delegated permission grants",
  description:
    "Lists the delegated permissions consented for an app, by resource (admin or one user's consent).",
  access: "read",
  permissions: ["DelegatedPermissionGrant.Read.All", "Application.Read.All"],
  input: z.object({ appId: z.guid() }),
  output: z.object({
    grants: z.array(
      z.object({
        grantId: z.string(),
        resource: z.string(),
        scopes: z.array(z.string()),
        consentType: z.string().nullish(),
        principalId: z.string().nullish(),
      }),
    ),
  }),
  run: async (ctx, input) => {
    const client = await requireServicePrincipal(ctx.graph, input.appId, { signal: ctx.signal });
    const names = new Map<string, string>();
    const grants = [];
    for (const g of await grantsOfClient(ctx.graph, client.id, { signal: ctx.signal })) {
      if (!names.has(g.resourceId)) {
        const sp = await ctx.graph.get<{ displayName?: string | null }>(
          `/servicePrincipals/${segment(g.resourceId)}`,
          {
            query: { $select: "id,displayName" },
            signal: ctx.signal,
          },
        );
        names.set(g.resourceId, sp?.displayName ?? g.resourceId);
      }
      grants.push({
        grantId: g.id,
        resource: names.get(g.resourceId) ?? g.resourceId,
        scopes: scopesOf(g),
        consentType: g.consentType,
        principalId: g.principalId,
      });
    }
    return { grants };
  },
});
