import type { Operation } from "@ciamkit/core";
import { ErrorCode, McpError, type McpServer, ResourceTemplate } from "../mcp-sdk.ts";
import { compact } from "../tools/compact.ts";
import type { OperationRunner } from "../tools/operation-runner.ts";
import { outputJsonSchema } from "../tools/slim-schema.ts";

/** Most user flows the resource list names; a tenant has a handful. */
const FLOW_LIST_LIMIT = 100;

/**
 * Resources for single tenant objects, each read through a catalog operation, registered only when
 * the server offers those operations (the areas land in the catalog over time, and read-only mode or
 * `--toolsets` may hide them):
 * - `ciam://user-flows/{id}`: one user flow as JSON (`user_flow_list` names them, `user_flow_get` reads one);
 * - `ciam://branding/{locale}/{stream}`: a branding image or the custom CSS as a blob (`branding_image_get`),
 *   locale `0` being the default branding.
 */
export function registerObjectResources(
  server: McpServer,
  enabled: readonly Operation[],
  runner: OperationRunner,
): void {
  const offered = (name: string) => enabled.find((op) => op.name === name);
  const listFlows = offered("user_flow_list");
  const getFlow = offered("user_flow_get");
  if (listFlows !== undefined && getFlow !== undefined) {
    server.registerResource(
      "user-flow",
      new ResourceTemplate("ciam://user-flows/{id}", {
        list: async (extra) => {
          // A tenant that cannot be read (a missing permission, an outage) must not break
          // resources/list as a whole: the flows are then simply not listed.
          const page = (await runner
            .run(listFlows, { limit: FLOW_LIST_LIMIT }, { signal: extra.signal })
            .catch(() => ({ items: [] }))) as { items: { id: string; displayName?: string }[] };
          return {
            resources: page.items.map((flow) => ({
              uri: `ciam://user-flows/${encodeURIComponent(flow.id)}`,
              name: flow.displayName ?? flow.id,
              mimeType: "application/json",
            })),
          };
        },
      }),
      {
        title: "User flow",
        description: "A sign-up and sign-in user flow: identity providers, attributes, linked applications.",
        mimeType: "application/json",
      },
      async (uri, variables, extra) => {
        const flow = await runner.run(
          getFlow,
          { flow: decodeURIComponent(String(variables.id)) },
          { signal: extra.signal },
        );
        const text = JSON.stringify(compact(flow, outputJsonSchema(getFlow.output)).value);
        return { contents: [{ uri: uri.href, mimeType: "application/json", text }] };
      },
    );
  }

  const getImage = offered("branding_image_get");
  if (getImage !== undefined) {
    server.registerResource(
      "branding-image",
      new ResourceTemplate("ciam://branding/{locale}/{stream}", { list: undefined }),
      {
        title: "Branding image",
        description:
          "A sign-in page image (bannerLogo, headerLogo, squareLogo, squareLogoDark, backgroundImage, favicon) or customCSS, for locale 0 (the default branding) or a language such as fr-FR.",
      },
      async (uri, variables, extra) => {
        const input = { locale: String(variables.locale), stream: String(variables.stream) };
        const file = (await runner.run(getImage, input, { signal: extra.signal })) as {
          found: boolean;
          contentType?: string;
          contentBase64?: string;
        };
        if (!file.found || file.contentBase64 === undefined) {
          throw new McpError(ErrorCode.InvalidParams, `Nothing is uploaded at ${uri.href}.`);
        }
        return {
          contents: [
            {
              uri: uri.href,
              mimeType: file.contentType ?? "application/octet-stream",
              blob: file.contentBase64,
            },
          ],
        };
      },
    );
  }
}
