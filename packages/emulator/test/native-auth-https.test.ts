import { afterAll, beforeAll, expect, test } from "vitest";
import { generateTls } from "../src/server/tls.ts";
import { customer, useGraphFixture } from "./helpers/graph.ts";
import {
  configureJit,
  encryptionCertificate,
  type JitApps,
  MIGRATION_FLAG,
  nativeAuth,
  type Receiver,
  startReceiver,
} from "./helpers/jit.ts";

// An onPasswordSubmit endpoint on https, trusted through the emulator's `customExtensionCa` option
// (a test's own CA; Node's roots stay trusted).

const endpointTls = await generateTls();
const { fx, g } = useGraphFixture({ reset: false, emulator: { customExtensionCa: endpointTls.ca } });
let receiver: Receiver;
let apps: JitApps;

beforeAll(async () => {
  const jwks = await (await fx.t.fetch(`${fx.t.emu.loginUrl}/contoso/discovery/v2.0/keys`)).json();
  const cert = await encryptionCertificate();
  receiver = await startReceiver(jwks as never, cert.privateKey, endpointTls);
  apps = await configureJit(g, fx.t.emu.graphUrl, receiver.endpoint, cert.der);
});

afterAll(() => receiver?.close());

test("MigratePassword over https: the password is migrated and the flag cleared", async () => {
  const body = customer("tls@example.com", { [MIGRATION_FLAG]: true });
  const created = await g.post("/users", body);
  expect(created.status).toBe(201);
  const r = await nativeAuth(fx.t.fetch, fx.t.emu.loginUrl, "contoso").signIn(
    apps.nativeApp,
    "tls@example.com",
    "Old-https-Passw0rd",
  );
  expect(r.status).toBe(200);
  expect(receiver.endpoint).toMatch(/^https:/);
  expect(receiver.calls).toBe(1);
  expect(fx.tenant.collection("users").get(created.body.id)?.[MIGRATION_FLAG]).toBe(false);
});
