import { z } from "zod";
import { ArmLimitsSchema, ArmThrottler } from "./arm-throttling.ts";

/** ARM settings of an emulator: how long tenant creation and deletion take, bucket sizes. */
export const ArmSettingsSchema = z.object({
  /** Seconds a create or delete runs (divided by the emulator's time scale). Azure takes minutes; default 30. */
  provisioningSeconds: z.number().min(0).max(3600).default(30),
  /** Bucket capacities instead of ARM's published ones. */
  limits: ArmLimitsSchema.default({}),
});
export type ArmSettingsInput = z.input<typeof ArmSettingsSchema>;

/** The ARM side's state that is not in the store: settings and throttling buckets. */
export class ArmRuntime {
  readonly provisioningSeconds: number;
  readonly throttler: ArmThrottler;

  constructor(input: ArmSettingsInput = {}) {
    const settings = ArmSettingsSchema.parse(input);
    this.provisioningSeconds = settings.provisioningSeconds;
    this.throttler = new ArmThrottler(settings.limits);
  }

  /** How long an asynchronous operation runs at a time scale, in milliseconds. */
  operationMs(timeScale: number): number {
    return (this.provisioningSeconds * 1000) / timeScale;
  }
}
