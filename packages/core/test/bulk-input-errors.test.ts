// Bad import and export files: every one is an InvalidInputError at once, naming the file and line
// (never quoting it), with nothing sent and nothing written; and the files a run writes are owner-only.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { exportUsers } from "../src/bulk/export-users.ts";
import { type ImportUsersOptions, importUsers } from "../src/bulk/import-users.ts";
import { firstInvalidUtf8, Utf8Check } from "../src/bulk/utf8-check.ts";
import { useBulkEmulator } from "./helpers/bulk-env.ts";
import { customer, signInNames, writeCsv, writeJsonl, writeRequests } from "./helpers/bulk-files.ts";

const { t, admin, tmp } = useBulkEmulator();

const ours = (prefix: string) =>
  [...signInNames(t.emu, t.tenant.tenantId).keys()].filter((n) => n.startsWith(prefix)).length;

/** The run's error: an InvalidInputError with one issue, after which nothing was sent or written. */
async function refused(options: ImportUsersOptions): Promise<string> {
  const before = readdirSync(tmp.dir).sort();
  const error = await importUsers(admin.context(), options).catch((e: unknown) => e);
  expect(error).toMatchObject({ name: "InvalidInputError" });
  expect(writeRequests(t.emu)).toBe(0);
  expect(readdirSync(tmp.dir).sort()).toEqual(before);
  return ((error as { issues: string[] }).issues ?? []).join("\n");
}

/** Lines of a CSV of good rows, `prefix1…prefixN`, with a header. */
function goodLines(prefix: string, rows: number): string[] {
  return [
    "displayName,signInName,password",
    ...Array.from({ length: rows }, (_, i) => {
      const c = customer(i + 1, prefix);
      return `${c.displayName},${c.signInName},${c.password}`;
    }),
  ];
}

