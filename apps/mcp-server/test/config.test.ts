import { describe, expect, it } from "vitest";
import { parseConfig, UsageError } from "../src/config.ts";

const TOKEN = "cfg-4hT9wQ2mZr7XbN5kLp8VcJ3dF6gH1sAe";

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
      { CIAM_MCP_TOKEN: TOKEN },
    );
    expect(config).toMatchObject({
      transport: "http",
      port: 0,
      host: "::1",
      readOnly: true,
      toolsets: ["users", "groups"],
      tools: ["user_list"],
      token: TOKEN,
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
    [["--allowed-host", "a.example"], /--allowed-host only applies with --http/],
    [
      ["--http", "--allowed-host", "a.example/x"],
      /--allowed-host 'a.example\/x' is not a host name or address/,
    ],
    [["--http", "--allowed-host", "*"], /--allowed-host '\*' is not a host name/],
    [["--http", "--session-idle", "0"], /--session-idle must be a whole number from 1 to 10080, not '0'/],
    [["--http", "--max-sessions", "many"], /--max-sessions must be a whole number/],
    [
      ["--http", "--max-per-client", "9", "--max-sessions", "8"],
      /--max-per-client cannot be more than --max-sessions/,
    ],
    [["extra"], /Unexpected argument 'extra'/],
  ])("rejects %j with a usage error that says what is wrong", (argv, message) => {
    expect(() => parseConfig(argv, {})).toThrow(UsageError);
    expect(() => parseConfig(argv, {})).toThrow(message);
  });

  it("reads the HTTP transport's allowed hosts and session limits", () => {
    const config = parseConfig(
      [
        "--http",
        "--host",
        "0.0.0.0",
        "--allowed-host",
        "mcp.example.com, 10.0.0.5:3000",
        "--allowed-host=[fd00::2]",
        "--session-idle",
        "5",
        "--max-sessions",
        "100",
        "--max-per-client",
        "4",
      ],
      {},
    );
    expect(config.httpSettings).toEqual({
      allowedHosts: ["mcp.example.com", "10.0.0.5:3000", "[fd00::2]"],
      sessionIdleMs: 300_000,
      maxSessions: 100,
      maxSessionsPerClient: 4,
    });
    expect(parseConfig(["--http"], {}).httpSettings).toEqual({});
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
    expect(() => parseConfig(["--http", "--insecure-no-auth"], { CIAM_MCP_TOKEN: TOKEN })).toThrow(
      /cannot be combined/,
    );
  });
});
