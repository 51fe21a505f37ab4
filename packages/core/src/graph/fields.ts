/**
 * Named input schemas of the fields many resources share, so that a limit lives in one place: the
 * operations, and the specs of tenant as code, build on them. Each keeps Graph's limit; an operation
 * adds its own `.describe()` (shown in MCP schemas and CLI help) where its meaning is particular.
 * Object ids are common.ts's `idSchema`, with the list and `$select` inputs.
 */
import { z } from "zod";

/** A display name as Graph accepts it: trimmed, 1 to 256 characters. */
export const displayNameSchema = z.string().trim().min(1).max(256);

/**
 * An id that reads as a name (`Google-OAUTH`, `extension_…_Tier`, `city`), or a display name that
 * stands for an object: the limits of a display name.
 */
export const nameRefSchema = displayNameSchema;

/** A description as Graph accepts it (up to 1,024 characters). */
export const descriptionSchema = z.string().max(1024);

/** An application's client id (`appId`), a UUID. */
export const appIdSchema = z.uuid();

/** An HTTPS URL (an endpoint Entra calls or a provider's metadata). */
export const httpsUrlSchema = z.url({ protocol: /^https$/ });

/** A redirect URI of an application: http(s), up to 256 characters. */
export const redirectUriSchema = z.url({ protocol: /^https?$/ }).max(256);

/** A write-only secret (client secret, private key) sent to Graph and never returned. */
export const secretSchema = z.string().min(1).max(4096);

/** Whether a string is a GUID (an object id or client id rather than a name or a domain). */
export function isGuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
