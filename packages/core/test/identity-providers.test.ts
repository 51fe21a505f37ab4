import { describe, expect, it } from "vitest";
import { createIdentityProviderOperation } from "../src/graph/identity-providers/create-identity-provider.ts";
import { deleteIdentityProviderOperation } from "../src/graph/identity-providers/delete-identity-provider.ts";
import { getIdentityProviderOperation } from "../src/graph/identity-providers/get-identity-provider.ts";
import { identityProviderTypesOperation } from "../src/graph/identity-providers/identity-provider-types.ts";
import { listIdentityProvidersOperation } from "../src/graph/identity-providers/list-identity-providers.ts";
import { updateIdentityProviderOperation } from "../src/graph/identity-providers/update-identity-provider.ts";
import { createUserFlowOperation } from "../src/graph/user-flows/create-user-flow.ts";
import { ConflictError, NotFoundError, PermissionError, ValidationError } from "../src/http/errors.ts";
import type { OperationInput } from "../src/operations/define-operation.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";
import { seededClient } from "./helpers/seeded-client.ts";

const { t, client } = useCoreEmulator();

const SECRET = "facebook-app-secret-value";

describe("identity providers", () => {
  it("lists built-in providers and the available types", async () => {
    const { items } = await client.run(listIdentityProvidersOperation, {});
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: "EmailPassword-OAUTH",
          type: "builtInIdentityProvider",
          identityProviderType: "EmailPassword",
        }),
        expect.objectContaining({ id: "EmailOtpSignup-OAUTH", identityProviderType: "EmailOTP" }),
      ]),
    );
    const { types } = await client.run(identityProviderTypesOperation, {});
    expect(types).toEqual(expect.arrayContaining(["Google", "Facebook"]));
  });

  it("creates a social provider; its secret appears in no result, error or log", async () => {
    const logged = t.logs.length;
    const created = await client.run(createIdentityProviderOperation, {
      kind: "social",
      identityProviderType: "Facebook",
      clientId: "fb-app",
      clientSecret: SECRET,
    });
    expect(created).toEqual({
      id: "Facebook-OAUTH",
      type: "socialIdentityProvider",
      displayName: "Facebook",
      identityProviderType: "Facebook",
      clientId: "fb-app",
    });
    const again = client.run(createIdentityProviderOperation, {
      kind: "social",
      identityProviderType: "Facebook",
      clientId: "fb-app",
      clientSecret: SECRET,
    });
    await expect(again).rejects.toBeInstanceOf(ConflictError);
    const error = await again.catch((e: unknown) => e);
    expect(JSON.stringify(error)).not.toContain(SECRET);
    expect(String((error as Error).message)).not.toContain(SECRET);
    const got = await client.run(getIdentityProviderOperation, { id: "Facebook-OAUTH" });
    expect(JSON.stringify(got)).not.toContain("******");
    expect(t.logs.length).toBeGreaterThan(logged);
    expect(JSON.stringify(t.logs)).not.toContain(SECRET);
  });

  it("creates Apple and OIDC providers", async () => {
    const apple = await client.run(createIdentityProviderOperation, {
      kind: "apple",
      developerId: "UBF8T346G9",
      serviceId: "com.contoso.shop",
      keyId: "99P6D879C4",
      certificateData: "-----BEGIN PRIVATE KEY-----\nMIGT\n-----END PRIVATE KEY-----",
    });
    expect(apple).toMatchObject({
      id: "Apple-Managed-OIDC",
      type: "appleManagedIdentityProvider",
      serviceId: "com.contoso.shop",
    });
    expect(apple).not.toHaveProperty("certificateData");
    const oidc = await client.run(createIdentityProviderOperation, {
      kind: "oidc",
      displayName: "Contoso partners",
      clientId: "partners",
      clientSecret: "oidc-secret",
      issuer: "https://login.partners.example/",
      wellKnownEndpoint: "https://login.partners.example/.well-known/openid-configuration",
    });
    expect(oidc).toMatchObject({
      type: "oidcIdentityProvider",
      scope: "openid profile email",
      responseType: "code",
    });
    const rotated = await client.run(updateIdentityProviderOperation, {
      id: oidc.id,
      clientSecret: "rotated",
    });
    expect(rotated.id).toBe(oidc.id);
  });

  it.each<[string, OperationInput<typeof createIdentityProviderOperation>]>([
    ["a social provider without secret", { kind: "social", identityProviderType: "Google", clientId: "x" }],
    [
      "an oidc provider over http",
      {
        kind: "oidc",
        displayName: "x",
        clientId: "x",
        clientSecret: "y",
        issuer: "https://a.example",
        wellKnownEndpoint: "http://a.example/.well-known/openid-configuration",
      },
    ],
    [
      "an oidc scope without openid",
      {
        kind: "oidc",
        displayName: "x",
        clientId: "x",
        clientSecret: "y",
        issuer: "https://a.example",
        wellKnownEndpoint: "https://a.example/.well-known/openid-configuration",
        scope: "profile",
      },
    ],
    // @ts-expect-error: not a kind (refused at compile time, and at run time for untyped callers)
    ["an unknown kind", { kind: "saml" }],
  ])("refuses %s before sending", async (_, input) => {
    await expect(client.run(createIdentityProviderOperation, input)).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });

  it("passes on the service's refusal of a social type this tenant does not support", async () => {
    await expect(
      client.run(createIdentityProviderOperation, {
        kind: "social",
        identityProviderType: "Twitter",
        clientId: "x",
        clientSecret: "y",
      }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it("renames a provider and rotates its secret; built-ins cannot change", async () => {
    const updated = await client.run(updateIdentityProviderOperation, {
      id: "Facebook-OAUTH",
      displayName: "Facebook login",
      clientSecret: "new-secret",
    });
    expect(updated.displayName).toBe("Facebook login");
    await expect(
      client.run(updateIdentityProviderOperation, { id: "EmailPassword-OAUTH", displayName: "x" }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      client.run(updateIdentityProviderOperation, { id: "Facebook-OAUTH" }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(
      client.run(updateIdentityProviderOperation, { id: "Nope-OAUTH", displayName: "x" }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("deletes a provider unless a flow offers it", async () => {
    await client.run(createUserFlowOperation, {
      displayName: "Uses Facebook",
      identityProviders: ["Facebook-OAUTH"],
    });
    await expect(
      client.run(deleteIdentityProviderOperation, { id: "Facebook-OAUTH" }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await client.run(deleteIdentityProviderOperation, { id: "Apple-Managed-OIDC" })).toEqual({
      id: "Apple-Managed-OIDC",
      deleted: true,
    });
    await expect(
      client.run(getIdentityProviderOperation, { id: "Apple-Managed-OIDC" }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("names IdentityProvider permissions when they are missing", async () => {
    const reader = seededClient(t, "idp reader", ["IdentityProvider.Read.All"]);
    expect((await reader.run(listIdentityProvidersOperation, {})).items.length).toBeGreaterThan(0);
    const denied = reader.run(deleteIdentityProviderOperation, { id: "Facebook-OAUTH" });
    await expect(denied).rejects.toBeInstanceOf(PermissionError);
    await expect(denied).rejects.toThrow(/IdentityProvider\.ReadWrite\.All/);
    const nobody = seededClient(t, "idp nobody", ["User.Read.All"]);
    await expect(nobody.run(identityProviderTypesOperation, {})).rejects.toBeInstanceOf(PermissionError);
  });
});
