// What a person sees in a terminal: the confirmation prompt, the progress bar and colour, through tmux.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ciam, cmd, emulatorFlags, json, requireBuilt, startTenant, type TestTenant } from "./harness.ts";
import { hasTmux, openTerminal, type Terminal } from "./tmux.ts";

let t: TestTenant;
let term: Terminal;
const tmux = (...args: string[]) => term.tmux(...args);
/** Starts `ciam args` in a fresh 120x30 tmux window; returns the window's name. */
const start = (
  name: string,
  args: string[],
  extraEnv: Record<string, string> = {},
  base: Record<string, string> = t.env,
) => term.start(name, args, { ...base, ...extraEnv }, t.bare.HOME ?? "");
const screenShowing = (name: string, pattern: RegExp, escapes = false) =>
  term.screenShowing(name, pattern, escapes);

beforeAll(async () => {
  if (!hasTmux) return;
  requireBuilt();
  t = await startTenant({ deviceCode: { intervalSeconds: 1 }, arm: { provisioningSeconds: 4 } });
  term = openTerminal();
});
afterAll(async () => {
  if (!hasTmux) return;
  term?.close();
  await t?.close();
});

async function newGroup(name: string): Promise<string> {
  return json<{ id: string }>(await ciam(["group", "create", "--display-name", name, "-o", "json"], t.env))
    .id;
}

