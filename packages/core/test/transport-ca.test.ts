import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { type RunningEmulator, startEmulator } from "@ciamkit/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// A client's `ca` adds to the CAs Node trusts; it must not replace them. Two emulators, each with its
// own CA: the child trusts A's the way Node trusts a CA by default (NODE_EXTRA_CA_CERTS) and gives
// core B's as `ca`; it must still reach A (as a client given a proxy's CA must still reach Microsoft).
const run = promisify(execFile);
let a: RunningEmulator;
let b: RunningEmulator;
let dir: string;
beforeAll(async () => {
  [a, b] = await Promise.all([startEmulator({ seed: false }), startEmulator({ seed: false })]);
  dir = mkdtempSync(join(tmpdir(), "ciam-ca-"));
  writeFileSync(join(dir, "a.pem"), a.caCertPem);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

async function fetchInChild(url: string, ca: string, extraCa?: string): Promise<unknown> {
  const { stdout } = await run(
    process.execPath,
    ["--conditions=@ciamkit/source", new URL("./helpers/ca-child.ts", import.meta.url).pathname],
    {
      env: {
        PATH: process.env.PATH,
        CIAMKIT_CA_CHILD: JSON.stringify({ url, ca }),
        ...(extraCa === undefined ? {} : { NODE_EXTRA_CA_CERTS: extraCa }),
      },
    },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}");
}

describe("a client's own CA", () => {
  it("is trusted in addition to the CAs Node trusts, not instead of them", async () => {
    expect(a.caCertPem).not.toBe(b.caCertPem);
    // Any HTTP answer means the TLS handshake succeeded (this path answers 400 on an empty emulator).
    const discovery = `${a.loginUrl}/common/v2.0/.well-known/openid-configuration`;
    const reached = { status: expect.any(Number) };
    // Trusted by Node (NODE_EXTRA_CA_CERTS) while the client names another CA: reached.
    expect(await fetchInChild(discovery, b.caCertPem, join(dir, "a.pem"))).toEqual(reached);
    // The client's own CA alone: reached too.
    expect(await fetchInChild(discovery, a.caCertPem)).toEqual(reached);
    // Trusted by neither: refused.
    expect(await fetchInChild(discovery, b.caCertPem)).toMatchObject({
      error: expect.stringMatching(/CERT|SIGNATURE/),
    });
  });
});
