import { describe, expect, it } from "vitest";
import {
  attributes,
  CAST,
  FLOWS,
  flowBody,
  GOOGLE,
  idps,
  useFlowEmulator,
  withAttributes,
} from "./helpers/user-flows.ts";

/**
 * What the CIAM sets gained by being declared with defineEntitySet (ADR 0011): the created object's
 * `Location`, the derived type's cast segments with the cast in `@odata.context`, and the collection
 * context of a flow's navigation lists as the reference pages show it.
 */
const { t, g } = useFlowEmulator();
const metadata = () => `${t.emu.graphUrl}/v1.0/$metadata#`;

describe("declared CIAM entity sets", () => {
  it("answers a create with the Location of the created provider and flow", async () => {
    const facebook = { ...GOOGLE, displayName: "Facebook", identityProviderType: "Facebook" };
    const provider = await g.post("/v1.0/identity/identityProviders", facebook);
    expect(provider.status).toBe(201);
    expect(provider.headers.get("location")).toBe(
      `${t.emu.graphUrl}/v1.0/identity/identityProviders/${provider.body.id}`,
    );
    expect(provider.body.clientSecret).not.toBe(GOOGLE.clientSecret);
    const flow = await g.post(FLOWS, flowBody("Located flow"));
    expect(flow.status).toBe(201);
    expect(flow.headers.get("location")).toBe(`${t.emu.graphUrl}${FLOWS}/${flow.body.id}`);
    const read = await g.get(new URL(flow.headers.get("location") ?? "").pathname);
    expect(read.body.displayName).toBe("Located flow");
  });

  it("lists and gets flows through the derived type's cast, with the cast in @odata.context", async () => {
    const flow = await g.post(FLOWS, flowBody("Cast flow"));
    const list = await g.get(`${FLOWS}/${CAST}?$filter=displayName eq 'Cast flow'`);
    expect(list.status).toBe(200);
    expect(list.body["@odata.context"]).toBe(`${metadata()}identity/authenticationEventsFlows/${CAST}`);
    expect(list.body.value.map((f: { id: string }) => f.id)).toEqual([flow.body.id]);
    const one = await g.get(`${FLOWS}/${flow.body.id}/${CAST}`);
    expect(one.status).toBe(200);
    expect(one.body["@odata.context"]).toBe(
      `${metadata()}identity/authenticationEventsFlows/${CAST}/$entity`,
    );
    expect(one.body.id).toBe(flow.body.id);
  });

  it("checks the type casts inside $filter on the cast list too", async () => {
    const bad = await g.get(`${FLOWS}/${CAST}?$filter=microsoft.graph.user/displayName eq 'x'`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/Invalid type cast 'microsoft\.graph\.user'/);
  });

  it("answers a 404 for an unknown flow through its cast", async () => {
    const r = await g.get(`${FLOWS}/00000000-0000-0000-0000-000000000001/${CAST}`);
    expect(r.status).toBe(404);
  });

  it("names a flow's providers and attributes as collections in @odata.context", async () => {
    const flow = await g.post(FLOWS, flowBody("Context flow", withAttributes));
    const providers = await g.get(idps(flow.body.id));
    expect(providers.body["@odata.context"]).toBe(
      `${metadata()}Collection(microsoft.graph.identityProviderBase)`,
    );
    const attrs = await g.get(attributes(flow.body.id));
    expect(attrs.body["@odata.context"]).toBe(
      `${metadata()}Collection(microsoft.graph.identityUserFlowAttribute)`,
    );
    expect(attrs.body.value.map((a: { id: string }) => a.id)).toEqual(["email", "displayName"]);
  });

  it("audits changes made through a flow's navigation as updates of the flow", async () => {
    const flow = await g.post(FLOWS, flowBody("Audited flow", withAttributes));
    const r = await g.post(`${attributes(flow.body.id)}/$ref`, {
      "@odata.id": "https://graph.microsoft.com/v1.0/identity/userFlowAttributes/city",
    });
    expect(r.status).toBe(204);
    const audits = await g.get(
      `/v1.0/auditLogs/directoryAudits?$filter=activityDisplayName eq 'Update authentication events flow'`,
    );
    const entry = audits.body.value.find(
      (a: { targetResources: { id: string }[] }) => a.targetResources[0]?.id === flow.body.id,
    );
    expect(entry).toMatchObject({ category: "Policy", operationType: "Update" });
    expect(
      entry.targetResources[0].modifiedProperties.map((p: { displayName: string }) => p.displayName),
    ).toEqual(["onAttributeCollection"]);
  });
});
