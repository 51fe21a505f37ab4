// The public names of the audit-logs area (directory audit and sign-in logs); core's src/index.ts re-exports
// them all. The area's operations, in catalog order, are listed in ./operations.ts.
export { listDirectoryAuditsOperation } from "./list-directory-audits.ts";
export { listSignInsOperation } from "./list-sign-ins.ts";
