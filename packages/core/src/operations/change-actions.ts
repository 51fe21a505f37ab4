/** What an intent-level operation did, one entry per resource it looked at (api-surface 2–5). */
import { z } from "zod";

/** The verbs of a change report: `unchanged` means the resource already matched and nothing was sent. */
export const CHANGE_VERBS = [
  "created",
  "updated",
  "unchanged",
  "linked",
  "unlinked",
  "added",
  "removed",
  "uploaded",
  "validated",
] as const;

/** One thing an operation did (or found already done). */
export const changeActionSchema = z.object({
  action: z.enum(CHANGE_VERBS),
  resource: z
    .string()
    .describe("The kind of resource: userFlow, userFlowAttribute, branding, eventListener, …"),
  id: z.string().describe("Its id (a flow id, an attribute id, a locale, an app's client id, …)."),
  detail: z.string().optional().describe("What changed, e.g. `signUpAllowed: false → true`."),
});

/** One entry of a change report. */
export type ChangeAction = z.infer<typeof changeActionSchema>;

/** The change report every intent-level operation returns beside its result. */
export const changeReportShape = {
  changed: z.boolean().describe("false when everything already matched and no write was sent."),
  actions: z.array(changeActionSchema),
};

/** Collects actions as an operation goes; `changed` is true once anything but `unchanged`/`validated` is noted. */
export class ChangeLog {
  readonly actions: ChangeAction[] = [];

  /** Notes an action; `detail` is left out when empty. */
  note(action: ChangeAction["action"], resource: string, id: string, detail?: string): void {
    this.actions.push({ action, resource, id, ...(detail === undefined || detail === "" ? {} : { detail }) });
  }

  /** Whether any write was made. */
  get changed(): boolean {
    return this.actions.some((a) => a.action !== "unchanged" && a.action !== "validated");
  }
}
