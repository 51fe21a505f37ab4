import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { measureToolList } from "../src/reference/measure-tool-list.ts";
import { referenceRepeatedInputs } from "../src/tools/input-references.ts";
import { referenceRepeatedOutputs } from "../src/tools/output-references.ts";

// A result shape or input field spelled out once and named elsewhere (ADR 0005). What each schema
// keeps on the wire: schema-economy.test.ts.
describe("repeated result shapes", () => {
  const shape = {
    type: "object" as const,
    properties: {
      id: { type: "string" },
      appId: { type: "string" },
      displayName: { type: "string" },
      notes: { type: ["string", "null"] },
    },
    required: ["id", "appId", "notes"],
  };
  const hints = (readOnlyHint: boolean) => ({
    readOnlyHint,
    destructiveHint: false,
    idempotentHint: readOnlyHint,
    openWorldHint: true,
  });
  const tool = (name: string, readOnly: boolean, outputSchema: Tool["outputSchema"]): Tool => ({
    name,
    inputSchema: { type: "object" },
    outputSchema,
    annotations: hints(readOnly),
  });
  const list = tool("thing_list", true, {
    type: "object",
    properties: { items: { type: "array", items: shape }, nextCursor: { type: "string" } },
    required: ["items"],
  });

  it("names the read tool that spells the shape out", () => {
    const [listed, create, get] = referenceRepeatedOutputs([
      list,
      tool("thing_create", false, shape),
      tool("thing_get", true, shape),
    ]);
    expect(get?.outputSchema).toEqual(shape);
    expect(create?.outputSchema).toEqual({ type: "object", description: "Like thing_get's result." });
    expect(listed?.outputSchema?.properties?.items).toEqual({
      type: "array",
      items: { description: "Like thing_get's result." },
    });
  });

  it("spells the shape out when no read tool with it is listed", () => {
    const create = tool("thing_create", false, shape);
    expect(referenceRepeatedOutputs([create])).toEqual([create]);
  });

  it("does not refer a small result to a larger one that merely shares its fields", () => {
    const small = tool("thing_delete", false, {
      type: "object",
      properties: { id: { type: "string" } },
      required: ["id"],
    });
    expect(referenceRepeatedOutputs([small, tool("thing_get", true, shape)])[0]).toEqual(small);
  });

  it("names an earlier write tool whose result a write tool repeats when no read tool has the shape", () => {
    const [first, again, read] = referenceRepeatedOutputs([
      tool("thing_import", false, shape),
      tool("thing_migrate", false, shape),
      tool("other_get", true, { type: "object", properties: { id: { type: "string" } } }),
    ]);
    expect(first?.outputSchema).toEqual(shape);
    expect(again?.outputSchema).toEqual({ type: "object", description: "Like thing_import's result." });
    expect(read?.outputSchema?.properties).toBeDefined();
    // A read tool still spells its result out rather than naming a write tool's.
    const [, get] = referenceRepeatedOutputs([
      tool("thing_import", false, shape),
      tool("thing_get", true, shape),
    ]);
    expect(get?.outputSchema).toEqual(shape);
  });

  it("lists migration_users' report by reference to user_import's in the catalog", async () => {
    const { result } = await measureToolList("(all tools)", {});
    const byName = new Map(result.tools.map((t) => [t.name, t]));
    expect(byName.get("migration_users")?.outputSchema?.description).toBe("Like user_import's result.");
    expect(byName.get("migration_users")?.inputSchema.description).toBe(
      "Fields dryRun, onConflict, maxConcurrency as in user_import's input.",
    );
  });

  it("lists user_create's result by reference to user_get in the catalog", async () => {
    const { result } = await measureToolList("(all tools)", {});
    const byName = new Map(result.tools.map((t) => [t.name, t]));
    expect(byName.get("user_create")?.outputSchema?.description).toBe("Like user_get's result.");
    expect(Object.keys(byName.get("user_get")?.outputSchema?.properties ?? {})).toContain("displayName");
    const readOnly = await measureToolList("--read-only", { readOnly: true });
    expect(readOnly.result.tools.some((t) => t.name === "user_create")).toBe(false);
  });
});

