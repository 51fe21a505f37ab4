import { isPermitted } from "../../policy/permissions.ts";
import { GraphError, type GraphRequest } from "../route.ts";

/**
 * The Identity Experience Framework answers only in an Azure AD B2C tenant (api-surface 9, scope
 * warning). Its errors use the `AADB2C` code: a caller without the permission gets
 * `403 AADB2C "The application does not have any of the required application permissions (…)"`
 * (azure-ad-b2c/samples#349), and B2C answers a tenant of the wrong kind with a 403 `AADB2C` naming the
 * directory kind (the converse message is quoted in microsoft-graph-docs-contrib#8478). An external
 * (CIAM) tenant does not support custom policies, so it gets that refusal.
 */
export function requireB2c(req: GraphRequest, permissions: readonly string[]): void {
  if (req.tenant.info.kind !== "b2c") {
    throw new GraphError(
      403,
      "AADB2C",
      `'${req.tenant.info.defaultDomain}' is not an Azure AD B2C directory. Access to this Api can only be made for an Azure AD B2C directory.`,
    );
  }
  if (!isPermitted(permissions, req.caller.permissions, false)) {
    throw new GraphError(
      403,
      "AADB2C",
      `The application does not have any of the required application permissions (${permissions.join(", ")}) to access the resource.`,
    );
  }
}

/** The AADB2C-coded 404 of the IEF service. */
export function iefNotFound(kind: "Policy" | "Key set", id: string): GraphError {
  return new GraphError(404, "AADB2C", `${kind} '${id}' was not found in the tenant.`);
}
