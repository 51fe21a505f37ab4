/**
 * The declarative model of a tenant's configuration (tenant as code, issue 13): one zod schema per
 * managed kind, each a map from the object's natural key (a display name, an attribute name, a
 * provider id; never an object id or app id) to its settings, so a spec applies to any tenant and
 * the same name cannot be stated twice. On disk each kind is one YAML file ({@link KIND_FILES});
 * inline (MCP, library) the kinds are the properties of one {@link TenantSpec}.
 */
import { z } from "zod";
import {
  appRoleInputSchema,
  identifierUriSchema,
  scopeInputSchema,
} from "../graph/applications/entitlement-schemas.ts";
import { brandingPropertiesShape } from "../graph/branding/branding-schema.ts";
import { extensionKindSchema, resourceIdSchema } from "../graph/custom-extensions/custom-extension-schema.ts";
import { descriptionSchema, displayNameSchema, httpsUrlSchema, redirectUriSchema } from "../graph/fields.ts";
import {
  customAttributeDataTypeSchema,
  customAttributeNameSchema,
} from "../graph/user-flow-attributes/user-flow-attribute-schema.ts";
import { inputTypeSchema, optionSchema } from "../graph/user-flows/user-flow-schema.ts";
import { brandingFilesSchema } from "./branding-files.ts";
import { secretRefSchema } from "./secrets.ts";
import {
  keySetKeySchema,
  keySetSpecSchema,
  policyIdSchema,
  policySpecSchema,
} from "./trust-framework-spec.ts";

/** A custom user-flow attribute, keyed by its name. Its data type is fixed at creation (a change replaces it). */
export const attributeSpecSchema = z.strictObject({
  dataType: customAttributeDataTypeSchema,
  description: descriptionSchema.optional(),
});

const clientIdSchema = z.string().min(1).max(1024).describe("Issued by the provider.");

/**
 * An identity provider the tenant configures, keyed by Graph's id for a social or Apple provider
 * (`Google-OAUTH`, `Apple-Managed-OIDC`: one per type, the same in every tenant) and by display name
 * for an OpenID Connect one. Secrets only as `${env:NAME}` or `${file:path}`.
 */
export const identityProviderSpecSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("social"),
    identityProviderType: z.string().min(1).max(64).describe("Google, Facebook; the key is <type>-OAUTH."),
    displayName: displayNameSchema.optional(),
    clientId: clientIdSchema,
    clientSecret: secretRefSchema,
  }),
  z.strictObject({
    kind: z.literal("apple"),
    displayName: displayNameSchema.optional(),
    developerId: z.string().min(1).max(64),
    serviceId: z.string().min(1).max(256),
    keyId: z.string().min(1).max(64),
    certificateData: secretRefSchema.describe("The .p8 private key."),
  }),
  z.strictObject({
    kind: z.literal("oidc"),
    clientId: clientIdSchema,
    clientSecret: secretRefSchema,
    issuer: z.url(),
    wellKnownEndpoint: httpsUrlSchema,
    scope: z
      .string()
      .min(1)
      .max(1024)
      .refine((s) => s.split(" ").includes("openid"), "must include openid")
      .optional(),
    responseType: z.enum(["code", "id_token", "code,id_token"]).optional(),
  }),
]);

/** A permission, by its value on the resource (`User.Read`) or by id. */
const permissionNameSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(/^\S+$/, "a permission's value (User.Read) or id, without spaces");

/**
 * The permissions an application requires on a resource, by name (the value of the resource's app
 * role or scope: `User.Read.All`), or by id where the resource offers no name for it.
 */
const resourcePermissionsSchema = z.strictObject({
  roles: z
    .array(permissionNameSchema)
    .optional()
    .describe("Application permissions: app role values (User.Read.All) or ids."),
  scopes: z
    .array(permissionNameSchema)
    .optional()
    .describe("Delegated permissions: scope values (User.Read, openid) or ids."),
});

/**
 * An application registration, keyed by display name: audience, platforms with their redirect URIs,
 * required permissions by resource (the display name of an application of the spec or tenant, or of a
 * service principal such as `Microsoft Graph`, or a client id). Credentials are never part of it.
 */
