import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { b2cRopcVerifier, defaultB2cUsername, type VerificationInput } from "../src/index.ts";
import { TEST_USER } from "./helpers/fake-tenant.ts";

// A small stand-in for a B2C ROPC user flow's token endpoint
// (https://learn.microsoft.com/azure/active-directory-b2c/add-ropc-policy), answering as B2C does:
// 200 with id_token, or 400 invalid_grant with AADB2C90225, and the failures the emulator's B2C
// endpoint does not produce (a 500, an unreachable host). emulator.test.ts runs the verifier against
// the emulator's B2C tenant.
const ACCOUNTS = new Map([
  ["casey@contoso.com", "Legacy-Pass-1"],
  ["jdoe", "Username-Pass-2"],
]);
const received: URLSearchParams[] = [];
let server: Server;
let authority: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk: Buffer) => {
      text += chunk.toString();
    });
    req.on("end", () => {
      const form = new URLSearchParams(text);
      received.push(form);
      res.setHeader("content-type", "application/json");
      if (
        req.url !== "/contoso.onmicrosoft.com/B2C_1_ROPC/oauth2/v2.0/token" ||
        form.get("client_id") === "broken"
      ) {
        res.statusCode = req.url?.includes("B2C_1_ROPC") ? 500 : 404;
        res.end(JSON.stringify({ error: "server_error" }));
      } else if (
        form.get("grant_type") === "password" &&
        ACCOUNTS.get(form.get("username") ?? "") === form.get("password")
      ) {
        res.end(JSON.stringify({ id_token: "eyJ.eyJ.sig", token_type: "Bearer", expires_in: "3600" }));
      } else {
        res.statusCode = 400;
        res.end(
          JSON.stringify({
            error: "invalid_grant",
            error_description: "AADB2C90225: The username or password provided in the request are invalid.",
          }),
        );
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  authority = `http://127.0.0.1:${(server.address() as AddressInfo).port}/contoso.onmicrosoft.com/B2C_1_ROPC`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function input(password: string, user: VerificationInput["user"] = TEST_USER): VerificationInput {
  return { password, user, context: { user }, signal: new AbortController().signal };
}

describe("b2cRopcVerifier", () => {
  it("sends a resource-owner password request and answers valid on an id_token, invalid on invalid_grant", async () => {
    const verify = b2cRopcVerifier({ authority, clientId: "b2c-client" });
    expect(await verify(input("Legacy-Pass-1"))).toEqual({ result: "valid" });
    expect(await verify(input("wrong"))).toEqual({ result: "invalid" });
    const form = received.at(-1);
    expect(Object.fromEntries(form ?? [])).toMatchObject({
      grant_type: "password",
      client_id: "b2c-client",
      scope: "openid b2c-client",
      username: "casey@contoso.com",
      response_type: "token id_token",
    });
  });

  it("maps a username account by the local part of its UPN, or by the function given", async () => {
    const user = { id: "u2", userPrincipalName: "jdoe@contoso.onmicrosoft.com" };
    expect(defaultB2cUsername(user)).toBe("jdoe");
    expect(await b2cRopcVerifier({ authority, clientId: "c" })(input("Username-Pass-2", user))).toEqual({
      result: "valid",
    });
    const byDisplayName = b2cRopcVerifier({ authority, clientId: "c", username: () => "jdoe" });
    expect(await byDisplayName(input("Username-Pass-2"))).toEqual({ result: "valid" });
    const nameless = { id: "u3" };
    expect(await b2cRopcVerifier({ authority, clientId: "c" })(input("x", nameless))).toEqual({
      result: "invalid",
    });
  });

  it("fails (no answer about the password) on any other B2C error or an unreachable endpoint, without the password in the error", async () => {
    const broken = b2cRopcVerifier({ authority, clientId: "broken" });
    const error = await broken(input("Legacy-Pass-1")).catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ name: "VerifierError", message: "B2C answered 500 server_error" });
    const down = b2cRopcVerifier({ tokenEndpoint: "http://127.0.0.1:1/token", clientId: "c" });
    const unreachable = (await down(input("Legacy-Pass-1")).catch((e: unknown) => e)) as Error;
    expect(unreachable.message).toMatch(/^B2C token endpoint unreachable/);
    expect(unreachable.message).not.toContain("Legacy-Pass-1");
  });

  it("refuses options without exactly one of authority and tokenEndpoint", () => {
    expect(() => b2cRopcVerifier({ clientId: "c" })).toThrow(/authority or tokenEndpoint/);
    expect(() => b2cRopcVerifier({ authority: "not a url", clientId: "c" })).toThrow(/authority/);
  });
});
