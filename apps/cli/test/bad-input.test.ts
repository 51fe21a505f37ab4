// Every documented CLI error, as a table: the command line, the exit code docs/cli.md promises for it,
// and what the one line on stderr says. Exit 1 means a defect in ciam, so no row may reach it.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appEnv, ciam, emulatorFlags, json, requireBuilt, startTenant, type TestTenant } from "./harness.ts";

let t: TestTenant;
/** The environments a row runs in, made once. */
const envs: Record<string, Record<string, string>> = {};
let groupId = "";
let userId = "";
let dir = "";
beforeAll(async () => {
  requireBuilt();
  t = await startTenant({ deviceCode: { intervalSeconds: 1 } });
  dir = t.bare.HOME ?? "";
  const { AZURE_CLIENT_SECRET: _omit, ...noSecret } = t.env;
  envs.env = t.env;
  envs.bare = t.bare;
  envs.noSecret = noSecret;
  envs.wrongSecret = { ...t.env, AZURE_CLIENT_SECRET: "wrong-secret-value" };
  envs.noRights = (await appEnv(t, "No rights")).env;
  envs.staleDeviceCode = await staleDeviceCodeProfile();
  groupId = json<{ id: string }>(
    await ciam(["group", "create", "--display-name", "Bad input", "-o", "json"], t.env),
  ).id;
  userId = json<{ id: string }[]>(await ciam(["user", "list", "--limit", "1"], t.env))[0]?.id ?? "";
  const twin = ["user", "create", "--display-name", "Twin", "--sign-in-name", "twin@example.com"];
  expect((await ciam(twin, t.env)).status).toBe(0);
  writeFileSync(join(dir, "users.csv"), "signInName,displayName,extra\nada@example.com,Ada,x\n");
  writeFileSync(join(dir, "array.json"), "[1,2]");
  writeFileSync(join(dir, "broken.yaml"), "columns: [1\n");
  writeFileSync(join(dir, "odd.yaml"), "nope: 1\n");
  const row = (n: number) => `u${n}@example.com,U ${n},Passw0rd!${n}x`;
  writeFileSync(join(dir, "bad.csv"), `signInName,displayName,password\n${row(1)}\n"${row(2)}\n${row(3)}\n`);
  mkdirSync(join(dir, "folder.csv"));
  const css = ["branding", "image-set", "--stream", "customCSS", "--text", ".a{color:red}", "-o", "none"];
  expect((await ciam(css, t.env)).status).toBe(0);
}, 60_000);
afterAll(async () => t?.close());

/**
 * A device-code profile signed in once, whose saved sign-in no longer works (as after the emulator
 * restarted and forgot its refresh tokens): no access token left in the cache, a refresh token the
 * token service refuses.
 */
async function staleDeviceCodeProfile(): Promise<Record<string, string>> {
  const tenant = t.emulator.tenants[0];
  const env = { ...t.bare, CIAM_CONFIG_DIR: join(dir, "device-code-config") };
  let approved = false;
  const login = await ciam(
    [
      ...["login", "--tenant", tenant?.tenantId ?? "", "--client-id", tenant?.publicClientId ?? ""],
      ...["--profile", "admin", ...emulatorFlags(t)],
    ],
    env,
    "",
    (stderr) => {
      const code = stderr.match(/enter the code (\S+)/i)?.[1];
      if (code !== undefined && !approved) {
        approved = true;
        t.emulator.control.approveDeviceCode(code, tenant?.adminUser?.userPrincipalName ?? "");
      }
    },
  );
  if (login.status !== 0) throw new Error(`ciam login failed: ${login.stderr}`);
  const cacheFile = join(env.CIAM_CONFIG_DIR, "token-cache", "admin.json");
  const cache = JSON.parse(readFileSync(cacheFile, "utf8")) as {
    AccessToken: Record<string, unknown>;
    RefreshToken: Record<string, { secret: string }>;
  };
  cache.AccessToken = {};
  for (const token of Object.values(cache.RefreshToken)) token.secret = "forgotten-by-the-token-service";
  writeFileSync(cacheFile, JSON.stringify(cache), { mode: 0o600 });
  return env;
}

interface Row {
  /** What docs/cli.md calls this error. */
  name: string;
  exit: 2 | 3 | 4 | 5 | 6 | 7;
  /** The command line, split on spaces; `{group}`, `{user}` and `{dir}` stand for values made above. */
  line: string;
  /** The one line on stderr (exit 7: stdout, which carries the items' statuses). */
  message: RegExp;
  /** A key of {@link envs}: the demo app's AZURE_* settings by default. */
  env?: string;
  stdin?: string;
  /** Exit 2 sends nothing, unless the command reads before it finds the problem. */
  reads?: true;
}

