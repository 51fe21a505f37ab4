import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { appIdSchema, descriptionSchema, displayNameSchema } from "../fields.ts";
import { pageAttributes } from "./flow-page.ts";
import { flowProvidersSchema, pageSchema, signUpAllowedSchema, userFlowSchema } from "./user-flow-schema.ts";
import { createFlow } from "./user-flows-client.ts";

const input = z
  .object({
    displayName: displayNameSchema.describe("Unique in the tenant."),
    description: descriptionSchema.optional(),
    signUpAllowed: signUpAllowedSchema,
    identityProviders: flowProvidersSchema.describe(
      "EmailPassword-OAUTH, EmailOtpSignup-OAUTH, Google-OAUTH, …",
    ),
    applications: z.array(appIdSchema).optional().describe("Client ids (an app uses one flow)."),
    attributes: z
      .array(z.string().min(1))
      .optional()
      .describe("Attribute ids (email, city, extension_…); default: the page's."),
    page: pageSchema.optional().describe("Default: one view, an input per attribute."),
    userTypeToCreate: z.enum(["member", "guest"]).optional(),
    attributeCollectionStartExtensionId: z.uuid().optional().describe("Called before the page shows."),
    attributeCollectionSubmitExtensionId: z.uuid().optional().describe("Called on submit."),
  })
  .refine(
    (i) =>
      i.page === undefined ||
      i.attributes === undefined ||
      pageAttributes(i.page).every((a) => i.attributes?.includes(a)),
    { message: "every page input must name one of `attributes`", path: ["page"] },
  );

/** `user_flow_create`: a sign-up/sign-in user flow in one call. */
export const createUserFlowOperation = defineOperation({
  name: "user_flow_create",
  area: "user-flows",
  title: "Create a user flow",
  description:
    "Creates a sign-up/sign-in user flow: providers (default email+password), attributes, page, apps.",
  access: "write",
  idempotent: false,
  permissions: ["EventListener.ReadWrite.All"],
  input,
  output: userFlowSchema,
  run: (ctx, i) => createFlow(ctx.graph, i, { signal: ctx.signal }),
});
