import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, test } from "vitest";
import { startEmulator } from "../src/emulator.ts";
import { DEMO_APP_PERMISSIONS } from "../src/seed/demo-seed.ts";
import { claimsOf, startTestEmulator } from "./helpers/emulator.ts";
import { trustingFetch } from "./helpers/https.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("demo seed", () => {
  test("is deterministic for a seed number and differs between seeds", async () => {
    const [a, b, c] = await Promise.all([
      startEmulator({ seed: 1 }),
      startEmulator({ seed: 1 }),
      startEmulator({ seed: 2 }),
    ]);
    try {
      const key = (e: typeof a) => {
        const { tenantId, clientId, clientSecret, publicClientId, adminUser } = e.tenants[0] ?? {};
        const users = [
          ...(e.store
            .tenant(tenantId ?? "")
            ?.collection("users")
            .values() ?? []),
        ].map((u) => u.id);
        return { tenantId, clientId, clientSecret, publicClientId, adminUser, users };
      };
      expect(key(a)).toEqual(key(b));
      expect(key(c).tenantId).not.toBe(key(a).tenantId);
      expect(key(c).clientSecret).not.toBe(key(a).clientSecret);
    } finally {
      await Promise.all([a.stop(), b.stop(), c.stop()]);
    }
  });

  test("contoso is an external tenant with the management app's grants, users, and a group", async () => {
    const t = await startTestEmulator({ routes: [] });
    try {
      const tenant = t.emu.store.tenant("contoso");
      expect(tenant?.info).toMatchObject({ kind: "external", defaultDomain: "contoso.onmicrosoft.com" });
      expect(tenant?.collection("organization").size).toBe(1);
      const roles = claimsOf(await t.graphToken()).roles;
      expect(roles).toEqual([...DEMO_APP_PERMISSIONS].sort());
      const users = [...(tenant?.collection("users").values() ?? [])];
      expect(users.map((u) => u.userPrincipalName)).toContain("admin@contoso.onmicrosoft.com");
      const customers = users.filter((u) => JSON.stringify(u.identities).includes("emailAddress"));
      expect(customers).toHaveLength(3);
      const groups = [...(tenant?.collection("groups").values() ?? [])];
      expect(groups.map((g) => g.displayName)).toEqual(["Beta testers"]);
      expect(tenant?.collection("_groupMembers").size).toBe(2);
      const cli = [...(tenant?.collection("applications").values() ?? [])].find(
        (a) => a.appId === t.tenant.publicClientId,
      );
      expect(cli?.isFallbackPublicClient).toBe(true);
      expect(tenant?.collection("oauth2PermissionGrants").size).toBe(1);
    } finally {
      await t.emu.stop();
    }
  });
});

describe("ciam-emulator bin", () => {
  const bin = new URL("../src/bin.ts", import.meta.url).pathname;

  test("prints how to connect, writes the CA file, and stops cleanly on SIGTERM", {
    timeout: 30_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "ciam-emulator-bin-"));
    dirs.push(dir);
    const caFile = join(dir, "ca.pem");
    const child = spawn(
      process.execPath,
      ["--conditions=@ciamkit/source", bin, "--json", "--ca-file", caFile, "--seed", "1"],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const [line] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
    const info = JSON.parse(line) as {
      graphUrl: string;
      caFile: string;
      tenants: { clientId: string; clientSecret: string; authority: string }[];
    };
    expect(info.caFile).toBe(caFile);
    expect(readFileSync(caFile, "utf8")).toContain("BEGIN CERTIFICATE");
    const seeded = await startEmulator({ seed: 1 });
    try {
      expect(info.tenants[0]).toMatchObject({
        clientId: seeded.tenants[0]?.clientId,
        clientSecret: seeded.tenants[0]?.clientSecret,
      });
    } finally {
      await seeded.stop();
    }
    expect(info.tenants[0]?.authority).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/[0-9a-f-]{36}$/);
    child.kill("SIGTERM");
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(0);
  });

  interface BinInfo {
    graphUrl: string;
    controlUrl: string;
    controlKey: string;
    caFile: string;
    tenants: { tenantId: string; clientId: string; clientSecret: string; authority: string }[];
  }

  /** Starts the bin with `args` and `--json`; resolves with its connection line and a way to stop it. */
  async function startBin(args: string[]) {
    const child = spawn(process.execPath, ["--conditions=@ciamkit/source", bin, "--json", ...args], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const [line] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
    const info = JSON.parse(line) as BinInfo;
    const stop = async () => {
      child.kill("SIGTERM");
      await once(child, "exit");
    };
    return { info, stop };
  }

  /** A Graph caller for the bin's demo tenant: trusts the CA it wrote and signs in with its secret. */
  async function connect(info: BinInfo) {
    const http = trustingFetch(readFileSync(info.caFile, "utf8"));
    const tenant = info.tenants[0];
    if (tenant === undefined) throw new Error("the bin seeded no tenant");
    const reply = await http(`${tenant.authority}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: tenant.clientId,
        client_secret: tenant.clientSecret,
        scope: "https://graph.microsoft.com/.default",
      }).toString(),
    });
    const { access_token: token } = (await reply.json()) as { access_token: string };
    const graph = (path: string, init: RequestInit = {}) =>
      http(`${info.graphUrl}/v1.0${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      });
    return { http, graph };
  }

  test("passes its flags through: data dir, faults, time scale, control key and --no-seed", {
    timeout: 30_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "ciam-emulator-flags-"));
    dirs.push(dir);
    const faults = {
      seed: 1,
      rules: [{ method: "GET", path: "/organization", fault: { kind: "error", status: 503 } }],
    };
    const flags = ["--data-dir", dir, "--faults", JSON.stringify(faults), "--time-scale", "100"];
    const first = await startBin([...flags, "--control-key", "k-123"]);
    let id: string;
    try {
      expect(first.info.caFile).toBe(join(dir, "ca.pem"));
      expect(first.info.controlKey).toBe("k-123");
      const { http, graph } = await connect(first.info);
      expect((await graph("/organization")).status).toBe(503);
      const settings = await http(`${first.info.controlUrl}/throttling`, {
        headers: { "x-emulator-key": "k-123" },
      });
      expect((await settings.json()) as { enabled: boolean; timeScale: number }).toMatchObject({
        enabled: true,
        timeScale: 100,
      });
      const created = await graph("/groups", {
        method: "POST",
        body: JSON.stringify({
          displayName: "Kept",
          mailEnabled: false,
          mailNickname: "kept",
          securityEnabled: true,
        }),
      });
      expect(created.status).toBe(201);
      id = ((await created.json()) as { id: string }).id;
    } finally {
      await first.stop();
    }

    // The same data dir after a restart still holds the group.
    const second = await startBin(flags);
    try {
      expect((await (await connect(second.info)).graph(`/groups/${id}`)).status).toBe(200);
    } finally {
      await second.stop();
    }

    const empty = await startBin(["--no-seed", "--ca-file", join(dir, "no-seed-ca.pem")]);
    await empty.stop();
    expect(empty.info.tenants).toEqual([]);
  });

  test.each([
    [["--port", "99999"], "--port must be a port number"],
    [["--throttling", "maybe"], "--throttling must be 'on' or 'off'"],
    [["--faults", '{"rules":[{"path":"/users","fault":{"kind":"error","status":418}}]}'], "--faults"],
  ])("refuses %j with a clear message and exit code 2", async (args, message) => {
    const child = spawn(process.execPath, ["--conditions=@ciamkit/source", bin, ...args], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
