import { beforeEach, describe, expect, test } from "vitest";
import { b2cDemoConnection } from "../src/seed/b2c-seed.ts";
import { jpeg, png } from "../src/testing/images.ts";
import { resetWithToken, useTestEmulator } from "./helpers/emulator.ts";
import { appWith, call, type Reply, tokenFor } from "./helpers/graph-calls.ts";

const t = useTestEmulator({ throttling: false });
let token: string;
let org: string;
beforeEach(async () => {
  token = await resetWithToken(t);
  org = t.tenant.tenantId;
});

const g = (method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply> =>
  call(t, token, method, `/v1.0/organization/${org}/branding${path}`, body, headers);
const put = (path: string, bytes: Buffer | string, type: string) =>
  g("PUT", path, bytes, { "content-type": type });

describe("default branding", () => {
  test("404 until it exists; PATCH creates it (204) and GET answers with Accept-Language 0 or default", async () => {
    expect((await g("GET", "", undefined, { "accept-language": "0" })).status).toBe(404);
    expect((await g("PATCH", "", { signInPageText: "Welcome", backgroundColor: "#0A2540" })).status).toBe(
      204,
    );
    for (const lang of ["0", "default", "*"]) {
      const r = await g("GET", "", undefined, { "accept-language": lang });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        id: "0",
        signInPageText: "Welcome",
        backgroundColor: "#0A2540",
        cdnList: [],
      });
      expect(r.body["@odata.context"]).toMatch(/\$metadata#branding$/);
      expect(r.body).not.toHaveProperty("bannerLogo");
    }
  });

  test.each([
    ["a stream property", { bannerLogo: "AAAA" }, "stream"],
    ["a read-only property", { bannerLogoRelativeUrl: "x" }, "read-only"],
    ["an unknown property", { nope: 1 }, "Invalid property"],
    ["usernameHintText over 64 characters", { usernameHintText: "x".repeat(65) }, "maximum is 64"],
    ["signInPageText over 1024 characters", { signInPageText: "x".repeat(1025) }, "maximum is 1024"],
    ["a colour that is not hex", { backgroundColor: "navy" }, "hex colour"],
    ["a wrong layout enum type", { loginPageLayoutConfiguration: { isHeaderShown: "yes" } }, "isHeaderShown"],
  ])("PATCH with %s is 400 and changes nothing", async (_name, body, message) => {
    await g("PATCH", "", { customTermsOfUseText: "Before" });
    const r = await g("PATCH", "", { customTermsOfUseText: "After", ...body });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain(message);
    expect((await g("GET", "")).body.customTermsOfUseText).toBe("Before");
  });

  test("PATCH refuses a body that is not JSON (415)", async () => {
    const r = await g("PATCH", "", "signInPageText=x", { "content-type": "text/plain" });
    expect(r.status).toBe(415);
  });

  test("contentCustomization is accepted in an external tenant and refused in a B2C tenant", async () => {
    const body = { contentCustomization: { attributeCollection: [{ key: "Email", value: "Courriel" }] } };
    expect((await g("PATCH", "", body)).status).toBe(204);
    expect((await g("GET", "")).body.contentCustomization).toMatchObject({
      attributeCollection: [{ key: "Email", value: "Courriel" }],
    });
    const b2c = b2cDemoConnection(t.emu.store, t.emu.loginUrl);
    if (b2c === undefined) throw new Error("no B2C tenant");
    const b2cToken = await tokenFor(t, b2c.tenantId, b2c.clientId, b2c.clientSecret);
    const r = await call(t, b2cToken, "PATCH", `/v1.0/organization/${b2c.tenantId}/branding`, body);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain("external tenants");
  });

  test("another organization's id is 404", async () => {
    const r = await call(t, token, "GET", "/v1.0/organization/00000000-0000-4000-8000-000000000000/branding");
    expect(r.status).toBe(404);
  });
});

