import { z } from "zod";
import { descriptionSchema, nameRefSchema } from "../fields.ts";

/**
 * A sign-up/sign-in user flow as ciamkit returns it: Graph's `externalUsersSelfServiceSignUpEventsFlow`
 * (api-surface 2) flattened into a spec-like shape, identity providers, apps and attributes as ids,
 * so that a flow read back can be compared with the spec it was made from.
 */

const INPUT_TYPES = [
  "text",
  "radioSingleSelect",
  "checkboxMultiSelect",
  "boolean",
  "checkboxSingleSelect",
] as const;

/**
 * `inputType` as input. Graph parses it case-insensitively (the docs send "Text" and get "text"
 * back), so ciamkit accepts any casing and sends Graph's spelling.
 */
export const inputTypeSchema = z
  .string()
  .regex(new RegExp(`^(${INPUT_TYPES.join("|")})$`, "i"), `one of ${INPUT_TYPES.join(", ")}`)
  .transform((v) => INPUT_TYPES.find((t) => t.toLowerCase() === v.toLowerCase()) ?? "text")
  .describe(`${INPUT_TYPES.join(", ")}.`);

/** An option of a radio or checkbox input (`authenticationAttributeCollectionOptionConfiguration`). */
export const optionSchema = z.object({
  label: z.string().min(1).max(256),
  value: z.string().min(1).max(256),
});

/** One input of the attribute collection page (`authenticationAttributeCollectionInputConfiguration`). */
export const pageInputSchema = z.object({
  attribute: z.string().min(1).describe("Attribute id: email, city, extension_…_Name."),
  label: z.string().min(1).max(256).optional().describe("Default: the attribute's name."),
  inputType: inputTypeSchema.optional(),
  required: z.boolean().optional(),
  hidden: z.boolean().optional(),
  editable: z.boolean().optional(),
  writeToDirectory: z.boolean().optional(),
  validationRegEx: z
    .string()
    .max(1024)
    .refine((v) => {
      try {
        new RegExp(v);
        return true;
      } catch {
        return false;
      }
    }, "not a regular expression")
    .optional(),
  defaultValue: z.string().nullable().optional(),
  options: z.array(optionSchema).max(100).optional().describe("Radio or checkbox choices."),
});

/** One view (page) of the attribute collection page. */
export const pageViewSchema = z.object({
  title: z.string().max(256).nullable().optional(),
  description: descriptionSchema.nullable().optional(),
  inputs: z.array(pageInputSchema).max(100),
});

/** The attribute collection page: views in order, inputs in order. */
export const pageSchema = z.object({ views: z.array(pageViewSchema).min(1).max(10) });

/** Input for a page. */
export type PageInput = z.input<typeof pageSchema>;

const pageInputOut = z.object({
  attribute: z.string(),
  label: z.string(),
  inputType: z.enum(INPUT_TYPES),
  required: z.boolean().nullish(),
  hidden: z.boolean().nullish(),
  editable: z.boolean().nullish(),
  writeToDirectory: z.boolean().nullish(),
  validationRegEx: z.string().nullish(),
  defaultValue: z.string().nullish(),
  options: z.array(optionSchema),
});

/** A user flow as ciamkit returns it. */
export const userFlowSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  description: z.string().nullable(),
  priority: z.number().int().nullish().describe("Evaluation order (Graph's default 500)."),
  signUpAllowed: z.boolean().describe("false: sign-in only."),
  identityProviders: z
    .array(z.string())
    .describe("Ids of the identity providers offered: EmailPassword-OAUTH, Google-OAUTH, …"),
  applications: z.array(z.string()).describe("Client ids (appId) of the applications that use this flow."),
  attributes: z.array(z.string()).describe("Ids of the attributes collected at sign-up."),
  page: z
    .object({
      views: z.array(
        z.object({
          title: z.string().nullish(),
          description: z.string().nullish(),
          inputs: z.array(pageInputOut),
        }),
      ),
    })
    .nullable()
    .describe("The attribute collection page, or null when the flow collects no attributes."),
  userTypeToCreate: z.enum(["member", "guest"]).nullable(),
  attributeCollectionStartExtensionId: z.string().nullable(),
  attributeCollectionSubmitExtensionId: z.string().nullable(),
});

/** A user flow as ciamkit returns it. */
export type UserFlow = z.infer<typeof userFlowSchema>;

/** An identity provider offered on a flow. */
export const flowProviderSchema = z.object({
  id: z.string(),
  type: z.string().describe("builtInIdentityProvider, socialIdentityProvider, …"),
  displayName: z.string().nullish(),
  identityProviderType: z.string().nullish(),
});

/** An identity provider offered on a flow, as ciamkit returns it. */
export type FlowProvider = z.infer<typeof flowProviderSchema>;

/** An attribute collected by a flow. */
export const flowAttributeSchema = z.object({
  id: z.string(),
  displayName: z.string().nullish(),
  dataType: z.string(),
  userFlowAttributeType: z.string(),
});

/** An attribute collected by a flow, as ciamkit returns it. */
export type FlowAttribute = z.infer<typeof flowAttributeSchema>;

/** Whether customers can sign up, or only sign in; sign-up when not given. */
export const signUpAllowedSchema = z.boolean().default(true).describe("false: sign-in only.");

/** The identity providers a flow offers, by id; email with password when not given. */
export const flowProvidersSchema = z.array(z.string().min(1)).min(1).default(["EmailPassword-OAUTH"]);

/** A flow id or its display name, as operations accept it. */
export const flowRefSchema = nameRefSchema.describe("Id or display name.");
