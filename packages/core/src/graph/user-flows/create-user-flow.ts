import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { pageAttributes } from "./flow-page.ts";
import { pageSchema, userFlowSchema } from "./user-flow-schema.ts";
import { createFlow, extensionHandlers, HANDLER_TYPES, pageBody } from "./user-flows-client.ts";

const input = z
  .object({
    displayName: z.string().trim().min(1).max(256).describe("Unique in the tenant."),
    description: z.string().max(1024).optional(),
    signUpAllowed: z.boolean().default(true).describe("false: sign-in only."),
    identityProviders: z
      .array(z.string().min(1))
      .min(1)
      .default(["EmailPassword-OAUTH"])
      .describe("EmailPassword-OAUTH, EmailOtpSignup-OAUTH, Google-OAUTH, …"),
    applications: z.array(z.uuid()).optional().describe("Client ids (an app uses one flow)."),
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
    "Creates a sign-up/sign-in user flow: providers (email+password by default; social ones must exist), attributes and their page, apps.",
  access: "write",
  idempotent: false,
  permissions: ["EventListener.ReadWrite.All"],
  input,
  output: userFlowSchema,
  run: (ctx, i) => {
    const attributes = i.attributes ?? (i.page === undefined ? [] : pageAttributes(i.page));
    const body: Record<string, unknown> = {
      displayName: i.displayName,
      ...(i.description === undefined ? {} : { description: i.description }),
      onInteractiveAuthFlowStart: {
        "@odata.type": HANDLER_TYPES.onInteractiveAuthFlowStart,
        isSignUpAllowed: i.signUpAllowed,
      },
      onAuthenticationMethodLoadStart: {
        "@odata.type": HANDLER_TYPES.onAuthenticationMethodLoadStart,
        identityProviders: [...new Set(i.identityProviders)].map((id) => ({ id })),
      },
    };
    if (i.applications !== undefined) {
      body.conditions = { applications: { includeApplications: i.applications.map((appId) => ({ appId })) } };
    }
    // onAttributeCollection can be PATCHed later only if it is set now (api-surface 2.5).
    if (attributes.length > 0) {
      body.onAttributeCollection = {
        "@odata.type": HANDLER_TYPES.onAttributeCollection,
        attributes: attributes.map((id) => ({ id })),
        ...(i.page === undefined ? {} : { attributeCollectionPage: pageBody(i.page) }),
      };
    }
    if (i.userTypeToCreate !== undefined) {
      body.onUserCreateStart = {
        "@odata.type": HANDLER_TYPES.onUserCreateStart,
        userTypeToCreate: i.userTypeToCreate,
      };
    }
    Object.assign(body, extensionHandlers(i));
    return createFlow(ctx.graph, body, { signal: ctx.signal });
  },
});
