import { z } from "zod";

/** The stream properties of a branding (Edm.Stream in the CSDL): images and the custom CSS. */
export const BRANDING_STREAMS = [
  "backgroundImage",
  "bannerLogo",
  "customCSS",
  "favicon",
  "headerLogo",
  "squareLogo",
  "squareLogoDark",
] as const;

/** One branding stream property. */
export const brandingStreamSchema = z.enum(BRANDING_STREAMS);

/** The limits Graph sets per stream, for the upload's input (api-surface, branding). */
export const BRANDING_STREAM_LIMITS =
  "Logos ≤245×36 (square ≤240×240, 10 KB), background ≤1920×1080 (300 KB), CSS ≤25 KB.";

/** A branding stream property name. */
export type BrandingStream = z.infer<typeof brandingStreamSchema>;

const hexColor = z.string().regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, "a hex colour such as #0A2540");
const keyValue = z.object({ key: z.string(), value: z.string() });

/**
 * The writable properties of `organizationalBrandingProperties` (Graph v1.0 CSDL), with the limits
 * of the branding docs: string lengths, hex colours, the layout enum. Every field is optional: an
 * update sends only what changes; a single space forces an empty override in a localization.
 */
export const brandingPropertiesShape = {
  backgroundColor: hexColor.nullable().optional(),
  headerBackgroundColor: hexColor.nullable().optional(),
  signInPageText: z.string().max(1024).nullable().optional(),
  usernameHintText: z.string().max(64).nullable().optional(),
  customAccountResetCredentialsUrl: z.string().max(128).nullable().optional(),
  customCannotAccessYourAccountText: z.string().max(256).nullable().optional(),
  customCannotAccessYourAccountUrl: z.string().max(128).nullable().optional(),
  customForgotMyPasswordText: z.string().max(256).nullable().optional(),
  customPrivacyAndCookiesText: z.string().max(256).nullable().optional(),
  customPrivacyAndCookiesUrl: z.string().max(128).nullable().optional(),
  customResetItNowText: z.string().max(256).nullable().optional(),
  customTermsOfUseText: z.string().max(256).nullable().optional(),
  customTermsOfUseUrl: z.string().max(128).nullable().optional(),
  loginPageLayoutConfiguration: z
    .object({
      isHeaderShown: z.boolean().nullish(),
      isFooterShown: z.boolean().nullish(),
      layoutTemplateType: z.enum(["default", "verticalSplit"]).nullish(),
    })
    .nullable()
    .optional(),
  loginPageTextVisibilitySettings: z
    .object({
      hideAccountResetCredentials: z.boolean().nullish(),
      hideCannotAccessYourAccount: z.boolean().nullish(),
      hideForgotMyPassword: z.boolean().nullish(),
      hidePrivacyAndCookies: z.boolean().nullish(),
      hideResetItNow: z.boolean().nullish(),
      hideTermsOfUse: z.boolean().nullish(),
    })
    .nullable()
    .optional(),
  contentCustomization: z
    .object({
      attributeCollection: z.array(keyValue).optional(),
      registrationCampaign: z.array(keyValue).optional(),
    })
    .nullable()
    .optional()
    .describe("External tenants only: text overrides on the sign-up pages."),
};

/** A branding (default `0` or a localization) as Graph returns it. */
export const brandingSchema = z.object({
  id: z.string().describe("'0' for the default branding, else the culture name (fr-FR)."),
  backgroundColor: z.string().nullish(),
  headerBackgroundColor: z.string().nullish(),
  signInPageText: z.string().nullish(),
  usernameHintText: z.string().nullish(),
  customAccountResetCredentialsUrl: z.string().nullish(),
  customCannotAccessYourAccountText: z.string().nullish(),
  customCannotAccessYourAccountUrl: z.string().nullish(),
  customForgotMyPasswordText: z.string().nullish(),
  customPrivacyAndCookiesText: z.string().nullish(),
  customPrivacyAndCookiesUrl: z.string().nullish(),
  customResetItNowText: z.string().nullish(),
  customTermsOfUseText: z.string().nullish(),
  customTermsOfUseUrl: z.string().nullish(),
  loginPageLayoutConfiguration: z.record(z.string(), z.unknown()).nullish(),
  loginPageTextVisibilitySettings: z.record(z.string(), z.unknown()).nullish(),
  contentCustomization: z.record(z.string(), z.unknown()).nullish(),
  cdnList: z.array(z.string()).nullish(),
  backgroundImageRelativeUrl: z.string().nullish(),
  bannerLogoRelativeUrl: z.string().nullish(),
  customCSSRelativeUrl: z.string().nullish(),
  faviconRelativeUrl: z.string().nullish(),
  headerLogoRelativeUrl: z.string().nullish(),
  squareLogoRelativeUrl: z.string().nullish(),
  squareLogoDarkRelativeUrl: z.string().nullish(),
});

/** A branding as ciamkit returns it. */
export type Branding = z.infer<typeof brandingSchema>;

/** A culture name such as `fr-FR` (the id of a localization). */
export const localeSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/i, "a culture name such as fr-FR")
  .describe("e.g. fr-FR.");