describe("import input files", () => {
  it.each([
    ["a missing .csv", "missing.csv", false],
    ["a missing .jsonl", "missing.jsonl", false],
    ["a directory named .csv", "folder.csv", true],
  ])("%s fails at once, naming the path (dry run too)", async (_name, name, directory) => {
    const file = tmp.path(name);
    if (directory) mkdirSync(file);
    const what = directory ? "is a directory, not a file" : "does not exist";
    expect(await refused({ file })).toBe(`file: ${file} ${what}`);
    expect(await refused({ file, dryRun: true })).toBe(`file: ${file} ${what}`);
  });

  it("a CSV whose quote never closes is refused before the first write, naming the line the quote opens on", async () => {
    const lines = goodLines("quote", 40);
    lines[19] = `"Broken 19,quote19@example.com,Zq!9xxx#kT`; // line 20 opens a quote that never closes
    const file = tmp.path("broken.csv");
    writeFileSync(file, `${lines.join("\n")}\n`);
    const issue = await refused({
      file,
      journalFile: tmp.path("journal.jsonl"),
      rejectFile: tmp.path("r.jsonl"),
    });
    expect(issue).toBe(
      `${file}: line 20: a quoted field opens in the record starting here and is never closed; a quote inside a quoted field is written twice ("")`,
    );
    expect(issue).not.toContain("Broken");
    expect(ours("quote")).toBe(0);
    // The dry run reads the same file the same way.
    expect(await refused({ file, dryRun: true })).toBe(issue);
  });

  it("a stray quote names the line its record starts on, and rows after a multi-line field keep their own line", async () => {
    const lines = goodLines("stray", 12);
    lines[3] = `"Multi\nLine 3",stray3@example.com,${customer(3, "stray").password}`; // lines 4–5
    lines[8] = `Stray 8,"stray8@example.com"x,${customer(8, "stray").password}`; // line 10
    const file = tmp.path("stray.csv");
    writeFileSync(file, `${lines.join("\n")}\n`);
    expect(await refused({ file })).toMatch(
      new RegExp(
        `^${file.replaceAll(".", "\\.")}: line 10: a quoted field in the record starting here is followed by other characters;`,
      ),
    );
    // Without the stray quote the file imports; a rejected two-line record is named by its first line.
    lines[3] = `"Multi\nLine 3",stray3@example.com,weak`;
    lines[8] = `Stray 8,stray8@example.com,${customer(8, "stray").password}`;
    writeFileSync(file, `${lines.join("\n")}\n`);
    const rejectFile = tmp.path("rejects.jsonl");
    const report = await importUsers(admin.context(), { file, rejectFile });
    expect(report).toMatchObject({ created: 11, rejected: 1 });
    expect(JSON.parse(readFileSync(rejectFile, "utf8")).line).toBe(4);
  });

  it("bytes that are not UTF-8 are refused with their line and column, in CSV and JSON Lines", async () => {
    const csv = tmp.path("latin1.csv");
    const lines = goodLines("enc", 5).map((l) => Buffer.from(`${l}\n`));
    lines[3] = Buffer.concat([
      Buffer.from("Ren"),
      Buffer.from([0xe9]),
      Buffer.from(" 3,enc3@example.com,Zq!9xyz#kT\n"),
    ]);
    writeFileSync(csv, Buffer.concat(lines));
    expect(await refused({ file: csv })).toBe(
      `${csv}: line 4, column 4 is not valid UTF-8; save the file as UTF-8 and run again`,
    );
    expect(await refused({ file: csv, dryRun: true })).toContain("line 4, column 4 is not valid UTF-8");
    expect(ours("enc")).toBe(0);

    const jsonl = tmp.path("cut.jsonl");
    writeJsonl(jsonl, [customer(1, "enc"), customer(2, "enc")]);
    // A two-byte character cut off by the end of the file, after "é" on the same line.
    writeFileSync(
      jsonl,
      Buffer.concat([readFileSync(jsonl), Buffer.from('{"displayName":"é'), Buffer.from([0xc3])]),
    );
    expect(await refused({ file: jsonl })).toBe(
      `${jsonl}: line 3, column 18 is not valid UTF-8; save the file as UTF-8 and run again`,
    );
  });

  it("a header naming a column twice is refused, naming the columns' positions", async () => {
    const file = tmp.path("twice.csv");
    writeCsv(
      file,
      [{ ...customer(1, "twice"), extra: "x" }],
      ["signInName", "displayName", "password", "signInName"],
    );
    const issue = await refused({ file });
    expect(issue).toBe(
      `${file}: line 1: columns 1 and 4 of the header have the same name; rename one of them`,
    );
    expect(await refused({ file, dryRun: true })).toBe(issue);
  });

  it("any file given as the CSV, mapping or journal is refused without a word of its content", async () => {
    const secret = "AZURE_CLIENT_SECRET=Xy9~s3cr3t.value";
    const env = tmp.path("secrets.csv");
    writeFileSync(env, `${secret}\nOTHER=1\n`);
    expect(await refused({ file: env })).not.toContain("s3cr3t");

    const file = tmp.path("ok.csv");
    writeCsv(file, [customer(1, "echo")]);
    const yaml = tmp.path("mapping.yaml");
    writeFileSync(yaml, `columns:\n  signInName: [${secret}\n`);
    const bad = await refused({ file, mapping: yaml });
    expect(bad).toMatch(
      new RegExp(
        `^mapping: the mapping file ${yaml.replaceAll(".", "\\.")} is not valid JSON or YAML at line \\d+, column \\d+ \\(`,
      ),
    );
    expect(bad).not.toContain("s3cr3t");
    writeFileSync(yaml, `${secret}\n`);
    expect(await refused({ file, mapping: yaml })).not.toContain("s3cr3t");
    expect(await refused({ file, mapping: tmp.path("none.yaml") })).toBe(
      `mapping: ${tmp.path("none.yaml")} does not exist`,
    );

    const journalFile = tmp.path("passwd");
    writeFileSync(
      journalFile,
      "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n",
    );
    const journal = await refused({ file, journalFile });
    expect(journal).toMatch(/does not say which tenant and input it belongs to/);
    expect(journal).not.toContain("root:");
    expect(readFileSync(journalFile, "utf8")).toMatch(/^root:x/);
  });

  it("outputs in a missing directory are refused before anything is read or sent", async () => {
    const file = tmp.path("ok.csv");
    writeCsv(file, [customer(1, "out")]);
    const nowhere = tmp.path("no/such/dir/rejects.jsonl");
    expect(await refused({ file, rejectFile: nowhere })).toBe(
      `rejectFile: the directory of ${nowhere} does not exist; create it first or choose another path`,
    );
    expect(await refused({ file, journalFile: tmp.path("no/journal.jsonl") })).toMatch(/^journalFile: /);
    expect(await refused({ file, reportFile: tmp.dir })).toBe(
      `reportFile: ${tmp.dir} is a directory; give the path of a file`,
    );
  });
});

