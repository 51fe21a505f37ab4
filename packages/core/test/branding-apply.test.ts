import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { jpeg, png } from "@ciamkit/emulator/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyBrandingOperation } from "../src/graph/branding/apply-branding.ts";
import { getBrandingOperation } from "../src/graph/branding/get-branding.ts";
import { getBrandingFileOperation } from "../src/graph/branding/get-branding-file.ts";
import { listLocalizationsOperation } from "../src/graph/branding/list-localizations.ts";
import { PermissionError } from "../src/http/errors.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";
import { seededClient } from "./helpers/seeded-client.ts";

const { t, client } = useCoreEmulator();
let dir: string;
let logoPath: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ciamkit-branding-"));
  logoPath = join(dir, "logo.png");
  await writeFile(logoPath, png(245, 36));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const mark = () => t.emu.control.monitor.requests().length;
const graphWrites = (from: number) =>
  t.emu.control.monitor
    .requests()
    .slice(from)
    .filter((r) => r.service === "graph" && r.method !== "GET")
    .map((r) => `${r.method} ${r.path.replace(/^\/v1\.0\/organization\/[^/]+/, "")}`);

const spec = () => ({
  default: {
    signInPageText: "Welcome to Contoso",
    backgroundColor: "#0A2540",
    loginPageLayoutConfiguration: { layoutTemplateType: "verticalSplit" as const, isHeaderShown: true },
    files: { bannerLogo: { file: logoPath }, customCSS: { text: "body { color: #0A2540; }" } },
  },
  localizations: [
    {
      locale: "fr-FR",
      signInPageText: "Bienvenue chez Contoso",
      files: { bannerLogo: { contentBase64: jpeg(200, 36).toString("base64") } },
    },
  ],
});

describe("branding_apply", () => {
  it("creates the default branding, a localization and their files on the first run", async () => {
    const from = mark();
    const result = await client.run(applyBrandingOperation, spec());
    expect(result.changed).toBe(true);
    expect(result.actions.map((a) => `${a.action} ${a.resource} ${a.id}`)).toEqual([
      "created branding 0",
      "uploaded brandingFile 0/bannerLogo",
      "uploaded brandingFile 0/customCSS",
      "created brandingLocalization fr-FR",
      "uploaded brandingFile fr-FR/bannerLogo",
    ]);
    expect(graphWrites(from)).toEqual([
      "PATCH /branding",
      "PUT /branding/localizations/0/bannerLogo",
      "PUT /branding/localizations/0/customCSS",
      "POST /branding/localizations",
      "PUT /branding/localizations/fr-FR/bannerLogo",
    ]);
    const fr = await client.run(getBrandingOperation, { locale: "fr-FR" });
    expect(fr).toMatchObject({ signInPageText: "Bienvenue chez Contoso", backgroundColor: "#0A2540" });
    const frLogo = await client.run(getBrandingFileOperation, { stream: "bannerLogo", locale: "fr-FR" });
    expect(frLogo).toMatchObject({ found: true, contentType: "image/jpeg" });
  });

  it("sends nothing on a rerun with the same spec", async () => {
    const from = mark();
    const result = await client.run(applyBrandingOperation, spec());
    expect(result.changed).toBe(false);
    expect(result.actions.every((a) => a.action === "unchanged")).toBe(true);
    expect(graphWrites(from)).toEqual([]);
  });

  it("sends only the values and files that differ", async () => {
    const changed = spec();
    changed.default.backgroundColor = "#112233";
    changed.localizations[0] = {
      ...changed.localizations[0],
      locale: "fr-FR",
      files: { bannerLogo: { contentBase64: png(100, 20).toString("base64") } },
    } as (typeof changed.localizations)[0];
    const from = mark();
    const result = await client.run(applyBrandingOperation, changed);
    expect(result.actions.filter((a) => a.action !== "unchanged")).toEqual([
      { action: "updated", resource: "branding", id: "0", detail: "backgroundColor" },
      expect.objectContaining({ action: "uploaded", id: "fr-FR/bannerLogo" }),
    ]);
    expect(graphWrites(from)).toEqual(["PATCH /branding", "PUT /branding/localizations/fr-FR/bannerLogo"]);
    expect((await client.run(getBrandingOperation, {})).backgroundColor).toBe("#112233");
  });

  it("adds a language to an existing branding", async () => {
    const result = await client.run(applyBrandingOperation, {
      localizations: [{ locale: "de-DE", signInPageText: "Willkommen" }],
    });
    expect(result.actions).toEqual([
      { action: "created", resource: "brandingLocalization", id: "de-DE", detail: "signInPageText" },
    ]);
    const ids = (await client.run(listLocalizationsOperation, {})).items.map((l) => l.id);
    expect(ids).toEqual(expect.arrayContaining(["fr-FR", "de-DE"]));
  });

  it.each([
    [
      "a logo too large in pixels",
      { bannerLogo: { contentBase64: png(300, 36).toString("base64") } },
      /300×36 px/,
    ],
    [
      "a text file posing as an image",
      { squareLogo: { contentBase64: Buffer.from("hello").toString("base64") } },
      /not a PNG or JPEG/,
    ],
    [
      "a square logo over 10 KB",
      { squareLogo: { contentBase64: png(200, 200, 11 * 1024).toString("base64") } },
      /maximum is 10240/,
    ],
    ["a file that cannot be read", { favicon: { file: "/nonexistent/favicon.ico" } }, /cannot read/],
  ])("refuses %s before sending anything, even the valid parts", async (_, badFiles, message) => {
    const from = mark();
    const error = await client
      .run(applyBrandingOperation, {
        default: { signInPageText: "Changed", files: { customCSS: { text: "body{}" } } },
        localizations: [{ locale: "es-ES", signInPageText: "Hola", files: badFiles }],
      })
      .catch((e) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(String(error.message)).toMatch(message);
    expect(String(error.message)).toContain("localizations.0.files.");
    expect(
      t.emu.control.monitor
        .requests()
        .slice(from)
        .filter((r) => r.service === "graph"),
    ).toEqual([]);
  });

  it("refuses text for an image and an empty spec", async () => {
    await expect(
      client.run(applyBrandingOperation, { default: { files: { bannerLogo: { text: "x" } } } }),
    ).rejects.toThrow(/text is for customCSS only/);
    await expect(client.run(applyBrandingOperation, {})).rejects.toBeInstanceOf(InvalidInputError);
  });

  it("needs OrganizationalBranding.ReadWrite.All to change anything", async () => {
    const reader = seededClient(t, "branding-reader", ["OrganizationalBranding.Read.All"]);
    const error = await reader
      .run(applyBrandingOperation, { default: { signInPageText: "Not allowed" } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect(error.requiredPermissions).toEqual(["OrganizationalBranding.ReadWrite.All"]);
  });
});
