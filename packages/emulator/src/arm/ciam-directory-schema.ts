import { z } from "zod";
import type { JsonObject } from "../store/json.ts";
import { ArmError } from "./arm-error.ts";

/** The resource type this provider serves. */
export const CIAM_TYPE = "Microsoft.AzureActiveDirectory/ciamDirectories";

/** `{resourceName}` rule of the OpenAPI description (api-surface 1.1; the TypeSpec's looser rule is not used). */
export const CIAM_NAME = /^[a-zA-Z0-9]{1,26}$/;

/**
 * Data-residency geos (not Azure regions) and the countries each serves. Microsoft publishes the
 * map as the External ID data-location list; we hold no copy of it, so this follows its shape:
 * the Americas in United States, Europe, the Middle East and Africa in Europe, Asia in Asia
 * Pacific, Oceania in Australia.
 */
export const GEO_COUNTRIES: Readonly<Record<string, readonly string[]>> = {
  "United States": ["US", "CA", "MX", "BR", "AR", "CL", "CO", "PE", "PR"],
  Europe: [
    ...["AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR", "HR", "HU"],
    ...["IE", "IS", "IT", "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK"],
    ...["UA", "RS", "TR", "AE", "SA", "IL", "QA", "EG", "MA", "NG", "KE", "ZA"],
  ],
  "Asia Pacific": ["JP", "KR", "SG", "IN", "HK", "TW", "MY", "TH", "ID", "PH", "VN"],
  Australia: ["AU", "NZ"],
};

/** The SKU: the OpenAPI names plus the TypeSpec's `Base` (api-surface 1.1, spec drift). */
export const SkuSchema = z.object({
  name: z.enum(["Standard", "PremiumP1", "PremiumP2", "Base"]),
  tier: z.literal("A0"),
});

const TagsSchema = z.record(z.string().max(512), z.string().max(256)).nullable();

/** A PUT body (`CIAMTenantResource` as a client sends it). */
export const CreateBodySchema = z.object({
  location: z.string(),
  // Required by the OpenAPI description, absent from the TypeSpec one: accept both.
  sku: SkuSchema.optional(),
  tags: TagsSchema.optional(),
  properties: z.object({
    createTenantProperties: z.object({
      displayName: z.string().trim().min(1).max(256),
      countryCode: z.string(),
    }),
  }),
});
export type CreateBody = z.infer<typeof CreateBodySchema>;

/** A PATCH body (`CIAMTenantUpdateRequest`). */
export const UpdateBodySchema = z.object({ sku: SkuSchema.optional(), tags: TagsSchema.optional() });

/** Parses a body, answering ARM's `InvalidRequestContent` with the first problem found. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.join(".") ?? "";
  throw new ArmError(
    400,
    "InvalidRequestContent",
    `The request content was invalid and could not be deserialized: '${path === "" ? "body" : path}': ${issue?.message ?? "invalid"}.`,
    path === "" ? {} : { target: path },
  );
}

/** The canonical geo for a `location` (compared ignoring case and spaces), or a 400. */
export function canonicalGeo(location: string): string {
  const key = location.replace(/\s+/g, "").toLowerCase();
  const geo = Object.keys(GEO_COUNTRIES).find((g) => g.replace(/\s+/g, "").toLowerCase() === key);
  if (geo === undefined) {
    throw new ArmError(
      400,
      "LocationNotAvailableForResourceType",
      `The provided location '${location}' is not available for resource type '${CIAM_TYPE}'. List of available regions for the resource type is '${Object.keys(GEO_COUNTRIES).join(",")}'.`,
      { target: "location" },
    );
  }
  return geo;
}

/** Checks `countryCode` belongs to the geo; returns it upper-cased. */
export function checkCountry(geo: string, countryCode: string): string {
  const code = countryCode.toUpperCase();
  if (!(GEO_COUNTRIES[geo] ?? []).includes(code)) {
    throw new ArmError(
      400,
      "InvalidCountryCode",
      `The country code '${countryCode}' is not valid for location '${geo}'. Choose a country served by that location.`,
      { target: "properties.createTenantProperties.countryCode" },
    );
  }
  return code;
}

/** Checks a resource name against the naming rule. */
export function checkName(name: string): void {
  if (!CIAM_NAME.test(name)) {
    throw new ArmError(
      400,
      "InvalidResourceName",
      `The resource name '${name}' is invalid. It must be 1 to 26 letters and digits (it becomes '{name}.onmicrosoft.com').`,
    );
  }
}

/** `systemData` for a change by a caller at a time. */
export function systemData(
  previous: JsonObject | undefined,
  by: string,
  byType: string,
  at: Date,
): JsonObject {
  const when = at.toISOString();
  return {
    createdBy: (previous?.createdBy as string | undefined) ?? by,
    createdByType: (previous?.createdByType as string | undefined) ?? byType,
    createdAt: (previous?.createdAt as string | undefined) ?? when,
    lastModifiedBy: by,
    lastModifiedByType: byType,
    lastModifiedAt: when,
  };
}
