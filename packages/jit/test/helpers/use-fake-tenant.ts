import { afterAll, beforeAll } from "vitest";
import { type FakeTenant, startFakeTenant } from "./fake-tenant.ts";

/** The fake tenant for a test file: started before its tests, stopped after them. */
export function useFakeTenant(): FakeTenant {
  const tenant = {} as FakeTenant;
  beforeAll(async () => {
    Object.assign(tenant, await startFakeTenant());
  });
  afterAll(async () => tenant.close());
  return tenant;
}
