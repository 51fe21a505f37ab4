import type { Operation } from "@ciamkit/core";

/**
 * The permissions a set of operations needs, for an admin granting least privilege: each permission
 * once, with the tools that need it. ARM permissions are RBAC actions (`Microsoft.X/…/write`), Graph's
 * are application permissions (`User.Read.All`), so a `/` tells them apart.
 */
export function permissionReport(operations: readonly Operation[]): string {
  const graph = new Map<string, string[]>();
  const arm = new Map<string, string[]>();
  for (const op of operations) {
    for (const permission of op.permissions) {
      const table = permission.includes("/") ? arm : graph;
      table.set(permission, [...(table.get(permission) ?? []), op.name]);
    }
  }
  const section = (title: string, table: Map<string, string[]>) => {
    if (table.size === 0) return [`${title}: none`];
    const width = Math.max(...[...table.keys()].map((p) => p.length));
    return [
      `${title}:`,
      ...[...table.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([permission, tools]) => `  ${permission.padEnd(width)}  ${tools.join(", ")}`),
    ];
  };
  return [
    `Permissions for the ${operations.length} enabled tool${operations.length === 1 ? "" : "s"}:`,
    ...section("Microsoft Graph application permissions", graph),
    ...section("Azure RBAC actions (on the subscription or resource group)", arm),
  ].join("\n");
}
