import { describe, expect, it } from "vitest";
import {
  keyActionBody,
  keyFromGraph,
  keySetMapping,
  policyIdOf,
} from "../src/graph/trust-framework/trust-framework-mapping.ts";

/** The public members of an RSA signing key. */
const publicMembers = {
  kid: "k1",
  kty: "RSA",
  use: "sig",
  nbf: 1767225600,
  exp: 1798761600,
  e: "AQAB",
  n: "0vx7…",
};

/** A key set as Graph beta returns it, its key as the service would hold it (private members too). */
const graphKeySet = {
  "@odata.context": "https://graph.microsoft.com/beta/$metadata#trustFramework/keySets/$entity",
  id: "B2C_1A_TokenSigningKeyContainer",
  keys: [{ ...publicMembers, d: "private-exponent", p: "private-prime", k: "symmetric-secret" }],
};

describe("the trust framework mapping", () => {
  it("reads a key set with its keys' public members only, each present", () => {
    const keySet = keySetMapping.fromGraph(graphKeySet);
    expect(keySet).toEqual({
      id: "B2C_1A_TokenSigningKeyContainer",
      keys: [{ ...publicMembers, status: null, x5c: null, x5t: null }],
    });
    expect(JSON.stringify(keySet)).not.toMatch(/private|symmetric/);
    expect(keySetMapping.fromGraph({ id: "B2C_1A_Empty" })).toEqual({ id: "B2C_1A_Empty", keys: [] });
    expect(keyFromGraph({ kid: "only" })).toMatchObject({ kid: "only", kty: null });
  });

  it("creates a key set by id and keys it by the id the service stores", () => {
    expect(keySetMapping.toGraphCreate({ id: "TokenSigningKeyContainer" })).toEqual({
      id: "TokenSigningKeyContainer",
    });
    expect(keySetMapping.naturalKey({ id: "TokenSigningKeyContainer" })).toBe(
      keySetMapping.naturalKey(keySetMapping.fromGraph(graphKeySet)),
    );
  });

  it("builds a key action's body from the given fields only", () => {
    expect(keyActionBody({ use: "sig", kty: "RSA" })).toEqual({ use: "sig", kty: "RSA" });
    expect(keyActionBody({ use: "enc", k: "s", nbf: 0, exp: undefined, id: "x" } as never)).toEqual({
      use: "enc",
      k: "s",
      nbf: 0,
    });
  });
});

describe("a policy's natural key", () => {
  it("is the PolicyId its root element declares, not one elsewhere in the document", () => {
    const xml = `<?xml version="1.0"?>
<TrustFrameworkPolicy xmlns="http://schemas.microsoft.com/online/cpim/schemas/2013/06" TenantId="contoso.onmicrosoft.com"
  PolicyId="B2C_1A_signup_signin" PublicPolicyUri="http://contoso.onmicrosoft.com/B2C_1A_signup_signin">
  <BasePolicy><PolicyId>B2C_1A_TrustFrameworkExtensions</PolicyId></BasePolicy>
</TrustFrameworkPolicy>`;
    expect(policyIdOf(xml)).toBe("B2C_1A_signup_signin");
    expect(policyIdOf('<Other PolicyId="B2C_1A_x"/>')).toBeUndefined();
    expect(policyIdOf('<TrustFrameworkPolicy PolicyId="signup"/>')).toBeUndefined();
  });
});
