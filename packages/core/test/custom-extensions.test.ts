import { beforeEach, describe, expect, it } from "vitest";
import { createCustomExtensionOperation } from "../src/graph/custom-extensions/create-custom-extension.ts";
import type { ExtensionKind } from "../src/graph/custom-extensions/custom-extension-schema.ts";
import { deleteCustomExtensionOperation } from "../src/graph/custom-extensions/delete-custom-extension.ts";
import { getCustomExtensionOperation } from "../src/graph/custom-extensions/get-custom-extension.ts";
import { listCustomExtensionsOperation } from "../src/graph/custom-extensions/list-custom-extensions.ts";
import { updateCustomExtensionOperation } from "../src/graph/custom-extensions/update-custom-extension.ts";
import { validateCustomExtensionOperation } from "../src/graph/custom-extensions/validate-custom-extension.ts";
import { NotFoundError, PermissionError, ValidationError } from "../src/http/errors.ts";
import type { OperationInput } from "../src/operations/define-operation.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";
import { protectingApi } from "./helpers/extension-api.ts";
import { limitedClient } from "./helpers/limited-app.ts";

const { t: e, client } = useCoreEmulator();
let apiAppId: string;
beforeEach(async () => {
  await e.emu.control.reset();
  apiAppId = await protectingApi(client, "claims api");
});

const targetUrl = "https://claims.contoso.example/api/token-start";

describe("custom extensions", () => {
  it.each<[ExtensionKind, Partial<OperationInput<typeof createCustomExtensionOperation>>]>([
    ["onTokenIssuanceStart", { claims: ["loyaltyTier", "region"] }],
    ["onAttributeCollectionStart", {}],
    ["onAttributeCollectionSubmit", { fallbackToMicrosoftProviderOnError: true }],
    ["onOtpSend", { timeoutInMilliseconds: 1500, maximumRetries: 0 }],
    ["onVerifiedIdClaimValidation", {}],
    ["onPasswordSubmit", {}],
  ])("creates a %s extension from an appId, reads, updates and deletes it", async (kind, extra) => {
    const created = await client.run(createCustomExtensionOperation, {
      kind,
      displayName: `${kind} hook`,
      targetUrl,
      appId: apiAppId,
      ...extra,
    });
    expect(created).toMatchObject({
      kind,
      displayName: `${kind} hook`,
      targetUrl,
      resourceId: `api://claims.contoso.example/${apiAppId}`,
      ...extra,
    });
    expect(await client.run(getCustomExtensionOperation, { id: created.id })).toEqual(created);
    const updated = await client.run(updateCustomExtensionOperation, {
      id: created.id,
      displayName: "renamed",
      timeoutInMilliseconds: 1000,
    });
    expect(updated).toMatchObject({ kind, displayName: "renamed", timeoutInMilliseconds: 1000, targetUrl });
    expect((await client.run(listCustomExtensionsOperation, {})).items.map((x) => x.id)).toEqual([
      created.id,
    ]);
    await client.run(deleteCustomExtensionOperation, { id: created.id });
    await expect(client.run(getCustomExtensionOperation, { id: created.id })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it.each<[string, Partial<OperationInput<typeof createCustomExtensionOperation>>]>([
    [
      "an http endpoint",
      { targetUrl: "http://claims.contoso.example/x", appId: "9b1e0c4e-0000-4000-8000-000000000001" },
    ],
    [
      "both resourceId and appId",
      {
        resourceId: "api://claims.contoso.example/9b1e0c4e-0000-4000-8000-000000000001",
        appId: "9b1e0c4e-0000-4000-8000-000000000001",
      },
    ],
    ["a malformed resourceId", { resourceId: "https://claims.contoso.example" }],
    [
      "claims on an OTP extension",
      { kind: "onOtpSend", appId: "9b1e0c4e-0000-4000-8000-000000000001", claims: ["x"] },
    ],
    ["a 3 s timeout", { appId: "9b1e0c4e-0000-4000-8000-000000000001", timeoutInMilliseconds: 3000 }],
  ])("refuses %s before sending anything", async (_name, patch) => {
    await expect(
      client.run(createCustomExtensionOperation, {
        kind: "onTokenIssuanceStart",
        displayName: "x",
        targetUrl,
        ...patch,
      }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect((await client.run(listCustomExtensionsOperation, {})).items).toEqual([]);
  });

  it("update and delete of an unknown extension are not found; contradictory update input fails before sending", async () => {
    const missing = "6fc5012e-7665-43d6-9708-4370863f4e6e";
    await expect(
      client.run(updateCustomExtensionOperation, { id: missing, displayName: "x" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.run(deleteCustomExtensionOperation, { id: missing })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      client.run(updateCustomExtensionOperation, {
        id: missing,
        appId: apiAppId,
        resourceId: `api://claims.contoso.example/${apiAppId}`,
      }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(client.run(updateCustomExtensionOperation, { id: missing })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });

  it("the 101st extension is refused by Graph", async () => {
    for (let i = 0; i < 100; i++) {
      await client.graph.post("/identity/customAuthenticationExtensions", {
        "@odata.type": "#microsoft.graph.onAttributeCollectionStartCustomExtension",
        endpointConfiguration: { "@odata.type": "#microsoft.graph.httpRequestEndpoint", targetUrl },
        authenticationConfiguration: {
          "@odata.type": "#microsoft.graph.azureAdTokenAuthentication",
          resourceId: `api://claims.contoso.example/${apiAppId}`,
        },
      });
    }
    const error = await client
      .run(createCustomExtensionOperation, {
        kind: "onOtpSend",
        displayName: "one too many",
        targetUrl,
        appId: apiAppId,
      })
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toContain("maximum of 100");
  });

  it("an app that may only read cannot create; it is told which permission is missing", async () => {
    const reader = (await limitedClient(e, client, ["CustomAuthenticationExtension.Read.All"])).client;
    expect((await reader.run(listCustomExtensionsOperation, {})).items).toEqual([]);
    const error = await reader
      .run(createCustomExtensionOperation, {
        kind: "onOtpSend",
        displayName: "x",
        targetUrl,
        appId: apiAppId,
      })
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).requiredPermissions).toEqual([
      "CustomAuthenticationExtension.ReadWrite.All",
    ]);
    await reader.close();
  });
});

describe("custom_extension_validate", () => {
  it("passes a consistent extension and reports Graph's codes for a draft", async () => {
    const created = await client.run(createCustomExtensionOperation, {
      kind: "onTokenIssuanceStart",
      displayName: "claims",
      targetUrl,
      appId: apiAppId,
    });
    expect(await client.run(validateCustomExtensionOperation, { id: created.id })).toEqual({
      valid: true,
      errors: [],
      warnings: [],
      fixes: [],
    });
    const draft = await client.run(validateCustomExtensionOperation, {
      targetUrl: "https://elsewhere.example/api",
      resourceId: "api://claims.contoso.example/0f0f0f0f-0000-4000-8000-000000000000",
    });
    expect(draft.valid).toBe(false);
    expect(draft.errors.map((x) => x.code)).toEqual(["DomainNameDoesNotMatch", "ServicePrincipalNotFound"]);
    expect(draft.warnings.map((x) => x.code)).toEqual(["PermissionNotGrantedToServicePrincipal"]);
    const fromAppId = await client.run(validateCustomExtensionOperation, { targetUrl, appId: apiAppId });
    expect(fromAppId.valid).toBe(true);
    await expect(client.run(validateCustomExtensionOperation, { targetUrl })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    await expect(
      client.run(validateCustomExtensionOperation, { id: "6fc5012e-7665-43d6-9708-4370863f4e6e" }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
