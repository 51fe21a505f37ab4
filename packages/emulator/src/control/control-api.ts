import { timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { FaultSettingsSchema } from "../policy/faults.ts";
import { ThrottleSettingsSchema } from "../policy/throttle-settings.ts";
import { type HttpReply, jsonReply } from "../server/http.ts";
import type { EmulatorControl } from "./emulator-control.ts";

/** Header carrying the control key; a Graph bearer token never opens the control API. */
export const CONTROL_KEY_HEADER = "x-emulator-key";
/** Path prefix of the control API on the Graph origin. */
export const CONTROL_PREFIX = "/_emulator";

const ResetSchema = z.object({ seed: z.number().int().optional(), empty: z.boolean().optional() }).strict();
const SeedSchema = z
  .object({
    seed: z.number().int().optional(),
    tenant: z.string().optional(),
    users: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict();
const DnsSchema = z
  .object({ name: z.string().min(1).max(253), values: z.array(z.string().min(1)).optional() })
  .strict();
const ApproveSchema = z
  .object({ userCode: z.string().min(1), userPrincipalName: z.string().min(1) })
  .strict();

/**
 * The control API (`/_emulator/*`): test and demo plumbing that a real tenant does not have.
 * Authenticated by its own key in `x-emulator-key`; bad input gets a 400 and changes nothing.
 */
export async function handleControl(
  control: EmulatorControl,
  controlKey: string,
  method: string,
  url: URL,
  headers: Readonly<Record<string, string>>,
  body: Buffer,
): Promise<HttpReply> {
  if (!keyMatches(headers[CONTROL_KEY_HEADER], controlKey)) {
    return problem(
      401,
      "Unauthorized",
      `The control API needs the emulator's key in the ${CONTROL_KEY_HEADER} header.`,
    );
  }
  const route = `${method} ${url.pathname.slice(CONTROL_PREFIX.length).replace(/\/+$/, "") || "/"}`;
  let input: unknown;
  if (body.length > 0) {
    try {
      input = JSON.parse(body.toString("utf8"));
    } catch {
      return problem(400, "BadRequest", "The body is not valid JSON.");
    }
  }
  try {
    switch (route) {
      case "GET /tenants":
        return jsonReply(200, { value: control.tenants() });
      case "GET /workforce": {
        const workforce = control.workforce();
        return workforce === undefined
          ? problem(404, "NotFound", "No workforce tenant: the demo seed is not loaded.")
          : jsonReply(200, workforce);
      }
      case "POST /reset":
        await control.reset(ResetSchema.parse(input ?? {}));
        return jsonReply(200, { value: control.tenants() });
      case "POST /seed": {
        const spec = SeedSchema.parse(input ?? {});
        if (spec.users !== undefined) {
          const created = control.seedUsers(spec.tenant ?? "contoso", spec.users, spec.seed ?? 1);
          return jsonReply(200, { created });
        }
        return jsonReply(201, await control.seedDemo(spec.seed));
      }
      case "GET /snapshot":
        return jsonReply(200, control.snapshot());
      case "POST /restore":
        control.restore(input);
        return jsonReply(200, { value: control.tenants() });
      case "GET /faults":
        return jsonReply(200, control.faults.settings);
      case "PUT /faults":
        control.faults.configure(FaultSettingsSchema.parse(input ?? {}));
        return jsonReply(200, control.faults.settings);
      case "DELETE /faults":
        control.faults.configure({ seed: control.faults.settings.seed, rules: [] });
        control.faults.clearLag();
        return { status: 204, headers: {} };
      case "GET /throttling":
        return jsonReply(200, control.throttler.settings);
      case "PUT /throttling":
        control.throttler.configure(ThrottleSettingsSchema.parse(input ?? {}));
        return jsonReply(200, control.throttler.settings);
      case "GET /device-codes":
        return jsonReply(200, { value: control.pendingDeviceCodes() });
      case "POST /device-codes/approve": {
        const { userCode, userPrincipalName } = ApproveSchema.parse(input);
        const result = control.approveDeviceCode(userCode, userPrincipalName);
        if (result !== "approved") return problem(404, "NotFound", result);
        return { status: 204, headers: {} };
      }
      case "POST /dns/publish": {
        const { name, values } = DnsSchema.parse(input);
        control.publishDnsTxt(name, values);
        return { status: 204, headers: {} };
      }
      case "POST /dns/unpublish": {
        control.unpublishDnsTxt(DnsSchema.parse(input).name);
        return { status: 204, headers: {} };
      }
      case "GET /requests": {
        const limit = Number(url.searchParams.get("limit") ?? "100");
        if (!Number.isInteger(limit) || limit < 1)
          return problem(400, "BadRequest", "limit must be a positive integer.");
        return jsonReply(200, { value: control.monitor.requests(limit) });
      }
      case "GET /counters":
        return jsonReply(200, control.monitor.counters());
      case "DELETE /counters":
        control.monitor.reset();
        return { status: 204, headers: {} };
      default:
        return problem(404, "NotFound", `No control operation ${route}.`);
    }
  } catch (err) {
    if (err instanceof z.ZodError) return problem(400, "BadRequest", z.prettifyError(err));
    if (err instanceof ControlError) return problem(err.status, err.code, err.message);
    throw err;
  }
}

/** A refusal of a control operation, with the status to answer. */
export class ControlError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = "ControlError";
    this.status = status;
    this.code = code;
  }
}

function keyMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function problem(status: number, code: string, message: string): HttpReply {
  return jsonReply(status, { error: { code, message } });
}
