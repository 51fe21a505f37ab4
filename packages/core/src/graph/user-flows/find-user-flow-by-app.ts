import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { userFlowSchema } from "./user-flow-schema.ts";
import { flowsForApp } from "./user-flows-client.ts";

/** `user_flow_find_by_app`: the flow an application signs customers in with. */
export const findUserFlowByAppOperation = defineOperation({
  name: "user_flow_find_by_app",
  area: "user-flows",
  title: "Find the user flow of an application",
  description:
    "Finds the sign-up/sign-in user flow an application is linked to, by the application's client id (appId, not its object id). An application can be linked to one flow only; returns it, or null when the application uses none.",
  access: "read",
  permissions: ["EventListener.Read.All"],
  input: z.object({ appId: z.uuid().describe("The application's client id (appId).") }),
  output: z.object({ flow: userFlowSchema.nullable() }),
  run: async (ctx, input) => {
    const flows = await flowsForApp(ctx.graph, input.appId, { signal: ctx.signal });
    return { flow: flows[0] ?? null };
  },
});
