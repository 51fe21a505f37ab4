import { beforeEach, describe, expect, it } from "vitest";
import type { SecretHash } from "../src/store/secrets.ts";
import { verifySecret } from "../src/store/secrets.ts";
import { customer, useGraphFixture } from "./helpers/graph.ts";

let seeded: number;

const { fx, g } = useGraphFixture();
beforeEach(async () => {
  seeded = fx.tenant.collection("users").size;
});

describe("POST /users", () => {
  it("creates a local customer account: 201 with the default property set and what it set, password kept as a hash", async () => {
    const r = await g.post("/users", customer("ana@example.com", { givenName: "Ana" }));
    expect(r.status).toBe(201);
    expect(r.body["@odata.context"]).toBe(`${fx.t.emu.graphUrl}/v1.0/$metadata#users/$entity`);
    expect(Object.keys(r.body).sort()).toEqual(
      [
        "@odata.context",
        "businessPhones",
        "displayName",
        "givenName",
        "id",
        "identities",
        "jobTitle",
        "mail",
        "mobilePhone",
        "officeLocation",
        "passwordPolicies",
        "preferredLanguage",
        "surname",
        "userPrincipalName",
      ].sort(),
    );
    expect(r.body.userPrincipalName).toBe(`${r.body.id}@contoso.onmicrosoft.com`);
    const stored = fx.tenant.collection("users").get(r.body.id);
    expect(stored?.creationType).toBe("LocalAccount");
    expect(stored?.passwordProfile).toEqual({
      password: null,
      forceChangePasswordNextSignIn: false,
      forceChangePasswordNextSignInWithMfa: null,
    });
    const hash = fx.tenant.collection("_userPasswords").get(r.body.id) as unknown as SecretHash;
    expect(verifySecret("Xy7!kq#Lm2", hash)).toBe(true);
    expect(JSON.stringify(fx.tenant.collection("users").get(r.body.id))).not.toContain("Xy7!kq#Lm2");
  });

  it.each([
    ["too short", "Ab1!x"],
    ["only two classes", "abcdefgh1234"],
    ["not in the allowed characters (Unicode)", "Señora!2345"],
    ["too long", `Aa1!${"x".repeat(253)}`],
  ])("refuses a password that is %s", async (_, password) => {
    const r = await g.post(
      "/users",
      customer("ana@example.com", { displayName: "Ana Lima", passwordProfile: { password } }),
    );
    expect(r.status).toBe(400);
    expect(r.error?.message).toMatch(/password complexity/);
    expect(fx.tenant.collection("users").size).toBe(seeded);
  });

  it("accepts a password holding the user's name: Entra's published policy has no such rule", async () => {
    const r = await g.post(
      "/users",
      customer("ana@example.com", {
        displayName: "Ana Lima",
        passwordProfile: { password: "Ana!2345xyzLima" },
      }),
    );
    expect(r.status).toBe(201);
  });

  it("accepts a weak password of 8+ characters when passwordPolicies has DisableStrongPassword", async () => {
    const r = await g.post(
      "/users",
      customer("ana@example.com", {
        passwordPolicies: "DisableStrongPassword",
        passwordProfile: { password: "abcdefgh" },
      }),
    );
    expect(r.status).toBe(201);
  });

  it.each([
    ["the same sign-in name", customer("ana@example.com"), "identities"],
    ["the same sign-in name in another case", customer("ANA@example.com"), "identities"],
    [
      "the same UPN",
      { ...customer("bob@example.com"), userPrincipalName: "ana@contoso.onmicrosoft.com" },
      "userPrincipalName",
    ],
  ])("refuses %s with ObjectConflict", async (_, body, target) => {
    await g.post("/users", {
      ...customer("ana@example.com"),
      userPrincipalName: "ana@contoso.onmicrosoft.com",
    });
    const r = await g.post("/users", body);
    expect(r.status).toBe(400);
    expect(r.error?.code).toBe("Request_BadRequest");
    expect(r.error?.details).toEqual([expect.objectContaining({ code: "ObjectConflict", target })]);
    expect(fx.tenant.collection("users").size).toBe(seeded + 1);
  });

  it.each([
    [
      "a read-only property",
      { ...customer("a@example.com"), createdDateTime: "2020-01-01T00:00:00Z" },
      /createdDateTime/,
    ],
    ["an unknown property", { ...customer("a@example.com"), shoeSize: 42 }, /shoeSize/],
    ["a wrong JSON type", { ...customer("a@example.com"), accountEnabled: "yes" }, /accountEnabled/],
    ["an invalid email sign-in name", customer("not-an-email"), /identities/],
    [
      "a UPN outside the tenant's domains",
      { ...customer("a@example.com"), userPrincipalName: "a@evil.com" },
      /domain portion/,
    ],
    [
      "a navigation binding the emulator does not model",
      { ...customer("a@example.com"), "manager@odata.bind": "https://graph.microsoft.com/v1.0/users/x" },
      /manager@odata.bind/,
    ],
    [
      "a local account issued by another domain",
      customer("a@example.com", {
        identities: [
          { signInType: "emailAddress", issuer: "evil.onmicrosoft.com", issuerAssignedId: "a@example.com" },
        ],
      }),
      /identities/,
    ],
    [
      "no password for a local account",
      { ...customer("a@example.com"), passwordProfile: null },
      /passwordProfile/,
    ],
  ])("refuses %s with 400 and creates nothing", async (_, body, message) => {
    const r = await g.post("/users", body);
    expect(r.status).toBe(400);
    expect(r.error?.message).toMatch(message);
    expect(fx.tenant.collection("users").size).toBe(seeded);
  });

  it("creates a social account without a password", async () => {
    const r = await g.post("/users", {
      displayName: "Gus",
      identities: [{ signInType: "federated", issuer: "google.com", issuerAssignedId: "109876" }],
    });
    expect(r.status).toBe(201);
  });

  it("writes a directory audit naming the caller and the target", async () => {
    const r = await g.post("/users", customer("ana@example.com"));
    const [entry] = [...fx.tenant.collection("directoryAudits").values()];
    expect(entry).toMatchObject({
      activityDisplayName: "Add user",
      category: "UserManagement",
      operationType: "Add",
      result: "success",
      initiatedBy: { app: { appId: fx.t.tenant.clientId }, user: null },
      targetResources: [{ id: r.body.id, type: "User" }],
    });
    expect(JSON.stringify(entry)).not.toContain("Xy7!kq#Lm2");
  });
});

