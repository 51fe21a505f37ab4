import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestEmulator } from "./helpers/emulator.ts";
import { type GraphCaller, startWithReader } from "./helpers/graph-https.ts";

let t: TestEmulator;
let g: GraphCaller;
let reader: GraphCaller;
beforeAll(async () => {
  ({ t, g, reader } = await startWithReader("domain reader", ["Domain.Read.All"]));
});
afterAll(() => t.emu.stop());

const PATH = "/v1.0/domains";

describe("/domains", () => {
  it("lists the initial onmicrosoft domain, verified and default", async () => {
    const r = await reader.get(PATH);
    expect(r.status).toBe(200);
    expect(r.body.value).toEqual([
      expect.objectContaining({
        id: "contoso.onmicrosoft.com",
        isInitial: true,
        isDefault: true,
        isVerified: true,
      }),
    ]);
  });

  it("adds a domain, serves its TXT record, refuses to verify until DNS has it, then verifies once", async () => {
    const added = await g.post(PATH, { id: "login.contoso.example" });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ id: "login.contoso.example", isVerified: false, isInitial: false });
    const records = await reader.get(`${PATH}/login.contoso.example/verificationDnsRecords`);
    const txt = records.body.value.find((r: { recordType: string }) => r.recordType === "Txt");
    expect(txt).toMatchObject({
      "@odata.type": "#microsoft.graph.domainDnsTxtRecord",
      label: "login.contoso.example",
      text: expect.stringMatching(/^MS=ms\d{8}$/),
    });
    const early = await g.post(`${PATH}/login.contoso.example/verify`, {});
    expect(early.status).toBe(400);
    expect(early.body.error.message).toContain(txt.text);
    t.emu.control.publishDnsTxt("login.contoso.example", ["v=spf1 -all"]);
    expect((await g.post(`${PATH}/login.contoso.example/verify`, {})).status).toBe(400);
    t.emu.control.publishDnsTxt("login.contoso.example", [txt.text]);
    const verified = await g.post(`${PATH}/Login.Contoso.Example/verify`, {});
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ id: "login.contoso.example", isVerified: true });
    const again = await g.post(`${PATH}/login.contoso.example/verify`, {});
    expect(again.body.error.message).toContain("already verified");
    const org = await g.get("/v1.0/organization");
    expect(org.body.value[0].verifiedDomains.map((d: { name: string }) => d.name)).toContain(
      "login.contoso.example",
    );
    expect((await g.del(`${PATH}/login.contoso.example`)).status).toBe(204);
    expect((await g.get(`${PATH}/login.contoso.example`)).status).toBe(404);
  });

  it("refuses a bad name, a duplicate, an onmicrosoft name; the initial domain and a domain in use stay", async () => {
    expect((await g.post(PATH, { id: "not a domain" })).status).toBe(400);
    expect((await g.post(PATH, { id: "x.onmicrosoft.com" })).status).toBe(400);
    expect((await g.post(PATH, { id: "shop.example", isDefault: true })).status).toBe(400);
    expect((await g.post(PATH, { id: "shop.example" })).status).toBe(201);
    const twice = await g.post(PATH, { id: "SHOP.example" });
    expect(twice.body.error.details[0].code).toBe("ObjectConflict");
    const initial = await g.del(`${PATH}/contoso.onmicrosoft.com`);
    expect(initial.status).toBe(400);
    expect(initial.body.error.message).toContain("initial domain");
    t.emu.control.publishDnsTxt("shop.example");
    expect((await g.post(`${PATH}/shop.example/verify`, {})).status).toBe(200);
    // A workforce-style account signing in as …@shop.example (the emulator's user creation accepts the
    // default domain only), written to the store as a sign-in name the domain is referenced by.
    t.emu.store.tenant(t.tenant.tenantId)?.collection("users").put("0c1d3e57-7a4b-4f33-9d47-5b2f1c0d9e11", {
      id: "0c1d3e57-7a4b-4f33-9d47-5b2f1c0d9e11",
      displayName: "Shop Admin",
      userPrincipalName: "admin@shop.example",
    });
    const used = await g.del(`${PATH}/shop.example`);
    expect(used.status).toBe(400);
    expect(used.body.error.message).toContain("in use");
    expect((await g.get(`${PATH}/shop.example`)).status).toBe(200);
  });

  it("the control API publishes and removes a name's TXT records; a bad request changes nothing", async () => {
    expect((await g.post(PATH, { id: "api.contoso.example" })).status).toBe(201);
    const dns = (path: string, body: unknown) => t.control("POST", `/dns/${path}`, body);
    expect((await dns("publish", { name: "api.contoso.example", values: ["MS=ms00000000"] })).status).toBe(
      204,
    );
    expect((await dns("publish", { name: "" })).status).toBe(400);
    expect((await g.post(`${PATH}/api.contoso.example/verify`, {})).status).toBe(400);
    expect((await dns("publish", { name: "api.contoso.example" })).status).toBe(204);
    expect((await dns("unpublish", { name: "api.contoso.example" })).status).toBe(204);
    expect((await g.post(`${PATH}/api.contoso.example/verify`, {})).status).toBe(400);
    expect((await dns("publish", { name: "api.contoso.example" })).status).toBe(204);
    expect((await g.post(`${PATH}/api.contoso.example/verify`, {})).status).toBe(200);
  });

  it("a caller with Domain.Read.All reads but cannot add, verify or delete", async () => {
    expect((await reader.post(PATH, { id: "reader.example" })).status).toBe(403);
    expect((await reader.post(`${PATH}/contoso.onmicrosoft.com/verify`, {})).status).toBe(403);
    expect((await reader.del(`${PATH}/contoso.onmicrosoft.com`)).status).toBe(403);
    expect((await reader.get(`${PATH}/nowhere.example`)).status).toBe(404);
  });
});
