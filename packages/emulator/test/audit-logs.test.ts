import { afterEach, describe, expect, it, vi } from "vitest";
import { newSignIn } from "../src/graph/entities/sign-in.ts";
import { customer, useGraphFixture } from "./helpers/graph.ts";

const { fx, g } = useGraphFixture();
afterEach(() => {
  vi.useRealTimers();
});

describe("auditLogs/directoryAudits", () => {
  it("lists every change newest first, filters and orders as Graph allows", async () => {
    const { body: user } = await g.post("/users", customer("ana@example.com"));
    fx.tick(60_000);
    await g.patch(`/users/${user.id}`, { city: "Porto" });
    fx.tick(60_000);
    await g.del(`/users/${user.id}`);
    const all = await g.get("/auditLogs/directoryAudits");
    expect(all.body["@odata.context"]).toBe(`${fx.t.emu.graphUrl}/v1.0/$metadata#auditLogs/directoryAudits`);
    expect(all.body.value.map((e: { activityDisplayName: string }) => e.activityDisplayName)).toEqual([
      "Delete user",
      "Update user",
      "Add user",
    ]);
    const asc = await g.get("/auditLogs/directoryAudits?$orderby=activityDateTime asc&$top=1");
    expect(asc.body.value[0].activityDisplayName).toBe("Add user");
    expect(asc.body["@odata.nextLink"]).toContain("$skiptoken=");
    const [deleted, updated, added] = all.body.value.map(
      (e: { activityDateTime: string }) => e.activityDateTime,
    );
    expect(Date.parse(deleted) - Date.parse(updated)).toBe(60_000);
    const cases: [string, number][] = [
      [`activityDateTime ge ${updated}`, 2],
      [`activityDateTime le ${added}`, 1],
      ["category eq 'UserManagement'", 3],
      ["startswith(activityDisplayName,'Update')", 1],
      [`initiatedBy/app/appId eq '${fx.t.tenant.clientId}'`, 3],
      [`targetResources/any(t:t/id eq '${user.id}')`, 3],
    ];
    for (const [filter, n] of cases) {
      expect(
        (await g.get(`/auditLogs/directoryAudits?$filter=${encodeURIComponent(filter)}`)).body.value,
        filter,
      ).toHaveLength(n);
    }
    const one = await g.get(`/auditLogs/directoryAudits/${all.body.value[0].id}`);
    expect(one.body.id).toBe(all.body.value[0].id);
  });

  it.each([
    ["operationType eq 'Add'", "Request_UnsupportedQuery"],
    ["endswith(activityDisplayName,'user')", "Request_UnsupportedQuery"],
    ["not (category eq 'x')", "Request_UnsupportedQuery"],
  ])("refuses %s", async (filter, code) => {
    expect(
      (await g.get(`/auditLogs/directoryAudits?$filter=${encodeURIComponent(filter)}`)).error?.code,
    ).toBe(code);
  });

  it("refuses $count and $skip on audit logs", async () => {
    expect((await g.get("/auditLogs/directoryAudits?$count=true")).status).toBe(400);
    expect((await g.get("/auditLogs/directoryAudits?$skip=1")).status).toBe(400);
  });
});

describe("auditLogs/signIns", () => {
  it("serves sign-ins newest first with Graph's filters", async () => {
    const signIns = fx.tenant.collection("signIns");
    // Later than the sign-ins the token service records for this test run, so they come first.
    const base = Date.parse("2030-01-01T09:00:00Z");
    for (const [i, app] of ["ciam-admin", "Graph Explorer", "ciam-admin"].entries()) {
      const s = newSignIn(
        {
          appId: `0000000${i}-0000-4000-8000-000000000000`,
          appDisplayName: app,
          tenantId: fx.tenant.info.id,
          userId: i === 1 ? "u-1" : null,
        },
        new Date(base + i * 60_000),
        `s${i}`,
      );
      signIns.put(s.id as string, s);
    }
    const all = await g.get("/auditLogs/signIns");
    expect(all.body.value.slice(0, 3).map((s: { id: string }) => s.id)).toEqual(["s2", "s1", "s0"]);
    const cases: [string, string[]][] = [
      ["startswith(appDisplayName,'Graph')", ["s1"]],
      ["createdDateTime ge 2030-01-01T09:01:00Z", ["s2", "s1"]],
      ["userId eq 'u-1'", ["s1"]],
      ["appId eq '00000000-0000-4000-8000-000000000000'", ["s0"]],
    ];
    for (const [filter, ids] of cases) {
      const r = await g.get(`/auditLogs/signIns?$filter=${encodeURIComponent(filter)}`);
      expect(
        r.body.value.map((s: { id: string }) => s.id),
        filter,
      ).toEqual(ids);
    }
    expect((await g.get("/auditLogs/signIns?$top=1001")).error?.message).toBe(
      "Invalid page size specified: '1001'. Must be between 1 and 1000 inclusive.",
    );
    expect((await g.get("/auditLogs/signIns/s1")).body.appDisplayName).toBe("Graph Explorer");
  });
});

describe("organization", () => {
  it("lists the tenant's organization and updates the writable fields with an audit", async () => {
    const admin = await fx.as(["Organization.ReadWrite.All"], "org-admin");
    const list = await g.get("/organization");
    expect(list.body.value).toHaveLength(1);
    expect(list.body.value[0]).toMatchObject({
      id: fx.tenant.info.id,
      tenantType: "CIAM",
      verifiedDomains: [{ name: "contoso.onmicrosoft.com", isDefault: true }],
    });
    const id = fx.tenant.info.id;
    expect(
      (await admin.patch(`/organization/${id}`, { technicalNotificationMails: ["ops@contoso.example"] }))
        .status,
    ).toBe(204);
    expect(
      (await g.get(`/organization/${id}?$select=technicalNotificationMails`)).body.technicalNotificationMails,
    ).toEqual(["ops@contoso.example"]);
    expect((await admin.patch(`/organization/${id}`, { displayName: "Evil" })).status).toBe(400);
    const audits = [...fx.tenant.collection("directoryAudits").values()].filter(
      (a) => a.category === "DirectoryManagement",
    );
    expect(audits.map((a) => a.activityDisplayName)).toEqual(["Update company settings"]);
  });
});
