import { z } from "zod";
import { nameRefSchema } from "../fields.ts";

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

/** An attribute id in a path or an `@odata.id`. */
export const attributeIdSchema = nameRefSchema;

/** A custom attribute's name as input (Graph drops the spaces in its id). */
export const customAttributeNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_ ]*$/, "letters, digits, underscores and spaces, starting with a letter")
  .max(100);

/** The data type of a custom attribute, fixed at creation. */
export const customAttributeDataTypeSchema = z.enum(["string", "boolean", "int64"]);
