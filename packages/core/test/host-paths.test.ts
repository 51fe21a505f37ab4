// Inputs that name a file on the host: declared with hostPath(), found at any depth, and none hides
// from that declaration (a path-like input without it fails here, so no MCP tool can take it unseen).
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { readHostFile } from "../src/operations/host-file.ts";
import {
  accessWithFiles,
  hostPath,
  hostPathAccess,
  hostPathInputs,
  hostPathValues,
  mapHostPaths,
} from "../src/operations/host-paths.ts";
import { getOperation, operations } from "../src/operations/registry.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";

type Json = Record<string, unknown>;

/** Every string input of an operation as a caller sees it (JSON Schema), with its host path marker. */
function stringInputs(operation: (typeof operations)[number]) {
  const json = z.toJSONSchema(operation.input, {
    io: "input",
    unrepresentable: "any",
    override: (ctx) => {
      const access = hostPathAccess(ctx.zodSchema);
      if (access !== undefined) (ctx.jsonSchema as Json)["x-host-path"] = access;
    },
  }) as Json;
  const out: { path: string; name: string; description: string; hostPath: unknown }[] = [];
  const walk = (node: unknown, path: string, name: string) => {
    if (node === null || typeof node !== "object") return;
    const n = node as Json;
    if (n.type === "string" && n.enum === undefined)
      out.push({ path, name, description: String(n.description ?? ""), hostPath: n["x-host-path"] });
    for (const [key, child] of Object.entries((n.properties ?? {}) as Json))
      walk(child, path === "" ? key : `${path}.${key}`, key);
    if (n.items !== undefined) walk(n.items, `${path}[]`, name);
    if (typeof n.additionalProperties === "object") walk(n.additionalProperties, `${path}.*`, name);
    for (const option of (n.anyOf ?? []) as unknown[]) walk(option, path, name);
  };
  walk(json, "", "");
  return out;
}

const PATH_NAME = /^(file|path|dir|directory|folder|saveTo)$|(File|Path|Dir|Directory|Folder)$/;
const PATH_DESCRIPTION = /\bpath\b|\bfile\.?$/i;

describe("host paths in the catalog", () => {
  it("are exactly these inputs, each with what it does to the file", () => {
    const found = operations.flatMap((op) =>
      hostPathInputs(op.input).map((p) => `${op.name}.${p.path} ${p.access}`),
    );
    expect(found).toEqual([
      "user_import.file read",
      "user_import.mapping read",
      "user_import.rejectFile write",
      "user_import.journalFile write",
      "user_import.reportFile write",
      "user_bulk_delete.importFile read",
      "user_bulk_delete.importJournal read",
      "user_bulk_delete.journalFile write",
      "user_bulk_delete.reportFile write",
      "user_export.file write",
      "user_export.stateFile write",
      "branding_image_get.saveTo write",
      "branding_image_set.file read",
      "branding_apply.default.files.*.file read",
      "branding_apply.localizations[].files.*.file read",
      "trust_framework_policy_upload.file read",
      "trust_framework_keyset_upload_certificate.file read",
      "trust_framework_keyset_upload_pfx.file read",
      "config_export.dir write",
      "config_plan.dir read",
      "config_plan.values[] read",
      "config_apply.dir read",
      "config_apply.values[] read",
      "migration_inventory.report write",
      "migration_users.journalFile write",
      "migration_users.reportFile write",
      "migration_jit_setup.privateKeyOut write",
    ]);
  });

  it("leaves no path-like string input undeclared (named or described as a path or file)", () => {
    const undeclared = operations.flatMap((op) =>
      stringInputs(op)
        .filter((s) => s.hostPath === undefined)
        .filter((s) => PATH_NAME.test(s.name) || PATH_DESCRIPTION.test(s.description))
        .map((s) => `${op.name}.${s.path}`),
    );
    expect(undeclared).toEqual([]);
  });

  it("can all be left out, so a surface can withhold them", () => {
    const fixed = operations.flatMap((op) =>
      hostPathInputs(op.input)
        .filter((p) => !p.droppable)
        .map((p) => `${op.name}.${p.path}`),
    );
    expect(fixed).toEqual([]);
  });

  it("offer every operation an inline form of the same data", () => {
    // Without the paths (an MCP server without --files-dir), each of these still does its job.
    const inline: [string, Record<string, unknown>][] = [
      ["user_import", { rows: [{ displayName: "A", signInName: "a@example.com", password: "Xy7!kq92Lm" }] }],
      ["user_import", { content: "displayName,signInName,password\nA,a@example.com,Xy7!kq92Lm\n" }],
      ["user_bulk_delete", { ids: ["ada@contoso.onmicrosoft.com"] }],
      ["user_bulk_delete", { filter: "startswith(displayName,'Test')" }],
      ["user_export", {}],
      ["branding_image_get", { stream: "favicon" }],
      ["branding_image_set", { stream: "customCSS", text: "a { color: red }" }],
      ["branding_apply", { default: { files: { customCSS: { text: "a {}" } } } }],
      ["trust_framework_policy_upload", { xml: "<TrustFrameworkPolicy/>" }],
      ["trust_framework_keyset_upload_certificate", { id: "k", certificate: "MIIB" }],
      ["trust_framework_keyset_upload_pfx", { id: "k", pfxBase64: "MIIB" }],
      ["config_export", {}],
      [
        "config_plan",
        { spec: { groups: { VIP: {} } }, overlays: [{ groups: { VIP: { description: "x" } } }] },
      ],
      ["config_apply", { spec: { groups: { VIP: {} } } }],
      ["migration_inventory", {}],
      [
        "migration_jit_setup",
        { endpoint: "https://jit.example.com/api", allApps: true, certificate: "M".repeat(100) },
      ],
      ["migration_users", { from: "b2c" }],
    ];
    for (const [name, input] of inline) {
      const op = getOperation(name);
      const parsed = op?.input.safeParse(input);
      expect(parsed?.success, `${name}: ${parsed?.error?.message}`).toBe(true);
      expect(hostPathValues(op?.input as z.ZodType, parsed?.data)).toEqual([]);
    }
  });
});