describe("localizations", () => {
  test("creating one creates the default; GET /branding with its locale inherits unset values from the default", async () => {
    const created = await g("POST", "/localizations", {
      id: "fr-FR",
      signInPageText: "Bienvenue",
      usernameHintText: " ",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: "fr-FR",
      signInPageText: "Bienvenue",
      cdnList: [],
      bannerLogoRelativeUrl: null,
    });
    expect((await g("GET", "", undefined, { "accept-language": "0" })).status).toBe(200);
    await g("PATCH", "", { usernameHintText: "you@example.com", customTermsOfUseText: "Terms" });
    const fr = await g("GET", "", undefined, { "accept-language": "fr-FR,fr;q=0.9" });
    expect(fr.body).toMatchObject({
      id: "fr-FR",
      signInPageText: "Bienvenue",
      usernameHintText: " ",
      customTermsOfUseText: "Terms",
    });
    const own = await g("GET", "/localizations/fr-FR");
    expect(own.body).toMatchObject({ id: "fr-FR", customTermsOfUseText: null });
    const unknown = await g("GET", "", undefined, { "accept-language": "de-DE" });
    expect(unknown.body).toMatchObject({ id: "0", usernameHintText: "you@example.com" });
  });

  test("list (default first), update, delete; a second one for the same locale is 409", async () => {
    await g("POST", "/localizations", { id: "fr-FR" });
    await g("POST", "/localizations", { id: "de-DE" });
    expect((await g("POST", "/localizations", { id: "fr-fr" })).status).toBe(409);
    const list = await g("GET", "/localizations");
    expect(list.body.value.map((l: { id: string }) => l.id)).toEqual(["0", "de-DE", "fr-FR"]);
    expect((await g("PATCH", "/localizations/de-DE", { signInPageText: "Willkommen" })).status).toBe(204);
    expect((await g("GET", "/localizations/de-DE")).body.signInPageText).toBe("Willkommen");
    // The localization pages' examples: each localization carries its @odata.type, and one property
    // reads alone as { value }.
    expect(list.body.value[1]["@odata.type"]).toBe("#microsoft.graph.organizationalBrandingLocalization");
    expect((await g("GET", "/localizations/de-DE")).body["@odata.type"]).toBe(
      "#microsoft.graph.organizationalBrandingLocalization",
    );
    const text = await g("GET", "/localizations/de-DE/signInPageText");
    expect(text.status).toBe(200);
    expect(text.body.value).toBe("Willkommen");
    expect(text.body["@odata.context"]).toMatch(/branding\/localizations\('de-DE'\)\/signInPageText$/);
    expect((await g("GET", "/localizations/de-DE/noSuchThing")).status).toBe(400);
    expect((await g("DELETE", "/localizations/de-DE")).status).toBe(204);
    expect((await g("GET", "/localizations/de-DE")).status).toBe(404);
    expect((await g("PATCH", "/localizations/de-DE", { signInPageText: "x" })).status).toBe(404);
  });

  test.each([["0"], ["default"], ["not a culture"], [""]])("a localization id of %j is 400", async (id) => {
    const r = await g("POST", "/localizations", { id });
    expect(r.status).toBe(400);
    expect((await g("GET", "/localizations")).body.value).toEqual([]);
  });
});

