import { describe, expect, it } from "vitest";
import { ApiError } from "../src/http/errors.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";

const { t } = useCoreEmulator();

describe("the ARM client against the emulator", () => {
  it("sends an ARM-audience token with x-ms-client-request-id and parses ARM's error envelope", async () => {
    const client = t.client();
    const error = await client.arm
      .get(
        "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.AzureActiveDirectory/ciamDirectories",
        {
          query: { "api-version": "2023-05-17-preview" },
        },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.service).toBe("arm");
    expect(apiError.status).not.toBe(401);
    expect(apiError.code).not.toMatch(/^Http\d+$/);
    expect(apiError.requestId).toBeTruthy();
    expect(apiError.clientRequestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
