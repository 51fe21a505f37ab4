import { describe, expect, it } from "vitest";
import { userFlowAttributeMapping } from "../src/graph/user-flow-attributes/user-flow-attribute-mapping.ts";

/** A custom attribute as Graph returns it (api-surface 3.1): derived type, id made from the extensions app. */
const custom = (extensionsAppId: string) => ({
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#identity/userFlowAttributes/$entity",
  "@odata.type": "#microsoft.graph.identityCustomUserFlowAttribute",
  id: `extension_${extensionsAppId}_LoyaltyTier`,
  displayName: "Loyalty Tier",
  description: "Your tier",
  userFlowAttributeType: "custom",
  dataType: "string",
});

describe("the user-flow attribute mapping", () => {
  it("reads Graph's attribute without its annotations and writes it back as the create body", () => {
    const attribute = userFlowAttributeMapping.fromGraph(custom("0a1b"));
    expect(attribute).toEqual({
      id: "extension_0a1b_LoyaltyTier",
      displayName: "Loyalty Tier",
      description: "Your tier",
      dataType: "string",
      userFlowAttributeType: "custom",
    });
    expect(
      userFlowAttributeMapping.toGraphCreate({
        displayName: attribute.displayName ?? "",
        dataType: attribute.dataType,
        description: attribute.description ?? undefined,
      }),
    ).toEqual({ displayName: "Loyalty Tier", description: "Your tier", dataType: "string" });
  });

  it("leaves an absent description out of the create body and clears one with null", () => {
    expect(userFlowAttributeMapping.toGraphCreate({ displayName: "Tier", dataType: "int64" })).toEqual({
      displayName: "Tier",
      dataType: "int64",
    });
    expect(userFlowAttributeMapping.toGraphPatch({ description: null })).toEqual({ description: null });
  });

  it("keys a custom attribute by its name, the same in any tenant, and a built-in one by its id", () => {
    const here = userFlowAttributeMapping.fromGraph(custom("0a1b"));
    const there = userFlowAttributeMapping.fromGraph(custom("9f8e"));
    expect(here.id).not.toBe(there.id);
    expect(userFlowAttributeMapping.naturalKey(here)).toBe(userFlowAttributeMapping.naturalKey(there));
    expect(userFlowAttributeMapping.naturalKey(here)).toBe("loyalty tier");
    const builtIn = userFlowAttributeMapping.fromGraph({
      "@odata.type": "#microsoft.graph.identityBuiltInUserFlowAttribute",
      id: "displayName",
      displayName: "Display Name",
      userFlowAttributeType: "builtIn",
      dataType: "string",
    });
    expect(userFlowAttributeMapping.naturalKey(builtIn)).toBe("displayname");
  });
});
