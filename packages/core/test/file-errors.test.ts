// An error about a bad file names the file (and the line) and never quotes it: the path may name any
// file the process can read (a `.env`, /etc/passwd), and the message may reach a model, a log or a CI
// transcript. Each case plants a secret on the first line and checks that no error carries it.
import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importUsersOperation } from "../src/bulk/user-import-operation.ts";
import { uploadPolicyOperation } from "../src/graph/trust-framework/upload-policy.ts";
import { useBulkEmulator } from "./helpers/bulk-env.ts";
import { writeRequests } from "./helpers/bulk-files.ts";

const { t, admin, tmp } = useBulkEmulator({ reset: false });

const SECRET = "s3cr3t-Value-42";
const csv = () => {
  const file = tmp.path("users.csv");
  writeFileSync(file, "displayName,signInName,password\nAda,ada@example.com,Zq!9pq#kT\n");
  return file;
};

/** The error of a call that must fail, as text. */
async function failure(run: Promise<unknown>): Promise<string> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return String((error as Error).message);
}

describe("errors about a bad file quote nothing from it", () => {
  it("a .env imported as CSV: the missing columns are named, the header is not", async () => {
    const file = tmp.path("prod.env");
    writeFileSync(file, `AZURE_CLIENT_SECRET=${SECRET}\nOTHER=1\n`);
    const before = writeRequests(t.emu);
    const message = await failure(admin.run(importUsersOperation, { file, format: "csv", dryRun: true }));
    expect(message).toMatch(/no column "signInName" for signInName in the file's header row \(1 column\)/);
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain("AZURE_CLIENT_SECRET");
    expect(writeRequests(t.emu)).toBe(before);
  });

  it.each([
    [
      "a .env (a YAML scalar)",
      `AZURE_CLIENT_SECRET=${SECRET}\n`,
      /is invalid: \(top level\): .*expected object/,
    ],
    ["broken YAML", `foo: bar: ${SECRET}\n`, /is not valid JSON or YAML at line 1, column 6 \(\w+\)/],
    [
      "unknown keys",
      `${SECRET}: 1\ncolumns:\n  signInName: email\n`,
      /is invalid: \(top level\): 1 unknown key \(allowed: columns, extensions, extensionAppId\)/,
    ],
    [
      "an unknown field",
      `columns:\n  ${SECRET}: email\n`,
      /is invalid: columns: 1 unknown key \(allowed: displayName, signInName, /,
    ],
    [
      "a wrong value type",
      `columns:\n  signInName: [1]\n`,
      /is invalid: columns\.signInName: .*expected string/,
    ],
  ])("a mapping file with %s: where and what kind, not the text", async (_, text, expected) => {
    const mapping = tmp.path("mapping.yaml");
    writeFileSync(mapping, text);
    const message = await failure(admin.run(importUsersOperation, { file: csv(), mapping, dryRun: true }));
    expect(message).toContain(mapping);
    expect(message).toMatch(expected);
    expect(message).not.toContain(SECRET);
  });

  it.each([
    [
      "a quote inside a field",
      `AZURE_CLIENT_SECRET=${SECRET}"x"\n`,
      /^line 1: a field in the record starting here has a quote inside it/,
    ],
    [
      "a quote never closed",
      `displayName,signInName,password\n"${SECRET},x@example.com,y\n`,
      /^line 2: a quoted field opens in the record starting here and is never closed/,
    ],
  ])("a file that is not CSV (%s): the file and the kind of error, not the text", async (_, text, kind) => {
    const file = tmp.path("prod.env");
    writeFileSync(file, text);
    const message = await failure(admin.run(importUsersOperation, { file, format: "csv", dryRun: true }));
    const prefix = `Invalid input for user_import: ${file}: `;
    expect(message.startsWith(prefix)).toBe(true);
    expect(message.slice(prefix.length)).toMatch(kind);
    expect(message).not.toContain(SECRET);
  });

  it("a file that is too large for its input: the size and the bound, not the bytes", async () => {
    const file = tmp.path("policy.xml");
    writeFileSync(file, `${SECRET}\n`.repeat(80_000));
    const message = await failure(admin.run(uploadPolicyOperation, { file }));
    expect(message).toBe(
      `Invalid input for trust_framework_policy_upload: file: ${file} has 1280000 bytes, the most is 1048576`,
    );
  });
});
