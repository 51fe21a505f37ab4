import { describe, expect, it } from "vitest";
import { listDirectoryAuditsOperation } from "../src/graph/audit-logs/list-directory-audits.ts";
import { listSignInsOperation } from "../src/graph/audit-logs/list-sign-ins.ts";
import { getOrganizationOperation } from "../src/graph/organization/get-organization.ts";
import { createUserOperation } from "../src/graph/users/create-user.ts";
import { ConnectionError, PermissionError, ThrottledError } from "../src/http/errors.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";
import { limitedClient } from "./helpers/limited-app.ts";

const { t, client: admin } = useCoreEmulator({ clearFaults: true });

describe("organization and audit logs against the emulator", () => {
  it("gets the organization of the external tenant", async () => {
    const org = await admin.run(getOrganizationOperation, {});
    expect(org).toMatchObject({ id: t.tenant.tenantId, displayName: "Contoso" });
    expect(org.verifiedDomains?.find((d) => d.isDefault)?.name).toBe("contoso.onmicrosoft.com");
  });

  it("lists the directory audit of a change, filtered by time range and category", async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const user = await admin.run(createUserOperation, {
      displayName: "Audited",
      signInName: "audited@example.com",
    });
    const audits = await admin.run(listDirectoryAuditsOperation, {
      since,
      category: "UserManagement",
      limit: 50,
    });
    const record = audits.items.find((a) => a.targetResources?.some((r) => r.id === user.id));
    expect(record).toMatchObject({ category: "UserManagement", result: "success" });
    expect(record?.initiatedBy?.app?.appId).toBe(t.tenant.clientId);
    const none = await admin.run(listDirectoryAuditsOperation, { until: "2000-01-01T00:00:00Z", limit: 5 });
    expect(none.items).toEqual([]);
  });

  it("lists sign-ins, filtered by app and time", async () => {
    const result = await admin.run(listSignInsOperation, { since: "2000-01-01", limit: 20 });
    for (const s of result.items)
      expect(Date.parse(s.createdDateTime as string)).toBeGreaterThan(Date.parse("2000-01-01"));
    const byApp = await admin.run(listSignInsOperation, {
      appId: "11111111-1111-4111-8111-111111111111",
      limit: 5,
    });
    expect(byApp.items).toEqual([]);
  });

  it("refuses an inverted time range before any request", async () => {
    await expect(
      admin.run(listDirectoryAuditsOperation, {
        since: "2026-02-01T00:00:00Z",
        until: "2026-01-01T00:00:00Z",
      }),
    ).rejects.toBeInstanceOf(InvalidInputError);
  });

  it.each([["yesterday"], ["2026-11-27 08:00"], ["2026-11-27T08:00:00"]])(
    "refuses since=%j naming the accepted spellings",
    async (since) => {
      const error = await admin.run(listDirectoryAuditsOperation, { since }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).issues).toEqual([
        "since: expected an ISO 8601 date (2026-11-27) or date-time with offset (2026-11-27T08:00:00Z)",
      ]);
    },
  );

  it("reading logs needs AuditLog.Read.All", async () => {
    const { client } = await limitedClient(t, admin, ["User.Read.All"]);
    const error = await client.run(listSignInsOperation, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as Error).message).toContain("AuditLog.Read.All");
    await client.close();
  });

  it("throttled: the reports budget per app+tenant is waited out; without retries it is a ThrottledError", async () => {
    // Identity and access reports have their own budget per app+tenant (api-surface 11.6).
    // The impatient client gets its token first (outside the reports budget), so its call lands in the window.
    const impatient = t.client({ retry: { maxRetries: 0 } });
    await impatient.run(getOrganizationOperation, {});
    await t.control("PUT", "/throttling", {
      enabled: true,
      timeScale: 10,
      limits: { reportsAppTenantRequests: 1 },
    });
    await admin.run(listSignInsOperation, { limit: 1 });
    expect((await admin.run(listDirectoryAuditsOperation, { limit: 1 })).items).toHaveLength(1);
    await expect(impatient.run(listSignInsOperation, { limit: 1 })).rejects.toBeInstanceOf(ThrottledError);
  });

  it("a dropped connection on a log read is retried (without retries it is a ConnectionError)", async () => {
    await t.control("PUT", "/faults", {
      rules: [
        {
          method: "GET",
          path: "/auditLogs/directoryAudits",
          fault: { kind: "drop", when: "before" },
          times: 2,
        },
      ],
    });
    const impatient = t.client({ retry: { maxRetries: 0 } });
    await expect(impatient.run(listDirectoryAuditsOperation, { limit: 1 })).rejects.toBeInstanceOf(
      ConnectionError,
    );
    expect((await admin.run(listDirectoryAuditsOperation, { limit: 1 })).items).toHaveLength(1);
  });
});
