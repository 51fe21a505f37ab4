import { readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { jpeg, png } from "@ciamkit/emulator/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CiamClient } from "../src/client.ts";
import { applyPlan } from "../src/config/apply-plan.ts";
import { configExportOperation } from "../src/config/config-export-operation.ts";
import { exportTenant } from "../src/config/export-tenant.ts";
import { loadSpecDir } from "../src/config/load-spec.ts";
import { planTenant } from "../src/config/plan-tenant.ts";
import { SpecError } from "../src/config/spec-error.ts";
import { writeSpecFiles } from "../src/config/spec-files.ts";
import { applyBrandingOperation } from "../src/graph/branding/apply-branding.ts";
import { tempDir } from "./helpers/bulk-files.ts";
import { type CoreEmulator, startCoreEmulator } from "./helpers/emulator.ts";

let a: CoreEmulator;
let b: CoreEmulator;
let clientA: CiamClient;
let clientB: CiamClient;
// Spec folders of the tests, removed after them.
const cleanups: (() => void)[] = [];
const specDir = () => {
  const made = tempDir();
  cleanups.push(made.cleanup);
  return made.dir;
};
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
const CSS = "body { color: #0A2540; }\n";

beforeAll(async () => {
  [a, b] = await Promise.all([startCoreEmulator(), startCoreEmulator()]);
  clientA = a.client();
  clientB = b.client();
  // Tenant A's branding, images and CSS set through the branding area (not through tenant as code).
  await clientA.run(applyBrandingOperation, {
    default: {
      backgroundColor: "#0A2540",
      files: {
        backgroundImage: { contentBase64: b64(jpeg(1920, 1080)) },
        bannerLogo: { contentBase64: b64(png(245, 36)) },
        squareLogo: { contentBase64: b64(png(240, 240)) },
        squareLogoDark: { contentBase64: b64(png(200, 200)) },
        favicon: { contentBase64: b64(png(32, 32)) },
        headerLogo: { contentBase64: b64(png(200, 30)) },
        customCSS: { text: CSS },
      },
    },
    localizations: [
      {
        locale: "fr-FR",
        signInPageText: "Bienvenue",
        files: { bannerLogo: { contentBase64: b64(png(240, 30)) } },
      },
    ],
  });
});
afterAll(async () => {
  await Promise.all([a.stop(), b.stop()]);
  for (const cleanup of cleanups) cleanup();
});

const sorted = (files: Record<string, string | Uint8Array>) =>
  Object.fromEntries(
    Object.entries(files)
      .sort(([x], [y]) => (x < y ? -1 : 1))
      .map(([k, v]) => [k, typeof v === "string" ? v : Buffer.from(v).toString("base64")]),
  );

describe("branding images and CSS as files beside branding.yaml", () => {
  it("round-trips A's images to an empty B: export, plan, apply, empty plan, byte-identical export", async () => {
    const exported = await exportTenant(clientA, { kinds: ["branding"] });
    expect(Object.keys(exported.files).sort()).toEqual([
      "branding.yaml",
      "branding/default/backgroundImage.jpg",
      "branding/default/bannerLogo.png",
      "branding/default/customCSS.css",
      "branding/default/favicon.png",
      "branding/default/headerLogo.png",
      "branding/default/squareLogo.png",
      "branding/default/squareLogoDark.png",
      "branding/fr-FR/bannerLogo.png",
    ]);
    expect(exported.spec.branding?.["fr-FR"]?.files).toEqual({ bannerLogo: "branding/fr-FR/bannerLogo.png" });
    const dir = specDir();
    writeSpecFiles(dir, exported.spec, exported.files as Record<string, Uint8Array>);
    expect(readdirSync(join(dir, "branding", "default")).length).toBe(7);
    expect(readFileSync(join(dir, "branding", "default", "customCSS.css"), "utf8")).toBe(CSS);
    expect(readFileSync(join(dir, "branding.yaml"), "utf8")).toContain(
      "  files:\n    backgroundImage: branding/default/backgroundImage.jpg\n",
    );

    const loaded = loadSpecDir(dir);
    const plan = await planTenant(clientB, loaded.spec, { locate: loaded.locate, files: loaded.files });
    const created = plan.changes.map(
      (c) => `${c.action} ${c.name}: ${c.fields.map((f) => f.field).join(", ")}`,
    );
    expect(created).toEqual([
      "create default: backgroundColor, files.backgroundImage, files.bannerLogo, files.customCSS, files.favicon, files.headerLogo, files.squareLogo, files.squareLogoDark",
      "create fr-FR: signInPageText, files.bannerLogo",
    ]);
    // A file is shown by size and hash, never by its bytes.
    expect(plan.changes[1]?.fields[1]?.after).toMatch(/^\d+ bytes, sha256 [0-9a-f]{32}$/);
    await applyPlan(clientB, plan);
    const again = await planTenant(clientB, loaded.spec, { files: loaded.files });
    expect(again.changes).toEqual([]);
    const exportedB = await exportTenant(clientB, { kinds: ["branding"] });
    expect(sorted(exportedB.files)).toEqual(sorted(exported.files));
  });

  it("plans a changed image as its size and hash, uploads it, and with --prune removes the images the spec lacks", async () => {
    const { spec, files } = await exportTenant(clientB, { kinds: ["branding"] });
    const logo = png(100, 20);
    const changed = { ...(files as Record<string, Uint8Array>), "branding/fr-FR/bannerLogo.png": logo };
    const plan = await planTenant(clientB, spec, { files: changed });
    expect(plan.changes).toEqual([
      {
        action: "update",
        kind: "branding",
        name: "fr-FR",
        id: "fr-FR",
        fields: [
          {
            field: "files.bannerLogo",
            before: expect.stringMatching(/ bytes, sha256 /),
            after: expect.stringMatching(new RegExp(`^${logo.length} bytes, sha256 `)),
          },
        ],
      },
    ]);
    // Without --prune, an image the spec leaves out is not managed.
    const { favicon: _, ...rest } = spec.branding?.default?.files ?? {};
    const fewer = { branding: { ...spec.branding, default: { ...spec.branding?.default, files: rest } } };
    expect((await planTenant(clientB, fewer, { files: changed })).changes.map((c) => c.name)).toEqual([
      "fr-FR",
    ]);
    await applyPlan(clientB, await planTenant(clientB, fewer, { files: changed }));
    const pruned = await planTenant(clientB, fewer, { files: changed, prune: true });
    expect(pruned.changes).toEqual([
      {
        action: "update",
        kind: "branding",
        name: "default",
        id: "0",
        fields: [{ field: "files.favicon", before: expect.stringMatching(/ bytes, sha256 /) }],
      },
    ]);
    await applyPlan(clientB, pruned);
    const after = await exportTenant(clientB, { kinds: ["branding"] });
    expect(after.files["branding/default/favicon.png"]).toBeUndefined();
    expect(Buffer.from(after.files["branding/fr-FR/bannerLogo.png"] as Uint8Array)).toEqual(logo);
  });

  it("refuses a path outside the spec folder, a missing file and a bad image with file and line, before any request", async () => {
    const dir = specDir();
    writeFileSync(
      join(dir, "branding.yaml"),
      [
        "default:",
        "  files:",
        "    bannerLogo: ../logo.png",
        "    favicon: /etc/passwd",
        "fr-FR:",
        "  files:",
        "    bannerLogo: branding/missing.png",
        "",
      ].join("\n"),
    );
    expect(() => loadSpecDir(dir)).toThrow(SpecError);
    const error = (() => {
      try {
        loadSpecDir(dir);
      } catch (e) {
        return e as SpecError;
      }
    })();
    const where = join(dir, "branding.yaml");
    expect(error?.message).toContain(
      `${where}:3:17: branding.default.files.bannerLogo: a path inside the spec folder`,
    );
    expect(error?.message).toContain(
      `${where}:4:14: branding.default.files.favicon: a path inside the spec folder`,
    );
    writeFileSync(join(dir, "branding.yaml"), "fr-FR:\n  files:\n    bannerLogo: branding/missing.png\n");
    expect(() => loadSpecDir(dir)).toThrow(
      `${where}:3:17: branding.fr-FR.files.bannerLogo: branding/missing.png: cannot read it (ENOENT)`,
    );
    writeFileSync(join(dir, "logo.png"), png(400, 400));
    writeFileSync(join(dir, "branding.yaml"), "default:\n  files:\n    bannerLogo: logo.png\n");
    const loaded = loadSpecDir(dir);
    const before = b.emu.control.monitor.requests().length;
    await expect(
      planTenant(clientB, loaded.spec, { locate: loaded.locate, files: loaded.files }),
    ).rejects.toThrow(
      `${where}:3:17: branding.default.files.bannerLogo: logo.png: 400×400 px, the maximum is 245×36 px`,
    );
    // Inline (library, MCP): a path the files do not hold.
    await expect(
      planTenant(clientB, { branding: { default: { files: { favicon: "favicon.png" } } } }, { files: {} }),
    ).rejects.toThrow("branding.default.files.favicon: favicon.png: no such file in the spec folder");
    expect(b.emu.control.monitor.requests().length).toBe(before);
  });

  it("refuses a link that leads out of the spec folder, naming the file and line", () => {
    const outside = specDir();
    writeFileSync(join(outside, "secret.png"), png(10, 10));
    const dir = specDir();
    symlinkSync(join(outside, "secret.png"), join(dir, "logo.png"));
    writeFileSync(join(dir, "branding.yaml"), "default:\n  files:\n    bannerLogo: logo.png\n");
    expect(() => loadSpecDir(dir)).toThrow(
      `${join(dir, "branding.yaml")}:3:17: branding.default.files.bannerLogo: logo.png: cannot read it (outside the spec folder)`,
    );
  });

  it("an inline export over 1 MiB of files is refused with what to do; into a folder it is written", async () => {
    const background = b64(png(1920, 1080, 290 * 1024));
    await clientA.run(applyBrandingOperation, {
      localizations: ["de-DE", "es-ES", "it-IT", "nl-NL"].map((locale) => ({
        locale,
        files: { backgroundImage: { contentBase64: background } },
      })),
    });
    await expect(clientA.run(configExportOperation, { kinds: ["branding"] })).rejects.toThrow(
      /The branding files total \d+ bytes, more than the 1048576 an inline export carries; export into a folder with the CLI \(ciam config export <dir>\)/,
    );
    const dir = specDir();
    const { written } = await clientA.run(configExportOperation, { kinds: ["branding"], dir });
    expect(written).toContain(join(dir, "branding", "nl-NL", "backgroundImage.png"));
  });
});
