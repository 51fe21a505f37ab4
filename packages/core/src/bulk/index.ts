// The public names of the bulk area (bulk import and export of users, commands of the `users` area, and the
// engines behind them); core's src/index.ts re-exports them all. The area's operations, in catalog order, are
// listed in ./operations.ts.
export type { PacerOptions, PacerSignal } from "./adaptive-pacer.ts";
export { AdaptivePacer } from "./adaptive-pacer.ts";
export type { ColumnMapping, ImportField } from "./column-mapping.ts";
export {
  columnMappingSchema,
  extensionProperty,
  IMPORT_FIELDS,
  loadColumnMapping,
} from "./column-mapping.ts";
export type { DeleteReport, ListedUser } from "./delete-report.ts";
export { deleteReportSchema, summarizeDeleteReport } from "./delete-report.ts";
export type { DeleteUsersOptions } from "./delete-users.ts";
export { deleteUsers } from "./delete-users.ts";
export type { ExportPage, ExportPageOptions } from "./export-page.ts";
export { exportPage, INLINE_EXPORT_MAX_PAGE } from "./export-page.ts";
export type { ExportResult, ExportUsersOptions } from "./export-users.ts";
export { DEFAULT_EXPORT_SELECT, exportUsers } from "./export-users.ts";
export { INLINE_IMPORT_MAX_CHARS, INLINE_IMPORT_MAX_ROWS } from "./import-input.ts";
export type { ImportReport } from "./import-report.ts";
export { importReportSchema, summarizeReport } from "./import-report.ts";
export type { ImportUsersOptions } from "./import-users.ts";
export { importUsers } from "./import-users.ts";
export type { BulkFileFormat } from "./row-source.ts";
export { passwordProblem } from "./row-validation.ts";
export { BULK_DELETE_MAX_IDS, bulkDeleteUsersOperation } from "./user-bulk-delete-operation.ts";
export { exportUsersOperation } from "./user-export-operation.ts";
export { importUsersOperation } from "./user-import-operation.ts";
