/** The operation catalog: every operation once, in a stable order; MCP tools and CLI commands are generated from it. */

import { tenantsOperations } from "../arm/tenants/operations.ts";
import { bulkOperations } from "../bulk/operations.ts";
import { configOperations } from "../config/operations.ts";
import { applicationsOperations } from "../graph/applications/operations.ts";
import { auditLogsOperations } from "../graph/audit-logs/operations.ts";
import { brandingOperations } from "../graph/branding/operations.ts";
import { customExtensionsOperations } from "../graph/custom-extensions/operations.ts";
import { domainsOperations } from "../graph/domains/operations.ts";
import { eventListenersOperations } from "../graph/event-listeners/operations.ts";
import { fraudProvidersOperations } from "../graph/fraud-providers/operations.ts";
import { groupsOperations } from "../graph/groups/operations.ts";
import { identityProvidersOperations } from "../graph/identity-providers/operations.ts";
import { migrationOperations } from "../graph/migration/operations.ts";
import { organizationOperations } from "../graph/organization/operations.ts";
import { securityOperations } from "../graph/security/operations.ts";
import { servicePrincipalsOperations } from "../graph/service-principals/operations.ts";
import { trustFrameworkOperations } from "../graph/trust-framework/operations.ts";
import { userFlowAttributesOperations } from "../graph/user-flow-attributes/operations.ts";
import { userFlowsOperations } from "../graph/user-flows/operations.ts";
import { usersOperations } from "../graph/users/operations.ts";
import type { Operation } from "./define-operation.ts";

/**
 * Every operation of the catalog: the areas' lists joined in this order, which MCP's tools/list, the CLI's
 * help and the generated docs follow. A new area's list goes where its toolset should appear.
 */
export const operations: readonly Operation[] = [
  ...organizationOperations,
  ...usersOperations,
  ...bulkOperations,
  ...groupsOperations,
  ...applicationsOperations,
  ...servicePrincipalsOperations,
  ...auditLogsOperations,
  ...tenantsOperations,
  ...userFlowsOperations,
  ...userFlowAttributesOperations,
  ...identityProvidersOperations,
  ...brandingOperations,
  ...customExtensionsOperations,
  ...eventListenersOperations,
  ...fraudProvidersOperations,
  ...trustFrameworkOperations,
  ...securityOperations,
  ...domainsOperations,
  ...configOperations,
  ...migrationOperations,
];

const byName = new Map(operations.map((op) => [op.name, op]));

/** The operation with this name, or `undefined`. */
export function getOperation(name: string): Operation | undefined {
  return byName.get(name);
}

/** The operations of one area (toolset / command group), in catalog order. */
export function operationsByArea(area: string): Operation[] {
  return operations.filter((op) => op.area === area);
}

/** The areas of the catalog, in order of first appearance. */
export function operationAreas(): string[] {
  return [...new Set(operations.map((op) => op.area))];
}
