import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { clientSecretCredential } from "../src/auth/client-secret.ts";
import { childEnv } from "./helpers/child-client.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";

const { t } = useCoreEmulator();

interface ChildReport {
  organizations: number;
  sockets: string[];
}

/** Runs helpers/exit-child.ts; resolves with its report and exit code once the process has ended. */
function runChild(close: boolean): Promise<{ report: ChildReport; code: number | null; stderr: string }> {
  const child = spawn(
    process.execPath,
    ["--conditions=@ciamkit/source", new URL("./helpers/exit-child.ts", import.meta.url).pathname],
    {
      env: childEnv(t, "CIAMKIT_EXIT_CHILD", { close }),
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve) => {
    child.once("exit", (code) => {
      const line = stdout.trim().split("\n").at(-1) ?? "{}";
      resolve({ report: JSON.parse(line) as ChildReport, code, stderr });
    });
  });
}

describe("closing a client", () => {
  it("leaves no socket open (token service, Graph), so a program exits as soon as its work is done", async () => {
    const { report, code, stderr } = await runChild(true);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(report.organizations).toBe(1);
    expect(report.sockets).toEqual([]);
  }, 30_000);

  it("closes the connection pools of both the client and its credential", async () => {
    // Every pool (undici Agent) the client and the credential send through, as handed to fetch.
    const pools = new Set<{ closed: boolean }>();
    const recording: typeof fetch = (input, init) => {
      const dispatcher = (init as { dispatcher?: { closed: boolean } } | undefined)?.dispatcher;
      if (dispatcher !== undefined) pools.add(dispatcher);
      return fetch(input, init);
    };
    const credential = clientSecretCredential({
      tenantId: t.tenant.tenantId,
      clientId: t.tenant.clientId,
      clientSecret: t.tenant.clientSecret,
      cloud: t.cloud,
      fetch: recording,
    });
    const client = t.client({ credential, fetch: recording });
    await client.graph.get("/organization");
    expect(pools.size).toBe(2);
    expect([...pools].map((p) => p.closed)).toEqual([false, false]);
    await client.close();
    expect([...pools].map((p) => p.closed)).toEqual([true, true]);
  });

  it("a closed client and credential stay usable: the next call reconnects", async () => {
    const client = t.client();
    await client.graph.get("/organization");
    await client.close();
    const again = await client.graph.get<{ value: unknown[] }>("/organization");
    expect(again.value).toHaveLength(1);
    await client.close();
  });
});
