/**
 * The company branding's mapping: Graph's `organizationalBranding` (the default, id `0`) and its
 * `organizationalBrandingLocalization`s (id: the culture) in and out of ciamkit's {@link Branding}:
 * the create and PATCH bodies of the texts, colours and layout, the properties that differ from what
 * is stored, and the natural key. Files (images, CSS) are streams of their own, not part of the body.
 */
import type { z } from "zod";
import { definedOnly, type GraphBody, pick, type ResourceMapping } from "../mapping.ts";
import { type Branding, brandingPropertiesShape, brandingSchema } from "./branding-schema.ts";

/** A branding or localization as Graph returns it. */
export type GraphBranding = Record<string, unknown>;

/** The writable properties of a branding, each optional: null clears one (reverts a localization's). */
export type BrandingProperties = z.output<z.ZodObject<typeof brandingPropertiesShape>>;

/** A localization to create: its culture and the properties it overrides. */
export type BrandingLocalizationCreate = BrandingProperties & { locale: string };

const BRANDING_FIELDS = Object.keys(brandingSchema.shape) as (keyof Branding)[];
const PROPERTIES = Object.keys(brandingPropertiesShape) as (keyof BrandingProperties)[];

/**
 * The company branding's mapping. Its natural key is the id: `0` for the default branding, the
 * culture (`fr-fr`, any casing) for a localization.
 */
export const brandingMapping = {
  fromGraph: (raw: GraphBranding): Branding => pick(raw as Branding, BRANDING_FIELDS),
  toGraphCreate: ({ locale, ...properties }: BrandingLocalizationCreate): GraphBody => ({
    id: locale,
    ...brandingPatch(properties),
  }),
  toGraphPatch: (properties: BrandingProperties): GraphBody => brandingPatch(properties),
  naturalKey: (branding: Pick<Branding, "id">) => branding.id.toLowerCase(),
} satisfies ResourceMapping<GraphBranding, Branding, BrandingLocalizationCreate, BrandingProperties>;

/** Only the writable properties that are given (a spec may carry more, such as its files). */
function brandingPatch(properties: BrandingProperties): GraphBody {
  return definedOnly(pick(properties, PROPERTIES));
}

/** Whether a stored value already is the wanted one; objects match when every given field does. */
function matches(stored: unknown, wanted: unknown): boolean {
  if (wanted === null || typeof wanted !== "object") return (stored ?? null) === wanted;
  if (Array.isArray(wanted)) return JSON.stringify(stored ?? []) === JSON.stringify(wanted);
  if (stored === null || typeof stored !== "object") return false;
  return Object.entries(wanted).every(
    ([k, v]) => v === undefined || matches((stored as Record<string, unknown>)[k], v),
  );
}

/** The given properties whose stored value differs (a missing branding stores nothing): empty when all match. */
export function brandingChanges(
  stored: Branding | undefined,
  desired: BrandingProperties,
): BrandingProperties {
  const changes: Record<string, unknown> = {};
  for (const key of PROPERTIES) {
    const wanted = desired[key];
    if (wanted !== undefined && !matches(stored?.[key], wanted)) changes[key] = wanted;
  }
  return changes as BrandingProperties;
}
