import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { appIdSchema } from "../fields.ts";
import { userFlowSchema } from "./user-flow-schema.ts";
import { flowsForApp } from "./user-flows-client.ts";

/** `user_flow_find_by_app`: the flow an application signs customers in with. */
export const findUserFlowByAppOperation = defineOperation({
  name: "user_flow_find_by_app",
  area: "user-flows",
  title: "Find an app's user flow",
  description:
    "Finds the user flow an app is linked to, by its client id (appId, not object id). Returns the flow, or null when none.",
  access: "read",
  permissions: ["EventListener.Read.All"],
  input: z.object({ appId: appIdSchema.describe("Client id.") }),
  output: z.object({ flow: userFlowSchema.nullable() }),
  run: async (ctx, input) => {
    const flows = await flowsForApp(ctx.graph, input.appId, { signal: ctx.signal });
    return { flow: flows[0] ?? null };
  },
});