describe("host path values", () => {
  const apply = getOperation("branding_apply")?.input as z.ZodType;
  const importInput = getOperation("user_import")?.input as z.ZodType;

  it("are found at any depth, and replaced in a copy", () => {
    const input = {
      default: { files: { favicon: { file: "icon.ico" }, customCSS: { text: "a {}" } } },
      localizations: [{ locale: "fr-FR", files: { bannerLogo: { file: "fr/logo.png" } } }],
    };
    expect(hostPathValues(apply, input)).toEqual([
      { at: ["default", "files", "favicon", "file"], access: "read", value: "icon.ico" },
      { at: ["localizations", 0, "files", "bannerLogo", "file"], access: "read", value: "fr/logo.png" },
    ]);
    const moved = mapHostPaths(apply, input, (p) => `/srv/${p.value}`) as typeof input;
    expect(moved.default.files.favicon.file).toBe("/srv/icon.ico");
    expect(moved.localizations[0]?.files.bannerLogo.file).toBe("/srv/fr/logo.png");
    expect(moved.default.files.customCSS).toEqual({ text: "a {}" });
    expect(input.default.files.favicon.file).toBe("icon.ico");
  });

  it("tell a mapping file from an inline mapping", () => {
    expect(hostPathValues(importInput, { rows: [{}], mapping: "map.yaml" })).toEqual([
      { at: ["mapping"], access: "read", value: "map.yaml" },
    ]);
    expect(
      hostPathValues(importInput, { rows: [{}], mapping: { columns: { signInName: "email" } } }),
    ).toEqual([]);
  });

  it("make a read operation a write where a surface lets it write files", () => {
    const exportOp = getOperation("user_export") as { access: "read" };
    expect(exportOp.access).toBe("read");
    expect(accessWithFiles(exportOp, true)).toBe("write");
    expect(accessWithFiles(exportOp, false)).toBe("read");
    expect(accessWithFiles({ access: "destructive" }, true)).toBe("destructive");
  });

  it("keep their marker through describe() and wrappers", () => {
    expect(hostPathAccess(hostPath("write", "A file."))).toBe("write");
    expect(hostPathAccess(hostPath("read", "A file.").describe("Other."))).toBe("read");
    expect(hostPathInputs(z.object({ f: hostPath("read", "A file.").optional().describe("x") }))).toEqual([
      { path: "f", access: "read", droppable: true },
    ]);
    expect(hostPathAccess(z.string())).toBeUndefined();
  });
});

describe("reading a host file", () => {
  const dir = mkdtempSync(join(tmpdir(), "ciamkit-host-file-"));
  const limits = { operation: "branding_image_set", field: "file", maxBytes: 16 };

  it("refuses a file over the inline bound, and a directory, naming the file and never its content", async () => {
    const big = join(dir, "secret.env");
    writeFileSync(big, "AZURE_CLIENT_SECRET=do-not-echo\n");
    const error = await readHostFile(big, limits).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).issues).toEqual([`file: ${big} has 32 bytes, the most is 16`]);
    expect(String(error)).not.toContain("do-not-echo");
    mkdirSync(join(dir, "folder"));
    await expect(readHostFile(join(dir, "folder"), limits)).rejects.toMatchObject({
      issues: [`file: ${join(dir, "folder")} is not a file`],
    });
    await expect(readHostFile(join(dir, "missing"), limits)).rejects.toMatchObject({
      issues: [`file: cannot read ${join(dir, "missing")} (ENOENT)`],
    });
  });

  it("reads a file within the bound", async () => {
    writeFileSync(join(dir, "small.css"), "a {}");
    expect(Buffer.from(await readHostFile(join(dir, "small.css"), limits)).toString()).toBe("a {}");
  });
});
