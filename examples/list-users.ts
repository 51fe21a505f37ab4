// Lists every user of the tenant with the async iterator: `client.iterate` follows Graph's pages and
// holds one page at a time. Run: node list-users.ts [display name prefix]
import { createCiamClient, fromEnvironment, listUsersOperation } from "@ciamkit/core";

// AZURE_TENANT_ID, AZURE_CLIENT_ID and a secret, certificate or federated token (docs/connecting.md).
const { credential, cloud, tenantId } = fromEnvironment();
const client = createCiamClient({ credential, cloud, tenantId });

const prefix = process.argv[2];
const filter = prefix === undefined ? {} : { displayNameStartsWith: prefix };
let count = 0;
try {
  for await (const user of client.iterate(listUsersOperation, { ...filter, limit: 100 })) {
    count += 1;
    console.log(`${user.displayName ?? "(no name)"} <${user.mail ?? user.userPrincipalName}>`);
  }
  console.log(`${count} users`);
} finally {
  await client.close();
}
