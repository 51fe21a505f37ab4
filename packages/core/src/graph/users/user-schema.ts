import { z } from "zod";

/** `objectIdentity` (Graph CSDL): a sign-in name of a user. */
export const objectIdentitySchema = z.object({
  signInType: z.string().nullish().describe("emailAddress, userName, federated, userPrincipalName, …"),
  issuer: z
    .string()
    .nullish()
    .describe("The tenant's domain for local accounts, the IdP (google.com, …) for federated ones."),
  issuerAssignedId: z
    .string()
    .nullish()
    .describe("The sign-in name (email, user name) or the IdP's subject."),
});

/** The `user` properties ciamkit returns (Graph CSDL names); unknown properties are dropped, `$select`ed extras kept by `extra`. */
export const userSchema = z
  .object({
    id: z.string(),
    displayName: z.string().nullish(),
    givenName: z.string().nullish(),
    surname: z.string().nullish(),
    mail: z.string().nullish(),
    userPrincipalName: z.string().nullish(),
    userType: z.string().nullish(),
    accountEnabled: z.boolean().nullish(),
    creationType: z.string().nullish(),
    createdDateTime: z.string().nullish(),
    identities: z.array(objectIdentitySchema).nullish(),
    otherMails: z.array(z.string()).nullish(),
    jobTitle: z.string().nullish(),
    mobilePhone: z.string().nullish(),
    businessPhones: z.array(z.string()).nullish(),
    preferredLanguage: z.string().nullish(),
    city: z.string().nullish(),
    country: z.string().nullish(),
    state: z.string().nullish(),
    postalCode: z.string().nullish(),
    streetAddress: z.string().nullish(),
    passwordPolicies: z.string().nullish(),
  })
  .catchall(z.unknown())
  .describe("A user (Graph `user`).");

/** A Graph user as ciamkit returns it. */
export type User = z.infer<typeof userSchema>;