const NIL = "00000000-0000-0000-0000-000000000001";
const row = (
  exit: Row["exit"],
  name: string,
  line: string,
  message: RegExp,
  more: Partial<Row> = {},
): Row => ({
  exit,
  name,
  line,
  message,
  ...more,
});
const args = (line: string) =>
  line
    .split(" ")
    .map((word) => word.replace("{group}", groupId).replace("{user}", userId).replace("{dir}", dir));
const deviceCodeRequests = () =>
  t.emulator.control.monitor.requests().filter((r) => r.path.includes("/devicecode")).length;

const rows: Row[] = [
  // 2: usage. Nothing was sent.
  row(2, "unknown command", "user lst", /unknown command 'lst'.*Did you mean list\?/),
  row(2, "unknown option", "user list --colour", /unknown option '--colour'.*ciam user list --help/),
  row(2, "option without its value", "app grant --app-id x --permission", /argument missing/),
  row(2, "wrong value type", "user list --limit ten", /argument 'ten' is invalid\. expected an integer/),
  row(2, "value not in the choices", "user list --user-type Admin", /Allowed choices are Member, Guest/),
  row(
    2,
    "value the schema refuses",
    "user create --display-name X --sign-in-name x",
    /invalid --sign-in-name: .*email/,
  ),
  row(2, "missing required option", "user get", /missing required option --id \(or "id" in --input\)/),
  row(2, "--limit below 1", "user list --limit 0", /--limit must be a whole number of at least 1/),
  row(2, "invalid --query", "user list --query [?displayName==", /--query is not valid JMESPath/),
  row(2, "unknown --output", "user list -o xml", /Allowed choices are table, json, yaml, tsv, none/),
  row(2, "malformed --input JSON", "user create --input -", /--input - is not valid JSON/, { stdin: "{x:" }),
  row(2, "--input not one object", "user create --input {dir}/array.json", /must hold one JSON object/),
  row(
    2,
    "--input file missing",
    "user create --input {dir}/nowhere.json",
    /nowhere\.json cannot be read \(ENOENT\)/,
  ),
  row(
    2,
    "unknown field in --input",
    "user update --id {user} --input -",
    /unknown field "jobTitel" in --input; did you mean "jobTitle" \(--job-title\)\?/,
    { stdin: '{"jobTitel":"Engineer"}' },
  ),
  row(
    2,
    "unknown nested field in --input",
    "branding apply --input -",
    /unknown field "default\.backgroundColr" in --input; did you mean "backgroundColor"\?/,
    { stdin: '{"default":{"backgroundColor":"#ffffff","backgroundColr":"#000000"}}' },
  ),
  row(
    2,
    "a secret and its -stdin flag both",
    "identity-provider create --kind social --client-secret s --client-secret-stdin",
    /give either --client-secret or --client-secret-stdin, not both/,
    { stdin: "s" },
  ),
  row(
    2,
    "-stdin flag with nothing piped",
    "user create --display-name P --sign-in-name p@example.com --password-stdin",
    /--password-stdin: stdin was empty/,
  ),
  row(2, "-stdin flag and --input - both", "user create --input - --password-stdin", /both read stdin/, {
    stdin: "{}",
  }),
  row(
    2,
    "two -stdin flags",
    "identity-provider create --kind apple --client-secret-stdin --certificate-data-stdin",
    /--client-secret-stdin and --certificate-data-stdin would all read stdin/,
    { stdin: "s" },
  ),
  row(2, "missing credentials", "user list", /not signed in: run `ciam login`.*--emulator/, { env: "bare" }),
  row(2, "half a credential in AZURE_* variables", "user list", /No credential is set: set one of AZURE_/, {
    env: "noSecret",
  }),
  row(2, "unknown profile", "--profile nope user list", /nope/, { env: "bare" }),
  row(2, "refused by --read-only", "--read-only group create --display-name X", /read-only mode is on/),
  row(2, "destructive without a terminal or --yes", "group delete --id {group}", /no terminal to confirm on/),
  row(
    2,
    "malformed --cursor",
    "user list --cursor not-a-cursor",
    /The cursor is not one returned by a previous/,
  ),
  row(
    2,
    "id with a control character",
    "user get --id ada\u0001@example.com",
    /Not a valid id: "ada\\u0001@/,
  ),
  row(
    2,
    "extensions mapped without extensionAppId",
    "user import {dir}/users.csv --map extensions.extra=extra --dry-run",
    /extensionAppId is required when extensions are mapped/,
  ),
  row(
    2,
    "mapping file missing",
    "user import {dir}/users.csv --mapping {dir}/nowhere.yaml",
    /nowhere\.yaml does not exist/,
  ),
  row(
    2,
    "mapping file not JSON or YAML",
    "user import {dir}/users.csv --mapping {dir}/broken.yaml",
    /not valid JSON or YAML/,
  ),
  row(
    2,
    "mapping file with an unknown key",
    "user import {dir}/users.csv --mapping {dir}/odd.yaml",
    /odd\.yaml is invalid: .*unknown key/,
  ),
  row(
    2,
    "CSV with a quote never closed",
    "user import {dir}/bad.csv",
    /bad\.csv: line 3: a quoted field opens/,
  ),
  row(2, "import file missing (.csv)", "user import {dir}/nowhere.csv", /nowhere\.csv does not exist/),
  row(2, "import file missing (.jsonl)", "user import {dir}/nowhere.jsonl", /nowhere\.jsonl does not exist/),
  row(
    2,
    "import file that is a folder",
    "user import {dir}/folder.csv",
    /folder\.csv is a directory, not a file/,
  ),
  row(
    2,
    "export into a missing folder",
    "user export --file {dir}/none/users.csv",
    /the directory of .*none\/users\.csv does not exist/,
  ),
  row(
    2,
    "--input that is a folder",
    "user create --input {dir}/folder.csv",
    /folder\.csv cannot be read \(EISDIR\)/,
  ),
  row(
    2,
    "a file the system refuses to write (any file: the general rule)",
    "branding image-get --stream customCSS --save-to {dir}/none/site.css",
    /none\/site\.css does not exist \(or its folder does not\) \(ENOENT\); check the path/,
    { reads: true },
  ),
  // 3: authentication.
  row(3, "wrong secret", "user list", /^ciam: error: Sign-in failed \(invalid_client\): /, {
    env: "wrongSecret",
  }),
  row(
    3,
    "saved sign-in gone, and no terminal to sign in on",
    "--profile admin user list",
    /Sign-in failed \(interaction_required\): .*profile 'admin'.*no terminal.*Run `ciam login --profile admin /,
    { env: "staleDeviceCode" },
  ),
  // 4: permission. 5: not found. 6: any other API error. 7: partial failure.
  row(4, "app lacks a permission", "user list", /User\.Read\.All/, { env: "noRights" }),
  row(
    5,
    "object does not exist",
    `group get --id ${NIL}`,
    /\(Request_ResourceNotFound, request-id [0-9a-f-]+\)$/,
  ),
  row(
    5,
    "list under a parent that does not exist",
    `group member-list --id ${NIL}`,
    /Request_ResourceNotFound/,
  ),
  row(6, "conflict", "user create --display-name Twin --sign-in-name twin@example.com", /request-id /),
  row(7, "some items failed", `group member-add --id {group} --member-ids {user} ${NIL} -o json`, /"failed"/),
];

describe("every documented error exits with its documented code, on one line", () => {
  it.each(rows.map((row) => [row.name, row] as const))("%s", async (_name, row) => {
    const before = t.requests();
    const deviceCodesBefore = deviceCodeRequests();
    const run = await ciam(args(row.line), envs[row.env ?? "env"] ?? {}, row.stdin ?? "");
    expect(run.status, run.stderr).toBe(row.exit);
    if (row.exit === 7) {
      expect(run.stdout).toMatch(row.message);
      return;
    }
    expect(run.stderr.trimEnd().split("\n"), run.stderr).toHaveLength(1);
    expect(run.stderr).toMatch(/^ciam: error: /);
    expect(run.stderr.trimEnd()).toMatch(row.message);
    // A failure prints nothing on stdout, not even an empty list: `| jq length` must not see 0.
    expect(run.stdout).toBe("");
    if (row.exit === 2 && row.reads !== true) expect(t.requests(), "a request was sent").toBe(before);
    // Without a terminal no interactive sign-in starts: no device code is ever requested.
    expect(deviceCodeRequests()).toBe(deviceCodesBefore);
  });

  it("covers every failure code docs/cli.md documents, and none of them is 1", () => {
    const docs = readFileSync(fileURLToPath(new URL("../../../docs/cli.md", import.meta.url)), "utf8");
    const section = docs.slice(
      docs.indexOf("## Exit codes"),
      docs.indexOf("## ", docs.indexOf("## Exit codes") + 3),
    );
    const documented = [...section.matchAll(/^\| (\d+) +\|/gm)].map((m) => Number(m[1]));
    expect(documented).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 130]);
    // 0 is success, 1 a defect, 130 Ctrl-C (exit-codes.test.ts): every other code has a row.
    const covered = new Set(rows.map((row) => row.exit));
    expect([...covered].sort()).toEqual(documented.filter((code) => ![0, 1, 130].includes(code)));
  });
});
