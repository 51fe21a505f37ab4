import { randomBytes } from "node:crypto";
import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { displayNameSchema } from "../fields.ts";
import { defaultDomain } from "../organization/organization-client.ts";
import { userSchema } from "./user-schema.ts";
import { createUser } from "./users-client.ts";

/** A password meeting Entra's complexity rules (upper, lower, digit, symbol), for accounts whose owners will reset it. */
export function generatedPassword(): string {
  return `${randomBytes(18).toString("base64url")}aA1!`;
}

/** `user_create`: a local customer account. */
export const createUserOperation = defineOperation({
  name: "user_create",
  area: "users",
  title: "Create a local customer account",
  description: "Creates a customer account that signs in with email (or user name) and a password.",
  access: "write",
  idempotent: false,
  permissions: ["User.ReadWrite.All", "Organization.Read.All"],
  input: z
    .object({
      displayName: displayNameSchema,
      signInName: z.string().trim().min(1).max(512).describe("Email (or user name) to sign in with."),
      signInType: z.enum(["emailAddress", "userName"]).default("emailAddress"),
      password: z
        .string()
        .min(8)
        .max(256)
        .optional()
        .describe("Write-only. Omitted: a random one nobody sees."),
      givenName: z.string().max(64).optional(),
      surname: z.string().max(64).optional(),
      mail: z.email().optional().describe("Default: the sign-in email."),
      accountEnabled: z.boolean().default(true),
    })
    .refine((input) => input.signInType !== "emailAddress" || z.email().safeParse(input.signInName).success, {
      message: "signInName must be an email address when signInType is emailAddress",
      path: ["signInName"],
    }),
  output: userSchema,
  run: async (ctx, input) => {
    const issuer = await defaultDomain(ctx.graph, { signal: ctx.signal });
    const mail = input.mail ?? (input.signInType === "emailAddress" ? input.signInName : undefined);
    return createUser(
      ctx.graph,
      {
        displayName: input.displayName,
        accountEnabled: input.accountEnabled,
        ...(input.givenName === undefined ? {} : { givenName: input.givenName }),
        ...(input.surname === undefined ? {} : { surname: input.surname }),
        ...(mail === undefined ? {} : { mail }),
        identities: [{ signInType: input.signInType, issuer, issuerAssignedId: input.signInName }],
        passwordProfile: {
          password: input.password ?? generatedPassword(),
          forceChangePasswordNextSignIn: false,
        },
        passwordPolicies: "DisablePasswordExpiration",
      },
      { signal: ctx.signal },
    );
  },
});
