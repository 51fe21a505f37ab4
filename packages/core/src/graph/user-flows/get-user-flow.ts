import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { flowRefSchema, userFlowSchema } from "./user-flow-schema.ts";
import { resolveFlow } from "./user-flows-client.ts";

/** `user_flow_get`: one user flow by id or name. */
export const getUserFlowOperation = defineOperation({
  name: "user_flow_get",
  area: "user-flows",
  title: "Get a user flow",
  description:
    "Returns one sign-up/sign-in user flow, by id or by display name, with its identity providers, linked applications, attributes and attribute collection page. Fails with a not-found error when there is none.",
  access: "read",
  permissions: ["EventListener.Read.All"],
  input: z.object({ flow: flowRefSchema }),
  output: userFlowSchema,
  run: (ctx, input) => resolveFlow(ctx.graph, input.flow, { signal: ctx.signal }),
});
