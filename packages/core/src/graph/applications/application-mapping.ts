/**
 * The application registration's mapping: Graph's `application` in and out of ciamkit's
 * {@link Application} (credential metadata without secret text or key bytes), the create body of a
 * web, SPA or daemon app, the bodies of a new client secret and certificate, and the natural key.
 */
import { type GraphBody, pick, type ResourceMapping } from "../mapping.ts";
import {
  type Application,
  applicationSchema,
  definedAppRoleSchema,
  keyCredentialSchema,
  optionalClaimsOutputSchema,
  passwordCredentialSchema,
  permissionScopeSchema,
} from "./application-schema.ts";
import type { GraphAppRole, GraphScope } from "./entitlements.ts";

/** An application as Graph returns it. */
export type GraphApplication = Record<string, unknown>;

/** An application to register: web apps have web redirect URIs, SPAs SPA ones, daemons neither. */
export interface ApplicationCreate {
  displayName: string;
  signInAudience: string;
  webRedirectUris?: readonly string[] | undefined;
  spaRedirectUris?: readonly string[] | undefined;
}

/** What an update sets, each field only when given (a platform's list replaces the stored one). */
export interface ApplicationChanges {
  displayName?: string | undefined;
  signInAudience?: string | undefined;
  webRedirectUris?: readonly string[] | undefined;
  spaRedirectUris?: readonly string[] | undefined;
  requiredResourceAccess?:
    | readonly { resourceAppId: string; resourceAccess: readonly { id: string; type: string }[] }[]
    | undefined;
  publicClientRedirectUris?: readonly string[] | undefined;
  isFallbackPublicClient?: boolean | undefined;
  nativeAuthenticationApisEnabled?: "none" | "all" | undefined;
  identifierUris?: readonly string[] | undefined;
  /** The whole list (Graph keeps ids; see entitlements.ts for the merge by value). */
  scopes?: readonly GraphScope[] | undefined;
  /** The app's current `api`, which the scopes go into (sent whole, so nothing else in it changes). */
  api?: Readonly<Record<string, unknown>> | null | undefined;
  appRoles?: readonly GraphAppRole[] | undefined;
  /** Token types given replace their lists; the others are kept (Graph merges complex values). */
  optionalClaims?: Readonly<Record<string, readonly Record<string, unknown>[]>> | undefined;
}

type Item = Record<string, unknown>;
const keys = <T extends object>(shape: T) => Object.keys(shape) as (keyof T & string)[];
const APPLICATION = keys(applicationSchema.shape);
const PASSWORD = keys(passwordCredentialSchema.shape);
const SCOPE = keys(permissionScopeSchema.shape);
const ROLE = keys(definedAppRoleSchema.shape);
const CLAIMS = keys(optionalClaimsOutputSchema.shape);
const KEY = keys(keyCredentialSchema.shape);
const list = (value: unknown, fields: readonly string[]) =>
  Array.isArray(value) ? value.map((item: Item) => pick(item, fields)) : value;
const redirects = (value: unknown) =>
  value !== null && typeof value === "object" ? pick(value as Item, ["redirectUris"]) : value;

/** Graph's application with its credentials' metadata only: a secret's text and a key's bytes stay out. */
function fromGraph(raw: GraphApplication): Application {
  const app: Item = pick(raw, APPLICATION);
  if ("passwordCredentials" in app) app.passwordCredentials = list(app.passwordCredentials, PASSWORD);
  if ("keyCredentials" in app) app.keyCredentials = list(app.keyCredentials, KEY);
  if ("web" in app) app.web = redirects(app.web);
  if ("spa" in app) app.spa = redirects(app.spa);
  if ("publicClient" in app) app.publicClient = redirects(app.publicClient);
  if ("appRoles" in app) app.appRoles = list(app.appRoles, ROLE);
  if (app.api !== null && typeof app.api === "object")
    app.api = { oauth2PermissionScopes: list((app.api as Item).oauth2PermissionScopes ?? [], SCOPE) };
  if (app.optionalClaims !== null && typeof app.optionalClaims === "object") {
    const claims = app.optionalClaims as Item;
    app.optionalClaims = Object.fromEntries(
      CLAIMS.map((t) => [t, Array.isArray(claims[t]) ? claims[t].map((c: Item) => c.name) : claims[t]]),
    );
  }
  return app as Application;
}

/** The application's mapping; its natural key is the display name (any casing). */
export const applicationMapping = {
  fromGraph,
  toGraphCreate: (spec: ApplicationCreate): GraphBody => ({
    displayName: spec.displayName,
    signInAudience: spec.signInAudience,
    ...(spec.webRedirectUris === undefined ? {} : { web: { redirectUris: spec.webRedirectUris } }),
    ...(spec.spaRedirectUris === undefined ? {} : { spa: { redirectUris: spec.spaRedirectUris } }),
  }),
  toGraphPatch: (changes: ApplicationChanges): GraphBody => ({
    ...(changes.displayName === undefined ? {} : { displayName: changes.displayName }),
    ...(changes.signInAudience === undefined ? {} : { signInAudience: changes.signInAudience }),
    ...(changes.webRedirectUris === undefined ? {} : { web: { redirectUris: changes.webRedirectUris } }),
    ...(changes.spaRedirectUris === undefined ? {} : { spa: { redirectUris: changes.spaRedirectUris } }),
    ...(changes.requiredResourceAccess === undefined
      ? {}
      : { requiredResourceAccess: changes.requiredResourceAccess }),
    ...(changes.publicClientRedirectUris === undefined
      ? {}
      : { publicClient: { redirectUris: changes.publicClientRedirectUris } }),
    ...(changes.isFallbackPublicClient === undefined
      ? {}
      : { isFallbackPublicClient: changes.isFallbackPublicClient }),
    ...(changes.nativeAuthenticationApisEnabled === undefined
      ? {}
      : { nativeAuthenticationApisEnabled: changes.nativeAuthenticationApisEnabled }),
    ...(changes.identifierUris === undefined ? {} : { identifierUris: changes.identifierUris }),
    ...(changes.scopes === undefined
      ? {}
      : { api: { ...changes.api, oauth2PermissionScopes: changes.scopes } }),
    ...(changes.appRoles === undefined ? {} : { appRoles: changes.appRoles }),
    ...(changes.optionalClaims === undefined ? {} : { optionalClaims: changes.optionalClaims }),
  }),
  naturalKey: (app: Pick<Application, "displayName" | "id">) => (app.displayName ?? app.id).toLowerCase(),
} satisfies ResourceMapping<GraphApplication, Application, ApplicationCreate, ApplicationChanges>;

/** The body of `addPassword`: the new secret's name and end, when given (Graph makes the text). */
export const passwordCredentialBody = (credential: {
  displayName?: string | undefined;
  endDateTime?: string | undefined;
}): GraphBody => ({
  passwordCredential: {
    ...(credential.displayName === undefined ? {} : { displayName: credential.displayName }),
    ...(credential.endDateTime === undefined ? {} : { endDateTime: credential.endDateTime }),
  },
});

/** A certificate as a `keyCredential` to add: its DER bytes (base64), to verify the app's signed assertions. */
export const certificateCredential = (certificate: { key: string; displayName?: string | undefined }) => ({
  type: "AsymmetricX509Cert",
  usage: "Verify",
  key: certificate.key,
  ...(certificate.displayName === undefined ? {} : { displayName: certificate.displayName }),
});
