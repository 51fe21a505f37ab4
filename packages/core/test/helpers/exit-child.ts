// A program that imports core, makes one Graph call, closes the client and does nothing else: the
// parent test checks that no socket is left holding the event loop. Set up by CIAMKIT_EXIT_CHILD.
import { childClient } from "./child-client.ts";

const { client, settings } = childClient<{ close: boolean }>("CIAMKIT_EXIT_CHILD");
const organization = await client.graph.get<{ value: unknown[] }>("/organization");
if (settings.close) await client.close();
await new Promise((resolve) => setImmediate(resolve));
// What still keeps the process alive once the program's own work is done.
const sockets = process.getActiveResourcesInfo().filter((r) => /TCP|TLS/i.test(r));
process.stdout.write(`${JSON.stringify({ organizations: organization.value.length, sockets })}\n`);
