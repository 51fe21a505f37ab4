/**
 * Where a credential's tenant, client id and proof came from, so a failed sign-in names the values
 * to check where the user gave them: `AZURE_*` variables, a saved profile, or command-line arguments
 * (their names, e.g. `--tenant`). Without it the advice names the values only.
 */
export type CredentialSource =
  | { kind: "environment" }
  | { kind: "profile"; name: string }
  | { kind: "arguments"; tenant: string; clientId: string; credential?: string | undefined };

/** What proves the app's identity, as the advice names it. */
export type ProofKind = "client secret" | "certificate" | "federated credential";

const VARIABLES: Record<ProofKind, string> = {
  "client secret": "AZURE_CLIENT_SECRET",
  certificate: "AZURE_CLIENT_CERTIFICATE_PATH",
  "federated credential": "AZURE_FEDERATED_TOKEN_FILE",
};

/** The sentence after an app-only sign-in failure saying what to check, and where. */
export function signInAdvice(
  source: CredentialSource | undefined,
  proof: ProofKind,
  ids: { tenantId: string; clientId: string },
): string {
  switch (source?.kind) {
    case "environment":
      return `Check AZURE_TENANT_ID (${ids.tenantId}), AZURE_CLIENT_ID (${ids.clientId}) and ${VARIABLES[proof]}.`;
    case "profile":
      return `Check profile '${source.name}' (tenant ${ids.tenantId}, app ${ids.clientId}) and its ${proof}; \`ciam login\` replaces it.`;
    case "arguments":
      return `Check ${source.tenant} (${ids.tenantId}), ${source.clientId} (${ids.clientId}) and the ${proof}${source.credential === undefined ? "" : ` (${source.credential})`}.`;
    default:
      return `Check the tenant (${ids.tenantId}), app ${ids.clientId} and its ${proof}.`;
  }
}
