/**
 * What a listener's target asks of its spec: an onPasswordSubmit listener names the boolean custom
 * attribute that marks users still to migrate (`migrationAttribute`), and no other listener does.
 * Checked with what the spec alone says before any request, and with the tenant's objects too once it
 * is read (before any write).
 */
import type { EventListener } from "../graph/event-listeners/event-listener-schema.ts";
import { sortedSet } from "./normalize.ts";
import { problemAt, type SpecLocator, type SpecProblem } from "./spec-error.ts";
import type { EventListenerSpec } from "./spec-schema.ts";

/** What is known of the objects listeners reference, by name in any casing. */
export interface ListenerTargets {
  /** The event of the custom extension of that name. */
  event(name: string): string | undefined;
  /** The data type of the custom attribute of that name. */
  dataType(name: string): string | undefined;
}

/** A lookup by lower-case name over maps, the first that has it winning. */
export function lookup<T>(...maps: Iterable<[string, T]>[]): (name: string) => T | undefined {
  const out = new Map<string, T>();
  for (const map of maps)
    for (const [k, v] of map) if (!out.has(k.toLowerCase())) out.set(k.toLowerCase(), v);
  return (name) => out.get(name.toLowerCase());
}

/** A spec kind's objects as `[name, what get takes of it]`, for {@link lookup}. */
export const specEntries = <S, V>(items: Readonly<Record<string, S>> | undefined, get: (s: S) => V) =>
  Object.entries(items ?? {}).map(([k, v]): [string, V] => [k, get(v)]);

/** Notes each listener whose migration attribute does not fit the extension it calls. */
export function listenerTargetProblems(
  listeners: Readonly<Record<string, EventListenerSpec>> | undefined,
  known: ListenerTargets,
  locate: SpecLocator | undefined,
  problems: SpecProblem[],
): void {
  for (const [name, l] of Object.entries(listeners ?? {})) {
    const event = known.event(name);
    if (event === undefined) continue;
    const flag = l.migrationAttribute;
    if (event === "onPasswordSubmit" && flag === undefined)
      problems.push(
        problemAt(
          locate,
          ["eventListeners", name],
          `'${name}' is an onPasswordSubmit extension: its listener needs migrationAttribute, the boolean custom attribute marking users to migrate (RequiresMigration)`,
          true,
        ),
      );
    if (flag === undefined) continue;
    if (event !== "onPasswordSubmit")
      problems.push(
        problemAt(
          locate,
          ["eventListeners", name, "migrationAttribute"],
          `only an onPasswordSubmit listener has a migrationAttribute; '${name}' is an ${event} extension: remove it`,
        ),
      );
    if (event !== "onPasswordSubmit") continue;
    const type = known.dataType(flag);
    if (type !== undefined && type !== "boolean")
      problems.push(
        problemAt(
          locate,
          ["eventListeners", name, "migrationAttribute"],
          `the custom attribute '${flag}' is a ${type}; the migration flag is a boolean attribute`,
        ),
      );
  }
}

/**
 * The tenant's listeners tenant as code leaves alone and says so: fraud protection ones
 * (onFraudProtectionLoadStart), whose provider Microsoft documents with delegated permissions only,
 * so an app-only run cannot name it. They are never exported, compared or deleted (even with prune).
 */
export function unmanagedListeners(
  listeners: readonly EventListener[],
  appName: (appId: string) => string,
): string[] {
  return listeners
    .filter((l) => l.authenticationEventsFlowId == null && l.fraudProtectionProviderId != null)
    .map((l) => {
      const apps = l.appIds.length === 0 ? "all applications" : sortedSet(l.appIds.map(appName)).join(", ");
      return `a fraud protection listener (${l.kind}) for ${apps}: not managed (its provider is readable with delegated permissions only); left as it is, even with --prune`;
    })
    .sort();
}