describe("repeated input fields", () => {
  const page = {
    type: "object",
    properties: {
      views: {
        type: "array",
        items: {
          type: "object",
          properties: {
            title: { type: "string" },
            inputs: {
              type: "array",
              items: { type: "object", properties: { attribute: { type: "string" } } },
            },
          },
        },
      },
    },
    required: ["views"],
  };
  const settings = { type: "object", properties: { a: { type: "string" } } };
  const tool = (name: string, properties: Record<string, object>): Tool => ({
    name,
    inputSchema: { type: "object", properties },
  });

  it("spells a large field out in the first tool and names it in the others, keeping their own description", () => {
    const [create, update] = referenceRepeatedInputs([
      tool("flow_create", { page: { ...page, description: "The page." }, name: { type: "string" } }),
      tool("flow_update", { page: { ...page, description: "Replaces the page." }, name: { type: "string" } }),
    ]);
    expect(create?.inputSchema.properties?.page).toEqual({ ...page, description: "The page." });
    expect(update?.inputSchema.properties).toEqual({
      page: { type: "object", description: "Replaces the page. Fields as in flow_create's page." },
      name: { type: "string" },
    });
  });

  it("lists an object with an earlier object's fields and more as those fields plus its own", () => {
    const texts = Object.fromEntries(
      ["a", "b", "c", "d", "e", "f", "g", "h", "i"].map((k) => [`${k}Text`, { type: ["string", "null"] }]),
    );
    const [update, localize] = referenceRepeatedInputs([
      { name: "look_update", inputSchema: { type: "object", properties: texts } },
      {
        name: "look_localize",
        inputSchema: {
          type: "object",
          properties: { locale: { type: "string" }, ...texts },
          required: ["locale"],
        },
      },
    ]);
    expect(update?.inputSchema.properties).toEqual(texts);
    expect(localize?.inputSchema).toEqual({
      type: "object",
      description: "Fields as in look_update's input, and:",
      properties: { locale: { type: "string" } },
      required: ["locale"],
    });
  });

  it("lists an object that is an earlier one without some fields as that object minus those", () => {
    const fields = Object.fromEntries(
      ["a", "b", "c", "d", "e", "f", "g", "h", "i"].map((k) => [
        k,
        { type: "boolean", description: `${k}?` },
      ]),
    );
    const { i: _i, ...narrow } = fields;
    const [create, add] = referenceRepeatedInputs([
      tool("flow_create", { input: { type: "object", properties: fields } }),
      tool("flow_add", { input: { type: "object", description: "How it shows.", properties: narrow } }),
    ]);
    expect(create?.inputSchema.properties?.input).toEqual({ type: "object", properties: fields });
    expect(add?.inputSchema.properties?.input).toEqual({
      type: "object",
      description: "How it shows. Fields as in flow_create's input, without i.",
    });
  });

  it("names the fields a tool's input shares with an earlier tool's, keeping its required list", () => {
    const address = {
      subscriptionId: { type: "string", format: "uuid", description: "A workforce subscription." },
      resourceGroup: { type: "string", description: "The tenant's resource group." },
      name: { type: "string", description: "{name}.onmicrosoft.com." },
    };
    const required = ["subscriptionId", "resourceGroup", "name"];
    const [create, remove, other] = referenceRepeatedInputs([
      {
        name: "t_create",
        inputSchema: { type: "object", properties: { ...address, sku: { type: "string" } }, required },
      },
      {
        name: "t_delete",
        inputSchema: { type: "object", properties: { ...address, wait: { type: "boolean" } }, required },
      },
      // Two shared fields are not worth naming.
      {
        name: "t_other",
        inputSchema: {
          type: "object",
          properties: { resourceGroup: address.resourceGroup, name: address.name },
        },
      },
    ]);
    expect(Object.keys(create?.inputSchema.properties ?? {})).toEqual([...required, "sku"]);
    expect(remove?.inputSchema).toEqual({
      type: "object",
      // Named by what it leaves out, which is shorter here.
      description: "Fields of t_create's input but sku.",
      properties: { wait: { type: "boolean" } },
      required,
    });
    expect(Object.keys(other?.inputSchema.properties ?? {})).toEqual(["resourceGroup", "name"]);
  });

  it("names a whole earlier input of two fields (an id or a name that picks the object)", () => {
    const picker = {
      id: { type: "string", description: "Object id." },
      appId: { type: "string", format: "uuid", description: "Or the client id." },
    };
    const name = { type: "string", description: "Or the display name." };
    const [find, get, remove] = referenceRepeatedInputs([
      { name: "a_find", inputSchema: { type: "object", properties: { ...picker, name } } },
      // Two of an earlier input's three fields are not worth naming.
      { name: "a_get", inputSchema: { type: "object", properties: picker } },
      {
        name: "a_delete",
        inputSchema: { type: "object", properties: { ...picker, wait: { type: "boolean" } } },
      },
    ]);
    expect(find?.inputSchema.properties).toEqual({ ...picker, name });
    expect(get?.inputSchema.properties).toEqual(picker);
    expect(remove?.inputSchema).toEqual({
      type: "object",
      description: "Fields as in a_get's input.",
      properties: { wait: { type: "boolean" } },
    });
  });

  it("leaves small fields and fields of other shapes alone", () => {
    const tools = [
      tool("a_set", { settings, page }),
      tool("b_set", { settings, page: { ...page, required: [] } }),
    ];
    expect(referenceRepeatedInputs(tools)).toEqual(tools);
  });

  it("names shared and narrowed fields in the catalog, and spells everything out in a narrowed list", async () => {
    const { result } = await measureToolList("(all tools)", {});
    const byName = new Map(result.tools.map((t) => [t.name, t]));
    expect(byName.get("tenant_get")?.inputSchema.description).toBe(
      "Fields subscriptionId, resourceGroup, name as in tenant_create's input.",
    );
    expect(byName.get("custom_extension_update")?.inputSchema.description).toBe(
      "Fields of custom_extension_create's input but kind.",
    );
    expect(byName.get("app_delete")?.inputSchema.description).toBe("Fields as in app_get's input.");
    expect(byName.get("tenant_get")?.inputSchema.required).toEqual([
      "subscriptionId",
      "resourceGroup",
      "name",
    ]);
    expect(
      (
        byName.get("user_flow_attribute_add")?.inputSchema.properties?.input as
          | { description?: string }
          | undefined
      )?.description,
    ).toMatch(/Fields as in user_flow_create's page\.views\[\]\.inputs\[\], without attribute\.$/);
    const alone = await measureToolList("--tools tenant_get", { tools: ["tenant_get"] });
    expect(Object.keys(alone.result.tools[0]?.inputSchema.properties ?? {})).toEqual([
      "subscriptionId",
      "resourceGroup",
      "name",
    ]);
  });

  it("names user_flow_create's page in user_flow_update in the catalog", async () => {
    const { result } = await measureToolList("(all tools)", {});
    const update = result.tools.find((t) => t.name === "user_flow_update");
    expect(
      (update?.inputSchema.properties?.page as { description?: string } | undefined)?.description,
    ).toMatch(/Fields as in user_flow_create's page\.$/);
  });
});
