// Type tests: `tsc` checks this file in the typecheck task (vitest does not run it). Azure SDK
// credentials (`@azure/core-auth`'s TokenCredential, whose getToken may resolve to null) are
// accepted as a client's credential as they are, without a cast.
import {
  AzureCliCredential,
  ClientSecretCredential,
  DefaultAzureCredential,
  ManagedIdentityCredential,
  WorkloadIdentityCredential,
} from "@azure/identity";
import { createCiamClient } from "../src/client.ts";

createCiamClient({ credential: new ClientSecretCredential("tenant", "client", "secret"), tenantId: "t" });
createCiamClient({ credential: new DefaultAzureCredential(), tenantId: "t" });
createCiamClient({ credential: new ManagedIdentityCredential({ clientId: "client" }), tenantId: "t" });
createCiamClient({ credential: new WorkloadIdentityCredential(), tenantId: "t" });
createCiamClient({ credential: new AzureCliCredential(), tenantId: "t" });
// @ts-expect-error: a credential gives tokens through getToken
createCiamClient({ credential: { token: "x" }, tenantId: "t" });
