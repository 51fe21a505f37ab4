import { beforeEach, describe, expect, it } from "vitest";
import { deviceCodeCredential } from "../src/auth/device-code.ts";
import type { CiamClient } from "../src/client.ts";
import { nextStep } from "../src/error-kinds.ts";
import { createFraudProviderOperation } from "../src/graph/fraud-providers/create-fraud-provider.ts";
import { deleteFraudProviderOperation } from "../src/graph/fraud-providers/delete-fraud-provider.ts";
import { listFraudProvidersOperation } from "../src/graph/fraud-providers/list-fraud-providers.ts";
import { NotFoundError, PermissionError } from "../src/http/errors.ts";
import type { LogEntry } from "../src/http/logger.ts";
import type { Operation } from "../src/operations/define-operation.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";

// Fraud protection providers take delegated permissions only (Graph: application "Not supported"):
// an administrator signed in by device code manages them; the app-only client is told to sign in so.
const { t: e, client: appOnly } = useCoreEmulator({ emulator: { deviceCode: { intervalSeconds: 1 } } });

let admin: CiamClient;
let logs: LogEntry[];
beforeEach(async () => {
  await e.emu.control.reset();
  const upn = e.tenant.adminUser?.userPrincipalName ?? "";
  logs = [];
  admin = e.client({
    credential: deviceCodeCredential({
      tenantId: e.tenant.tenantId,
      clientId: e.tenant.publicClientId,
      cloud: e.cloud,
      tokenCachePath: false,
      onPrompt: (prompt) => {
        e.emu.control.approveDeviceCode(prompt.userCode, upn);
      },
    }),
    logger: (entry) => logs.push(entry),
  });
  return () => admin.close();
});

const ARKOSE_PRIVATE = "11112222-bbbb-3333-cccc-4444dddd5555";
const HUMAN_TOKEN = "XabcSadfgb-server-token";
const arkose = {
  type: "arkose",
  displayName: "Arkose sign-up protection",
  key: "00001111-aaaa-2222-bbbb-3333cccc4444",
  secret: ARKOSE_PRIVATE,
} as const;
const human = {
  type: "humanSecurity",
  displayName: "HUMAN",
  key: "PXabcasdfg",
  secret: HUMAN_TOKEN,
} as const;
const requestCount = () => e.emu.control.monitor.requests().length;

describe("fraud protection providers, signed in as an administrator", () => {
  it("creates Arkose (default subdomains) and HUMAN providers, lists and deletes them; no secret is returned or logged", async () => {
    const a = await admin.run(createFraudProviderOperation, arkose);
    expect(a).toEqual({ id: a.id, displayName: arkose.displayName, type: "arkose", key: arkose.key });
    const stored = await admin.graph.get<Record<string, unknown>>(
      `/identity/riskPrevention/fraudProtectionProviders/${a.id}`,
    );
    expect(stored).toMatchObject({ clientSubDomain: "client-api", verifySubDomain: "verify-api" });
    const h = await admin.run(createFraudProviderOperation, human);
    expect(h).toEqual({ id: h.id, displayName: "HUMAN", type: "humanSecurity", key: "PXabcasdfg" });
    const listed = await admin.run(listFraudProvidersOperation, {});
    expect(listed.items.map((p) => p.id).sort()).toEqual([a.id, h.id].sort());
    // Graph serves HUMAN's server token; ciamkit leaves it out, and logs neither secret.
    const raw = await admin.graph.get<{ serverToken?: string }>(
      `/identity/riskPrevention/fraudProtectionProviders/${h.id}`,
    );
    expect(raw.serverToken).toBe(HUMAN_TOKEN);
    const shown = JSON.stringify([a, h, listed, logs]);
    expect(shown).not.toContain(ARKOSE_PRIVATE);
    expect(shown).not.toContain(HUMAN_TOKEN);
    expect(await admin.run(deleteFraudProviderOperation, { id: a.id })).toEqual({ id: a.id, deleted: true });
    expect((await admin.run(listFraudProvidersOperation, {})).items.map((p) => p.id)).toEqual([h.id]);
    await expect(admin.run(deleteFraudProviderOperation, { id: a.id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("bad input is refused before any request: no secret, an unknown type, an unknown field", async () => {
    const before = requestCount();
    const bad: [Operation, unknown][] = [
      [createFraudProviderOperation, { ...human, serverToken: HUMAN_TOKEN }],
      [createFraudProviderOperation, { ...arkose, secret: "" }],
      [createFraudProviderOperation, { ...arkose, type: "recaptcha" }],
      [createFraudProviderOperation, { ...arkose, key: " " }],
      [deleteFraudProviderOperation, {}],
    ];
    for (const [operation, input] of bad) {
      const error = await admin.run(operation, input as never).catch((err: unknown) => err);
      expect(error, JSON.stringify(input)).toBeInstanceOf(InvalidInputError);
      expect(String(error)).not.toContain(ARKOSE_PRIVATE);
      expect(String(error)).not.toContain(HUMAN_TOKEN);
    }
    expect(requestCount()).toBe(before);
  });
});

describe("fraud protection providers, app-only", () => {
  it("each operation is refused as delegated-only, naming the permission and the device-code sign-in; nothing is created", async () => {
    for (const [operation, input, permission] of [
      [listFraudProvidersOperation, {}, "RiskPreventionProviders.Read.All"],
      [createFraudProviderOperation, arkose, "RiskPreventionProviders.ReadWrite.All"],
      [
        deleteFraudProviderOperation,
        { id: "6fc5012e-7665-43d6-9708-4370863f4e6e" },
        "RiskPreventionProviders.ReadWrite.All",
      ],
    ] as const) {
      const error = await appOnly.run(operation as Operation, input).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(PermissionError);
      const refused = error as PermissionError;
      expect(refused.reason).toBe("delegated-only");
      expect(refused.requiredPermissions).toEqual([permission]);
      expect(refused.message).toContain("device-code profile");
      expect(refused.message).toContain("ciam login --auth device-code");
      expect(refused.message).not.toContain("ciam app grant");
      expect(String(error)).not.toContain(ARKOSE_PRIVATE);
      expect(nextStep(refused, "permission", { program: "ciam-mcp" })).toContain("device-code profile");
    }
    expect((await admin.run(listFraudProvidersOperation, {})).items).toEqual([]);
  });
});