export const applicationSpecSchema = z.strictObject({
  signInAudience: z.enum(["AzureADMyOrg", "AzureADMultipleOrgs"]).optional(),
  web: z.strictObject({ redirectUris: z.array(redirectUriSchema).max(256) }).optional(),
  spa: z.strictObject({ redirectUris: z.array(redirectUriSchema).max(256) }).optional(),
  requiredPermissions: z
    .record(displayNameSchema, resourcePermissionsSchema)
    .optional()
    .describe("By resource: an application's or service principal's name (Microsoft Graph) or a client id."),
  identifierUris: z
    .array(identifierUriSchema)
    .max(50)
    .optional()
    .describe("Application ID URIs; {appId} stands for the app's own client id (api://{appId})."),
  scopes: z
    .array(z.strictObject(scopeInputSchema.shape))
    .max(100)
    .optional()
    .describe("Delegated scopes it exposes, by value; one left out is disabled, then removed."),
  appRoles: z
    .array(z.strictObject(appRoleInputSchema.shape))
    .max(100)
    .optional()
    .describe("App roles it defines, by value; one left out is disabled, then removed."),
});

/** One input of a flow's attribute collection page, naming its attribute by id or custom name. */
const pageInputSpecSchema = z.strictObject({
  attribute: displayNameSchema.describe(
    "A built-in attribute id (email, city) or a custom attribute's name.",
  ),
  label: z.string().min(1).max(256).optional(),
  inputType: inputTypeSchema.optional(),
  required: z.boolean().optional(),
  hidden: z.boolean().optional(),
  editable: z.boolean().optional(),
  writeToDirectory: z.boolean().optional(),
  validationRegEx: z.string().max(1024).optional(),
  defaultValue: z.string().optional(),
  options: z.array(optionSchema).max(100).optional(),
});

/**
 * A sign-up/sign-in user flow, keyed by display name: identity providers by key, attributes by id or
 * custom name, the attribute collection page, and linked applications by display name.
 */
export const userFlowSpecSchema = z.strictObject({
  description: descriptionSchema.optional(),
  signUpAllowed: z.boolean().optional(),
  identityProviders: z
    .array(displayNameSchema)
    .min(1)
    .optional()
    .describe("EmailPassword-OAUTH, EmailOtpSignup-OAUTH, Google-OAUTH, an OIDC provider's name."),
  attributes: z.array(displayNameSchema).optional().describe("Collected at sign-up: ids or custom names."),
  page: z
    .strictObject({
      views: z
        .array(
          z.strictObject({
            title: z.string().max(256).optional(),
            description: descriptionSchema.optional(),
            inputs: z.array(pageInputSpecSchema).max(100),
          }),
        )
        .min(1)
        .max(10),
    })
    .optional(),
  applications: z.array(displayNameSchema).optional().describe("Linked applications, by display name."),
  attributeCollectionStartExtension: displayNameSchema
    .nullable()
    .optional()
    .describe("Custom extension called before the page shows, by name; null: none."),
  attributeCollectionSubmitExtension: displayNameSchema
    .nullable()
    .optional()
    .describe("Custom extension called on submit, by name; null: none."),
});

/**
 * A custom authentication extension, keyed by display name: the event it handles, the endpoint Entra
 * calls and the application that protects it, by name (its resource id, `api://{host}/{appId}`, is
 * made from it in each tenant), or a resource id as is.
 */
export const customExtensionSpecSchema = z.strictObject({
  event: extensionKindSchema,
  description: descriptionSchema.optional(),
  targetUrl: httpsUrlSchema,
  app: displayNameSchema.optional().describe("The app protecting the endpoint, by name."),
  resourceId: resourceIdSchema.optional(),
  timeoutInMilliseconds: z.number().int().min(200).max(2000).optional(),
  maximumRetries: z.number().int().min(0).max(1).optional(),
  fallbackToMicrosoftProviderOnError: z.boolean().optional(),
  claims: z.array(z.string().min(1).max(256)).max(50).optional().describe("onTokenIssuanceStart only."),
});

/** An event listener, keyed by the name of the custom extension it calls: its apps, by name. */
export const eventListenerSpecSchema = z.strictObject({
  applications: z.array(displayNameSchema).describe("The applications it applies to, by name."),
  migrationAttribute: displayNameSchema
    .optional()
    .describe("onPasswordSubmit only: the boolean custom attribute of users to migrate, by name."),
});

/**
 * Company branding, keyed by `default` (the default branding) or a culture (`fr-FR`, a localization
 * overriding the default's texts): texts, colours, layout and sign-up page text overrides, and its
 * images and custom CSS as files beside `branding.yaml` (`files`, see branding-files.ts).
 */
