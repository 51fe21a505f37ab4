import type { Operation } from "../../operations/define-operation.ts";
import { getOrganizationOperation } from "./get-organization.ts";

/** The operations of the organization area in catalog order (the registry joins the areas' lists). */
export const organizationOperations: readonly Operation[] = [getOrganizationOperation];
