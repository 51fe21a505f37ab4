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
