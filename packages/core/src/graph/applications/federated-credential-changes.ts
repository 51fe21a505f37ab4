/**
 * `app_update`'s federated identity credentials: added, or changed by name, and removed by name, with
 * Graph's rules checked before anything is sent (at most 20 per app, issuer and subject unique together).
 */
import type { ServiceClient } from "../../http/service-client.ts";
import { InputError } from "../../input-error.ts";
import {
  addFederatedCredential,
  type FederatedCredential,
  listFederatedCredentials,
  MAX_FEDERATED_CREDENTIALS,
  removeFederatedCredential,
  TOKEN_EXCHANGE_AUDIENCE,
  updateFederatedCredential,
} from "./federated-credentials.ts";
import type { ApplicationUpdate } from "./update-application-input.ts";

type Ref = { id: string } | { appId: string };
type Wanted = NonNullable<ApplicationUpdate["federatedCredentials"]>[number];

/** What to send: credentials to add, to change (by id) and to remove (by name). */
export interface FederatedPlan {
  add: Omit<FederatedCredential, "id">[];
  change: { id: string; changes: Partial<Omit<FederatedCredential, "id" | "name">> }[];
  remove: string[];
}

const lc = (s: string) => s.toLowerCase();

/** Plans the change against the app's current credentials; a change Graph would refuse is an {@link InputError}. */
export async function planFederated(
  graph: ServiceClient,
  ref: Ref,
  wanted: readonly Wanted[] | undefined,
  remove: readonly string[] | undefined,
  signal?: AbortSignal,
): Promise<FederatedPlan | undefined> {
  if (wanted === undefined && remove === undefined) return undefined;
  const current = await listFederatedCredentials(graph, ref, { signal });
  const names = new Set<string>();
  for (const w of wanted ?? []) {
    if (names.has(lc(w.name))) throw new InputError(`federatedCredentials names ${w.name} twice.`);
    if (remove?.some((r) => lc(r) === lc(w.name)))
      throw new InputError(`federatedCredentials and its remove list both name ${w.name}.`);
    names.add(lc(w.name));
  }
  const gone = new Set((remove ?? []).map(lc));
  const plan: FederatedPlan = { add: [], change: [], remove: [] };
  const after: Omit<FederatedCredential, "id">[] = [];
  for (const c of current) {
    if (gone.has(lc(c.name))) plan.remove.push(c.name);
    else if (!names.has(lc(c.name))) after.push(c);
  }
  for (const w of wanted ?? []) {
    const old = current.find((c) => lc(c.name) === lc(w.name));
    const next = {
      name: old?.name ?? w.name,
      issuer: w.issuer,
      subject: w.subject,
      audiences: w.audience === undefined ? (old?.audiences ?? [TOKEN_EXCHANGE_AUDIENCE]) : [w.audience],
      description: w.description ?? old?.description ?? null,
    };
    after.push(next);
    if (old === undefined) plan.add.push(next);
    else if (JSON.stringify({ ...old, id: undefined }) !== JSON.stringify({ ...next, id: undefined }))
      plan.change.push({
        id: old.id,
        changes: {
          issuer: next.issuer,
          subject: next.subject,
          audiences: next.audiences,
          description: next.description,
        },
      });
  }
  if (after.length > MAX_FEDERATED_CREDENTIALS)
    throw new InputError(
      `An app holds at most ${MAX_FEDERATED_CREDENTIALS} federated identity credentials; this change leaves ${after.length}: remove some (removeFederatedCredentials).`,
    );
  const pairs = new Map<string, string>();
  for (const c of after) {
    const key = `${c.issuer} ${c.subject ?? ""}`;
    const other = pairs.get(key);
    if (other !== undefined)
      throw new InputError(
        `${other} and ${c.name} have the same issuer and subject; Graph keeps one credential for each pair.`,
      );
    pairs.set(key, c.name);
  }
  return plan;
}

/** Sends a plan: removals first, so a freed issuer and subject can be added again. */
export async function applyFederated(
  graph: ServiceClient,
  ref: Ref,
  plan: FederatedPlan | undefined,
  signal?: AbortSignal,
): Promise<void> {
  if (plan === undefined) return;
  for (const name of plan.remove) await removeFederatedCredential(graph, ref, name, { signal });
  for (const c of plan.change) await updateFederatedCredential(graph, ref, c.id, c.changes, { signal });
  for (const c of plan.add) await addFederatedCredential(graph, ref, c, { signal });
}
