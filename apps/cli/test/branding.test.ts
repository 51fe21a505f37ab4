// `ciam branding …` as a subprocess: texts and colours, localizations, and files given and saved by path.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appEnv, ciam, json, png, requireBuilt, startTenant, type TestTenant } from "./harness.ts";

let t: TestTenant;
let cwd: string;
beforeAll(async () => {
  requireBuilt();
  t = await startTenant();
  cwd = t.bare.HOME ?? "";
  writeFileSync(join(cwd, "logo.png"), png(200, 30));
  writeFileSync(join(cwd, "square.png"), png(100, 100));
  writeFileSync(join(cwd, "huge.png"), png(400, 400));
});
afterAll(async () => t?.close());

/** `ciam branding <verb> …` run from the sandbox directory, so relative paths are the user's. */
const branding = (verb: string, ...args: string[]) =>
  ciam(["branding", verb, ...args], t.env, "", undefined, cwd);

describe("ciam branding", () => {
  it("update and get the default branding; get with a locale sees the localization over it", async () => {
    const updated = await branding(
      "update",
      "--background-color",
      "#102030",
      "--sign-in-page-text",
      "Welcome to Contoso",
      "-o",
      "json",
    );
    expect(updated.stderr).toBe("");
    expect(updated.status).toBe(0);
    expect(json(await branding("get", "-o", "json"))).toMatchObject({
      backgroundColor: "#102030",
      signInPageText: "Welcome to Contoso",
    });

    const created = await branding(
      "localization-create",
      "--locale",
      "fr-FR",
      "--sign-in-page-text",
      "Bienvenue",
    );
    expect(created.status).toBe(0);
    // Not a paged list (Graph returns every localization at once): the ids through --query.
    const ids = json<string[]>(await branding("localization-list", "--query", "[].id", "-o", "json"));
    expect(ids).toContain("fr-FR");
    expect(
      (await branding("localization-update", "--locale", "fr-FR", "--username-hint-text", "courriel")).status,
    ).toBe(0);
    expect(json(await branding("localization-get", "--locale", "fr-FR", "-o", "json"))).toMatchObject({
      signInPageText: "Bienvenue",
      usernameHintText: "courriel",
    });
    expect(json(await branding("get", "--locale", "fr-FR", "-o", "json"))).toMatchObject({
      signInPageText: "Bienvenue",
      backgroundColor: "#102030",
    });
  });

  it("uploads a logo from a relative path and saves the download to a path, byte for byte", async () => {
    const set = await branding("image-set", "--stream", "bannerLogo", "--file", "logo.png", "-o", "json");
    expect(set.stderr).toBe("");
    expect(set.status).toBe(0);
    expect(json(set)).toMatchObject({
      stream: "bannerLogo",
      contentType: "image/png",
      width: 200,
      height: 30,
    });
    const got = await branding(
      "image-get",
      "--stream",
      "bannerLogo",
      "--save-to",
      "downloaded.png",
      "-o",
      "json",
    );
    expect(got.status).toBe(0);
    expect(json(got)).toMatchObject({ found: true, savedTo: "downloaded.png" });
    expect(readFileSync(join(cwd, "downloaded.png")).equals(readFileSync(join(cwd, "logo.png")))).toBe(true);
  });

  it("takes @path for a base64 field (the generic rule), and custom CSS as text", async () => {
    const set = await branding(
      "image-set",
      "--stream",
      "squareLogo",
      "--content-base64",
      "@square.png",
      "-o",
      "json",
    );
    expect(set.status).toBe(0);
    expect(json(set)).toMatchObject({ width: 100, height: 100 });
    const back = json<{ contentBase64: string }>(
      await branding("image-get", "--stream", "squareLogo", "-o", "json"),
    );
    // A table on a terminal shows the size, not kilobytes of base64 (the binary marker).
    const table = await branding("image-get", "--stream", "squareLogo", "-o", "table");
    expect(table.stdout).toContain(
      `(${readFileSync(join(cwd, "square.png")).length} bytes: --save-to <file>`,
    );
    expect(table.stdout).not.toContain(back.contentBase64.slice(0, 40));
    expect(Buffer.from(back.contentBase64, "base64").equals(readFileSync(join(cwd, "square.png")))).toBe(
      true,
    );
    const css = await branding("image-set", "--stream", "customCSS", "--text", ".ext-header { color: red }");
    expect(css.status).toBe(0);
  });

  it("refuses an unreadable @path or an oversized image before any request", async () => {
    const before = t.requests();
    const missing = await branding("image-set", "--stream", "squareLogo", "--content-base64", "@nope.png");
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read nope\.png \(ENOENT\)/);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    const huge = await branding("image-set", "--stream", "squareLogo", "--file", "huge.png");
    expect(huge.status).toBe(2);
    expect(huge.stderr).toMatch(/240/);
    expect(t.requests()).toBe(before);
  });

  it("image-delete and localization-delete refuse without --yes, then remove with it", async () => {
    const refused = await branding("image-delete", "--stream", "bannerLogo");
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/pass --yes/);
    expect((await branding("image-delete", "--stream", "bannerLogo", "--yes")).status).toBe(0);
    const after = await branding("image-get", "--stream", "bannerLogo", "-o", "json");
    expect(json(after)).toMatchObject({ found: false });
    expect((await branding("localization-delete", "--locale", "fr-FR", "--yes")).status).toBe(0);
    expect((await branding("localization-get", "--locale", "fr-FR")).status).toBe(5);
  });

  it("an app without the branding permission gets exit 4 naming it", async () => {
    const { env } = await appEnv(t, "No branding", ["Organization.Read.All"]);
    const run = await ciam(["branding", "update", "--sign-in-page-text", "hacked"], env);
    expect(run.status).toBe(4);
    expect(run.stderr).toContain("OrganizationalBranding.ReadWrite.All");
    expect(json(await branding("get", "-o", "json"))).toMatchObject({ signInPageText: "Welcome to Contoso" });
  });
});
