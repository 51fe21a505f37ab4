import type { Operation } from "../../operations/define-operation.ts";
import { assignAppRoleOperation } from "./assign-app-role.ts";
import { createUserOperation } from "./create-user.ts";
import { deleteUserOperation } from "./delete-user.ts";
import { findUserOperation } from "./find-user.ts";
import { getUserOperation } from "./get-user.ts";
import { listAppRolesOperation } from "./list-app-roles.ts";
import { listUsersOperation } from "./list-users.ts";
import { removeAppRoleOperation } from "./remove-app-role.ts";
import { removeAuthMethodOperation } from "./remove-auth-method.ts";
import { resetPasswordOperation } from "./reset-password.ts";
import { restoreUserOperation } from "./restore-user.ts";
import { updateUserOperation } from "./update-user.ts";

/** The operations of the users area in catalog order (the registry joins the areas' lists). */
export const usersOperations: readonly Operation[] = [
  listUsersOperation,
  getUserOperation,
  findUserOperation,
  createUserOperation,
  updateUserOperation,
  deleteUserOperation,
  restoreUserOperation,
  resetPasswordOperation,
  removeAuthMethodOperation,
  listAppRolesOperation,
  assignAppRoleOperation,
  removeAppRoleOperation,
];
