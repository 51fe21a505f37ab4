/**
 * The group's mapping: Graph's `group` (a security group, as ciamkit creates them) in and out of
 * ciamkit's {@link Group}, the create body with its derived mail nickname, the PATCH body, a member as
 * typed `directoryObject`, and the natural key.
 */
import { definedOnly, type GraphBody, pick, type ResourceMapping, typeName } from "../mapping.ts";
import { type Group, groupSchema, type Member } from "./group-schema.ts";

/** A group as Graph returns it. */
export type GraphGroup = Record<string, unknown>;

/** A security group to create. */
export interface GroupCreate {
  displayName: string;
  description?: string | undefined;
  mailNickname?: string | undefined;
}

/** What an update sets; a null description clears it. */
export interface GroupChanges {
  displayName?: string | undefined;
  description?: string | null | undefined;
}

/** A member as Graph lists it: a `directoryObject` with its `@odata.type`. */
export interface GraphMember {
  id: string;
  "@odata.type"?: string;
  displayName?: string | null;
  userPrincipalName?: string | null;
  mail?: string | null;
}

/** mailNickname allows ASCII except `@ ( ) \ [ ] " ; : . < > ,` and space, up to 64 characters. */
function nickname(displayName: string): string {
  const cleaned = displayName
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64);
  return cleaned === "" ? `group-${Date.now()}` : cleaned;
}

const GROUP_FIELDS = Object.keys(groupSchema.shape) as (keyof Group)[];

/** The group's mapping; its natural key is the display name (any casing). */
export const groupMapping = {
  fromGraph: (raw: GraphGroup): Group => pick(raw as Group, GROUP_FIELDS),
  toGraphCreate: (spec: GroupCreate): GraphBody => ({
    displayName: spec.displayName,
    ...(spec.description === undefined ? {} : { description: spec.description }),
    mailEnabled: false,
    mailNickname: spec.mailNickname ?? nickname(spec.displayName),
    securityEnabled: true,
    groupTypes: [],
  }),
  toGraphPatch: (changes: GroupChanges): GraphBody => definedOnly(changes),
  naturalKey: (group: Pick<Group, "displayName" | "id">) => (group.displayName ?? group.id).toLowerCase(),
} satisfies ResourceMapping<GraphGroup, Group, GroupCreate, GroupChanges>;

/** A member in ciamkit's shape: its type without namespace (`user`, `group`, …). */
export const memberFromGraph = (m: GraphMember): Member => ({
  id: m.id,
  type: typeName(m["@odata.type"] ?? "#microsoft.graph.directoryObject"),
  displayName: m.displayName,
  userPrincipalName: m.userPrincipalName,
  mail: m.mail,
});
