// Plans a tenant's configuration from a spec folder (one YAML file per kind, objects by name; see
// docs/tenant-as-code.md), and with --apply applies exactly the plan it printed: the plan's state hash
// refuses a tenant that changed in between. Run: node plan-config.ts [spec folder] [--apply]
// (default folder: tenant/ beside this script).
import { fileURLToPath } from "node:url";
import { configApplyOperation, configPlanOperation, createCiamClient, fromEnvironment } from "@ciamkit/core";

const args = process.argv.slice(2);
const apply = args.includes("--apply");
const dir = args.find((a) => a !== "--apply") ?? fileURLToPath(new URL("tenant", import.meta.url));

const { credential, cloud, tenantId } = fromEnvironment();
const client = createCiamClient({ credential, cloud, tenantId });

try {
  const plan = await client.run(configPlanOperation, { dir });
  console.log(plan.summary);
  if (apply && plan.changes.length > 0) {
    const applied = await client.run(configApplyOperation, { dir, stateHash: plan.stateHash });
    console.log(applied.summary);
  } else if (plan.changes.length > 0) {
    console.log("Run again with --apply to make these changes.");
  }
} finally {
  await client.close();
}
