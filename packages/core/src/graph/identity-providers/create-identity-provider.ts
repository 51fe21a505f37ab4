import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { displayNameSchema, httpsUrlSchema, secretSchema } from "../fields.ts";
import { identityProviderMapping } from "./identity-provider-mapping.ts";
import { identityProviderSchema } from "./identity-provider-schema.ts";
import { createProvider } from "./identity-providers-client.ts";

const input = z
  .object({
    kind: z
      .enum(["social", "apple", "oidc"])
      .describe("social: Google or Facebook; oidc: any OpenID Connect provider."),
    displayName: displayNameSchema.optional().describe("On the sign-in button; default: the provider type."),
    identityProviderType: z.string().min(1).max(64).optional().describe("social only."),
    clientId: z.string().min(1).max(1024).optional().describe("social, oidc: issued by the provider."),
    clientSecret: secretSchema.optional().describe("social, oidc; write-only."),
    developerId: z.string().min(1).max(64).optional().describe("apple: team id."),
    serviceId: z.string().min(1).max(256).optional().describe("apple."),
    keyId: z.string().min(1).max(64).optional().describe("apple."),
    certificateData: secretSchema.optional().describe("apple: the .p8 private key; write-only."),
    issuer: z.url().optional().describe("oidc."),
    wellKnownEndpoint: httpsUrlSchema.optional().describe("oidc: https metadata URL."),
    scope: z.string().min(1).max(1024).default("openid profile email").describe("oidc; must include openid."),
    responseType: z.enum(["code", "id_token", "code,id_token"]).default("code").describe("oidc."),
  })
  .superRefine((i, ctx) => {
    const need: Record<typeof i.kind, readonly (keyof typeof i)[]> = {
      social: ["identityProviderType", "clientId", "clientSecret"],
      apple: ["developerId", "serviceId", "keyId", "certificateData"],
      oidc: ["displayName", "clientId", "clientSecret", "issuer", "wellKnownEndpoint"],
    };
    for (const field of need[i.kind]) {
      if (i[field] === undefined)
        ctx.addIssue({ code: "custom", path: [field], message: `required for kind ${i.kind}` });
    }
    if (i.kind === "oidc" && !i.scope.split(" ").includes("openid")) {
      ctx.addIssue({ code: "custom", path: ["scope"], message: "must include openid" });
    }
  });

/** `identity_provider_create`: configure Google, Facebook, Apple or an OIDC provider. */
export const createIdentityProviderOperation = defineOperation({
  name: "identity_provider_create",
  area: "identity-providers",
  title: "Create an identity provider",
  description:
    "Configures a sign-in provider: Google or Facebook (social), Apple, or OpenID Connect (oidc). Offer it with user_flow_idp_add.",
  access: "write",
  idempotent: false,
  permissions: ["IdentityProvider.ReadWrite.All"],
  input,
  output: identityProviderSchema,
  run: (ctx, i) =>
    createProvider(ctx.graph, identityProviderMapping.toGraphCreate(i), { signal: ctx.signal }),
});
