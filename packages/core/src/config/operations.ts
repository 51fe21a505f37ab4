import type { Operation } from "../operations/define-operation.ts";
import { configApplyOperation } from "./config-apply-operation.ts";
import { configExportOperation } from "./config-export-operation.ts";
import { configPlanOperation } from "./config-plan-operation.ts";

/** The operations of the config area (tenant as code) in catalog order. */
export const configOperations: readonly Operation[] = [
  configExportOperation,
  configPlanOperation,
  configApplyOperation,
];
