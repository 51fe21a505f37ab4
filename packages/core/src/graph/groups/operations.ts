import type { Operation } from "../../operations/define-operation.ts";
import { addMembersOperation } from "./add-members.ts";
import { createGroupOperation } from "./create-group.ts";
import { deleteGroupOperation } from "./delete-group.ts";
import { getGroupOperation } from "./get-group.ts";
import { listGroupsOperation } from "./list-groups.ts";
import { listMembersOperation } from "./list-members.ts";
import { removeMemberOperation } from "./remove-member.ts";
import { restoreGroupOperation } from "./restore-group.ts";
import { updateGroupOperation } from "./update-group.ts";

/** The operations of the groups area in catalog order (the registry joins the areas' lists). */
export const groupsOperations: readonly Operation[] = [
  listGroupsOperation,
  getGroupOperation,
  createGroupOperation,
  updateGroupOperation,
  deleteGroupOperation,
  restoreGroupOperation,
  listMembersOperation,
  addMembersOperation,
  removeMemberOperation,
];