export const brandingSpecSchema = z.strictObject({
  ...brandingPropertiesShape,
  files: brandingFilesSchema.optional(),
});

/** A security group, keyed by display name (members are not managed). */
export const groupSpecSchema = z.strictObject({ description: descriptionSchema.optional() });

const keyed = <T extends z.ZodType>(item: T) => z.record(displayNameSchema, item);

/** The managed kinds, in the order apply creates them (dependencies first). */
export const KINDS = [
  "userFlowAttributes",
  "identityProviders",
  "applications",
  "groups",
  "branding",
  "customExtensions",
  "eventListeners",
  "userFlows",
  "trustFrameworkKeySets",
  "trustFrameworkPolicies",
] as const;

/** A managed kind. */
export type Kind = (typeof KINDS)[number];

/** Each kind's schema (a map by natural key). */
export const KIND_SCHEMAS = {
  userFlowAttributes: keyed(attributeSpecSchema),
  identityProviders: keyed(identityProviderSpecSchema),
  applications: keyed(applicationSpecSchema),
  groups: keyed(groupSpecSchema),
  branding: keyed(brandingSpecSchema),
  customExtensions: keyed(customExtensionSpecSchema),
  eventListeners: keyed(eventListenerSpecSchema),
  userFlows: keyed(userFlowSpecSchema),
  trustFrameworkKeySets: z.record(keySetKeySchema, keySetSpecSchema),
  trustFrameworkPolicies: z.record(policyIdSchema, policySpecSchema),
} as const satisfies Record<Kind, z.ZodType>;

/** The file of each kind in a spec folder. */
export const KIND_FILES: Readonly<Record<Kind, string>> = {
  userFlowAttributes: "user-flow-attributes.yaml",
  identityProviders: "identity-providers.yaml",
  applications: "applications.yaml",
  groups: "groups.yaml",
  branding: "branding.yaml",
  customExtensions: "custom-extensions.yaml",
  eventListeners: "event-listeners.yaml",
  userFlows: "user-flows.yaml",
  trustFrameworkKeySets: "trust-framework-keysets.yaml",
  trustFrameworkPolicies: "trust-framework-policies.yaml",
};

/** A whole tenant spec: each kind present is managed (and, with prune, only its listed objects kept). */
export const tenantSpecSchema = z.strictObject({
  userFlowAttributes: KIND_SCHEMAS.userFlowAttributes.optional(),
  identityProviders: KIND_SCHEMAS.identityProviders.optional(),
  applications: KIND_SCHEMAS.applications.optional(),
  groups: KIND_SCHEMAS.groups.optional(),
  branding: KIND_SCHEMAS.branding.optional(),
  customExtensions: KIND_SCHEMAS.customExtensions.optional(),
  eventListeners: KIND_SCHEMAS.eventListeners.optional(),
  userFlows: KIND_SCHEMAS.userFlows.optional(),
  trustFrameworkKeySets: KIND_SCHEMAS.trustFrameworkKeySets.optional(),
  trustFrameworkPolicies: KIND_SCHEMAS.trustFrameworkPolicies.optional(),
});

/** A tenant spec as written. */
export type TenantSpecInput = z.input<typeof tenantSpecSchema>;
/** A tenant spec, validated. */
export type TenantSpec = z.output<typeof tenantSpecSchema>;
/** Each kind's item types. */
export type AttributeSpec = z.output<typeof attributeSpecSchema>;
export type IdentityProviderSpec = z.output<typeof identityProviderSpecSchema>;
export type ApplicationSpec = z.output<typeof applicationSpecSchema>;
export type UserFlowSpec = z.output<typeof userFlowSpecSchema>;
export type GroupSpec = z.output<typeof groupSpecSchema>;
export type BrandingSpec = z.output<typeof brandingSpecSchema>;
export type CustomExtensionSpec = z.output<typeof customExtensionSpecSchema>;
export type EventListenerSpec = z.output<typeof eventListenerSpecSchema>;

/** The key Graph gives a social provider of a type (`Google` → `Google-OAUTH`). */
export const socialProviderKey = (type: string): string => `${type}-OAUTH`;

/** Custom attribute names follow Graph's rule (letters, digits, underscores, spaces). */
export const attributeNameSchema = customAttributeNameSchema;
