import { eq } from "../../http/odata.ts";
import type { ServiceClient } from "../../http/service-client.ts";
import { InputError } from "../../input-error.ts";
import { defaultDomain } from "../organization/organization-client.ts";
import type { User } from "../users/user-schema.ts";
import { findUsersByIdentity } from "../users/users-client.ts";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SELECT = ["id", "displayName", "mail", "userPrincipalName"];

/** Users whose sign-in name, mail or userPrincipalName is `name`, each once. */
async function usersNamed(
  graph: ServiceClient,
  name: string,
  issuer: string,
  signal: AbortSignal | undefined,
): Promise<User[]> {
  const byProperty = (property: string) =>
    graph
      .get<{ value?: User[] }>("/users", {
        query: { $filter: String(eq(property, name)), $select: SELECT.join(",") },
        signal,
      })
      .then((body) => body?.value ?? []);
  const found = [
    ...(await findUsersByIdentity(graph, name, issuer, { select: SELECT, signal })),
    ...(await byProperty("mail")),
    ...(await byProperty("userPrincipalName")),
  ];
  return [...new Map(found.map((u) => [u.id, u])).values()];
}

/**
 * Object ids for members given by object id, sign-in name or e-mail. Every name is resolved before
 * anything changes: a name no user has, or one several users have (listed), is an input error.
 */
export async function resolveMemberIds(
  graph: ServiceClient,
  refs: readonly string[],
  signal: AbortSignal | undefined,
  field = "memberIds",
): Promise<string[]> {
  const names = refs.filter((r) => !GUID.test(r));
  if (names.length === 0) return [...refs];
  const issuer = await defaultDomain(graph, { signal });
  const resolved = new Map<string, string>();
  const problems: string[] = [];
  for (const name of new Set(names)) {
    const users = await usersNamed(graph, name, issuer, signal);
    const [only] = users;
    if (only === undefined) problems.push(`${name}: no user signs in with it or has it as mail`);
    else if (users.length > 1)
      problems.push(
        `${name} matches ${users.length} users (${users.map((u) => `${u.id} ${u.displayName ?? ""}`.trim()).join(", ")}): give the object id`,
      );
    else resolved.set(name, only.id);
  }
  if (problems.length > 0) throw new InputError(`${field}: ${problems.join("; ")}. Nothing was changed.`);
  return refs.map((r) => resolved.get(r) ?? r);
}
