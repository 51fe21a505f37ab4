// A program that imports core, makes one Graph call, closes the client and does nothing else: the
// parent test checks that no socket is left holding the event loop. Configuration comes as JSON in
// CIAMKIT_EXIT_CHILD (test data only: the emulator's demo secret).
import { clientSecretCredential } from "../../src/auth/client-secret.ts";
import { customCloud } from "../../src/auth/clouds.ts";
import { createCiamClient } from "../../src/client.ts";

interface ChildConfig {
  loginUrl: string;
  graphUrl: string;
  armUrl: string;
  ca: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  knownAuthorities: string[];
  close: boolean;
}

const config = JSON.parse(process.env.CIAMKIT_EXIT_CHILD ?? "{}") as ChildConfig;
const cloud = customCloud({
  name: "emulator",
  authorityHost: config.loginUrl,
  graphEndpoint: config.graphUrl,
  armEndpoint: config.armUrl,
  knownAuthorities: config.knownAuthorities,
  ca: config.ca,
});
const client = createCiamClient({
  credential: clientSecretCredential({
    tenantId: config.tenantId,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    cloud,
  }),
  tenantId: config.tenantId,
  cloud,
});
const organization = await client.graph.get<{ value: unknown[] }>("/organization");
if (config.close) await client.close();
await new Promise((resolve) => setImmediate(resolve));
// What still keeps the process alive once the program's own work is done.
const sockets = process.getActiveResourcesInfo().filter((r) => /TCP|TLS/i.test(r));
process.stdout.write(`${JSON.stringify({ organizations: organization.value.length, sockets })}\n`);
