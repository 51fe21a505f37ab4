/** The Identity Experience Framework resource client (Graph beta `/trustFramework`, Azure AD B2C only). */
import { errorFromResponse } from "../../http/errors.ts";
import { responseText } from "../../http/pipeline.ts";
import type { RequestOptions, ServiceClient } from "../../http/service-client.ts";
import { segment } from "../common.ts";
import { type GraphKeySet, keyFromGraph, keySetMapping } from "./trust-framework-mapping.ts";
import type { KeySet, TrustFrameworkKey } from "./trust-framework-schema.ts";

type Common = Pick<RequestOptions, "signal">;
const POLICIES = "/trustFramework/policies";
const KEYSETS = "/trustFramework/keySets";
const XML = { "content-type": "application/xml", accept: "application/xml" };

/** The ids of the tenant's custom policies. */
export async function listPolicies(beta: ServiceClient, options: Common = {}): Promise<string[]> {
  const body = await beta.get<{ value?: { id: string }[] }>(POLICIES, options);
  return (body?.value ?? []).map((p) => p.id);
}

/** A policy's XML document. */
export async function getPolicyXml(beta: ServiceClient, id: string, options: Common = {}): Promise<string> {
  const response = await beta.send("GET", `${POLICIES}/${segment(id)}/$value`, {
    ...options,
    headers: { accept: "application/xml" },
  });
  if (response.status !== 200) throw errorFromResponse(response);
  return responseText(response);
}

/** Creates or replaces a policy (`PUT …/{id}/$value`): `created` is true for a new policy (201), false for a replacement (200). */
export async function putPolicy(
  beta: ServiceClient,
  id: string,
  xml: string,
  options: Common = {},
): Promise<{ created: boolean; xml: string }> {
  const response = await beta.send("PUT", `${POLICIES}/${segment(id)}/$value`, {
    ...options,
    body: xml,
    headers: XML,
  });
  if (response.status !== 200 && response.status !== 201) throw errorFromResponse(response);
  return { created: response.status === 201, xml: responseText(response) };
}

/** Deletes a policy. */
export function deletePolicy(beta: ServiceClient, id: string, options: Common = {}): Promise<void> {
  return beta.delete(`${POLICIES}/${segment(id)}`, options);
}

const toKeySet = keySetMapping.fromGraph;

/** Every key set. */
export async function listKeySets(beta: ServiceClient, options: Common = {}): Promise<KeySet[]> {
  const body = await beta.get<{ value?: GraphKeySet[] }>(KEYSETS, options);
  return (body?.value ?? []).map(toKeySet);
}

/** One key set. */
export async function getKeySet(beta: ServiceClient, id: string, options: Common = {}): Promise<KeySet> {
  return toKeySet(await beta.get<GraphKeySet>(`${KEYSETS}/${segment(id)}`, options));
}

/** Creates an empty key set; the service prefixes `B2C_1A_` to the id. */
export async function createKeySet(beta: ServiceClient, id: string, options: Common = {}): Promise<KeySet> {
  return toKeySet(await beta.post<GraphKeySet>(KEYSETS, keySetMapping.toGraphCreate({ id }), options));
}

/** Deletes a key set. */
export function deleteKeySet(beta: ServiceClient, id: string, options: Common = {}): Promise<void> {
  return beta.delete(`${KEYSETS}/${segment(id)}`, options);
}

/** Runs a key action (`generateKey`, `uploadSecret`, `uploadCertificate`): returns the new key's public members only. */
export async function keyAction(
  beta: ServiceClient,
  id: string,
  action: "generateKey" | "uploadSecret" | "uploadCertificate" | "uploadPkcs12",
  body: Record<string, unknown>,
  options: Common = {},
): Promise<TrustFrameworkKey> {
  return keyFromGraph(
    await beta.post<Record<string, unknown>>(`${KEYSETS}/${segment(id)}/${action}`, body, options),
  );
}

/** The key policies currently use. */
export async function getActiveKey(
  beta: ServiceClient,
  id: string,
  options: Common = {},
): Promise<TrustFrameworkKey> {
  return keyFromGraph(
    await beta.get<Record<string, unknown>>(`${KEYSETS}/${segment(id)}/getActiveKey`, options),
  );
}
