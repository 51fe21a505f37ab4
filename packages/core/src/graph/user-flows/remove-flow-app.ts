import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { appIdSchema } from "../fields.ts";
import { flowRefSchema } from "./user-flow-schema.ts";
import { removeFlowApp, resolveFlow } from "./user-flows-client.ts";

/** `user_flow_app_remove`: unlink an application from a flow. */
export const removeFlowAppOperation = defineOperation({
  name: "user_flow_app_remove",
  area: "user-flows",
  title: "Unlink an app from a user flow",
  description:
    "Unlinks an app (client id) from a user flow (id or name); its customers lose sign-up until linked elsewhere.",
  // The app's customers lose sign-up: confirmed like a delete (MCP: not an additive update).
  access: "destructive",
  idempotent: true,
  permissions: ["EventListener.ReadWrite.All"],
  input: z.object({ flow: flowRefSchema, appId: appIdSchema.describe("Client id.") }),
  output: z.object({ flowId: z.string(), appId: z.string(), removed: z.literal(true) }),
  run: async (ctx, input) => {
    const flow = await resolveFlow(ctx.graph, input.flow, { signal: ctx.signal });
    await removeFlowApp(ctx.graph, flow.id, input.appId.toLowerCase(), { signal: ctx.signal });
    return { flowId: flow.id, appId: input.appId.toLowerCase(), removed: true as const };
  },
});
