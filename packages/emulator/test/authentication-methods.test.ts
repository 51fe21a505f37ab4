import { describe, expect, it } from "vitest";
import { customer, useGraphFixture } from "./helpers/graph.ts";

const { fx, g } = useGraphFixture();

const PASSWORD_METHOD = "28c10230-6103-485e-b985-444c60001490";
const EMAIL_METHOD = "3ddfcfc8-9383-446f-83cc-3ab9be4be18f";
const MOBILE = "3179e48a-750b-4051-897c-87b9720928f7";

async function newCustomer(email: string): Promise<string> {
  return (await g.post("/users", customer(email))).body.id as string;
}

describe("users/{id}/authentication", () => {
  it("lists the password method of a local account and the email and phone methods registered", async () => {
    const id = await newCustomer("ana@example.com");
    expect((await g.get(`/users/${id}/authentication/methods`)).body.value).toEqual([
      expect.objectContaining({
        "@odata.type": "#microsoft.graph.passwordAuthenticationMethod",
        id: PASSWORD_METHOD,
        password: null,
      }),
    ]);
    const email = await g.post(`/users/${id}/authentication/emailMethods`, {
      emailAddress: "ana@example.com",
    });
    expect(email.status).toBe(201);
    expect(email.body).toMatchObject({ id: EMAIL_METHOD, emailAddress: "ana@example.com" });
    const phone = await g.post(`/users/${id}/authentication/phoneMethods`, {
      phoneNumber: "+1 5555550100",
      phoneType: "mobile",
    });
    expect(phone.body).toMatchObject({ id: MOBILE, phoneType: "mobile", phoneNumber: "+1 5555550100" });
    const types = (await g.get(`/users/${id}/authentication/methods`)).body.value.map(
      (m: Record<string, unknown>) => m["@odata.type"],
    );
    expect(types).toEqual([
      "#microsoft.graph.passwordAuthenticationMethod",
      "#microsoft.graph.emailAuthenticationMethod",
      "#microsoft.graph.phoneAuthenticationMethod",
    ]);
    expect((await g.get(`/users/${id}/authentication/phoneMethods`)).body.value).toEqual([
      expect.objectContaining({ id: MOBILE }),
    ]);
  });

  it("refuses to delete the default (first) method while others remain, then deletes in order", async () => {
    const id = await newCustomer("bo@example.com");
    await g.post(`/users/${id}/authentication/emailMethods`, { emailAddress: "bo@example.com" });
    await g.post(`/users/${id}/authentication/phoneMethods`, {
      phoneNumber: "+1 5555550101",
      phoneType: "mobile",
    });
    const refused = await g.del(`/users/${id}/authentication/emailMethods/${EMAIL_METHOD}`);
    expect(refused.status).toBe(400);
    expect(refused.error?.message).toContain("Cannot delete default method");
    expect((await g.del(`/users/${id}/authentication/phoneMethods/${MOBILE}`)).status).toBe(204);
    expect((await g.del(`/users/${id}/authentication/emailMethods/${EMAIL_METHOD}`)).status).toBe(204);
    expect((await g.del(`/users/${id}/authentication/emailMethods/${EMAIL_METHOD}`)).status).toBe(404);
    const activities = [...fx.tenant.collection("directoryAudits").values()].map(
      (a) => a.activityDisplayName,
    );
    expect(activities.filter((a) => a === "User deleted security info")).toHaveLength(2);
  });

  it("refuses bad phone numbers, a second email method, alternateMobile without mobile, and the password method", async () => {
    const id = await newCustomer("cy@example.com");
    const bad = await g.post(`/users/${id}/authentication/phoneMethods`, {
      phoneNumber: "5550100",
      phoneType: "mobile",
    });
    expect(bad.status).toBe(400);
    const alt = await g.post(`/users/${id}/authentication/phoneMethods`, {
      phoneNumber: "+1 5555550102",
      phoneType: "alternateMobile",
    });
    expect(alt.status).toBe(400);
    await g.post(`/users/${id}/authentication/emailMethods`, { emailAddress: "cy@example.com" });
    expect(
      (await g.post(`/users/${id}/authentication/emailMethods`, { emailAddress: "x@example.com" })).status,
    ).toBe(400);
    expect(
      (await g.del(`/users/${id}/authentication/passwordMethods/${PASSWORD_METHOD}`)).status,
    ).toBeGreaterThanOrEqual(400);
    expect((await g.get("/users/00000000-0000-0000-0000-00000000dead/authentication/methods")).status).toBe(
      404,
    );
  });
});
