import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { jpeg, png } from "@ciamkit/emulator/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CiamClient } from "../src/client.ts";
import { createLocalizationOperation } from "../src/graph/branding/create-localization.ts";
import { deleteBrandingOperation } from "../src/graph/branding/delete-branding.ts";
import { deleteLocalizationOperation } from "../src/graph/branding/delete-localization.ts";
import { getBrandingOperation } from "../src/graph/branding/get-branding.ts";
import { getBrandingFileOperation } from "../src/graph/branding/get-branding-file.ts";
import { getLocalizationOperation } from "../src/graph/branding/get-localization.ts";
import { listLocalizationsOperation } from "../src/graph/branding/list-localizations.ts";
import { removeBrandingFileOperation } from "../src/graph/branding/remove-branding-file.ts";
import { setBrandingFileOperation } from "../src/graph/branding/set-branding-file.ts";
import { updateBrandingOperation } from "../src/graph/branding/update-branding.ts";
import { updateLocalizationOperation } from "../src/graph/branding/update-localization.ts";
import { ConflictError, NotFoundError, PermissionError, ValidationError } from "../src/http/errors.ts";
import type { OperationInput } from "../src/operations/define-operation.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import type { CoreEmulator } from "./helpers/emulator.ts";
import { startCoreEmulator } from "./helpers/emulator.ts";
import { limitedClient } from "./helpers/limited-app.ts";

let e: CoreEmulator;
let client: CiamClient;
const dir = mkdtempSync(join(tmpdir(), "ciamkit-branding-"));
beforeAll(async () => {
  e = await startCoreEmulator();
  client = e.client();
});
afterAll(() => e.stop());
beforeEach(() => e.emu.control.reset());

const b64 = (b: Buffer) => b.toString("base64");

describe("default branding", () => {
  it("is not found until set; update creates it and returns it; get shows a locale's merged view", async () => {
    await expect(client.run(getBrandingOperation, {})).rejects.toBeInstanceOf(NotFoundError);
    const updated = await client.run(updateBrandingOperation, {
      signInPageText: "Welcome to Contoso",
      backgroundColor: "#0A2540",
      loginPageLayoutConfiguration: { layoutTemplateType: "verticalSplit" },
    });
    expect(updated).toMatchObject({
      id: "0",
      signInPageText: "Welcome to Contoso",
      backgroundColor: "#0A2540",
    });
    await client.run(createLocalizationOperation, { locale: "fr-FR", signInPageText: "Bienvenue" });
    const fr = await client.run(getBrandingOperation, { locale: "fr-FR" });
    expect(fr).toMatchObject({ id: "fr-FR", signInPageText: "Bienvenue", backgroundColor: "#0A2540" });
  });

  it.each([
    ["a colour name", { backgroundColor: "navy" }],
    ["a 65-character username hint", { usernameHintText: "x".repeat(65) }],
    ["nothing to change", {}],
  ])("refuses %s before sending anything", async (_name, input) => {
    await expect(client.run(updateBrandingOperation, input)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(client.run(getBrandingOperation, {})).rejects.toBeInstanceOf(NotFoundError);
  });

  it("delete is refused while files are uploaded, and removes them first with removeFiles", async () => {
    await client.run(updateBrandingOperation, { signInPageText: "x" });
    await client.run(setBrandingFileOperation, { stream: "bannerLogo", contentBase64: b64(png(100, 30)) });
    await expect(client.run(deleteBrandingOperation, {})).rejects.toBeInstanceOf(ValidationError);
    expect(await client.run(deleteBrandingOperation, { removeFiles: true })).toEqual({
      deleted: true,
      removedFiles: ["bannerLogo"],
    });
    await expect(client.run(getBrandingOperation, {})).rejects.toBeInstanceOf(NotFoundError);
  });

  it("names the missing permission when the app may only read", async () => {
    await client.run(updateBrandingOperation, { signInPageText: "x" });
    const reader = (await limitedClient(e, client, ["OrganizationalBranding.Read.All"])).client;
    expect((await reader.run(getBrandingOperation, {})).signInPageText).toBe("x");
    const error = await reader
      .run(updateBrandingOperation, { signInPageText: "y" })
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).requiredPermissions).toEqual(["OrganizationalBranding.ReadWrite.All"]);
    await reader.close();
  });
});

