/**
 * How a B2C user becomes an External ID user: local e-mail and username accounts keep their sign-in
 * name on the target's domain, social identities keep their issuer and subject, the UPN is left for
 * the target to generate except for username accounts (`<username>@<target domain>`: the JIT request
 * carries the UPN, not the identities, and the B2C verifier signs in with its first part); custom attributes are copied by name, the source object id kept, and
 * local accounts get the migration flag and a random password nobody knows (the JIT listener sets the
 * customer's own at first sign-in). A user that cannot be represented is refused with the reason.
 */
import { hash } from "node:crypto";
import type { CustomWrite } from "../../bulk/import-writer.ts";
import { generatedPassword } from "../../bulk/import-writer.ts";
import type { SourceIdentity, SourceUser } from "../../bulk/tenant-user-source.ts";
import { eq } from "../../http/odata.ts";
import type { AttributePlan } from "./migration-attributes.ts";

/** Where the users go: the target's primary domain (the issuer of local accounts) and its attributes. */
export interface MigrationTarget {
  domain: string;
  plan: AttributePlan;
}

/** A mapped user: how to write it, or why it cannot be. */
export type MappedUser =
  | { ok: true; key: string; local: boolean; write: CustomWrite | undefined }
  | { ok: false; reasons: string[] };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** api-surface 6.3: a user name starts with a letter or digit; letters, digits, `-`, `_`; at most 64. */
const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** The journal key of a source user: a hash of its object id (the natural key of a migration). */
export function sourceKey(id: string): string {
  return hash("sha256", `source-user\u0000${id.toLowerCase()}`, "base64url").slice(0, 16);
}

type Identity = { signInType: string; issuer: string; issuerAssignedId: string };

function mapIdentity(i: SourceIdentity, domain: string): Identity | string | undefined {
  const type = i.signInType ?? "";
  const id = i.issuerAssignedId ?? "";
  if (type === "userPrincipalName") return undefined; // the target generates its own
  if (type === "emailAddress")
    return EMAIL.test(id)
      ? { signInType: type, issuer: domain, issuerAssignedId: id }
      : "identities: an emailAddress sign-in name is not an email address";
  if (type === "userName")
    return USER_NAME.test(id)
      ? { signInType: type, issuer: domain, issuerAssignedId: id }
      : "identities: the userName has characters External ID does not allow in a user name (letters, digits, - and _, starting with a letter or digit, at most 64)";
  if (type === "federated")
    return i.issuer && id
      ? { signInType: type, issuer: i.issuer, issuerAssignedId: id }
      : "identities: a federated identity without issuer or issuerAssignedId";
  return `identities: sign-in type ${/^[\w.-]{1,40}$/.test(type) ? type : "(other)"} has no External ID equivalent`;
}

/** Maps one source user onto the target (`write` is undefined in a dry run whose attributes do not exist yet). */
export function mapSourceUser(user: SourceUser, target: MigrationTarget): MappedUser {
  const identities: Identity[] = [];
  const reasons: string[] = [];
  for (const i of user.identities ?? []) {
    const mapped = mapIdentity(i, target.domain);
    if (typeof mapped === "string") reasons.push(mapped);
    else if (mapped !== undefined) identities.push(mapped);
  }
  if (reasons.length > 0) return { ok: false, reasons };
  if (identities.length === 0)
    return {
      ok: false,
      reasons: ["identities: no local or social sign-in (a directory account, not a customer)"],
    };
  const local = identities.some((i) => i.signInType !== "federated");
  const key = sourceKey(user.id);
  const { plan } = target;
  if (plan.sourceId === undefined || plan.flag === undefined)
    return { ok: true, key, local, write: undefined };
  const email = identities.find((i) => i.signInType === "emailAddress")?.issuerAssignedId;
  const profile: Record<string, unknown> = {
    displayName: user.displayName ?? identities[0]?.issuerAssignedId,
    accountEnabled: user.accountEnabled ?? true,
    [plan.sourceId]: user.id,
  };
  for (const k of ["givenName", "surname"] as const) if (user[k] != null) profile[k] = user[k];
  const mail = user.mail ?? email;
  if (mail != null) profile.mail = mail;
  const userName = identities.find((i) => i.signInType === "userName")?.issuerAssignedId;
  if (userName !== undefined) profile.userPrincipalName = `${userName}@${target.domain}`;
  for (const a of plan.copied)
    if (a.target !== undefined && user[a.source] !== undefined && user[a.source] !== null)
      profile[a.target] = user[a.source];
  const flag = plan.flag;
  const write: CustomWrite = {
    // Built at each send: the password exists only in the request, never in a journal, report or log.
    body: () => ({
      ...profile,
      identities,
      ...(local
        ? {
            [flag]: true,
            passwordProfile: { password: generatedPassword(), forceChangePasswordNextSignIn: false },
            passwordPolicies: "DisablePasswordExpiration",
          }
        : {}),
    }),
    patch: profile,
    filter: String(eq(plan.sourceId, user.id)),
  };
  return { ok: true, key, local, write };
}
