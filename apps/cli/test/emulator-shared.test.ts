// `--emulator` as one persistent state: stable ports per data directory (saved profiles and printed
// cursors keep working at the next run), `ciam --emulator` connecting to the emulator `ciam emulator
// start` serves, and external tenants through ARM as the workforce tenant's manager app.
import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, ciam, json, requireBuilt, sandbox } from "./harness.ts";

const boxes: ReturnType<typeof sandbox>[] = [];
const children: ChildProcess[] = [];
beforeAll(() => requireBuilt());
afterAll(() => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const box of boxes) box.remove();
});

function newBox(): ReturnType<typeof sandbox> {
  const box = sandbox();
  boxes.push(box);
  return box;
}

interface Started {
  info: {
    graphUrl: string;
    loginUrl: string;
    armUrl: string;
    caFile: string;
    settings: Record<string, string>;
    workforce: {
      subscriptionId: string;
      resourceGroup: string;
      publicClientId: string;
      adminUser: { userPrincipalName: string };
      settings: Record<string, string>;
    } | null;
  };
  stop(): Promise<number | null>;
}

/** `ciam emulator start --json` until its first line; `stop()` sends Ctrl-C and waits for the exit. */
async function serve(env: Record<string, string>, ...args: string[]): Promise<Started> {
  const child = spawn(process.execPath, [BIN, "emulator", "start", "--json", ...args], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const line = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      if (out.includes("\n")) resolve(out.split("\n")[0] ?? "");
    });
    child.on("exit", (code) => reject(new Error(`emulator start exited ${code}: ${stderr}`)));
  });
  return {
    info: JSON.parse(line) as Started["info"],
    stop: () => {
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      child.kill("SIGINT");
      return exited;
    },
  };
}

