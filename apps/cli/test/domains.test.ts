// `ciam domain …` as a subprocess: add a custom URL domain, publish its TXT record, verify, delete.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ciam, cmd, json, requireBuilt, startTenant, type TestTenant } from "./harness.ts";

let t: TestTenant;
beforeAll(async () => {
  requireBuilt();
  t = await startTenant();
}, 60_000);
afterAll(async () => t?.close());

interface Domain {
  id: string;
  isVerified: boolean;
  txtRecord?: { name: string; text: string; ttl: number };
}

describe("ciam domain", () => {
  it("add prints the TXT record; verify fails naming it (exit 6) until DNS has it; delete asks unless --yes", async () => {
    const added = await ciam(cmd`domain add --name login.contoso.example -o json`, t.env);
    expect(added.status).toBe(0);
    const text = json<Domain>(added).txtRecord?.text ?? "";
    expect(text).toMatch(/^MS=ms\d{8}$/);
    const early = await ciam(cmd`domain verify --name login.contoso.example`, t.env);
    expect(early.status).toBe(6);
    expect(early.stderr).toContain(`TXT record at login.contoso.example with the value ${text}`);
    t.emulator.control.publishDnsTxt("login.contoso.example", [text]);
    const verified = await ciam(cmd`domain verify --name login.contoso.example -o json`, t.env);
    expect(json<Domain>(verified)).toMatchObject({ id: "login.contoso.example", isVerified: true });
    const unconfirmed = await ciam(cmd`domain delete --name login.contoso.example`, t.env);
    expect(unconfirmed.status).toBe(2);
    expect((await ciam(cmd`domain delete --name login.contoso.example --yes`, t.env)).status).toBe(0);
    // Every list prints as a bare array (issue 18: one list shape).
    const list = json<Domain[]>(await ciam(cmd`domain list -o json`, t.env));
    expect(list.map((d) => d.id)).toEqual(["contoso.onmicrosoft.com"]);
  });

  it("a name that is not a domain is a usage error and sends nothing", async () => {
    const before = t.requests();
    const bad = await ciam(cmd`domain add --name ${"not a domain"}`, t.env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("login.contoso.com");
    expect(t.requests()).toBe(before);
  });
});
