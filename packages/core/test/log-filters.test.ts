import { describe, expect, it } from "vitest";
import { clientSecretCredential } from "../src/auth/client-secret.ts";
import { createApplicationOperation } from "../src/graph/applications/create-application.ts";
import { listDirectoryAuditsOperation } from "../src/graph/audit-logs/list-directory-audits.ts";
import { listSignInsOperation } from "../src/graph/audit-logs/list-sign-ins.ts";
import { createGroupOperation } from "../src/graph/groups/create-group.ts";
import { AuthenticationError } from "../src/http/errors.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";
import { limitedClient } from "./helpers/limited-app.ts";

const { t, client: admin } = useCoreEmulator();

describe("log filters, as Graph's $filter", () => {
  it("sign-ins by status, error code and app display name", async () => {
    // A success (the limited app's token) and a failure (the same app with a wrong secret).
    const { client: reader, appId } = await limitedClient(t, admin, ["AuditLog.Read.All"]);
    await reader.run(listSignInsOperation, { limit: 1 });
    const wrong = t.client({
      credential: clientSecretCredential({
        tenantId: t.tenant.tenantId,
        clientId: appId,
        clientSecret: "not-the-secret",
        cloud: t.cloud,
      }),
    });
    await expect(wrong.run(listSignInsOperation, { limit: 1 })).rejects.toBeInstanceOf(AuthenticationError);
    const app = (await admin.run(listSignInsOperation, { appId, limit: 10 })).items[0]?.appDisplayName ?? "";
    expect(app).toMatch(/^limited AuditLog.Read.All/);

    const mine = await admin.run(listSignInsOperation, { app, limit: 10 });
    expect(mine.items.map((s) => s.status?.errorCode === 0).sort()).toEqual([false, true]);
    const failed = await admin.run(listSignInsOperation, { app, status: "failure", limit: 10 });
    expect(failed.items).toHaveLength(1);
    const code = failed.items[0]?.status?.errorCode as number;
    expect(code).toBeGreaterThan(0);
    expect((await admin.run(listSignInsOperation, { app, errorCode: code, limit: 10 })).items).toEqual(
      failed.items,
    );
    const succeeded = await admin.run(listSignInsOperation, { app, status: "success", limit: 10 });
    expect(succeeded.items.map((s) => s.status?.errorCode)).toEqual([0]);
    // Every failure of the tenant, and no sign-in of an app named with a quote in it.
    const failures = await admin.run(listSignInsOperation, { status: "failure", limit: 100 });
    expect(failures.items.every((s) => s.status?.errorCode !== 0)).toBe(true);
    expect((await admin.run(listSignInsOperation, { app: "O'Brien's app", limit: 5 })).items).toEqual([]);
  });

  it("an error code with status success is refused before any request", async () => {
    const error = await admin
      .run(listSignInsOperation, { status: "success", errorCode: 50126 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toContain("errorCode names a failure");
  });

  it("directory audits by initiator (app name or user UPN) and by target display name", async () => {
    const { client: writer } = await limitedClient(t, admin, ["Group.ReadWrite.All"]);
    const group = await writer.run(createGroupOperation, { displayName: "Audit's target" });
    await admin.run(createApplicationOperation, { displayName: "Audit bystander" });
    const byTarget = await admin.run(listDirectoryAuditsOperation, { target: "Audit's target", limit: 10 });
    expect(byTarget.items.map((a) => a.activityDisplayName)).toEqual(["Add group"]);
    expect(byTarget.items[0]?.targetResources?.[0]?.id).toBe(group.id);
    const writerName = byTarget.items[0]?.initiatedBy?.app?.displayName ?? "";
    expect(writerName).toMatch(/^limited Group.ReadWrite.All/);

    const byWriter = await admin.run(listDirectoryAuditsOperation, { initiatedBy: writerName, limit: 10 });
    expect(byWriter.items.map((a) => a.targetResources?.[0]?.displayName)).toEqual(["Audit's target"]);
    const byUser = await admin.run(listDirectoryAuditsOperation, {
      initiatedBy: "nobody@example.com",
      limit: 10,
    });
    expect(byUser.items).toEqual([]);
  });
});