describe("ciam emulator start", () => {
  it("serves on the same ports at every start, so a profile saved meanwhile works at the next start", async () => {
    const box = newBox();
    const first = await serve(box.env);
    const { settings } = first.info;
    expect(first.info.graphUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const login = await ciam(
      [
        "login",
        "--tenant",
        settings.AZURE_TENANT_ID ?? "",
        "--client-id",
        settings.AZURE_CLIENT_ID ?? "",
        "--secret-stdin",
        "--save-secret",
        "--authority-host",
        first.info.loginUrl,
        "--graph-endpoint",
        first.info.graphUrl,
        "--arm-endpoint",
        first.info.armUrl,
        "--ca",
        first.info.caFile,
        "--profile",
        "emu",
      ],
      box.env,
      settings.AZURE_CLIENT_SECRET ?? "",
    );
    expect(login.status, login.stderr).toBe(0);
    expect(await first.stop()).toBe(0);

    const second = await serve(box.env);
    try {
      expect(second.info.graphUrl).toBe(first.info.graphUrl);
      expect(second.info.loginUrl).toBe(first.info.loginUrl);
      expect(second.info.armUrl).toBe(first.info.armUrl);
      const run = await ciam(["--profile", "emu", "organization", "get", "-o", "json"], box.env);
      expect(run.status, run.stderr).toBe(0);
      expect(json<{ displayName: string }>(run).displayName).toBe("Contoso");
    } finally {
      await second.stop();
    }
  });

  it("prints the workforce subscription and its manager app, which creates external tenants through ARM", async () => {
    const box = newBox();
    const served = await serve(box.env);
    try {
      const w = served.info.workforce;
      expect(w).toMatchObject({
        resourceGroup: "ciam-tenants",
        adminUser: { userPrincipalName: "admin@fabrikamhq.onmicrosoft.com" },
      });
      expect(w?.subscriptionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(w?.publicClientId).toMatch(/^[0-9a-f-]{36}$/);
      // The manager app's settings, as printed, sign in to ARM without a person.
      const env = { ...box.env, ...served.info.settings, ...w?.settings };
      const list = await ciam(
        ["tenant", "list", "--subscription-id", w?.subscriptionId ?? "", "-o", "json"],
        env,
      );
      expect(list.status, list.stderr).toBe(0);
      expect(json(list)).toEqual([]);
    } finally {
      await served.stop();
    }
  });

  it("is what `ciam --emulator` connects to while it serves: one state; `ciam emulator reset` is refused", async () => {
    const box = newBox();
    const served = await serve(box.env);
    try {
      const created = await ciam(
        [
          "--emulator",
          "user",
          "create",
          "--display-name",
          "Made While Served",
          "--sign-in-name",
          "served@example.com",
          "-o",
          "json",
        ],
        box.env,
      );
      expect(created.status, created.stderr).toBe(0);
      // A client of the served emulator sees it at once: the same state, not a copy.
      const seen = await ciam(
        ["user", "list", "--display-name-starts-with", "Made While", "--query", "[].displayName"],
        { ...box.env, ...served.info.settings },
      );
      expect(json(seen)).toEqual(["Made While Served"]);
      const reset = await ciam(["emulator", "reset"], box.env);
      expect(reset.status).toBe(2);
      expect(reset.stderr).toMatch(
        /served by ciam emulator start \(serving\) \(pid \d+, Graph at https:\/\/127\.0\.0\.1:\d+\); stop it first/,
      );
    } finally {
      expect(await served.stop()).toBe(0);
    }
    // Stopped, it saved what `ciam --emulator` wrote through it.
    const after = await ciam(
      ["--emulator", "user", "list", "--display-name-starts-with", "Made While", "--query", "[].displayName"],
      box.env,
    );
    expect(json(after)).toEqual(["Made While Served"]);
  });
});

describe("ciam --emulator across runs", () => {
  it("takes the cursor of the 'More items exist' hint in the next run", { timeout: 180_000 }, async () => {
    const box = newBox();
    // More users than one page (100) holds: the four demo users and 100 imported ones.
    const csv = join(box.dir, "users.csv");
    const password = (n: number) => `Zq!9${[...String(n)].map((d) => "pqrstuvwxy"[Number(d)]).join("")}#kT`;
    const rows = Array.from({ length: 100 }, (_, i) => `paged${i}@example.com,Paged ${i},${password(i)}`);
    writeFileSync(csv, `email,full_name,pw\n${rows.join("\n")}\n`);
    const map = ["--map", "signInName=email", "--map", "displayName=full_name", "--map", "password=pw"];
    const imported = await ciam(["--emulator", "user", "import", csv, ...map, "-o", "json"], box.env);
    expect(imported.status, imported.stderr).toBe(0);
    const first = await ciam(["--emulator", "user", "list", "--query", "[].id", "-o", "json"], box.env);
    expect(first.status, first.stderr).toBe(0);
    const cursor = /^More items exist: .* --cursor (\S+)$/m.exec(first.stderr)?.[1];
    expect(cursor, first.stderr).toBeDefined();
    const next = await ciam(
      ["--emulator", "user", "list", "--cursor", cursor ?? "", "--query", "[].id", "-o", "json"],
      box.env,
    );
    expect(next.status, next.stderr).toBe(0);
    const firstIds = json<string[]>(first);
    const nextIds = json<string[]>(next);
    expect(firstIds).toHaveLength(100);
    expect(nextIds).toHaveLength(4);
    expect(new Set([...firstIds, ...nextIds]).size).toBe(104);
  });

  it("creates, lists, gets and deletes an external tenant without any sign-in", {
    timeout: 240_000,
  }, async () => {
    const box = newBox();
    const at = async () => {
      const served = await serve(box.env);
      const w = served.info.workforce;
      await served.stop();
      return ["--subscription-id", w?.subscriptionId ?? "", "--resource-group", w?.resourceGroup ?? ""];
    };
    const where = await at();
    const created = await ciam(
      [
        "--emulator",
        "tenant",
        "create",
        ...where,
        "--name",
        "offlineshop",
        "--display-name",
        "Offline shop",
        "--country-code",
        "FR",
        "--location",
        "Europe",
        "-o",
        "json",
      ],
      box.env,
    );
    expect(created.status, created.stderr).toBe(0);
    const { pollToken } = json<{ pollToken: string }>(created);
    // The poll token names the ARM origin: the next run serves the same one.
    const waited = await ciam(
      ["--emulator", "tenant", "create-wait", "--poll-token", pollToken, "-o", "json"],
      box.env,
    );
    expect(waited.status, waited.stderr).toBe(0);
    expect(json(waited)).toMatchObject({
      tenant: { properties: { provisioningState: "Succeeded", domainName: "offlineshop.onmicrosoft.com" } },
    });
    const list = await ciam(
      ["--emulator", "tenant", "list", "--subscription-id", where[1] ?? "", "--query", "[].name"],
      box.env,
    );
    expect(json(list)).toEqual(["offlineshop"]);
    const got = await ciam(
      ["--emulator", "tenant", "get", ...where, "--name", "offlineshop", "-o", "json"],
      box.env,
    );
    expect(json(got)).toMatchObject({ name: "offlineshop", location: "Europe" });
    const deleted = await ciam(
      ["--emulator", "tenant", "delete", ...where, "--name", "offlineshop", "--yes"],
      box.env,
    );
    expect(deleted.status, deleted.stderr).toBe(0);
  });
});
