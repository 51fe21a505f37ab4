import { describe, expect, it } from "vitest";
import { createUserFlowAttributeOperation } from "../src/graph/user-flow-attributes/create-user-flow-attribute.ts";
import { createUserOperation } from "../src/graph/users/create-user.ts";
import { getUserOperation } from "../src/graph/users/get-user.ts";
import { updateUserOperation } from "../src/graph/users/update-user.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";

const { client: admin } = useCoreEmulator();

let attributes: Promise<{ loyalty: string; points: string }> | undefined;
/** The tenant's custom attributes, created once ("Loyalty Number" as a string, "Points" as an int64). */
function customAttributes() {
  attributes ??= (async () => ({
    loyalty: (
      await admin.run(createUserFlowAttributeOperation, { displayName: "Loyalty Number", dataType: "string" })
    ).id,
    points: (await admin.run(createUserFlowAttributeOperation, { displayName: "Points", dataType: "int64" }))
      .id,
  }))();
  return attributes;
}

describe("user_update profile fields and custom attributes", () => {
  it("sets custom attributes by short name (spaces dropped or kept) with other profile fields", async () => {
    const { loyalty, points } = await customAttributes();
    expect(loyalty).toMatch(/^extension_[0-9a-f]{32}_LoyaltyNumber$/);
    const user = await admin.run(createUserOperation, {
      displayName: "Ada",
      signInName: "ada.attr@example.com",
    });
    const updated = await admin.run(updateUserOperation, {
      id: user.id,
      postalCode: "75001",
      mobilePhone: "+33 600000000",
      attributes: { LoyaltyNumber: "LN-42", points: 7 },
    });
    // postalCode is not among Graph's default user properties: read it back by name.
    expect(updated).toMatchObject({ mobilePhone: "+33 600000000", [loyalty]: "LN-42", [points]: 7 });
    expect(
      (await admin.run(getUserOperation, { id: user.id, select: ["id", "postalCode"] })).postalCode,
    ).toBe("75001");
    await admin.run(updateUserOperation, { id: user.id, attributes: { "Loyalty Number": null } });
    const read = await admin.run(getUserOperation, { id: user.id, select: ["id", loyalty, points] });
    expect(read[loyalty] ?? null).toBeNull();
    expect(read[points]).toBe(7);
  });

  it("an unknown attribute or a value of the wrong type changes nothing and names the tenant's attributes", async () => {
    await customAttributes();
    const user = await admin.run(createUserOperation, {
      displayName: "Bo",
      signInName: "bo.attr@example.com",
    });
    const unknown = await admin
      .run(updateUserOperation, { id: user.id, city: "Lyon", attributes: { Loyalty: "x" } })
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(InvalidInputError);
    expect((unknown as Error).message).toContain("Loyalty is not a custom attribute of the tenant");
    expect((unknown as Error).message).toContain("LoyaltyNumber");
    const wrongType = await admin
      .run(updateUserOperation, { id: user.id, city: "Lyon", attributes: { Points: "many" } })
      .catch((e: unknown) => e);
    expect(wrongType).toBeInstanceOf(InvalidInputError);
    expect((wrongType as Error).message).toContain("Points holds int64, not string");
    expect((await admin.run(getUserOperation, { id: user.id })).city ?? null).toBeNull();
  });
});
