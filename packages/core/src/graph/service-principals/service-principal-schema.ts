import { z } from "zod";

/** `appRole` (Graph CSDL): an application permission a resource offers. */
export const appRoleSchema = z.object({
  id: z.string(),
  value: z.string().nullish(),
  displayName: z.string().nullish(),
  description: z.string().nullish(),
  allowedMemberTypes: z.array(z.string()).nullish(),
  isEnabled: z.boolean().nullish(),
});

/** The `servicePrincipal` properties ciamkit returns (Graph CSDL names). */
export const servicePrincipalSchema = z.object({
  id: z.string().describe("Object id of the service principal."),
  appId: z.string().nullish(),
  displayName: z.string().nullish(),
  servicePrincipalType: z.string().nullish(),
  accountEnabled: z.boolean().nullish(),
  appOwnerOrganizationId: z.string().nullish(),
});

/** A Graph service principal, with its app roles when read for them. */
export type ServicePrincipal = z.infer<typeof servicePrincipalSchema> & {
  appRoles?: z.infer<typeof appRoleSchema>[] | null;
};

/** `appRoleAssignment` (Graph CSDL). */
export const appRoleAssignmentSchema = z.object({
  id: z.string(),
  appRoleId: z.string(),
  principalId: z.string().nullish(),
  principalDisplayName: z.string().nullish(),
  principalType: z.string().nullish(),
  resourceId: z.string().nullish(),
  resourceDisplayName: z.string().nullish(),
  createdDateTime: z.string().nullish(),
});

/** A Graph app role assignment. */
export type AppRoleAssignment = z.infer<typeof appRoleAssignmentSchema>;
