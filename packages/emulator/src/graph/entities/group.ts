import type { JsonObject } from "../../store/json.ts";
import type { TenantInfo } from "../../store/store.ts";
import { type IdSource, randomIds } from "../ids.ts";
import { blank, isoDate, writeProperties } from "./shape.ts";

/** Group properties Graph computes. */
export const GROUP_READ_ONLY = new Set([
  "id",
  "createdDateTime",
  "deletedDateTime",
  "mail",
  "proxyAddresses",
  "renewedDateTime",
  "securityIdentifier",
  "onPremisesSyncEnabled",
  "expirationDateTime",
]);

/** A new `group` in its full CSDL shape from a validated create body (without `@odata.bind`s). */
export function newGroup(
  _tenant: TenantInfo,
  input: JsonObject,
  now: Date,
  ids: IdSource = randomIds,
): JsonObject {
  const group = writeProperties("group", blank("group"), input, GROUP_READ_ONLY);
  group.id = ids.uuid();
  group.createdDateTime = isoDate(now);
  group.renewedDateTime = isoDate(now);
  group.visibility ??= (group.groupTypes as string[]).includes("Unified") ? "Public" : null;
  group.securityIdentifier = `S-1-12-1-${[0, 1, 2, 3]
    .map((i) =>
      parseInt(
        String(group.id)
          .replace(/-/g, "")
          .slice(i * 8, i * 8 + 8),
        16,
      ),
    )
    .join("-")}`;
  return group;
}

/**
 * Id of a membership edge in `_groupMembers` (`{ groupId, memberId }`): the pair itself, so that
 * "is X a member of G" is one lookup.
 */
export function memberEdgeId(groupId: string, memberId: string): string {
  return `${groupId}:${memberId}`;
}