describe("GET /users", () => {
  it("gets by id or by UPN, with extension attributes only when selected", async () => {
    const ext = "extension_6ea3bc85aec24b1c92ff4a117afb6621_LoyaltyTier";
    const created = await g.post("/users", customer("ana@example.com", { [ext]: "gold" }));
    const upn = created.body.userPrincipalName;
    const byUpn = await g.get(`/users/${encodeURIComponent(upn)}`);
    expect(byUpn.body.id).toBe(created.body.id);
    expect(byUpn.body[ext]).toBeUndefined();
    const selected = await g.get(`/users/${created.body.id}?$select=id,identities,${ext}`);
    expect(selected.body).toMatchObject({ id: created.body.id, [ext]: "gold" });
    expect(selected.body["@odata.context"]).toContain(`$metadata#users(id,identities,${ext})/$entity`);
    expect(selected.body.identities).toContainEqual({
      signInType: "emailAddress",
      issuer: "contoso.onmicrosoft.com",
      issuerAssignedId: "ana@example.com",
    });
    expect((await g.patch(`/users/${created.body.id}`, { [ext]: null })).status).toBe(204);
    expect((await g.get(`/users/${created.body.id}?$select=id,${ext}`)).body[ext]).toBeUndefined();
  });

  it("answers 404 Request_ResourceNotFound for an unknown user", async () => {
    const r = await g.get("/users/68be84bf-0000-4000-8000-000000000000");
    expect(r).toMatchObject({ status: 404, error: { code: "Request_ResourceNotFound" } });
  });

  it("finds a customer by sign-in name", async () => {
    await g.post("/users", customer("ana@example.com"));
    await g.post("/users", customer("bob@example.com"));
    const r = await g.get(
      "/users?$filter=identities/any(c:c/issuerAssignedId eq 'ana@example.com' and c/issuer eq 'contoso.onmicrosoft.com')&$select=displayName",
    );
    expect(r.body.value).toEqual([{ displayName: "ana" }]);
  });

  it("pages 100 by default and follows nextLinks across inserts without repeats or gaps", async () => {
    for (let i = 0; i < 150; i++) await g.post("/users", customer(`u${i}@example.com`));
    const first = await g.get("/users?$select=id");
    expect(first.body.value).toHaveLength(100);
    const next = first.body["@odata.nextLink"] as string;
    expect(next).toContain("$select=id");
    expect(next).toContain("$skiptoken=");
    await g.post("/users", customer("late@example.com"));
    const second = await g.get(next);
    expect(second.body.value).toHaveLength(seeded + 51);
    expect(second.body["@odata.nextLink"]).toBeUndefined();
    const ids = [...first.body.value, ...second.body.value].map((u: { id: string }) => u.id);
    expect(new Set(ids).size).toBe(seeded + 151);
  });

  it("neither repeats nor skips a record when the last one served is deleted between pages", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await g.post("/users", customer(`p${i}@example.com`))).body.id);
    const filter = "$filter=startswith(displayName,'p')&$select=id&$top=2";
    const first = await g.get(`/users?${filter}`);
    await g.del(`/users/${first.body.value[1].id}`);
    const second = await g.get(first.body["@odata.nextLink"]);
    const third = await g.get(second.body["@odata.nextLink"]);
    const seen = [...first.body.value, ...second.body.value, ...third.body.value].map(
      (u: { id: string }) => u.id,
    );
    expect(seen).toEqual(ids);
  });

  it("counts with ConsistencyLevel: eventual and refuses without it", async () => {
    await g.post("/users", customer("ana@example.com"));
    expect((await g.get("/users/$count", { ConsistencyLevel: "eventual" })).body).toBe(String(seeded + 1));
    expect((await g.get("/users/$count")).error?.code).toBe("Request_UnsupportedQuery");
    const counted = await g.get("/users?$count=true&$top=1", { ConsistencyLevel: "eventual" });
    expect(counted.body["@odata.count"]).toBe(seeded + 1);
  });
});