describe("localizations", () => {
  it("create, list, get, update and delete; a second one for the same language conflicts", async () => {
    const created = await client.run(createLocalizationOperation, { locale: "de-DE", usernameHintText: " " });
    expect(created).toMatchObject({ id: "de-DE", usernameHintText: " " });
    await expect(client.run(createLocalizationOperation, { locale: "de-DE" })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await client.run(listLocalizationsOperation, {})).items.map((l) => l.id)).toEqual(["0", "de-DE"]);
    const updated = await client.run(updateLocalizationOperation, {
      locale: "de-DE",
      signInPageText: "Willkommen",
    });
    expect(updated.signInPageText).toBe("Willkommen");
    expect((await client.run(getLocalizationOperation, { locale: "de-DE" })).signInPageText).toBe(
      "Willkommen",
    );
    expect(await client.run(deleteLocalizationOperation, { locale: "de-DE" })).toEqual({
      deleted: true,
      locale: "de-DE",
    });
    await expect(client.run(getLocalizationOperation, { locale: "de-DE" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(client.run(createLocalizationOperation, { locale: "0" })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });
});

describe("images and CSS", () => {
  it("uploads from a file, base64 or CSS text, and downloads the same bytes", async () => {
    const logo = join(dir, "logo.png");
    writeFileSync(logo, png(240, 240));
    const square = await client.run(setBrandingFileOperation, { stream: "squareLogo", file: logo });
    expect(square).toMatchObject({
      stream: "squareLogo",
      locale: "0",
      contentType: "image/png",
      width: 240,
      height: 240,
    });
    expect(square.relativeUrl).toMatch(/\/logintenantbranding\/0\/tilelogo\?ts=\d+$/);
    await client.run(setBrandingFileOperation, { stream: "customCSS", text: ".ext-title { color: #123; }" });
    await client.run(createLocalizationOperation, { locale: "fr-FR" });
    const fr = await client.run(setBrandingFileOperation, {
      stream: "bannerLogo",
      locale: "fr-FR",
      contentBase64: b64(jpeg(245, 36)),
    });
    expect(fr).toMatchObject({ contentType: "image/jpeg", locale: "fr-FR" });

    const back = await client.run(getBrandingFileOperation, { stream: "squareLogo" });
    expect(back).toMatchObject({ found: true, contentType: "image/png" });
    expect(Buffer.from(back.contentBase64 as string, "base64").equals(png(240, 240))).toBe(true);
    const saved = join(dir, "css-back.css");
    expect(await client.run(getBrandingFileOperation, { stream: "customCSS", saveTo: saved })).toMatchObject({
      savedTo: saved,
    });
    expect(readFileSync(saved, "utf8")).toBe(".ext-title { color: #123; }");
    expect(await client.run(getBrandingFileOperation, { stream: "favicon" })).toEqual({
      stream: "favicon",
      locale: "0",
      found: false,
    });
    await client.run(removeBrandingFileOperation, { stream: "squareLogo" });
    expect((await client.run(getBrandingFileOperation, { stream: "squareLogo" })).found).toBe(false);
  });

  it("removing a file of a language that has no branding is not found", async () => {
    await expect(
      client.run(removeBrandingFileOperation, { stream: "bannerLogo", locale: "it-IT" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      client.run(getBrandingFileOperation, { stream: "bannerLogo", locale: "it-IT" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      client.run(updateLocalizationOperation, { locale: "it-IT", signInPageText: "Ciao" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.run(deleteLocalizationOperation, { locale: "it-IT" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it.each<[string, OperationInput<typeof setBrandingFileOperation>, string]>([
    ["a 246 px wide header logo", { stream: "headerLogo", contentBase64: b64(png(246, 36)) }, "246×36 px"],
    [
      "an 11 KB square logo",
      { stream: "squareLogo", contentBase64: b64(png(50, 50, 11 * 1024)) },
      "the maximum is 10240",
    ],
    [
      "a GIF as background",
      { stream: "backgroundImage", contentBase64: b64(Buffer.from("GIF89a0000000000000000000")) },
      "not a PNG or JPEG",
    ],
    ["CSS text for a logo", { stream: "bannerLogo", text: "body{}" }, "customCSS only"],
    ["a missing file", { stream: "bannerLogo", file: join(dir, "nope.png") }, "cannot read"],
    ["two sources", { stream: "bannerLogo", file: "a.png", contentBase64: "AAAA" }, "exactly one"],
  ])("refuses %s before anything is sent", async (_name, input, message) => {
    const error = await client.run(setBrandingFileOperation, input).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(String((error as Error).message)).toContain(message);
    await expect(client.run(getBrandingOperation, {})).rejects.toBeInstanceOf(NotFoundError);
  });
});