describe("image and CSS streams", () => {
  test.each([
    ["bannerLogo", png(245, 36), "image/png"],
    ["headerLogo", jpeg(200, 30), "image/jpeg"],
    ["squareLogo", png(240, 240), "image/*"],
    ["squareLogoDark", jpeg(120, 120), "image/jpeg"],
    ["backgroundImage", jpeg(1920, 1080), "image/jpeg"],
    ["favicon", Buffer.from("0000010001002020000001002000a81000001600000000", "hex"), "image/x-icon"],
    ["customCSS", ".ext-sign-in-box { color: #123456; }", "text/css"],
  ])("PUT %s (204) sets its relative URL and GET returns the bytes", async (stream, bytes, type) => {
    const r = await put(`/localizations/0/${stream}`, bytes, type);
    expect(r.status).toBe(204);
    const b = await g("GET", "");
    expect(b.body[`${stream}RelativeUrl`]).toMatch(/^[0-9a-f-]{36}\/logintenantbranding\/0\/[a-z]+\?ts=\d+$/);
    expect(b.body.cdnList.length).toBeGreaterThan(0);
    const back = await g("GET", `/localizations/0/${stream}`);
    expect(back.status).toBe(200);
    expect(back.bytes.equals(Buffer.from(bytes))).toBe(true);
    const selected = await g("GET", `?$select=${stream}`);
    expect(Buffer.from(selected.body[stream], "base64").equals(Buffer.from(bytes))).toBe(true);
  });

  test.each([
    ["headerLogo wider than 245 px", "headerLogo", png(246, 36), "image/png", 400, "245×36"],
    ["bannerLogo taller than 36 px", "bannerLogo", jpeg(100, 37), "image/jpeg", 400, "245×36"],
    ["squareLogo larger than 240×240", "squareLogo", png(241, 10), "image/png", 400, "240×240"],
    ["squareLogo over 10 KB", "squareLogo", png(100, 100, 11 * 1024), "image/png", 400, "10240 bytes"],
    ["backgroundImage over 1920×1080", "backgroundImage", jpeg(1921, 1080), "image/jpeg", 400, "1920×1080"],
    ["a JPEG sent as PNG", "bannerLogo", jpeg(10, 10), "image/png", 400, "bytes are JPEG"],
    ["bytes that are no image", "squareLogo", Buffer.from("GIF89a....."), "image/*", 400, "PNG OR JPEG"],
    [
      "an ICO as a logo",
      "squareLogo",
      Buffer.from("0000010001002020000001002000a81000001600000000", "hex"),
      "image/x-icon",
      400,
      "PNG OR JPEG",
    ],
    ["CSS sent as an image", "customCSS", "body{}", "image/png", 415, "text/css"],
    ["CSS over 25 KB", "customCSS", `/*${"x".repeat(25 * 1024)}*/`, "text/css", 400, "25600 bytes"],
    ["an image as text/plain", "bannerLogo", png(10, 10), "text/plain", 415, "image/png"],
  ])("%s is refused and nothing is stored", async (_name, stream, bytes, type, status, message) => {
    const r = await put(`/localizations/0/${stream}`, bytes, type);
    expect(r.status).toBe(status);
    expect(r.body.error.message).toContain(message);
    expect((await g("GET", `/localizations/0/${stream}`)).body).toEqual({});
    expect((await g("GET", "")).body[`${stream}RelativeUrl`]).toBeNull();
  });

  test("streams of a localization, the legacy path on the default, and an unknown stream name", async () => {
    expect((await put("/localizations/fr-FR/bannerLogo", png(10, 10), "image/png")).status).toBe(404);
    await g("POST", "/localizations", { id: "fr-FR" });
    expect((await put("/localizations/fr-FR/bannerLogo", png(10, 10), "image/png")).status).toBe(204);
    expect((await g("GET", "/localizations/fr-FR")).body.bannerLogoRelativeUrl).toContain(
      "/logintenantbranding/fr-FR/bannerlogo",
    );
    expect((await g("GET", "/localizations/0")).body.bannerLogoRelativeUrl).toBeNull();
    expect((await put("/bannerLogo", png(20, 20), "image/png")).status).toBe(204);
    expect((await g("GET", "/bannerLogo")).bytes.equals(png(20, 20))).toBe(true);
    expect((await put("/localizations/0/wallpaper", png(20, 20), "image/png")).status).toBe(400);
  });

  test("a logo travels base64-encoded inside $batch, and comes back the same way", async () => {
    const logo = png(30, 30);
    const base = `/organization/${org}/branding/localizations/0/squareLogo`;
    const r = await call(t, token, "POST", "/v1.0/$batch", {
      requests: [
        {
          id: "1",
          method: "PUT",
          url: base,
          headers: { "content-type": "image/png" },
          body: logo.toString("base64"),
        },
        { id: "2", dependsOn: ["1"], method: "GET", url: base },
      ],
    });
    const byId = Object.fromEntries(r.body.responses.map((x: { id: string }) => [x.id, x]));
    expect(byId["1"].status).toBe(204);
    expect(byId["2"].status).toBe(200);
    expect(Buffer.from(byId["2"].body, "base64").equals(logo)).toBe(true);
  });

  test("the default branding can be deleted only after its streams are removed", async () => {
    await put("/localizations/0/squareLogo", png(50, 50), "image/png");
    const refused = await g("DELETE", "");
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain("squareLogo");
    expect((await g("DELETE", "/localizations/0/squareLogo")).status).toBe(204);
    expect((await g("GET", "")).body.squareLogoRelativeUrl).toBeNull();
    expect((await g("DELETE", "")).status).toBe(204);
    expect((await g("GET", "")).status).toBe(404);
  });
});

describe("permissions and audit", () => {
  test("Read.All reads but cannot write; no permission cannot read", async () => {
    await g("PATCH", "", { signInPageText: "x" });
    const reader = await appWith(t, token, ["OrganizationalBranding.Read.All"]);
    const none = await appWith(t, token, []);
    const path = `/v1.0/organization/${org}/branding`;
    expect((await call(t, reader.token, "GET", path)).status).toBe(200);
    const denied = await call(t, reader.token, "PATCH", path, { signInPageText: "y" });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe("Authorization_RequestDenied");
    expect(
      (
        await call(t, reader.token, "PUT", `${path}/localizations/0/bannerLogo`, png(5, 5), {
          "content-type": "image/png",
        })
      ).status,
    ).toBe(403);
    expect((await call(t, none.token, "GET", path)).status).toBe(403);
    expect((await g("GET", "")).body.signInPageText).toBe("x");
  });

  test("changes are audited without the file contents", async () => {
    await g("PATCH", "", { signInPageText: "Audited" });
    await put("/localizations/0/bannerLogo", png(10, 10), "image/png");
    const audits = await call(t, token, "GET", "/v1.0/auditLogs/directoryAudits");
    const names = audits.body.value.map((a: { activityDisplayName: string }) => a.activityDisplayName);
    expect(names).toContain("Add company branding");
    expect(names).toContain("Update company branding");
    expect(JSON.stringify(audits.body)).not.toContain(png(10, 10).toString("base64"));
  });
});
