import { describe, expect, it } from "vitest";
import { blank, writeProperties } from "../src/graph/entities/shape.ts";
import { GraphError } from "../src/graph/route.ts";

describe("blank", () => {
  it("has every property, null when unset, [] for collections, Graph's values for non-nullable ones", () => {
    const user = blank("user");
    expect(Object.keys(user)).toHaveLength(81);
    expect(user).toMatchObject({
      aboutMe: null,
      identities: [],
      birthday: "0001-01-01T00:00:00Z",
      deviceEnrollmentLimit: 0,
    });
    expect(blank("directoryAudit").initiatedBy).toEqual({ app: null, user: null });
  });

  it("never shares collections or complex values between two blanks", () => {
    const a = blank("user");
    (a.identities as unknown[]).push({ issuer: "x" });
    const audit = blank("directoryAudit");
    (audit.initiatedBy as Record<string, unknown>).app = { appId: "x" };
    expect(blank("user").identities).toEqual([]);
    expect(blank("directoryAudit").initiatedBy).toEqual({ app: null, user: null });
  });
});

describe("writeProperties", () => {
  it.each([
    ["accountEnabled", "yes"],
    ["deviceEnrollmentLimit", 1.5],
    ["createdDateTime", "not a date"],
    ["identities", { issuer: "x" }],
    ["otherMails", [1]],
    ["passwordProfile", "secret"],
    ["shoeSize", 42],
    ["otherMails", null],
  ])("refuses %s = %j with 400 Request_BadRequest", (name, value) => {
    expect(() => writeProperties("user", blank("user"), { [name]: value })).toThrow(GraphError);
  });

  it("completes complex values and normalises GUIDs and dates", () => {
    const app = writeProperties("application", blank("application"), {
      requiredResourceAccess: [
        {
          resourceAppId: "x",
          resourceAccess: [{ id: "0EDF5E9E-4CE8-468A-8432-D08631D18C43", type: "Role" }],
        },
      ],
    });
    expect(app.requiredResourceAccess).toEqual([
      { resourceAppId: "x", resourceAccess: [{ id: "0edf5e9e-4ce8-468a-8432-d08631d18c43", type: "Role" }] },
    ]);
    const user = writeProperties("user", blank("user"), {
      employeeHireDate: "2026-02-01T10:00:00.000+01:00",
    });
    expect(user.employeeHireDate).toBe("2026-02-01T09:00:00Z");
  });
});
