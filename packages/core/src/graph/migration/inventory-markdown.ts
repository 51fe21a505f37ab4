import type { Inventory } from "./inventory-schema.ts";

const cell = (text: string) => text.replaceAll("|", "\\|").replace(/\s+/g, " ");
const table = (head: string[], rows: string[][]) =>
  rows.length === 0
    ? ["None.", ""]
    : [
        `| ${head.join(" | ")} |`,
        `| ${head.map(() => "---").join(" | ")} |`,
        ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
        "",
      ];

/** The inventory as a Markdown report (`ciam migrate inventory --report <file>`). */
export function inventoryMarkdown(inventory: Inventory): string {
  const u = inventory.users;
  return [
    `# Azure AD B2C inventory of ${inventory.tenantId}`,
    "",
    "## Users",
    "",
    `${u.total} users: ${u.localAccounts} with a password (migrated just in time), ${u.socialOnly} social only.`,
    "",
    ...table(
      ["Sign-in type", "Users"],
      [
        ...Object.entries(u.bySignInType).map(([k, n]) => [k, String(n)]),
        ...Object.entries(u.federatedByIssuer).map(([k, n]) => [`federated: ${k}`, String(n)]),
      ],
    ),
    "## Custom attributes",
    "",
    `On the b2c-extensions-app ${inventory.extensionsAppId ?? "(none found)"}.`,
    "",
    ...table(
      ["Name", "Type", "Property", "Users with a value"],
      inventory.customAttributes.map((a) => [a.name, a.dataType ?? "", a.property, String(a.usersWithValue)]),
    ),
    "## Identity providers",
    "",
    ...table(
      ["Id", "Type"],
      inventory.identityProviders.map((p) => [p.id, p.type]),
    ),
    "## Custom policies",
    "",
    ...table(
      ["Policy", "Orchestration steps", "Technical profiles"],
      inventory.customPolicies.map((p) => [
        p.id,
        String(p.orchestrationSteps),
        Object.entries(p.technicalProfiles)
          .map(([k, n]) => `${k}: ${n}`)
          .join(", "),
      ]),
    ),
    "## Apps",
    "",
    ...table(
      ["App", "Client id", "Redirect URIs"],
      inventory.apps.map((a) => [a.displayName ?? "", a.appId ?? "", a.redirectUris.join(", ")]),
    ),
    "## No equivalent in External ID",
    "",
    ...table(
      ["Feature", "What to do", "Source"],
      inventory.gaps.map((g) => [g.feature, g.advice, g.source]),
    ),
  ].join("\n");
}
