/**
 * A small input that satisfies a tool's JSON Schema: every required property, with the simplest value
 * of its type and format. The generic tool test calls every tool with it, so a tool added to the
 * catalog is exercised without a hand-written case.
 */
export function sampleInput(schema: unknown): unknown {
  const s = (schema ?? {}) as Record<string, unknown>;
  if (Array.isArray(s.enum)) return s.enum[0];
  if ("const" in s) return s.const;
  const anyOf = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
  if (Array.isArray(anyOf) && anyOf.length > 0) return sampleInput(anyOf[0]);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  switch (type) {
    case "object": {
      const properties = (s.properties ?? {}) as Record<string, unknown>;
      const required = (s.required ?? []) as string[];
      // No listed input is a path on the server's machine (host-paths.test.ts), so none needs a place.
      return Object.fromEntries(required.map((key) => [key, sampleInput(properties[key])]));
    }
    case "array":
      return Array.from({ length: Math.max(1, Number(s.minItems ?? 1)) }, () => sampleInput(s.items));
    case "integer":
    case "number":
      return typeof s.minimum === "number" ? s.minimum : 1;
    case "boolean":
      return false;
    case "string":
      return sampleString(s);
    default:
      return "x";
  }
}

function sampleString(s: Record<string, unknown>): string {
  switch (s.format) {
    case "email":
      return "sample@example.com";
    case "date-time":
      return "2026-01-01T00:00:00Z";
    case "date":
      return "2026-01-01";
    case "uuid":
      return "00000000-0000-4000-8000-000000000000";
    case "uri":
      return "https://example.com/";
  }
  const min = Number(s.minLength ?? 1);
  return "sample".padEnd(min, "x");
}
