import { z } from "zod";

/** How operations name an application: object id or application (client) id, exactly one. */
export const appRefShape = {
  id: z.string().min(1).optional().describe("Object id."),
  appId: z.guid().optional().describe("Or the client id."),
};

/** Checks that exactly one of `id` and `appId` is given. */
export function exactlyOneRef(input: { id?: string | undefined; appId?: string | undefined }): boolean {
  return (input.id === undefined) !== (input.appId === undefined);
}

/** The refine message for {@link exactlyOneRef}. */
export const exactlyOneRefMessage = { message: "give exactly one of id (object id) and appId (client id)" };
