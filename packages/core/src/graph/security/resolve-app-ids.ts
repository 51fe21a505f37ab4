import { eq } from "../../http/odata.ts";
import type { ServiceClient } from "../../http/service-client.ts";
import { InputError } from "../../input-error.ts";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The client ids of apps named by display name or client id: a name must match exactly one app
 * registration of the tenant (else an {@link InputError} naming what to give instead).
 */
export async function resolveAppIds(
  graph: ServiceClient,
  refs: readonly string[],
  options: { signal?: AbortSignal | undefined } = {},
): Promise<string[]> {
  const out: string[] = [];
  for (const ref of refs) {
    if (GUID.test(ref)) {
      out.push(ref.toLowerCase());
      continue;
    }
    const found = await graph.get<{ value: { appId: string }[] }>("/applications", {
      query: { $filter: String(eq("displayName", ref)), $select: "appId,displayName" },
      signal: options.signal,
    });
    if (found.value.length !== 1) {
      throw new InputError(
        found.value.length === 0
          ? `No app registration is named "${ref}"; app_list shows the names, or give its client id.`
          : `${found.value.length} app registrations are named "${ref}"; give the client id of the one you mean.`,
      );
    }
    out.push((found.value[0] as { appId: string }).appId);
  }
  return [...new Set(out)];
}
