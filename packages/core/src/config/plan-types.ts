import { z } from "zod";
import { KINDS } from "./spec-schema.ts";

/** What apply does to one object. */
export const planActionSchema = z.enum(["create", "update", "replace", "delete"]);

/** One field of a change: its value in the tenant (before) and in the spec (after); secrets masked. */
export const fieldChangeSchema = z.object({
  field: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});

/** One change of a plan. */
export const plannedChangeSchema = z.object({
  action: planActionSchema,
  kind: z.enum(KINDS),
  name: z.string().describe("The natural key: display name, attribute name, provider key."),
  id: z.string().optional().describe("The object's id in this tenant (update, replace, delete)."),
  fields: z.array(fieldChangeSchema),
  reason: z.string().optional().describe("Why a replace: Graph cannot change the field in place."),
});

/** A planned change. */
export type PlannedChange = z.infer<typeof plannedChangeSchema>;
/** A field of a planned change. */
export type FieldChange = z.infer<typeof fieldChangeSchema>;

/** The shown part of a plan: its changes in the order apply runs them, and the state it was made on. */
export const planSummarySchema = z.object({
  changes: z.array(plannedChangeSchema),
  stateHash: z.string().describe("Of the tenant state the plan was made on; apply refuses another state."),
  prune: z.boolean(),
});

/** The masked value shown for a write-only secret. */
export const MASKED = "(write-only secret)";
