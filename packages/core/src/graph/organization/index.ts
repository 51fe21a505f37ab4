// The public names of the organization area (the tenant's organization profile); core's src/index.ts re-
// exports them all. The area's operations, in catalog order, are listed in ./operations.ts.
export { getOrganizationOperation } from "./get-organization.ts";
export type { Organization } from "./organization-schema.ts";
