import { readdirSync, readFileSync } from "node:fs";
import { parse } from "yaml";
import { z } from "zod";

/**
 * One documented request/response pair of Microsoft's Graph API reference, written down as facts:
 * method, URL, body, the status and the names of the properties the page's response shows. Ids in
 * URLs and bodies are `{name.path}` placeholders that the example's `setup` steps (or the run's
 * built-in values: `uniq`, `domain`, `tenantId`, `graphSpId`, `certificate`, `pfx`, `pfxPassword`) resolve.
 */
const step = z.strictObject({
  /** Binds the step's JSON reply to this name for later placeholders (`{app.id}`). */
  as: z
    .string()
    .regex(/^[a-zA-Z]\w*$/)
    .optional(),
  method: z.enum(["GET", "POST", "PATCH", "PUT", "DELETE"]),
  /** Path from the version on: `/v1.0/users/{user.id}` or `/beta/trustFramework/keySets`. */
  url: z.string().regex(/^\/(v1\.0|beta)\//),
  headers: z.record(z.string(), z.string()).optional(),
  /** JSON body, or the raw text of a non-JSON body (then `contentType` says what it is). */
  body: z.unknown().optional(),
  contentType: z.string().optional(),
  /** A generated binary body instead of `body`: `png` is a small valid PNG image. */
  raw: z.enum(["png"]).optional(),
  /** A setup step whose failure is fine (removing what an earlier example may have left). */
  allowFailure: z.boolean().optional(),
});

const response = z.strictObject({
  status: z.number().int(),
  /** `@odata.context` as documented, after `$metadata#` (`users/$entity`). */
  context: z.string().optional(),
  /** Top-level property (and annotation) names the documented response shows. */
  properties: z.array(z.string()).optional(),
  /** Property names the documented response shows on the items of `value` (each item is checked). */
  valueProperties: z.array(z.string()).optional(),
  /** Properties the page documents as returned only on `$select`: they must not come back without it. */
  absent: z.array(z.string()).optional(),
  /** The documented response is the whole (default) property set: nothing else may be returned. */
  exact: z.boolean().optional(),
  /** For error responses: Graph's `error.code`. */
  errorCode: z.string().optional(),
  /** A non-JSON body: `count` (a number as text/plain), `xml` (an XML document), `bytes` (binary). */
  text: z.enum(["count", "xml", "bytes"]).optional(),
  /** Part of the documented Content-Type. */
  contentType: z.string().optional(),
  /**
   * The v1.0 CSDL type of the returned entity (of each `value` item for a collection), without the
   * namespace: what is returned is checked against it when the Graph metadata is at hand.
   */
  type: z
    .string()
    .regex(/^[a-zA-Z][a-zA-Z0-9]*$/)
    .optional(),
});

const example = z.strictObject({
  name: z.string().min(1),
  /** The reference page (and anchor) the example comes from. */
  source: z.string().regex(/^https:\/\/learn\.microsoft\.com\/graph\/api\//),
  setup: z.array(step).default([]),
  request: step.omit({ as: true, allowFailure: true }),
  response,
  /** Why the emulator does not answer as documented yet; the replay fails once it does. */
  knownDeviation: z.string().min(1).optional(),
});

export const fixtureFile = z.strictObject({
  area: z.string().min(1),
  /** The grouping: `directory` (users, groups, apps, …) or `ciam` (External ID configuration). */
  group: z.enum(["directory", "ciam"]),
  /** Which seeded tenant the calls go to: the demo external tenant, or the B2C tenant (trust framework). */
  tenant: z.enum(["demo", "b2c"]).default("demo"),
  /**
   * Who calls: the management app (app-only token), or the demo admin signed in through the CLI's
   * device code flow (delegated token), for APIs Microsoft documents with delegated permissions only.
   */
  caller: z.enum(["app", "user"]).default("app"),
  examples: z.array(example).min(1),
});

export type Step = z.infer<typeof step>;
export type Example = z.infer<typeof example>;
/** A fixture file as loaded: its data and its file name (for messages). */
export type FixtureFile = z.infer<typeof fixtureFile> & { file: string };

const dir = new URL("./fixtures/", import.meta.url);

/** Every fixture file, validated (a malformed file fails loudly, naming the file and the path). */
export function loadFixtures(): FixtureFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => {
      const parsed = fixtureFile.safeParse(parse(readFileSync(new URL(f, dir), "utf8")));
      if (!parsed.success) throw new Error(`fixtures/${f}: ${z.prettifyError(parsed.error)}`);
      return { ...parsed.data, file: f };
    });
}
