import { describe, expect, it } from "vitest";
import { createUserFlowAttributeOperation } from "../src/graph/user-flow-attributes/create-user-flow-attribute.ts";
import { deleteUserFlowAttributeOperation } from "../src/graph/user-flow-attributes/delete-user-flow-attribute.ts";
import { getUserFlowAttributeOperation } from "../src/graph/user-flow-attributes/get-user-flow-attribute.ts";
import { listUserFlowAttributesOperation } from "../src/graph/user-flow-attributes/list-user-flow-attributes.ts";
import { updateUserFlowAttributeOperation } from "../src/graph/user-flow-attributes/update-user-flow-attribute.ts";
import { ConflictError, NotFoundError, PermissionError, ValidationError } from "../src/http/errors.ts";
import type { OperationInput } from "../src/operations/define-operation.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";
import { seededClient } from "./helpers/seeded-client.ts";

const { t, client } = useCoreEmulator();

describe("user-flow attributes", () => {
  it("lists built-in attributes, and only custom ones on request", async () => {
    const all = await client.run(listUserFlowAttributesOperation, {});
    expect(all.items.map((a) => a.id)).toEqual(
      expect.arrayContaining(["email", "displayName", "city", "country"]),
    );
    expect(all.items.every((a) => a.userFlowAttributeType === "builtIn")).toBe(true);
    expect((await client.run(listUserFlowAttributesOperation, { type: "custom" })).items).toEqual([]);
  });

  it("creates a custom attribute, finds it, updates its description, deletes it", async () => {
    const created = await client.run(createUserFlowAttributeOperation, {
      displayName: "Favourite Colour",
      dataType: "string",
      description: "Pick one",
    });
    expect(created.id).toMatch(/^extension_[0-9a-f]{32}_FavouriteColour$/);
    expect(created).toMatchObject({
      userFlowAttributeType: "custom",
      dataType: "string",
      description: "Pick one",
    });
    expect(
      (await client.run(listUserFlowAttributesOperation, { type: "custom" })).items.map((a) => a.id),
    ).toEqual([created.id]);
    expect(await client.run(getUserFlowAttributeOperation, { id: created.id })).toEqual(created);
    const updated = await client.run(updateUserFlowAttributeOperation, {
      id: created.id,
      description: "Your colour",
    });
    expect(updated.description).toBe("Your colour");
    await expect(
      client.run(createUserFlowAttributeOperation, { displayName: "FavouriteColour", dataType: "string" }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await client.run(deleteUserFlowAttributeOperation, { id: created.id })).toEqual({
      id: created.id,
      deleted: true,
    });
    await expect(client.run(getUserFlowAttributeOperation, { id: created.id })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it.each<[string, OperationInput<typeof createUserFlowAttributeOperation>]>([
    // @ts-expect-error: not a data type (refused at compile time, and at run time for untyped callers)
    ["a dateTime attribute", { displayName: "Birthday", dataType: "dateTime" }],
    ["a name with a dash", { displayName: "shoe-size", dataType: "int64" }],
    // @ts-expect-error: dataType is required
    ["no data type", { displayName: "Size" }],
  ])("refuses %s before sending", async (_, input) => {
    await expect(client.run(createUserFlowAttributeOperation, input)).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });

  it("passes on Graph's refusal to change or delete built-in attributes", async () => {
    await expect(
      client.run(updateUserFlowAttributeOperation, { id: "city", description: "x" }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(client.run(deleteUserFlowAttributeOperation, { id: "email" })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it("names IdentityUserFlow permissions when they are missing", async () => {
    const reader = seededClient(t, "attribute reader", ["IdentityUserFlow.Read.All"]);
    expect((await reader.run(getUserFlowAttributeOperation, { id: "city" })).dataType).toBe("string");
    const denied = reader.run(createUserFlowAttributeOperation, {
      displayName: "Denied",
      dataType: "boolean",
    });
    await expect(denied).rejects.toBeInstanceOf(PermissionError);
    await expect(denied).rejects.toThrow(/IdentityUserFlow\.ReadWrite\.All/);
  });
});
