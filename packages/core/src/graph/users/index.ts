// The public names of the users area (the directory's users); core's src/index.ts re-exports them all. The
// area's operations, in catalog order, are listed in ./operations.ts.
export { assignAppRoleOperation } from "./assign-app-role.ts";
export { createUserOperation } from "./create-user.ts";
export { deleteUserOperation } from "./delete-user.ts";
export { findUserOperation } from "./find-user.ts";
export { getUserOperation } from "./get-user.ts";
export { listAppRolesOperation } from "./list-app-roles.ts";
export { listUsersOperation } from "./list-users.ts";
export { removeAppRoleOperation } from "./remove-app-role.ts";
export { removeAuthMethodOperation } from "./remove-auth-method.ts";
export { resetPasswordOperation } from "./reset-password.ts";
export { restoreUserOperation } from "./restore-user.ts";
export { updateUserOperation } from "./update-user.ts";
export type { User } from "./user-schema.ts";
