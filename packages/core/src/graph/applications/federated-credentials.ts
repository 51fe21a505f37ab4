/**
 * Federated identity credentials of an application (workload identity federation: a CI system's token
 * exchanged for the app's, no secret), with Graph's limits: at most 20 per app, a URL-friendly name of
 * up to 120 characters (immutable), issuer and subject unique together, one audience.
 */
import { z } from "zod";
import type { RequestOptions, ServiceClient } from "../../http/service-client.ts";
import { segment } from "../common.ts";
import { isGuid } from "../fields.ts";
import { applicationPath } from "./applications-client.ts";

type Common = Pick<RequestOptions, "signal">;
type Ref = { id: string } | { appId: string };

/** Graph's limit per application. */
export const MAX_FEDERATED_CREDENTIALS = 20;

/** The audience Microsoft Entra ID expects in the exchanged token. */
export const TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";

/** A credential's name: 3-120 URL-friendly characters. */
export const federatedNameSchema = z
  .string()
  .min(3)
  .max(120)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._~-]*$/, "letters, digits and . _ ~ - (URL-friendly)");

/** `federatedIdentityCredential` (Graph CSDL). */
export const federatedCredentialSchema = z.object({
  id: z.string(),
  name: z.string(),
  issuer: z.string(),
  subject: z.string().nullish(),
  audiences: z.array(z.string()),
  description: z.string().nullish(),
});

export type FederatedCredential = z.infer<typeof federatedCredentialSchema>;

const FIELDS = "id,name,issuer,subject,audiences,description";
const pickFields = (c: FederatedCredential): FederatedCredential => ({
  id: c.id,
  name: c.name,
  issuer: c.issuer,
  subject: c.subject ?? null,
  audiences: c.audiences,
  description: c.description ?? null,
});

/** The app's federated identity credentials. */
export async function listFederatedCredentials(
  graph: ServiceClient,
  ref: Ref,
  options: Common = {},
): Promise<FederatedCredential[]> {
  const body = await graph.get<{ value?: FederatedCredential[] }>(
    `${applicationPath(ref)}/federatedIdentityCredentials`,
    { ...options, query: { $select: FIELDS } },
  );
  return (body?.value ?? []).map(pickFields);
}

/** Adds a federated identity credential. */
export async function addFederatedCredential(
  graph: ServiceClient,
  ref: Ref,
  credential: Omit<FederatedCredential, "id">,
  options: Common = {},
): Promise<FederatedCredential> {
  const created = await graph.post<FederatedCredential>(
    `${applicationPath(ref)}/federatedIdentityCredentials`,
    credential,
    { ...options, readAfterWrite: true },
  );
  return pickFields(created);
}

/** Changes a federated identity credential (its name is immutable). */
export async function updateFederatedCredential(
  graph: ServiceClient,
  ref: Ref,
  id: string,
  changes: Partial<Omit<FederatedCredential, "id" | "name">>,
  options: Common = {},
): Promise<void> {
  await graph.patch(`${applicationPath(ref)}/federatedIdentityCredentials/${segment(id)}`, changes, options);
}

/** Removes a federated identity credential by id or by name (Graph's `name` alternate key). */
export function removeFederatedCredential(
  graph: ServiceClient,
  ref: Ref,
  key: string,
  options: Common = {},
): Promise<void> {
  const item = isGuid(key) ? `/${segment(key)}` : `(name='${encodeURIComponent(key)}')`;
  return graph.delete(`${applicationPath(ref)}/federatedIdentityCredentials${item}`, options);
}
