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
    "Registers an application in the tenant: a web app (webRedirectUris), a single-page app (spaRedirectUris), or a daemon/automation client (neither). It gets no permissions and no secret yet: add a secret with app_password_add, create its service principal with service_principal_create, grant permissions with app_grant. Returns the registration with its appId (client id).",
  access: "write",
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
