// The public names of the domains area (custom URL domains); core's src/index.ts re-exports them
// all. The area's operations, in catalog order, are in ./operations.ts.
export { addDomainOperation } from "./add-domain.ts";
export { deleteDomainOperation } from "./delete-domain.ts";
export type { Domain, TxtRecord } from "./domain-schema.ts";
export { listDomainsOperation } from "./list-domains.ts";
export { verifyDomainOperation } from "./verify-domain.ts";
