/** Input pieces the branding operations share. */
import { z } from "zod";
import { localeSchema } from "./branding-schema.ts";

/** Read permission of every branding read (least privileged). */
export const BRANDING_READ = ["OrganizationalBranding.Read.All"];
/** Write permission of every branding change. */
export const BRANDING_WRITE = ["OrganizationalBranding.ReadWrite.All"];

/** `0` (the default branding) or a culture name. */
export const anyLocaleSchema = z
  .union([z.literal("0"), localeSchema])
  .default("0")
  .describe("'0' (default) or a culture, e.g. fr-FR.");

/** The properties of an object that are set (not `undefined`), as a PATCH body. */
export function definedOnly(
  input: Record<string, unknown>,
  skip: readonly string[] = [],
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([k, v]) => v !== undefined && !skip.includes(k)));
}
