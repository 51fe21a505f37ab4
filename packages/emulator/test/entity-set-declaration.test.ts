import { describe, expect, it } from "vitest";
import { defineEntitySet } from "../src/graph/entity-set/define-entity-set.ts";
import { COLLECTIONS } from "../src/store/collection-names.ts";
import { useGraphFixture } from "./helpers/graph.ts";

const { g } = useGraphFixture();

const spec = {
  entitySet: "widgets",
  type: "directoryAudit",
  directory: false,
  page: { default: 100, max: 999 },
  filter: { resource: "Widget", type: "directoryAudit", directory: false, properties: {} },
};

describe("defineEntitySet declarations", () => {
  it("refuses at load a set that changes records without declaring its audit", () => {
    expect(() =>
      defineEntitySet({
        name: "widgets",
        collection: COLLECTIONS.directoryAudits,
        type: "directoryAudit",
        spec,
        directory: false,
        read: { permissions: ["AuditLog.Read.All"] },
        remove: { permissions: ["AuditLog.Read.All"] },
      }),
    ).toThrow(/declares its audit/);
  });

  it("serves a read-only set (the audit logs) without write routes", async () => {
    const list = await g.get("/auditLogs/directoryAudits");
    expect(list.status).toBe(200);
    const write = await g.post("/auditLogs/directoryAudits", { activityDisplayName: "forged" });
    expect(write.status).toBe(405);
    const missing = await g.get("/auditLogs/signIns/not-a-sign-in");
    expect(missing.status).toBe(404);
  });
});
