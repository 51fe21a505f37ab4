import { getOperation, type Operation, redactText } from "@ciamkit/core";
import type { McpServer } from "../mcp-sdk.ts";
import { compact } from "../tools/compact.ts";
import type { OperationRunner } from "../tools/operation-runner.ts";
import { outputJsonSchema } from "../tools/slim-schema.ts";

/** URI of the tenant overview resource. */
export const TENANT_OVERVIEW_URI = "ciam://tenant/overview";

/**
 * The overview's sections and the catalog operation that fills each. A section whose operation is not
 * in the catalog (the CIAM resource areas land over time) or not enabled on this server says so
 * instead of failing the whole resource.
 */
const SECTIONS = [
  { key: "organization", operation: "organization_get" },
  { key: "applications", operation: "app_list" },
  { key: "userFlows", operation: "user_flow_list" },
  { key: "identityProviders", operation: "identity_provider_list" },
  { key: "branding", operation: "branding_get" },
] as const;

/** Most items a list section shows; the tools page through the rest. */
const SECTION_LIMIT = 25;

/**
 * Registers `ciam://tenant/overview`: one JSON document with the organization, applications, user
 * flows, identity providers and branding state, read through the same operations the tools run (so
 * read-only mode and `--toolsets` apply to it too).
 */
export function registerTenantOverview(
  server: McpServer,
  enabled: readonly Operation[],
  runner: OperationRunner,
): void {
  const offered = new Set(enabled.map((op) => op.name));
  server.registerResource(
    "tenant-overview",
    TENANT_OVERVIEW_URI,
    {
      title: "Tenant overview",
      description:
        "The tenant's organization, applications, user flows, identity providers and branding state in one JSON document.",
      mimeType: "application/json",
    },
    async (uri, extra) => {
      const overview: Record<string, unknown> = {};
      for (const section of SECTIONS) {
        const operation = getOperation(section.operation);
        if (operation === undefined || !offered.has(operation.name)) {
          overview[section.key] = { unavailable: `${section.operation} is not offered by this server` };
          continue;
        }
        const input = "limit" in operation.input.shape ? { limit: SECTION_LIMIT } : {};
        try {
          const result = await runner.run(operation, input, { signal: extra.signal });
          overview[section.key] = compact(result, outputJsonSchema(operation.output)).value;
        } catch (error) {
          overview[section.key] = {
            error: redactText(error instanceof Error ? `${error.name}: ${error.message}` : String(error)),
          };
        }
      }
      return {
        contents: [{ uri: uri.href, mimeType: "application/json", text: JSON.stringify(overview) }],
      };
    },
  );
}
