// The public names of the groups area (groups and their members); core's src/index.ts re-exports them all.
// The area's operations, in catalog order, are listed in ./operations.ts.
export { addMembersOperation } from "./add-members.ts";
export { createGroupOperation } from "./create-group.ts";
export { deleteGroupOperation } from "./delete-group.ts";
export { getGroupOperation } from "./get-group.ts";
export type { Group, Member } from "./group-schema.ts";
export { listGroupsOperation } from "./list-groups.ts";
export { listMembersOperation } from "./list-members.ts";
export { removeMemberOperation } from "./remove-member.ts";
export { restoreGroupOperation } from "./restore-group.ts";
export { updateGroupOperation } from "./update-group.ts";
