import { describe, expect, it } from "vitest";
import { parseConfig, UsageError } from "../src/config.ts";

describe("parseConfig", () => {
  it("defaults to stdio with every tool and no emulator", () => {
    expect(parseConfig([], {})).toMatchObject({
      transport: "stdio",
      readOnly: false,
      toolsets: undefined,
      tools: undefined,
      emulator: false,
      token: undefined,
    });
  });

  it("reads HTTP options, lists and the token from the environment", () => {
    const config = parseConfig(
      [
        "--http",
        "--port",
        "0",
        "--host",
        "::1",
        "--read-only",
        "--toolsets",
        "users, groups",
        "--tools=user_list",
      ],
      { CIAM_MCP_TOKEN: "tok" },
    );
    expect(config).toMatchObject({
      transport: "http",
      port: 0,
      host: "::1",
      readOnly: true,
      toolsets: ["users", "groups"],
      tools: ["user_list"],
      token: "tok",
    });
  });

  it.each([
    [["--bogus"], /Unknown option '--bogus'/],
    [["--port", "70000", "--http"], /--port must be a whole number/],
    [["--port", "80"], /--port only applies with --http/],
    [["--insecure-no-auth"], /only applies with --http/],
    [["--http", "--insecure-no-auth", "--host", "0.0.0.0"], /only allowed on a loopback --host/],
    [["--toolsets", " , "], /--toolsets needs a comma-separated list/],
    [["--emulator", "--profile", "prod"], /--profile and --emulator cannot be combined/],
    [["--profile", "../prod"], /--profile '..\/prod' is not a profile name/],
    [["--profile"], /Option '--profile <value>' argument missing/],
    [["extra"], /Unexpected argument 'extra'/],
  ])("rejects %j with a usage error that says what is wrong", (argv, message) => {
    expect(() => parseConfig(argv, {})).toThrow(UsageError);
    expect(() => parseConfig(argv, {})).toThrow(message);
  });

  it("takes --profile by name; without it the current profile is used", () => {
    expect(parseConfig(["--profile", "prod-1", "--read-only"], {})).toMatchObject({
      profile: "prod-1",
      emulator: false,
      readOnly: true,
    });
    expect(parseConfig([], {}).profile).toBeUndefined();
  });

  it("refuses to turn authentication off when a token is configured", () => {
    expect(() => parseConfig(["--http", "--insecure-no-auth"], { CIAM_MCP_TOKEN: "x" })).toThrow(
      /cannot be combined/,
    );
  });
});
