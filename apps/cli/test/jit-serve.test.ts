import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { passwordSubmit } from "../../../packages/jit/test/helpers/fake-tenant.ts";
import { useFakeTenant } from "../../../packages/jit/test/helpers/use-fake-tenant.ts";
import { BIN, ciam, outcome, requireBuilt, sandbox } from "./harness.ts";

const tenant = useFakeTenant();
const box = sandbox();
const keyFile = join(box.dir, "jit-key.pem");
const hashesFile = join(box.dir, "hashes.json");

beforeAll(() => {
  requireBuilt();
  writeFileSync(keyFile, tenant.privateKeyPem, { mode: 0o600 });
  // jBCrypt's vector: "abc".
  const record = {
    algorithm: "bcrypt",
    hash: "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i",
  };
  writeFileSync(hashesFile, JSON.stringify({ "CASEY@contoso.com": record }));
});
afterAll(() => box.remove());

const serveArgs = () => [
  "migrate",
  "jit",
  "serve",
  "--private-key",
  keyFile,
  "--tenant-id",
  tenant.tenantId,
  "--audience",
  tenant.appId,
  "--discovery-url",
  tenant.discoveryUrl,
  "--port",
  "0",
];

describe("ciam migrate jit serve", () => {
  it("serves the handler on http, prints its URL on stderr, answers External ID's call and stops on Ctrl-C", async () => {
    const child = spawn(
      process.execPath,
      [BIN, ...serveArgs(), "--verifier", "hashes", "--hashes", hashesFile],
      {
        env: box.env,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let announced: (url: string) => void = () => {};
    const url = new Promise<string>((resolve) => {
      announced = resolve;
    });
    const ended = outcome(child, (stderr) => {
      const m = /listens on (http:\/\/\S+\/)/.exec(stderr);
      if (m?.[1] !== undefined) announced(m[1]);
    });
    const endpoint = await Promise.race([url, ended.then((run) => Promise.reject(new Error(run.stderr)))]);
    const send = async (password: string) => {
      const context = await tenant.encrypt({ "user-password": password, nonce: randomUUID() });
      const request = passwordSubmit(await tenant.token(), tenant.body(context));
      const response = await fetch(endpoint, {
        method: "POST",
        headers: request.headers,
        body: await request.text(),
      });
      return (await response.json()) as { data: { actions: { "@odata.type": string }[] } };
    };
    expect((await send("abc")).data.actions[0]?.["@odata.type"]).toBe(
      "microsoft.graph.passwordsubmit.MigratePassword",
    );
    expect((await send("abd")).data.actions[0]?.["@odata.type"]).toBe("microsoft.graph.passwordsubmit.Retry");
    child.kill("SIGINT");
    const run = await ended;
    expect(run.status).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/ciam: jit: MigratePassword \{"correlationId"/);
    expect(run.stderr).not.toContain('abc"');
  });

  it("refuses missing verifier settings and unreadable files with a usage error (exit 2), serving nothing", async () => {
    const noHashes = await ciam([...serveArgs(), "--verifier", "hashes"], box.env);
    expect(noHashes.status).toBe(2);
    expect(noHashes.stderr).toContain("--verifier hashes needs --hashes <file>");
    const noB2c = await ciam([...serveArgs(), "--verifier", "b2c"], box.env);
    expect(noB2c.stderr).toContain("--verifier b2c needs --b2c-authority <url> and --b2c-client-id <id>");
    const badKey = await ciam(
      [
        ...serveArgs(),
        "--verifier",
        "hashes",
        "--hashes",
        hashesFile,
        "--private-key",
        join(box.dir, "none.pem"),
      ],
      box.env,
    );
    expect(badKey.status).toBe(2);
    expect(badKey.stderr).toMatch(/--private-key: cannot read .*none\.pem \(ENOENT\)/);
    writeFileSync(join(box.dir, "bad.json"), JSON.stringify({ casey: { algorithm: "md5", hash: "x" } }));
    const badHashes = await ciam(
      [...serveArgs(), "--verifier", "hashes", "--hashes", join(box.dir, "bad.json")],
      box.env,
    );
    expect(badHashes.status).toBe(2);
    expect(badHashes.stderr).toMatch(/--hashes: .*bad\.json: casey\.algorithm/);
    const badTenant = await ciam(
      [...serveArgs(), "--verifier", "hashes", "--hashes", hashesFile, "--tenant-id", "contoso"],
      box.env,
    );
    expect(badTenant.status).toBe(2);
    expect(badTenant.stderr).toContain("--tenant-id: expected the tenant id (a GUID)");
  });
});