describe("PATCH and DELETE /users/{id}", () => {
  it("updates properties (204), checks a new password and records the change", async () => {
    const { body } = await g.post("/users", customer("ana@example.com"));
    expect((await g.patch(`/users/${body.id}`, { givenName: "Ana", city: "Lisbon" })).status).toBe(204);
    expect(fx.tenant.collection("users").get(body.id)).toMatchObject({ givenName: "Ana", city: "Lisbon" });
    const weak = await g.patch(`/users/${body.id}`, { passwordProfile: { password: "weak" } });
    expect(weak.status).toBe(400);
    const audits = [...fx.tenant.collection("directoryAudits").values()];
    expect(audits.at(-1)).toMatchObject({ activityDisplayName: "Update user" });
    const targets = (audits.at(-1)?.targetResources ?? []) as { modifiedProperties: unknown[] }[];
    expect(targets[0]?.modifiedProperties).toContainEqual({
      displayName: "city",
      oldValue: "null",
      newValue: '"Lisbon"',
    });
  });

  it("deletes (204), then 404; the sign-in name is free again", async () => {
    const { body } = await g.post("/users", customer("ana@example.com"));
    expect((await g.del(`/users/${body.id}`)).status).toBe(204);
    expect((await g.get(`/users/${body.id}`)).status).toBe(404);
    expect((await g.post("/users", customer("ana@example.com"))).status).toBe(201);
  });
});
