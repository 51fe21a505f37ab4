// The public names of the config area (tenant as code: export, plan and apply of a tenant's
// configuration by natural key); core's src/index.ts re-exports them all.
export type { ChangeRef, FailedChange } from "./apply-error.ts";
export { ApplyError } from "./apply-error.ts";
export type { ApplyOptions, ApplyResult } from "./apply-plan.ts";
export { applyPlan, StalePlanError } from "./apply-plan.ts";
export { configApplyOperation } from "./config-apply-operation.ts";
export { configExportOperation } from "./config-export-operation.ts";
export { configPlanOperation } from "./config-plan-operation.ts";
export type { ExportOptions, TenantExport } from "./export-tenant.ts";
export { exportTenant } from "./export-tenant.ts";
export { specJsonSchemas } from "./json-schemas.ts";
export type { LoadedSpec } from "./load-spec.ts";
export { loadSpecDir } from "./load-spec.ts";
export type { PlanOptions, TenantPlan } from "./plan-tenant.ts";
export { planTenant } from "./plan-tenant.ts";
export type { FieldChange, PlannedChange } from "./plan-types.ts";
export type { SecretResolver, SecretSources } from "./secrets.ts";
export { secretResolver } from "./secrets.ts";
export type { SpecProblem } from "./spec-error.ts";
export { SpecError } from "./spec-error.ts";
export { specFiles, writeSpecFiles } from "./spec-files.ts";
export type {
  ApplicationSpec,
  AttributeSpec,
  GroupSpec,
  IdentityProviderSpec,
  Kind,
  TenantSpec,
  TenantSpecInput,
  UserFlowSpec,
} from "./spec-schema.ts";
export { KIND_FILES, KINDS, tenantSpecSchema } from "./spec-schema.ts";
