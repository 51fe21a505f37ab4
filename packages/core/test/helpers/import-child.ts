// Runs one import in a child process so a test can kill it with SIGKILL at a random point.
// Configuration comes as JSON in CIAMKIT_IMPORT_CHILD (test data only: the emulator's demo secret).
import { clientSecretCredential } from "../../src/auth/client-secret.ts";
import { customCloud } from "../../src/auth/clouds.ts";
import { importUsers } from "../../src/bulk/import-users.ts";
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
  file: string;
  journalFile: string;
}

const config = JSON.parse(process.env.CIAMKIT_IMPORT_CHILD ?? "{}") as ChildConfig;
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
await importUsers(client.context(), {
  file: config.file,
  journalFile: config.journalFile,
  maxConcurrency: 2,
});
await client.close();
