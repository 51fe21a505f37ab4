// `ciam user import` / `user export` with bad files, and a journal taken to another tenant: the built
// bin answers at once with exit 2 and one line naming the file (never its content), and sends nothing.
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ciam, json, requireBuilt, startTenant, type TestTenant } from "./harness.ts";

let t: TestTenant;
let other: TestTenant;
let dir: string;
beforeAll(async () => {
  requireBuilt();
  // Two demo tenants (seeds 1 and 2): the trial run's and the real one's.
  [t, other] = await Promise.all([
    startTenant({ throttling: false }),
    startTenant({ seed: 2, throttling: false }),
  ]);
  dir = t.bare.HOME ?? "";
});
afterAll(async () => {
  await Promise.all([t?.close(), other?.close()]);
});

/** A password of the emulator's rule with no digit run of the user's name in it. */
const password = (n: number) => `Zq!9${[...String(n)].map((d) => "pqrstuvwxy"[Number(d)]).join("")}#kT`;

/** A CSV of `rows` good customers named `<prefix><n>@legacy.test`, in the sandbox. */
function customersCsv(prefix: string, rows: number): string {
  const lines = ["signInName,displayName,password"];
  for (let i = 1; i <= rows; i++) lines.push(`${prefix}${i}@legacy.test,Legacy ${i},${password(i)}`);
  const file = join(dir, `${prefix}.csv`);
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

/** Writes `content` to a sandbox file and returns its path. */
function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** How many users of `tenant` hold a sign-in name starting with `prefix`. */
function holders(tenant: TestTenant, prefix: string): number {
  const users = tenant.emulator.store.tenant(tenant.emulator.tenants[0]?.tenantId ?? "")?.collection("users");
  return [...(users?.values() ?? [])].filter((u) => JSON.stringify(u.identities).includes(`"${prefix}`))
    .length;
}

const SECRET = "AZURE_CLIENT_SECRET=Qv8~notForYourEyes";

describe("bad files: exit 2 at once, one line naming the file, nothing sent", () => {
  const broken = () => {
    const lines = readFileSync(customersCsv("quote", 30), "utf8").split("\n");
    lines[17] = `"Broken 17,quote17@legacy.test,${password(17)}`; // line 18 opens a quote
    return file("quote.csv", lines.join("\n"));
  };
  const cases: [string, () => string[], RegExp][] = [
    ["a missing .csv", () => ["user", "import", join(dir, "nope.csv")], /file: .*nope\.csv does not exist/],
    [
      "a directory as the .csv",
      () => {
        mkdirSync(join(dir, "folder.csv"), { recursive: true });
        return ["user", "import", join(dir, "folder.csv")];
      },
      /file: .*folder\.csv is a directory, not a file/,
    ],
    [
      "a missing .jsonl",
      () => ["user", "import", join(dir, "nope.jsonl")],
      /file: .*nope\.jsonl does not exist/,
    ],
    [
      "a missing mapping file",
      () => ["user", "import", customersCsv("map1", 1), "--mapping", join(dir, "none.yaml")],
      /mapping: .*none\.yaml does not exist/,
    ],
    [
      "a mapping file that is not YAML",
      () => [
        "user",
        "import",
        customersCsv("map2", 1),
        "--mapping",
        file("bad.yaml", `columns: [${SECRET}\n`),
      ],
      /mapping: the mapping file .*bad\.yaml is not valid JSON or YAML at line \d+, column \d+ \(/,
    ],
    [
      "a mapping file with an unknown field",
      () => [
        "user",
        "import",
        customersCsv("map3", 1),
        "--mapping",
        file("unknown.json", JSON.stringify({ columns: { nickname: "x" } })),
      ],
      /mapping: the mapping file .*unknown\.json is invalid/,
    ],
    [
      "a CSV whose quote never closes",
      () => ["user", "import", broken()],
      /quote\.csv: line 18: a quoted field opens/,
    ],
    [
      "a CSV that is not UTF-8",
      () => [
        "user",
        "import",
        file("latin1.csv", Buffer.from("signInName,displayName,password\nx@y.test,Ren\xe9,p\n", "latin1")),
      ],
      /latin1\.csv: line 2, column 13 is not valid UTF-8/,
    ],
    [
      "a CSV header naming a column twice",
      () => ["user", "import", file("twice.csv", `signInName,displayName,password,displayName\n`)],
      /twice\.csv: line 1: columns 2 and 4 of the header have the same name/,
    ],
    [
      "a secrets file as the CSV",
      () => ["user", "import", file("env.csv", `${SECRET}\n`)],
      /no column "signInName"/,
    ],
    [
      "an export into a missing directory",
      () => ["user", "export", join(dir, "missing", "users.csv")],
      /file: the directory of .*users\.csv does not exist/,
    ],
  ];

  it.each(cases)("%s", async (_name, args, message) => {
    const argv = args();
    const before = t.requests();
    const run = await ciam([...argv, "-o", "json"], t.env);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toContain("notForYourEyes");
    expect(run.stderr).not.toContain("Broken");
    expect(t.requests()).toBe(before);
    expect(holders(t, "quote")).toBe(0);
  });
});

describe("a journal belongs to its tenant", () => {
  it("the command that imported into one tenant is refused against another, which gets nobody", async () => {
    const csv = customersCsv("trial", 5);
    const trial = await ciam(["user", "import", csv, "-o", "json"], t.env);
    expect(trial.status, trial.stderr).toBe(0);
    expect(json(trial)).toMatchObject({ created: 5, resumed: 0 });

    const real = await ciam(["user", "import", csv, "-o", "json"], other.env);
    expect(real.status, real.stderr).toBe(2);
    expect(real.stdout).toBe("");
    const a = t.emulator.tenants[0]?.tenantId.toLowerCase();
    const b = other.emulator.tenants[0]?.tenantId.toLowerCase();
    expect(real.stderr).toContain(
      `journalFile: ${csv}.journal.jsonl was written for another run (tenant ${a}, this run ${b}), so it is not used; delete ${csv}.journal.jsonl to import the file from scratch`,
    );
    expect(holders(other, "trial")).toBe(0);

    // Another journal, as the message says: the real tenant gets everyone.
    const fresh = await ciam(
      ["user", "import", csv, "--journal-file", join(dir, "real.journal.jsonl"), "-o", "json"],
      other.env,
    );
    expect(fresh.status, fresh.stderr).toBe(0);
    expect(json(fresh)).toMatchObject({ created: 5, resumed: 0 });
    expect(holders(other, "trial")).toBe(5);
  });

  it("the reject file and the journal are owner-only", async () => {
    const csv = file(
      "modes.csv",
      `signInName,displayName,password\nm1@legacy.test,M 1,${password(1)}\nm2@legacy.test,M 2,weak\n`,
    );
    const rejects = join(dir, "modes-rejects.jsonl");
    const run = await ciam(["user", "import", csv, "--reject-file", rejects, "-o", "json"], t.env);
    expect(run.status, run.stderr).toBe(7);
    expect((statSync(rejects).mode & 0o777).toString(8)).toBe("600");
    expect((statSync(`${csv}.journal.jsonl`).mode & 0o777).toString(8)).toBe("600");
  });
});
