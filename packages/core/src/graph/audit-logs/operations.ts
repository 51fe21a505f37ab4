import type { Operation } from "../../operations/define-operation.ts";
import { listDirectoryAuditsOperation } from "./list-directory-audits.ts";
import { listSignInsOperation } from "./list-sign-ins.ts";

/** The operations of the audit-logs area in catalog order (the registry joins the areas' lists). */
export const auditLogsOperations: readonly Operation[] = [listDirectoryAuditsOperation, listSignInsOperation];
