import type { Operation } from "../../operations/define-operation.ts";
import { addCertificateOperation } from "./add-certificate.ts";
import { addPasswordOperation } from "./add-password.ts";
import { createApplicationOperation } from "./create-application.ts";
import { deleteApplicationOperation } from "./delete-application.ts";
import { getApplicationOperation } from "./get-application.ts";
import { listApplicationsOperation } from "./list-applications.ts";
import { removePasswordOperation } from "./remove-password.ts";
import { updateApplicationOperation } from "./update-application.ts";

/** The operations of the applications area in catalog order (the registry joins the areas' lists). */
export const applicationsOperations: readonly Operation[] = [
  listApplicationsOperation,
  getApplicationOperation,
  createApplicationOperation,
  updateApplicationOperation,
  deleteApplicationOperation,
  addPasswordOperation,
  removePasswordOperation,
  addCertificateOperation,
];
