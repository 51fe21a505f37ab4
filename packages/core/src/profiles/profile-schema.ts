/**
 * A named sign-in profile, as `ciam login` stores it and the CLI and MCP server read it: which tenant,
 * which app, which cloud, and a reference to the credential (never the secret unless asked).
 */
import { z } from "zod";

/** A profile name: a word a shell needs no quoting for. */
export const profileNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "letters, digits, '.', '_' or '-' (at most 64)");

const httpsUrl = z
  .string()
  .regex(/^https:\/\/[^/\s]+/, "an https URL")
  .transform((url) => url.replace(/\/+$/, ""));

/** Where the tenant lives: a Microsoft cloud, or custom endpoints (such as an emulator) with their CA. */
export const profileCloudSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.enum(["global", "usgov", "china"]) }),
  z.object({
    kind: z.literal("custom"),
    authorityHost: httpsUrl,
    graphEndpoint: httpsUrl,
    armEndpoint: httpsUrl,
    /** A PEM file with the CA certificate(s) to trust for these endpoints. */
    caPath: z.string().min(1).optional(),
  }),
]);

/**
 * How to get a token. Secrets are stored only when the user asked for it (`secret`); otherwise the
 * secret comes from `AZURE_CLIENT_SECRET` at run time. Certificates and federated tokens are referenced
 * by path, never copied.
 */
export const credentialReferenceSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("device-code"),
    /** The MSAL token cache file; the profile's own (`<configDir>/token-cache/<name>.json`) when absent. */
    tokenCachePath: z.string().min(1).optional(),
  }),
  z.object({ kind: z.literal("secret"), secret: z.string().min(1).optional() }),
  z.object({ kind: z.literal("certificate"), certificatePath: z.string().min(1) }),
  z.object({ kind: z.literal("federated"), tokenFilePath: z.string().min(1) }),
]);

/** One profile. */
export const profileSchema = z.object({
  name: profileNameSchema,
  /** Tenant id (GUID) or domain. */
  tenantId: z.string().regex(/^[A-Za-z0-9.-]+$/, "a tenant id or domain"),
  /** Client id. */
  clientId: z.string().min(1),
  cloud: profileCloudSchema.default({ kind: "global" }),
  credential: credentialReferenceSchema,
});

/** The profiles file: every profile and the current one. */
export const profilesFileSchema = z.object({
  current: profileNameSchema.optional(),
  profiles: z.array(profileSchema).default([]),
});

/** A stored profile. */
export type Profile = z.output<typeof profileSchema>;
/** A profile's cloud. */
export type ProfileCloud = z.output<typeof profileCloudSchema>;
/** A profile's credential reference. */
export type CredentialReference = z.output<typeof credentialReferenceSchema>;
/** The content of the profiles file. */
export type ProfilesFile = z.output<typeof profilesFileSchema>;
