import type { Operation } from "../../operations/define-operation.ts";
import { addDomainOperation } from "./add-domain.ts";
import { deleteDomainOperation } from "./delete-domain.ts";
import { listDomainsOperation } from "./list-domains.ts";
import { verifyDomainOperation } from "./verify-domain.ts";

/** The operations of the domains area in catalog order (the registry joins the areas' lists). */
export const domainsOperations: readonly Operation[] = [
  listDomainsOperation,
  addDomainOperation,
  verifyDomainOperation,
  deleteDomainOperation,
];