describe("files the bulk engine writes are owner-only", () => {
  it("the reject file, journal and report are 0600, even when the reject file existed world-readable", async () => {
    const file = tmp.path("modes.csv");
    writeCsv(file, [customer(1, "mode"), { ...customer(2, "mode"), password: "weak" }]);
    const rejectFile = tmp.path("rejects.jsonl");
    writeFileSync(rejectFile, "", { mode: 0o644 });
    const journalFile = tmp.path("journal.jsonl");
    const reportFile = tmp.path("report.json");
    await importUsers(admin.context(), { file, rejectFile, journalFile, reportFile });
    for (const written of [rejectFile, journalFile, reportFile])
      expect([written, (statSync(written).mode & 0o777).toString(8)]).toEqual([written, "600"]);
  });

  it("an export's output is 0600, and an export into a missing directory is refused", async () => {
    const file = tmp.path("users.csv");
    await exportUsers(admin.context(), { file });
    expect((statSync(file).mode & 0o777).toString(8)).toBe("600");
    const nowhere = tmp.path("missing/users.csv");
    await expect(exportUsers(admin.context(), { file: nowhere })).rejects.toMatchObject({
      name: "InvalidInputError",
      issues: [`file: the directory of ${nowhere} does not exist; create it first or choose another path`],
    });
  });
});

describe("the UTF-8 check", () => {
  const through = (chunks: Buffer[]) =>
    buffer(Readable.from(chunks).pipe(new Utf8Check("user_import", "f.csv")));

  it("passes every valid text through unchanged, however the chunks cut its characters", async () => {
    const text = Buffer.from("a,é\n€,𝄞z\nÿ\u{10FFFF}\n");
    for (let cut = 0; cut <= text.length; cut++) {
      const out = await through([text.subarray(0, cut), text.subarray(cut)]);
      expect(out.equals(text), `cut at ${cut}`).toBe(true);
    }
    const oneByOne = await through([...text].map((b) => Buffer.from([b])));
    expect(oneByOne.equals(text)).toBe(true);
  });

  it.each([
    ["an overlong form", [0xc0, 0x80]],
    ["a surrogate", [0xed, 0xa0, 0x80]],
    ["a code point above U+10FFFF", [0xf4, 0x90, 0x80, 0x80]],
    ["a lone continuation byte", [0x80]],
    ["a lead byte without its continuation", [0xe2, 0x82, 0x41]],
  ])("refuses %s at its line and column, even split across chunks", async (_name, bytes) => {
    const bad = Buffer.concat([Buffer.from("ok\nab"), Buffer.from(bytes), Buffer.from("c\n")]);
    expect(firstInvalidUtf8(bad)).toBe(5);
    for (const cut of [4, 5, 6, 7]) {
      await expect(through([bad.subarray(0, cut), bad.subarray(cut)])).rejects.toThrow(
        "f.csv: line 2, column 3 is not valid UTF-8",
      );
    }
  });
});
