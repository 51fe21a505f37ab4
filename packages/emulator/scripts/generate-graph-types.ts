// Regenerates src/graph/entities/graph-types.generated.ts from Microsoft's Graph v1.0 CSDL
// (../shared/graph-metadata, or CIAMKIT_SHARED_DIR). Only the structural shape of the types the
// emulator serves is kept (property names, Edm kinds, nullability): the metadata itself stays outside
// the repository. Run: `pnpm --filter @ciamkit/emulator generate:graph-types`.
import { writeFileSync } from "node:fs";
import { allProperties, graphMetadataPath, readCsdl } from "../test/helpers/csdl.ts";

const served = [
  // Deleted items (/directory/deletedItems) are directory objects of several types.
  "directoryObject",
  "user",
  "group",
  "application",
  "servicePrincipal",
  "appRoleAssignment",
  "organization",
  "directoryAudit",
  "signIn",
  "oAuth2PermissionGrant",
  "federatedIdentityCredential",
  // User flows (api-surface 2): the flow, its concrete handlers and the linked-application key type.
  "authenticationEventsFlow",
  "externalUsersSelfServiceSignUpEventsFlow",
  "onInteractiveAuthFlowStartExternalUsersSelfServiceSignUp",
  "onAuthenticationMethodLoadStartExternalUsersSelfServiceSignUp",
  "onAttributeCollectionExternalUsersSelfServiceSignUp",
  "onUserCreateStartExternalUsersSelfServiceSignUp",
  "onAttributeCollectionStartCustomExtensionHandler",
  "onAttributeCollectionSubmitCustomExtensionHandler",
  "authenticationConditionApplication",
  // User-flow attributes and identity providers (api-surface 3).
  "identityUserFlowAttribute",
  "identityProviderBase",
  "builtInIdentityProvider",
  "socialIdentityProvider",
  "appleManagedIdentityProvider",
  "oidcIdentityProvider",
  "oidcClientSecretAuthentication",
  // Company branding (api-surface 4): the default branding and its localizations share one shape.
  "organizationalBranding",
  "organizationalBrandingLocalization",
  // Custom authentication extensions (api-surface 5.1): the abstract base, every v1.0 concrete type,
  // and the concrete complex types their abstract properties take.
  "customAuthenticationExtension",
  "onTokenIssuanceStartCustomExtension",
  "onAttributeCollectionStartCustomExtension",
  "onAttributeCollectionSubmitCustomExtension",
  "onOtpSendCustomExtension",
  "onVerifiedIdClaimValidationCustomExtension",
  "onPasswordSubmitCustomExtension",
  "httpRequestEndpoint",
  "azureAdTokenAuthentication",
  "fallbackToMicrosoftProviderOnError",
  "authenticationConfigurationValidation",
  // Event listeners (api-surface 5.2): the creatable types and their handlers.
  "authenticationEventListener",
  "onTokenIssuanceStartListener",
  "onAttributeCollectionStartListener",
  "onAttributeCollectionSubmitListener",
  "onEmailOtpSendListener",
  "onFraudProtectionLoadStartListener",
  "onVerifiedIdClaimValidationListener",
  "onPasswordSubmitListener",
  "onTokenIssuanceStartCustomExtensionHandler",
  "onOtpSendCustomExtensionHandler",
  "onVerifiedIdClaimValidationCustomExtensionHandler",
  "onFraudProtectionLoadStartExternalUsersAuthHandler",
  "onPasswordMigrationCustomExtensionHandler",
  "fraudProtectionProviderConfiguration",
  // Custom URL domains (issue 14): the domain and its verification DNS records.
  "domain",
  "domainDnsRecord",
  "domainDnsTxtRecord",
  "domainDnsMxRecord",
  // Authentication methods policy (issue 14): the policy and every v1.0 method configuration.
  "authenticationMethodsPolicy",
  "authenticationMethodConfiguration",
  "emailAuthenticationMethodConfiguration",
  "smsAuthenticationMethodConfiguration",
  "fido2AuthenticationMethodConfiguration",
  "microsoftAuthenticatorAuthenticationMethodConfiguration",
  "temporaryAccessPassAuthenticationMethodConfiguration",
  "softwareOathAuthenticationMethodConfiguration",
  "voiceAuthenticationMethodConfiguration",
  "x509CertificateAuthenticationMethodConfiguration",
  // Conditional Access policies (issue 14): how External ID requires MFA of customers.
  "conditionalAccessPolicy",
  // Fraud protection providers (issue 14) that onFraudProtectionLoadStart listeners name.
  "fraudProtectionProvider",
  "arkoseFraudProtectionProvider",
  "humanSecurityFraudProtectionProvider",
  // A user's authentication methods (/users/{id}/authentication): the types the routes serve.
  "passwordAuthenticationMethod",
  "emailAuthenticationMethod",
  "phoneAuthenticationMethod",
];

const path = graphMetadataPath();
if (path === undefined) throw new Error("graph metadata not found: set CIAMKIT_SHARED_DIR");
const model = readCsdl(path);
const NS = "microsoft.graph.";
const short = (t: string): string => (t.startsWith(NS) ? t.slice(NS.length) : t.replace(/^Edm\./, ""));

const out = new Map<string, { base: string | null; props: [string, string][] }>();
const queue = served.map((s) => NS + s);
while (queue.length > 0) {
  const name = queue.shift() as string;
  if (out.has(short(name))) continue;
  const type = model.types.get(name);
  if (type === undefined) throw new Error(`missing ${name}`);
  const props: [string, string][] = [];
  for (const p of allProperties(model, name)) {
    const collection = /^Collection\((.*)\)$/.exec(p.type);
    const inner = collection === null ? p.type : (collection[1] as string);
    if (inner === "Edm.Stream") continue; // streams are separate resources, never in the JSON
    let kind: string;
    const members = model.enums.get(inner);
    if (members !== undefined) kind = `enum:${members[0] ?? ""}`;
    else {
      kind = short(inner);
      if (model.types.has(inner)) queue.push(inner);
    }
    props.push([p.name, `${collection === null ? kind : `Collection(${kind})`}${p.nullable ? "" : "!"}`]);
  }
  out.set(short(name), { base: type.base === null ? null : short(type.base), props });
}

const lines = [
  "// Generated by scripts/generate-graph-types.ts from Microsoft Graph's v1.0 CSDL; do not edit.",
  "// Each property maps to its kind: an Edm primitive (`String`, `Guid`, `DateTimeOffset`, …), a complex",
  "// type name, `enum:<first member>`, wrapped in `Collection(…)` for collections; `!` = not nullable.",
  "",
  "/** The structural shape of one Graph type, its base types' properties included. */",
  "export interface GraphTypeShape {",
  "  base: string | null;",
  "  props: Readonly<Record<string, string>>;",
  "}",
  "",
  "/** Shapes of the entity types the emulator serves and every complex type they use. */",
  "export const graphTypes: Readonly<Record<string, GraphTypeShape>> = {",
];
for (const [name, t] of [...out.entries()].sort(([a], [b]) => a.localeCompare(b))) {
  lines.push(`  ${JSON.stringify(name)}: {`);
  lines.push(`    base: ${JSON.stringify(t.base)},`);
  lines.push("    props: {");
  for (const [p, k] of t.props) lines.push(`      ${JSON.stringify(p)}: ${JSON.stringify(k)},`);
  lines.push("    },");
  lines.push("  },");
}
lines.push("};", "");
writeFileSync(new URL("../src/graph/entities/graph-types.generated.ts", import.meta.url), lines.join("\n"));
console.log(`wrote ${out.size} types`);
