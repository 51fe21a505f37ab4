import { type GraphVersion, matchRoute } from "../../src/graph/route.ts";
import { routesFor } from "../../src/graph/route-table.ts";
import { graphRoutes } from "../../src/graph/routes/index.ts";
import type { Example, FixtureFile } from "./fixture.ts";

/**
 * Routes the emulator serves that no reference page shows an example of, with where they come from.
 * Everything else must be replayed by at least one documented example.
 */
export const UNDOCUMENTED: Readonly<Record<string, string>> = {
  "PUT /organization/{orgId}/branding/{stream}":
    "default-locale stream upload without /localizations/0 (the pages use /localizations/0/{stream})",
  "PATCH /organization/{orgId}/branding/{stream}": "as above, PATCH form",
  "GET /organization/{orgId}/branding/{stream}": "as above, GET form",
  "POST /customAuthenticationExtensions/validateAuthenticationConfiguration":
    "alias without /identity; the page documents /identity/customAuthenticationExtensions/…",
  "GET /identity/authenticationEventListeners/{id}/{listenerCast}/handler/{handlerCast}/customExtension/$ref":
    "the handler's extension reference, read by ciamkit; no page example",
  "PUT /identity/authenticationEventListeners/{id}/{listenerCast}/handler/{handlerCast}/customExtension/$ref":
    "the handler's extension reference, written by ciamkit; no page example",
  "GET /trustFramework/policies/{id}": "the policy entity without $value; the page documents /$value",
};

/** Served routes that no fixture request reaches and that are not listed as undocumented. */
export function unreachedRoutes(fixtures: readonly FixtureFile[]): {
  unreached: string[];
  listedButReached: string[];
} {
  const reached = new Set<string>();
  for (const r of fixtures.flatMap((f) => f.examples.flatMap((e) => [...e.setup, e.request]))) {
    const [, version, ...rest] = r.url
      .replace(/\{[^}]+\}/g, "x")
      .replace(/\?.*$/, "")
      .split("/");
    const route = matchRoute(routesFor(graphRoutes, version as GraphVersion), r.method, `/${rest.join("/")}`)
      .match?.route;
    if (route !== undefined) reached.add(`${route.method} ${route.path}`);
  }
  return {
    unreached: graphRoutes
      .map((r) => `${r.method} ${r.path}`)
      .filter((key) => !reached.has(key) && UNDOCUMENTED[key] === undefined),
    listedButReached: Object.keys(UNDOCUMENTED).filter((key) => reached.has(key)),
  };
}

export interface Result {
  file: FixtureFile;
  example: Example;
  problems: string[];
}

/** The pass figures per area and per group, as the markdown table docs/emulator.md shows. */
export function printSummary(results: readonly Result[]): void {
  const rows = new Map<string, { group: string; total: number; pass: number }>();
  for (const r of results) {
    const row = rows.get(r.file.area) ?? { group: r.file.group, total: 0, pass: 0 };
    row.total++;
    if (r.problems.length === 0) row.pass++;
    rows.set(r.file.area, row);
  }
  if (rows.size === 0) return;
  const pct = (p: number, n: number) => `${n === 0 ? 0 : Math.round((100 * p) / n)} %`;
  const lines = [
    "| area | group | documented examples | as documented | pass |",
    "| --- | --- | ---: | ---: | ---: |",
  ];
  const groups = new Map<string, { total: number; pass: number }>();
  for (const [area, row] of rows) {
    lines.push(`| ${area} | ${row.group} | ${row.total} | ${row.pass} | ${pct(row.pass, row.total)} |`);
    const g = groups.get(row.group) ?? { total: 0, pass: 0 };
    g.total += row.total;
    g.pass += row.pass;
    groups.set(row.group, g);
  }
  for (const [group, g] of groups)
    lines.push(`| **all ${group}** | | ${g.total} | ${g.pass} | ${pct(g.pass, g.total)} |`);
  console.log(`Graph reference replay, pass figures per area:\n${lines.join("\n")}`);
  // CONFORMANCE_DETAILS=1 lists every example that deviates, with what differs (for whoever fixes them).
  if (process.env.CONFORMANCE_DETAILS === "1")
    for (const r of results.filter((x) => x.problems.length > 0))
      console.log(
        `[${r.file.area}] ${r.example.request.method} ${r.example.request.url} (${r.example.name}): ${r.problems.join("; ")}`,
      );
}
