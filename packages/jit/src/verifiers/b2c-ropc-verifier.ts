import { z } from "zod";
import type { PasswordSubmitUser } from "../request-body.ts";
import { type PasswordVerifier, VerifierError } from "./verifier.ts";

/** Options of {@link b2cRopcVerifier}. */
export interface B2cRopcVerifierOptions {
  /**
   * The resource-owner user flow's authority, e.g.
   * `https://contoso.b2clogin.com/contoso.onmicrosoft.com/B2C_1_ROPC` (its token endpoint is
   * `<authority>/oauth2/v2.0/token`), or give `tokenEndpoint` itself.
   */
  authority?: string;
  tokenEndpoint?: string;
  /** The B2C application allowed to use the flow (public client, "Allow public client flows" on). */
  clientId: string;
  /** Default `openid <clientId>`. */
  scope?: string;
  /**
   * The B2C sign-in name of the user signing in to External ID. Default: `mail` (local accounts
   * signing in with their e-mail address keep it when moved), else the part of `userPrincipalName`
   * before `@` (username accounts, moved as `<username>@<tenant domain>`).
   */
  username?: (user: PasswordSubmitUser) => string | undefined;
  /** Default the global `fetch`. */
  fetch?: typeof fetch;
}

const optionsSchema = z
  .object({
    authority: z.url({ protocol: /^https?$/ }).optional(),
    tokenEndpoint: z.url({ protocol: /^https?$/ }).optional(),
    clientId: z.string().min(1),
    scope: z.string().min(1).optional(),
  })
  .refine((o) => (o.authority === undefined) !== (o.tokenEndpoint === undefined), {
    message: "give authority or tokenEndpoint, not both",
  });

/** The default mapping of an External ID user to their B2C sign-in name. */
export function defaultB2cUsername(user: PasswordSubmitUser): string | undefined {
  if (typeof user.mail === "string" && user.mail !== "") return user.mail;
  const upn = user.userPrincipalName;
  return typeof upn !== "string" || !upn.includes("@") ? undefined : upn.slice(0, upn.lastIndexOf("@"));
}

const errorSchema = z.looseObject({ error: z.string() });

/**
 * Checks the password with Azure AD B2C itself: a resource-owner password credentials request
 * (`grant_type=password`) to a ROPC user flow. 200 with an `id_token`: valid; `invalid_grant` (wrong
 * password or unknown user): invalid; anything else (throttled, misconfigured, unreachable): the
 * verifier fails and nothing is migrated.
 * See "Set up a resource owner password credentials flow in Azure AD B2C" (Microsoft Learn).
 */
export function b2cRopcVerifier(options: B2cRopcVerifierOptions): PasswordVerifier {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new TypeError(
      `b2cRopcVerifier: ${parsed.error.issues.map((i) => `${i.path.join(".") || "options"}: ${i.message}`).join("; ")}`,
    );
  }
  const { clientId } = parsed.data;
  const endpoint =
    parsed.data.tokenEndpoint ?? `${parsed.data.authority?.replace(/\/+$/, "")}/oauth2/v2.0/token`;
  const scope = parsed.data.scope ?? `openid ${clientId}`;
  const username = options.username ?? defaultB2cUsername;
  const send = options.fetch ?? fetch;

  return async ({ password, user, signal }) => {
    const name = username(user);
    if (name === undefined || name === "") return { result: "invalid" };
    const body = new URLSearchParams({
      grant_type: "password",
      client_id: clientId,
      scope,
      username: name,
      password,
      response_type: "token id_token",
    });
    let response: Response;
    try {
      response = await send(endpoint, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body,
        signal,
      });
    } catch (error) {
      throw new VerifierError(`B2C token endpoint unreachable (${(error as Error).name})`);
    }
    const answer: unknown = await response.json().catch(() => undefined);
    if (response.ok) {
      if (typeof (answer as { id_token?: unknown } | undefined)?.id_token === "string")
        return { result: "valid" };
      throw new VerifierError("B2C answered 200 without an id_token");
    }
    const error = errorSchema.safeParse(answer);
    if (response.status === 400 && error.success && error.data.error === "invalid_grant")
      return { result: "invalid" };
    throw new VerifierError(`B2C answered ${response.status}${error.success ? ` ${error.data.error}` : ""}`);
  };
}
