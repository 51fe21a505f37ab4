import { generateKeyPairSync, type KeyObject, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CompactEncrypt, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from "jose";
import { CUSTOM_EXTENSIONS_CALLER_APP_ID } from "../../src/index.ts";

/**
 * A stand-in for the External ID tenant's token service, for the handler's tests: its discovery
 * document and key set served over HTTP on port 0, tokens signed with its key, and the extension
 * app's encryption key pair. Contexts are encrypted as /work/notes/jit-protocol.md says (RSA-OAEP-256,
 * A256GCM, kid, cty JWT, an unsigned JWT inside).
 */
export interface FakeTenant {
  tenantId: string;
  issuer: string;
  discoveryUrl: string;
  appId: string;
  resourceUri: string;
  /** PEM PKCS#8 of the extension app's encryption key. */
  privateKeyPem: string;
  publicKey: KeyObject;
  /** An access token for the extension app, as the custom extensions service gets it. */
  token(claims?: JWTPayload, options?: { expiresIn?: number; key?: "tenant" | "foreign" }): Promise<string>;
  encrypt(
    claims: Record<string, unknown>,
    options?: { plaintext?: "jwt" | "json"; key?: KeyObject },
  ): Promise<string>;
  /** A passwordSubmit body around an encrypted context. */
  body(encryptedPasswordContext: string, user?: Record<string, unknown>): Record<string, unknown>;
  close(): Promise<void>;
}

export const TEST_USER = {
  id: "00aa00aa-bb11-cc22-dd33-44ee44ee44ee",
  displayName: "Casey Jensen",
  mail: "casey@contoso.com",
  userPrincipalName: "casey@contoso.onmicrosoft.com",
  userType: "Member",
};

/** Starts a fake tenant on a free loopback port. */
export async function startFakeTenant(): Promise<FakeTenant> {
  const tenant = {} as FakeTenant;
  let server: Server | undefined;
  {
    const tenantId = randomUUID();
    const appId = randomUUID();
    const signing = await generateKeyPair("RS256", { extractable: true });
    const foreign = await generateKeyPair("RS256");
    const kid = randomUUID();
    const jwk = { ...(await exportJWK(signing.publicKey)), kid, use: "sig", alg: "RS256" };
    const encryption = generateKeyPairSync("rsa", { modulusLength: 2048 });
    server = createServer((req, res) => {
      res.setHeader("content-type", "application/json");
      if (req.url === `/${tenantId}/v2.0/.well-known/openid-configuration`) {
        res.end(
          JSON.stringify({ issuer: tenant.issuer, jwks_uri: `${origin}/${tenantId}/discovery/v2.0/keys` }),
        );
      } else if (req.url === `/${tenantId}/discovery/v2.0/keys`) {
        res.end(JSON.stringify({ keys: [jwk] }));
      } else {
        res.statusCode = 404;
        res.end("{}");
      }
    });
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    Object.assign(tenant, {
      tenantId,
      appId,
      issuer: `https://${tenantId}.ciamlogin.com/${tenantId}/v2.0`,
      discoveryUrl: `${origin}/${tenantId}/v2.0/.well-known/openid-configuration`,
      resourceUri: `api://jit.example.com/${appId}`,
      privateKeyPem: encryption.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      publicKey: encryption.publicKey,
    });
    tenant.token = async (claims = {}, options = {}) =>
      new SignJWT({
        aud: appId,
        iss: tenant.issuer,
        tid: tenantId,
        azp: CUSTOM_EXTENSIONS_CALLER_APP_ID,
        appid: CUSTOM_EXTENSIONS_CALLER_APP_ID,
        idtyp: "app",
        uti: randomUUID().replaceAll("-", ""),
        ver: "2.0",
        ...claims,
      })
        .setProtectedHeader({ alg: "RS256", typ: "JWT", kid })
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + (options.expiresIn ?? 300))
        .sign(options.key === "foreign" ? foreign.privateKey : signing.privateKey);
    tenant.encrypt = async (claims, options = {}) => {
      const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
      const now = Math.floor(Date.now() / 1000);
      const full = { iat: now, exp: now + 300, ...claims };
      const plaintext =
        options.plaintext === "json"
          ? JSON.stringify(full)
          : `${part({ alg: "none", typ: "JWT" })}.${part(full)}.`;
      return new CompactEncrypt(new TextEncoder().encode(plaintext))
        .setProtectedHeader({ alg: "RSA-OAEP-256", enc: "A256GCM", kid: "encryption-key", cty: "JWT" })
        .encrypt(options.key ?? encryption.publicKey);
    };
    tenant.body = (encryptedPasswordContext, user = TEST_USER) => ({
      type: "microsoft.graph.authenticationEvent.passwordSubmit",
      source: `/tenants/${tenantId}/applications/${randomUUID()}`,
      data: {
        "@odata.type": "microsoft.graph.onPasswordSubmitCalloutData",
        tenantId,
        authenticationEventListenerId: randomUUID(),
        customAuthenticationExtensionId: randomUUID(),
        encryptedPasswordContext,
        authenticationContext: {
          correlationId: randomUUID(),
          client: { ip: "127.0.0.1", locale: "en-us", market: "en-us" },
          protocol: "OAUTH2.0",
          clientServicePrincipal: { id: randomUUID(), appId: randomUUID(), appDisplayName: "Shop" },
          resourceServicePrincipal: { id: randomUUID(), appId: randomUUID(), appDisplayName: "Shop" },
          user,
        },
      },
    });
  }
  tenant.close = async () => {
    await new Promise((resolve) => server?.close(resolve));
  };
  return tenant;
}

/** A POST of a passwordSubmit call to the handler. */
export function passwordSubmit(token: string | undefined, body: unknown): Request {
  return new Request("https://jit.example.com/api/password-submit", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
