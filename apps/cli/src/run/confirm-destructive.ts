import type { CommandSpec } from "../manifest/manifest-types.ts";
import { confirm } from "../terminal/confirm.ts";
import type { Session } from "./session.ts";

type Core = typeof import("@ciamkit/core");

/**
 * Shows what a destructive command will remove and asks. The object is read first with the area's
 * `get` operation when the catalog has one taking the same identifying fields, so the person sees
 * a name, not just an id (and a wrong id fails here, with nothing removed).
 */
export async function confirmDestructive(
  core: Core,
  session: Session,
  spec: CommandSpec,
  input: Record<string, unknown>,
  signal: AbortSignal,
): Promise<boolean> {
  let what = Object.entries(input)
    .filter(([, v]) => typeof v === "string" || typeof v === "number")
    .map(([k, v]) => `${k} ${String(v)}`)
    .join(", ");
  const get = core.operations.find(
    (op) => op.area === spec.area && op.name === `${core.areaPrefix(spec.area)}_get` && op.access === "read",
  );
  const keys = Object.keys(input).filter((k) => input[k] !== undefined);
  const getShape = get === undefined ? [] : Object.keys(get.input.shape);
  if (get !== undefined && keys.length > 0 && keys.every((k) => getShape.includes(k))) {
    const item = (await session.client.run(get, input, { signal })) as Record<string, unknown>;
    const name = item.displayName ?? item.userPrincipalName ?? item.name;
    what = `${name === undefined ? "" : `'${String(name)}' `}(id ${String(item.id ?? input.id ?? "")})`;
  }
  const action = spec.title.replace(/^\w/, (c) => c.toLowerCase());
  process.stderr.write(`This will ${action}: ${what}.\n`);
  return confirm("Continue?", signal);
}
