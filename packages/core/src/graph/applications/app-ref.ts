import { z } from "zod";
import { NotFoundError } from "../../http/errors.ts";
import { eq } from "../../http/odata.ts";
import type { ServiceClient } from "../../http/service-client.ts";
import { InputError } from "../../input-error.ts";
import { nameRefSchema } from "../fields.ts";

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

/** {@link appRefShape} plus the display name: object id, client id or display name, exactly one. */
export const appNameRefShape = {
  ...appRefShape,
  name: nameRefSchema.optional().describe("Or the display name."),
};

/** Checks that exactly one of `id`, `appId` and `name` is given. */
export function exactlyOneNameRef(input: { id?: unknown; appId?: unknown; name?: unknown }): boolean {
  return [input.id, input.appId, input.name].filter((v) => v !== undefined).length === 1;
}

/** The refine message for {@link exactlyOneNameRef}. */
export const exactlyOneNameRefMessage = { message: "give exactly one of id, appId and name" };

/**
 * The application an input names, as `{ id }` or `{ appId }` for {@link applicationPath}: a display name
 * is looked up (any casing) and must name exactly one app registration.
 */
export async function resolveAppRef(
  graph: ServiceClient,
  ref: { id?: string | undefined; appId?: string | undefined; name?: string | undefined },
  signal?: AbortSignal,
): Promise<{ id: string } | { appId: string }> {
  if (ref.id !== undefined) return { id: ref.id };
  if (ref.appId !== undefined) return { appId: ref.appId };
  const name = ref.name ?? "";
  const body = await graph.get<{ value?: { id: string; displayName?: string | null }[] }>("/applications", {
    query: { $filter: String(eq("displayName", name)), $select: "id,displayName", $top: 999 },
    signal,
  });
  const found = (body?.value ?? []).filter((a) => a.displayName?.toLowerCase() === name.toLowerCase());
  const only = found[0];
  if (found.length === 1 && only !== undefined) return { id: only.id };
  if (found.length === 0)
    throw new NotFoundError({
      service: "graph",
      status: 404,
      code: "ApplicationNotFound",
      message: `No app registration is named ${JSON.stringify(name)}; list them with \`ciam app list\` (app_list).`,
    });
  throw new InputError(
    `${found.length} app registrations are named ${JSON.stringify(name)} (object ids ${found.map((a) => a.id).join(", ")}): give id or appId instead.`,
  );
}
