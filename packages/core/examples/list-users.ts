import { clientSecretCredential, createCiamClient, customCloud, listUsersOperation } from "@ciamkit/core";
import { startEmulator } from "@ciamkit/emulator";

// A local Entra token service and Microsoft Graph over HTTPS, with a demo tenant "contoso".
const emulator = await startEmulator();
const [tenant] = emulator.tenants;
if (tenant === undefined) throw new Error("the emulator has no demo tenant");

// The emulator is a custom cloud; its CA is trusted for these endpoints only.
const cloud = customCloud({
  authorityHost: emulator.loginUrl,
  graphEndpoint: emulator.graphUrl,
  armEndpoint: emulator.armUrl,
  ca: emulator.caCertPem,
});

const client = createCiamClient({
  tenantId: tenant.tenantId,
  cloud,
  credential: clientSecretCredential({
    tenantId: tenant.tenantId,
    clientId: tenant.clientId,
    clientSecret: tenant.clientSecret,
    cloud,
  }),
});

const { items, nextCursor } = await client.run(listUsersOperation, { limit: 10 });
for (const user of items) console.log(`${user.displayName} <${user.mail ?? user.userPrincipalName}>`);
if (nextCursor !== undefined) console.log("(more: pass { cursor: nextCursor } for the next page)");

await client.close();
await emulator.stop();
