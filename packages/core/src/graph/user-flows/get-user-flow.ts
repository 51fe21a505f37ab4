import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { flowRefSchema, userFlowSchema } from "./user-flow-schema.ts";
import { resolveFlow } from "./user-flows-client.ts";

/** `user_flow_get`: one user flow by id or name. */
export const getUserFlowOperation = defineOperation({
  name: "user_flow_get",
  area: "user-flows",
  title: "Get a user flow",
  description: "Returns a user flow by id or display name, with providers, linked apps, attributes and page.",
  access: "read",
  permissions: ["EventListener.Read.All"],
  input: z.object({ flow: flowRefSchema }),
  output: userFlowSchema,
  run: (ctx, input) => resolveFlow(ctx.graph, input.flow, { signal: ctx.signal }),
});
