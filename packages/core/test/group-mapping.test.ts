import { describe, expect, it } from "vitest";
import { groupMapping, memberFromGraph } from "../src/graph/groups/group-mapping.ts";

/** The properties ciamkit returns of a security group. */
const group = {
  id: "3f2e1d0c-0000-4000-8000-00000000c003",
  displayName: "Gold customers",
  description: null,
  mailNickname: "Gold-customers",
  mailEnabled: false,
  securityEnabled: true,
  groupTypes: [],
  createdDateTime: "2026-01-02T03:04:05Z",
};

/** The group as Graph returns it: annotated, with properties ciamkit does not return. */
const graphGroup = {
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#groups/$entity",
  ...group,
  visibility: null,
  proxyAddresses: [],
};

describe("the group mapping", () => {
  it("reads a group's own properties and writes it back as a security group's create body", () => {
    const read = groupMapping.fromGraph(graphGroup);
    expect(read).toEqual(group);
    // No nickname given: it is derived from the name, as Graph stored it.
    const { id: _id, description: _none, createdDateTime: _created, ...body } = group;
    expect(groupMapping.toGraphCreate({ displayName: read.displayName ?? "" })).toEqual(body);
  });

  it("derives a nickname Graph accepts from any name, and keeps a given one", () => {
    expect(groupMapping.toGraphCreate({ displayName: "Gold: (VIP) clients." }).mailNickname).toBe(
      "Gold-VIP-clients",
    );
    expect(groupMapping.toGraphCreate({ displayName: "x", mailNickname: "given" }).mailNickname).toBe(
      "given",
    );
    expect(groupMapping.toGraphCreate({ displayName: "（）" }).mailNickname).toMatch(/^group-\d+$/);
  });

  it("patches only the given fields, null clearing the description", () => {
    expect(groupMapping.toGraphPatch({ description: null, displayName: undefined })).toEqual({
      description: null,
    });
  });

  it("reads a member's type from its @odata.type and keys a group by its name", () => {
    const member = memberFromGraph({ id: "u", "@odata.type": "#microsoft.graph.user", displayName: "Ann" });
    expect(member).toMatchObject({ id: "u", type: "user", displayName: "Ann" });
    expect(memberFromGraph({ id: "d" }).type).toBe("directoryObject");
    expect(groupMapping.naturalKey(groupMapping.fromGraph(graphGroup))).toBe(
      groupMapping.naturalKey({ id: "elsewhere", displayName: "GOLD CUSTOMERS" }),
    );
  });
});
