import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, test } from "vitest";
import { startEmulator } from "../src/emulator.ts";
import { Persistence } from "../src/persist/journal.ts";
import { Store } from "../src/store/store.ts";
import { trustingFetch } from "./helpers/https.ts";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "ciam-emulator-persist-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const tenantInfo = {
  id: "11111111-1111-4111-8111-111111111111",
  kind: "external" as const,
  displayName: "Contoso",
  subdomain: "contoso",
  defaultDomain: "contoso.onmicrosoft.com",
  createdDateTime: "2026-01-01T00:00:00Z",
};

describe("journal and snapshot", () => {
  test("changes survive a restart, deletes included; the journal is compacted at open and close", () => {
    const dir = tempDir();
    const store = new Store();
    const p = new Persistence(dir);
    expect(p.open(store, new Date()).loaded).toBe(false);
    const tenant = store.putTenant(tenantInfo);
    tenant.collection("users").put("a", { id: "a" });
    tenant.collection("users").put("b", { id: "b" });
    tenant.collection("users").delete("a");
    expect(readFileSync(join(dir, "journal.jsonl"), "utf8").trim().split("\n")).toHaveLength(4);

    // Simulate a crash: no close, then a torn last line.
    appendFileSync(join(dir, "journal.jsonl"), '{"op":"put","tenantId":"111');
    const again = new Store();
    const reopened = new Persistence(dir);
    expect(reopened.open(again, new Date())).toEqual({ loaded: true, replayed: 4 });
    expect([...(again.tenant("contoso")?.collection("users").entries() ?? [])]).toEqual([["b", { id: "b" }]]);
    expect(readFileSync(join(dir, "journal.jsonl"), "utf8")).toBe("");
    again.tenant("contoso")?.collection("users").put("c", { id: "c" });
    reopened.close(again, new Date());
    const third = new Store();
    new Persistence(dir).open(third, new Date());
    expect(third.tenant("contoso")?.collection("users").size).toBe(2);
  });

  test("a corrupt line in the middle is an error, not silent data loss", () => {
    const dir = tempDir();
    const store = new Store();
    const p = new Persistence(dir);
    p.open(store, new Date());
    store.putTenant(tenantInfo);
    appendFileSync(join(dir, "journal.jsonl"), "garbage\n");
    store.tenant("contoso")?.collection("users").put("x", { id: "x" });
    expect(() => new Persistence(dir).open(new Store(), new Date())).toThrow(/line 2/);
  });
});

describe("restart on a data dir", () => {
  test("keeps the demo tenant and its secret, and swaps the demo certificate for this run's", async () => {
    const dir = tempDir();
    const first = await startEmulator({ dataDir: dir });
    const before = first.tenants[0];
    first.store.tenant("contoso")?.collection("users").put("kept", { id: "kept" });
    await first.stop();

    const second = await startEmulator({ dataDir: dir });
    try {
      const after = second.tenants[0];
      expect(after).toMatchObject({
        tenantId: before?.tenantId,
        clientId: before?.clientId,
        clientSecret: before?.clientSecret,
      });
      expect(after?.certificate?.thumbprintSha256).not.toBe(before?.certificate?.thumbprintSha256);
      const app = [...(second.store.tenant("contoso")?.collection("applications").values() ?? [])].find(
        (a) => a.appId === after?.clientId,
      );
      expect(app?.keyCredentials).toHaveLength(1);
      expect(second.store.tenant("contoso")?.collection("users").has("kept")).toBe(true);
      const f = trustingFetch(second.caCertPem);
      const res = await f(`${after?.authority}/oauth2/v2.0/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: after?.clientId ?? "",
          client_secret: after?.clientSecret ?? "",
          scope: "https://graph.microsoft.com/.default",
        }),
      });
      expect(res.status).toBe(200);
    } finally {
      await second.stop();
    }
  });
});

interface ChildInfo {
  graphUrl: string;
  loginUrl: string;
  controlUrl: string;
  controlKey: string;
  ca: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

function startChild(dataDir: string): Promise<{ child: ChildProcess; info: ChildInfo }> {
  const fixture = new URL("./fixtures/persist-child.ts", import.meta.url).pathname;
  const child = spawn(process.execPath, ["--conditions=@ciamkit/source", fixture, dataDir], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`child exited with ${code}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once("line", (line) => {
      resolve({ child, info: JSON.parse(line) as ChildInfo });
    });
  });
}

async function tokenFor(info: ChildInfo, f: typeof fetch): Promise<string> {
  const res = await f(`${info.loginUrl}/${info.tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: info.clientId,
      client_secret: info.clientSecret,
      scope: "https://graph.microsoft.com/.default",
    }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

describe("kill -9", () => {
  test("every write acknowledged with a 2xx before the kill is there after a restart", {
    timeout: 60_000,
  }, async () => {
    const dir = tempDir();
    const first = await startChild(dir);
    const f = trustingFetch(first.info.ca);
    const token = await tokenFor(first.info, f);
    const acknowledged: string[] = [];
    let killed = false;
    const worker = async (w: number) => {
      for (let i = 0; !killed; i++) {
        try {
          const res = await f(`${first.info.graphUrl}/v1.0/users`, {
            method: "POST",
            headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
            body: JSON.stringify({ displayName: `load ${w}-${i}` }),
          });
          if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id);
        } catch {
          return; // the connection died with the process
        }
        if (acknowledged.length >= 200 && !killed) {
          killed = true;
          first.child.kill("SIGKILL");
        }
      }
    };
    await Promise.all([worker(1), worker(2), worker(3), worker(4)]);
    if (first.child.exitCode === null && first.child.signalCode === null) await once(first.child, "exit");
    expect(acknowledged.length).toBeGreaterThanOrEqual(200);

    const second = await startChild(dir);
    try {
      const g = trustingFetch(second.info.ca);
      const snapshot = (await (
        await g(`${second.info.controlUrl}/snapshot`, {
          headers: { "x-emulator-key": second.info.controlKey },
        })
      ).json()) as { tenants: { collections: Record<string, [string, unknown][]> }[] };
      const stored = new Set((snapshot.tenants[0]?.collections.users ?? []).map(([id]) => id));
      const missing = acknowledged.filter((id) => !stored.has(id));
      expect(missing).toEqual([]);
      // The restarted emulator serves them over Graph too.
      const token2 = await tokenFor(second.info, g);
      const res = await g(`${second.info.graphUrl}/v1.0/users/${acknowledged.at(-1)}`, {
        headers: { authorization: `Bearer ${token2}` },
      });
      expect(res.status).toBe(200);
    } finally {
      second.child.kill("SIGKILL");
    }
  });
});
