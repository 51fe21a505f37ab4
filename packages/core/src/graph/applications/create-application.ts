import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { displayNameSchema, redirectUriSchema } from "../fields.ts";
import { applicationSchema } from "./application-schema.ts";
import { createApplication } from "./applications-client.ts";

/** `app_create`: register an application. */
export const createApplicationOperation = defineOperation({
  name: "app_create",
  area: "apps",
  title: "Register an application",
  description:
    "Registers a web, SPA or daemon app (no redirect URIs); permissions and secrets: app_grant, app_password_add.",
  access: "write",
  idempotent: false,
  permissions: ["Application.ReadWrite.All"],
  input: z.object({
    displayName: displayNameSchema,
    signInAudience: z.enum(["AzureADMyOrg", "AzureADMultipleOrgs"]).default("AzureADMyOrg"),
    webRedirectUris: z.array(redirectUriSchema).max(256).optional(),
    spaRedirectUris: z.array(redirectUriSchema).max(256).optional(),
  }),
  output: applicationSchema,
  run: (ctx, input) => createApplication(ctx.graph, input, { signal: ctx.signal }),
});
