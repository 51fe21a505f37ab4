import { describe, expect, it } from "vitest";
import { redactHeaders, redactText, redactUrl } from "../src/http/redact.ts";

describe("redaction", () => {
  it.each([
    ["client_secret", "https://l.example/token?client_secret=abc123&scope=x"],
    ["client_assertion", "https://l.example/token?client_assertion=eyJ1.eyJ2.sig"],
    ["code", "https://l.example/cb?code=0.AAA-authcode&state=s"],
    ["password", "https://l.example/x?password=P@ss"],
    ["access_token", "https://l.example/x?access_token=tok"],
    ["refresh_token", "https://l.example/x?refresh_token=rt"],
    ["device_code", "https://l.example/x?device_code=dc"],
  ])("removes %s from URLs", (name, url) => {
    const redacted = redactUrl(url);
    expect(redacted).toContain(`${name}=REDACTED`);
    expect(redacted).not.toMatch(/abc123|eyJ1|authcode|P@ss|=tok|=rt&|=rt$|=dc/);
  });
  it("keeps harmless parameters and drops user info", () => {
    expect(redactUrl("https://u:pw@g.example/v1.0/users?$top=5")).toBe("https://g.example/v1.0/users?$top=5");
  });
  it("hides Authorization and cookies", () => {
    const headers = redactHeaders(
      new Headers({ Authorization: "Bearer abc", Cookie: "s=1", Accept: "application/json" }),
    );
    expect(headers).toEqual({ authorization: "REDACTED", cookie: "REDACTED", accept: "application/json" });
  });
  it.each([
    ["Bearer abc.def.ghi", "Bearer REDACTED"],
    ["token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.sig here", "token REDACTED here"],
    ["client_secret=hunter2&x=1", "client_secret=REDACTED&x=1"],
    ['{"password":"P4ss!"}', '{"password":"REDACTED"}'],
    ['"secretText": "abc~def"', '"secretText": "REDACTED"'],
  ])("redactText(%j)", (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });
});
