import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { listInputShape, listOutputSchema } from "../common.ts";
import { userFlowSchema } from "./user-flow-schema.ts";
import { listFlowPage } from "./user-flows-client.ts";

/** `user_flow_list`: the tenant's sign-up/sign-in user flows. */
export const listUserFlowsOperation = defineOperation({
  name: "user_flow_list",
  area: "user-flows",
  title: "List user flows",
  description:
    "Lists sign-up/sign-in user flows with their providers, linked apps (client ids), attributes and page.",
  access: "read",
  list: true,
  permissions: ["EventListener.Read.All"],
  input: z.object({ ...listInputShape }),
  output: listOutputSchema(userFlowSchema),
  run: (ctx, input) =>
    listFlowPage(ctx.graph, { limit: input.limit, cursor: input.cursor, signal: ctx.signal }),
});
