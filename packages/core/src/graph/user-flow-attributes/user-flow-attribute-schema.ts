import { z } from "zod";

/** A user-flow attribute (`identityUserFlowAttribute`, api-surface 3.1). */
export const userFlowAttributeSchema = z.object({
  id: z
    .string()
    .describe("email, city, … for built-ins; extension_<extensionsAppId>_<Name> for custom ones."),
  displayName: z.string().nullish(),
  description: z.string().nullish(),
  dataType: z.string().describe("string, boolean, int64, stringCollection, dateTime."),
  userFlowAttributeType: z.string().describe("builtIn, custom, required."),
});

/** A user-flow attribute as ciamkit returns it. */
export type UserFlowAttribute = z.infer<typeof userFlowAttributeSchema>;

/** Graph's attribute without its annotations. */
export function toUserFlowAttribute(raw: Record<string, unknown>): UserFlowAttribute {
  return {
    id: String(raw.id),
    displayName: raw.displayName as string | null | undefined,
    description: raw.description as string | null | undefined,
    dataType: String(raw.dataType),
    userFlowAttributeType: String(raw.userFlowAttributeType),
  };
}

/** An attribute id in a path or an `@odata.id`. */
export const attributeIdSchema = z.string().trim().min(1).max(256);
