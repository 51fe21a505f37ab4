// Runs one import in a child process so a test can kill it with SIGKILL at a random point.
// Set up by CIAMKIT_IMPORT_CHILD.
import { importUsers } from "../../src/bulk/import-users.ts";
import { childClient } from "./child-client.ts";

const { client, settings } = childClient<{ file: string; journalFile: string }>("CIAMKIT_IMPORT_CHILD");
await importUsers(client.context(), {
  file: settings.file,
  journalFile: settings.journalFile,
  maxConcurrency: 2,
});
await client.close();