describe.skipIf(!hasTmux)("in a terminal (tmux; skipped when tmux is not installed)", () => {
  it("shows what a destructive command removes and removes it after 'y'", async () => {
    const id = await newGroup("Doomed group");
    const window = start("confirm-yes", ["group", "delete", "--id", id]);
    const prompt = await screenShowing(window, /Continue\? \[y\/N\]/);
    expect(prompt).toContain(`This will delete a group: 'Doomed group' (id ${id}).`);
    tmux("send-keys", "-t", `ciam:${window}`, "y", "Enter");
    await screenShowing(window, /\[exit=0\]/);
    expect((await ciam(["group", "get", "--id", id], t.env)).status).toBe(5);
  });

  it("changes nothing when the answer is no", async () => {
    const id = await newGroup("Survivor");
    const window = start("confirm-no", ["group", "delete", "--id", id]);
    await screenShowing(window, /Continue\? \[y\/N\]/);
    tmux("send-keys", "-t", `ciam:${window}`, "Enter");
    const screen = await screenShowing(window, /\[exit=\d+\]/);
    expect(screen).toContain("Nothing was changed.");
    expect(screen).toContain("[exit=2]");
    expect((await ciam(["group", "get", "--id", id], t.env)).status).toBe(0);
  });

  it("names what an update would unlink, and an answer of no sends nothing", async () => {
    const created = await ciam(
      cmd`user-flow create --display-name ${"Two ways in"} --identity-providers EmailPassword-OAUTH --identity-providers EmailOtpSignup-OAUTH -o json`,
      t.env,
    );
    const flowId = json<{ id: string }>(created).id;
    const window = start("unlink-no", [
      "user-flow",
      "update",
      "--flow",
      flowId,
      "--identity-providers",
      "EmailPassword-OAUTH",
    ]);
    const prompt = await screenShowing(window, /Continue\? \[y\/N\]/);
    expect(prompt).toContain("This will remove identity provider EmailOtpSignup-OAUTH from 'Two ways in'.");
    tmux("send-keys", "-t", `ciam:${window}`, "n", "Enter");
    const screen = await screenShowing(window, /\[exit=\d+\]/);
    expect(screen).toContain("nothing was changed");
    expect(screen).toContain("[exit=2]");
    const flow = json<{ identityProviders: string[] }>(
      await ciam(["user-flow", "get", "--flow", flowId, "-o", "json"], t.env),
    );
    expect(flow.identityProviders).toContain("EmailOtpSignup-OAUTH");
  });

  it("prints a table, cut to the terminal's width, when no format is given", async () => {
    const screen = await screenShowing(start("table", ["user", "list", "--limit", "2"]), /\[exit=\d+\]/);
    const lines = screen.split("\n");
    const header = lines.findIndex((l) => /^Id\s+DisplayName\s/.test(l));
    expect(header).toBeGreaterThanOrEqual(0);
    expect(lines[header + 1]).toMatch(/^-{36}\s+-+/);
    expect(lines[header + 3]).toMatch(/^[0-9a-f-]{36}\s+\S/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(120);
    expect(screen).toContain("[exit=0]");
  });

  it("draws a progress bar for bulk work", async () => {
    const id = await newGroup("Bulk");
    const users = json<{ id: string }[]>(await ciam(["user", "list", "--limit", "4"], t.env));
    const window = start("progress", [
      "group",
      "member-add",
      "--id",
      id,
      "--member-ids",
      ...users.map((u) => u.id),
      "-o",
      "none",
    ]);
    const screen = await screenShowing(window, /\[exit=\d+\]/);
    expect(screen).toMatch(/adding members \[#{10,}\] 4\/4 100%/);
    expect(screen).toContain("[exit=0]");
  });

  it("draws an import's bar with counts and rate; Ctrl-C stops it and the same command finishes", async () => {
    // 20 writes a second, so the import is still running when Ctrl-C comes.
    t.emulator.control.throttler.configure({
      enabled: true,
      timeScale: 150,
      limits: { appTenantWrites: 20 },
    });
    try {
      const file = join(t.bare.HOME ?? "", "tty-import.csv");
      const digits = (n: number) => [...String(n)].map((d) => "pqrstuvwxy"[Number(d)]).join("");
      const rows = Array.from(
        { length: 200 },
        (_, i) => `Tty ${i + 1},tty${i + 1}@example.com,Zq!9${digits(i + 1)}#kT`,
      );
      writeFileSync(file, `displayName,signInName,password\n${rows.join("\n")}\n`);
      const window = start("import", ["user", "import", file]);
      const bar = await screenShowing(
        window,
        /importing: \d+ created, 0 rejected, 0 failed \[[#-]+\] \d+\/200 \d+% [\d.]+\/s/,
      );
      expect(bar).not.toContain("[exit=");
      tmux("send-keys", "-t", `ciam:${window}`, "C-c");
      const stopped = await screenShowing(window, /\[exit=\d+\]/);
      expect(stopped).toContain("ciam: error: cancelled");
      expect(stopped).toContain("[exit=130]");

      t.emulator.control.throttler.configure({
        enabled: true,
        timeScale: 150,
        limits: { appTenantWrites: 20 },
      });
      const rerun = await ciam(["user", "import", file, "-o", "json"], t.env);
      expect(rerun.status, rerun.stderr).toBe(0);
      const report = json<{ created: number; resumed: number }>(rerun);
      expect(report.created).toBe(200);
      expect(report.resumed).toBeGreaterThan(0);
    } finally {
      t.emulator.control.throttler.configure({});
    }
  });

  it("shows a tenant creation's state on one status line, redrawn in place until it ends", {
    timeout: 60_000,
  }, async () => {
    const w = t.emulator.workforce;
    if (w === undefined) throw new Error("the demo seed has no workforce tenant");
    // The workforce admin signs in by device code (approved as in a browser) for Graph, then ARM.
    const approved = new Set<string>();
    const approve = (stderr: string) => {
      for (const [, code] of stderr.matchAll(/enter the code (\S+)/gi)) {
        if (code !== undefined && !approved.has(code)) {
          approved.add(code);
          t.emulator.control.approveDeviceCode(code, w.adminUser.userPrincipalName);
        }
      }
    };
    const login = await ciam(
      [
        ...["login", "--tenant", w.tenantId, "--client-id", w.publicClientId, "--auth", "device-code"],
        ...["--profile", "wf", ...emulatorFlags(t)],
      ],
      t.bare,
      "",
      approve,
    );
    expect(login.status).toBe(0);
    const created = await ciam(
      [
        ...["--profile", "wf", "tenant", "create", "--subscription-id", w.subscriptionId],
        ...["--resource-group", w.resourceGroup, "--name", "ttyshop", "--display-name", "TTY shop"],
        ...["--country-code", "FR", "--location", "Europe", "-o", "json"],
      ],
      t.bare,
      "",
      approve,
    );
    const { pollToken } = json<{ pollToken: string }>(created);
    const window = start(
      "tenant-wait",
      [
        "--profile",
        "wf",
        "tenant",
        "create-wait",
        "--poll-token",
        pollToken,
        "--query",
        "tenant.name",
        "-o",
        "tsv",
      ],
      {},
      t.bare,
    );
    const screen = await screenShowing(window, /\[exit=\d+\]/);
    const states = screen.split("\n").filter((l) => l.includes("Tenant creation"));
    expect(states).toHaveLength(1);
    expect(states[0]).toMatch(/^Tenant creation Succeeded \(check \d+\)… \d+s$/);
    expect(screen).toMatch(/^ttyshop$/m);
    expect(screen).toContain("[exit=0]");
  });

  it("colours errors on a terminal, and not with NO_COLOR", async () => {
    const coloured = await screenShowing(
      start("colour", ["user", "get", "--id", "missing"], { NO_COLOR: "" }),
      /\[exit=5\]/,
      true,
    );
    expect(coloured).toContain("\u001b[31mciam: error:");
    const plain = await screenShowing(
      start("no-colour", ["user", "get", "--id", "missing"]),
      /\[exit=5\]/,
      true,
    );
    expect(plain).toContain("ciam: error:");
    expect(plain).not.toContain("\u001b[31mciam: error:");
  });
});

describe.skipIf(!hasTmux)("without a terminal", () => {
  it("prints plain progress lines instead of a bar", async () => {
    const id = await newGroup("Bulk plain");
    const users = json<{ id: string }[]>(await ciam(["user", "list", "--limit", "3"], t.env));
    const run = await ciam(
      ["group", "member-add", "--id", id, "--member-ids", ...users.map((u) => u.id), "-o", "none"],
      t.env,
    );
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("adding members 1/3\nadding members 2/3\nadding members 3/3\n");
  });
});
