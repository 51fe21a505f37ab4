import { describe, expect, it } from "vitest";
import { hashSecret, Store, type StoreChange, verifySecret } from "../src/index.ts";

const contoso = {
  id: "11111111-1111-1111-1111-111111111111",
  kind: "external" as const,
  displayName: "Contoso",
  subdomain: "contoso",
  defaultDomain: "contoso.onmicrosoft.com",
  createdDateTime: "2026-01-01T00:00:00Z",
};

describe("Store", () => {
  it("finds a tenant by id, default domain or subdomain, case-insensitively", () => {
    const store = new Store();
    store.putTenant(contoso);
    expect(store.tenant(contoso.id.toUpperCase())?.info.displayName).toBe("Contoso");
    expect(store.tenant("CONTOSO.onmicrosoft.com")?.info.id).toBe(contoso.id);
    expect(store.tenant("contoso")?.info.id).toBe(contoso.id);
    expect(store.tenant("fabrikam")).toBeUndefined();
  });

  it("reports every change in order, and replaying them rebuilds the same state", () => {
    const store = new Store();
    const changes: StoreChange[] = [];
    store.onChange((c) => changes.push(c));
    const users = store.putTenant(contoso).collection("users");
    users.put("u1", { id: "u1", displayName: "Ana" });
    users.put("u2", { id: "u2", displayName: "Bo" });
    users.put("u1", { id: "u1", displayName: "Ana Lima" });
    expect(users.delete("u2")).toBe(true);
    expect(users.delete("u2")).toBe(false);
    expect(changes.map((c) => c.op)).toEqual(["putTenant", "put", "put", "put", "delete"]);

    const replica = new Store();
    for (const c of changes) replica.apply(c);
    const replayed = replica.tenant(contoso.id)?.collection("users");
    expect([...(replayed?.values() ?? [])]).toEqual([{ id: "u1", displayName: "Ana Lima" }]);
  });
});

describe("secrets", () => {
  it("verifies the right secret only, and never stores it in clear", () => {
    const stored = hashSecret("s3cret~value");
    expect(JSON.stringify(stored)).not.toContain("s3cret");
    expect(verifySecret("s3cret~value", stored)).toBe(true);
    expect(verifySecret("s3cret~valuE", stored)).toBe(false);
    expect(hashSecret("s3cret~value").hash).not.toBe(stored.hash);
  });
});
