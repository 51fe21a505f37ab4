// The public names of the applications area (app registrations and their credentials); core's src/index.ts
// re-exports them all. The area's operations, in catalog order, are listed in ./operations.ts.
export { addCertificateOperation } from "./add-certificate.ts";
export { addPasswordOperation } from "./add-password.ts";
export type { Application } from "./application-schema.ts";
export { createApplicationOperation } from "./create-application.ts";
export { deleteApplicationOperation } from "./delete-application.ts";
export type { FederatedCredential } from "./federated-credentials.ts";
export { getApplicationOperation } from "./get-application.ts";
export { listApplicationsOperation } from "./list-applications.ts";
export { removePasswordOperation } from "./remove-password.ts";
export { updateApplicationOperation } from "./update-application.ts";
export type { ApplicationUpdate } from "./update-application-input.ts";
