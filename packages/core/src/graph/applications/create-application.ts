import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { applicationSchema } from "./application-schema.ts";
import { createApplication } from "./applications-client.ts";

const redirectUri = z.url({ protocol: /^https?$/ }).max(256);

/** `app_create`: register an application. */
export const createApplicationOperation = defineOperation({
  name: "app_create",
  area: "apps",
  title: "Register an application",
  description:
    "Registers an application: web (webRedirectUris), SPA (spaRedirectUris) or daemon (neither), without permissions or secret (app_grant, app_password_add).",
  access: "write",
  idempotent: false,
  permissions: ["Application.ReadWrite.All"],
  input: z.object({
    displayName: z.string().trim().min(1).max(256),
    signInAudience: z.enum(["AzureADMyOrg", "AzureADMultipleOrgs"]).default("AzureADMyOrg"),
    webRedirectUris: z.array(redirectUri).max(256).optional(),
    spaRedirectUris: z.array(redirectUri).max(256).optional(),
  }),
  output: applicationSchema,
  run: (ctx, input) =>
    createApplication(
      ctx.graph,
      {
        displayName: input.displayName,
        signInAudience: input.signInAudience,
        ...(input.webRedirectUris === undefined ? {} : { web: { redirectUris: input.webRedirectUris } }),
        ...(input.spaRedirectUris === undefined ? {} : { spa: { redirectUris: input.spaRedirectUris } }),
      },
      { signal: ctx.signal },
    ),
});
