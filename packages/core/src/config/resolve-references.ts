/**
 * References between objects of a spec, by natural key: a flow's identity providers, attributes,
 * page inputs and applications, an application's permission resources. Each must name an object of
 * the spec or the tenant (or a built-in one); it is rewritten in the spelling the object has, so
 * that a reference in other casing is not a difference. Unknown names are problems, placed.
 */
import { listenerTargetProblems, lookup, specEntries } from "./listener-targets.ts";
import type { LiveSpec } from "./live-spec.ts";
import { normalizeApplication, normalizeFlow, sortedSet } from "./normalize.ts";
import { resolvePermissions } from "./permission-names.ts";
import { problemAt, type SpecLocator, type SpecProblem } from "./spec-error.ts";
import type { TenantSpec } from "./spec-schema.ts";
import type { TenantState } from "./tenant-state.ts";

/** The spellings of the names a kind's references may use, by lower case. */
function names(...lists: Iterable<string>[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const list of lists)
    for (const name of list) if (!out.has(name.toLowerCase())) out.set(name.toLowerCase(), name);
  return out;
}

const keysOf = (items: Record<string, unknown> | undefined) => Object.keys(items ?? {});
const liveKeys = (kind: Map<string, { key: string }[]>) =>
  [...kind.values()].flatMap((o) => o.map((x) => x.key));

/** The spec with references in their objects' spelling and lists normalized; unknown names in `problems`. */
export function resolveReferences(
  spec: TenantSpec,
  live: LiveSpec,
  state: TenantState,
  locate: SpecLocator | undefined,
  problems: SpecProblem[],
): TenantSpec {
  const providers = names(
    keysOf(spec.identityProviders),
    liveKeys(live.identityProviders),
    state.providers.filter((p) => p.type === "builtInIdentityProvider").map((p) => p.id),
  );
  const attributes = names(
    keysOf(spec.userFlowAttributes),
    liveKeys(live.userFlowAttributes),
    state.attributes.filter((a) => a.userFlowAttributeType !== "custom").map((a) => a.id),
  );
  const apps = names(keysOf(spec.applications), liveKeys(live.applications));
  const resolve = (known: Map<string, string>, what: string, path: (string | number)[], ref: string) => {
    const found = known.get(ref.toLowerCase());
    if (found === undefined)
      problems.push(problemAt(locate, path, `no ${what} is named '${ref}' in the spec or the tenant`));
    return found ?? ref;
  };
  const extensions = names(keysOf(spec.customExtensions), liveKeys(live.customExtensions));
  const custom = names(keysOf(spec.userFlowAttributes), liveKeys(live.userFlowAttributes));
  const liveOf = <S, V>(kind: Map<string, { key: string; spec: S }[]>, get: (s: S) => V) =>
    [...kind.values()].flat().map((o): [string, V] => [o.key, get(o.spec)]);
  listenerTargetProblems(
    spec.eventListeners,
    {
      event: lookup(
        specEntries(spec.customExtensions, (e) => e.event),
        liveOf(live.customExtensions, (e) => e.event),
      ),
      dataType: lookup(
        specEntries(spec.userFlowAttributes, (a) => a.dataType),
        liveOf(live.userFlowAttributes, (a) => a.dataType),
      ),
    },
    locate,
    problems,
  );
  const out: TenantSpec = { ...spec };
  if (spec.customExtensions !== undefined) {
    out.customExtensions = Object.fromEntries(
      Object.entries(spec.customExtensions).map(([name, e]) => [
        name,
        {
          ...e,
          ...(e.app === undefined
            ? {}
            : { app: resolve(apps, "application", ["customExtensions", name, "app"], e.app) }),
          ...(e.claims === undefined ? {} : { claims: sortedSet(e.claims) }),
        },
      ]),
    );
  }
  if (spec.eventListeners !== undefined) {
    out.eventListeners = Object.fromEntries(
      Object.entries(spec.eventListeners).map(([name, l]) => {
        const extension = resolve(extensions, "custom extension", ["eventListeners", name], name);
        const flag = l.migrationAttribute;
        return [
          extension,
          {
            applications: sortedSet(
              l.applications.map((a, i) =>
                resolve(apps, "application", ["eventListeners", name, "applications", i], a),
              ),
            ),
            ...(flag === undefined
              ? {}
              : {
                  migrationAttribute: resolve(
                    custom,
                    "custom attribute",
                    ["eventListeners", name, "migrationAttribute"],
                    flag,
                  ),
                }),
          },
        ];
      }),
    );
  }
  if (spec.applications !== undefined) {
    out.applications = Object.fromEntries(
      Object.entries(spec.applications).map(([name, app]) => {
        if (app.requiredPermissions === undefined) return [name, normalizeApplication(app)];
        const permissions = resolvePermissions(
          name,
          app.requiredPermissions,
          {
            resources: state.resources,
            apps,
            appIdByName: live.refs.appIdByName,
            appName: live.refs.appName,
          },
          locate,
          problems,
        );
        return [name, normalizeApplication({ ...app, requiredPermissions: permissions })];
      }),
    );
  }
  if (spec.userFlows !== undefined) {
    out.userFlows = Object.fromEntries(
      Object.entries(spec.userFlows).map(([name, flow]) => {
        const at = (...rest: (string | number)[]) => ["userFlows", name, ...rest];
        const resolved = { ...flow };
        if (flow.identityProviders !== undefined)
          resolved.identityProviders = flow.identityProviders.map((r, i) =>
            resolve(providers, "identity provider", at("identityProviders", i), r),
          );
        if (flow.attributes !== undefined)
          resolved.attributes = flow.attributes.map((r, i) =>
            resolve(attributes, "attribute", at("attributes", i), r),
          );
        for (const handler of [
          "attributeCollectionStartExtension",
          "attributeCollectionSubmitExtension",
        ] as const) {
          const ref = flow[handler];
          if (typeof ref === "string")
            resolved[handler] = resolve(extensions, "custom extension", at(handler), ref);
        }
        if (flow.applications !== undefined)
          resolved.applications = flow.applications.map((r, i) =>
            resolve(apps, "application", at("applications", i), r),
          );
        if (flow.page !== undefined) {
          resolved.page = {
            views: flow.page.views.map((view, v) => ({
              ...view,
              inputs: view.inputs.map((input, i) => {
                const attribute = resolve(
                  attributes,
                  "attribute",
                  at("page", "views", v, "inputs", i, "attribute"),
                  input.attribute,
                );
                return { ...input, attribute, label: input.label ?? attribute };
              }),
            })),
          };
        }
        return [name, normalizeFlow(resolved)];
      }),
    );
  }
  return out;
}
