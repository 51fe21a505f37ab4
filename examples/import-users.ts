// Imports customers from a CSV file with the bulk engine: every row is validated first, a dry run
// shows what would happen, then the writes go out in paced `$batch` envelopes. Users without a
// password get a random one to change at first sign-in. Rows already imported are skipped, so a
// second run creates nobody. Run: node import-users.ts [file.csv] (default: customers.csv beside it)
import { fileURLToPath } from "node:url";
import {
  createCiamClient,
  fromEnvironment,
  type ImportUsersOptions,
  importUsers,
  summarizeReport,
} from "@ciamkit/core";

const { credential, cloud, tenantId } = fromEnvironment();
const client = createCiamClient({ credential, cloud, tenantId });

const options: ImportUsersOptions = {
  file: process.argv[2] ?? fileURLToPath(new URL("customers.csv", import.meta.url)),
  mapping: {
    columns: {
      signInName: "email",
      displayName: "full_name",
      givenName: "first_name",
      surname: "last_name",
    },
    extensions: {}, // user flow custom attributes → columns (with extensionAppId)
  },
  passwords: "generate",
  onConflict: "skip",
};
try {
  const ctx = client.context({ onProgress: (p) => console.error(p.message) });
  console.log(summarizeReport(await importUsers(ctx, { ...options, dryRun: true })));
  console.log(summarizeReport(await importUsers(ctx, options)));
} finally {
  await client.close();
}
