// A program that fetches one URL through core's transport given a CA of its own (`ca`), with the
// URL's CA trusted only the way Node trusts CAs by default (NODE_EXTRA_CA_CERTS, set by the parent).
// Prints the status, or the error's cause code. Set up by CIAMKIT_CA_CHILD: { url, ca }.
import { createFetchTransport } from "@ciamkit/core";

const { url, ca } = JSON.parse(process.env.CIAMKIT_CA_CHILD ?? "{}") as { url: string; ca: string };
const transport = createFetchTransport({ ca });
try {
  const res = await transport.fetch(url);
  process.stdout.write(`${JSON.stringify({ status: res.status })}\n`);
} catch (error) {
  const cause = (error as { cause?: { code?: string; cause?: { code?: string } } }).cause;
  process.stdout.write(`${JSON.stringify({ error: cause?.code ?? cause?.cause?.code ?? String(error) })}\n`);
}
await transport.close();
