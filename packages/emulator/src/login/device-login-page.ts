import { randomUUID } from "node:crypto";
import type { EmulatorContext } from "../context.ts";
import type { HttpReply } from "../server/http.ts";
import type { JsonObject } from "../store/json.ts";
import { type SecretHash, verifySecret } from "../store/secrets.ts";
import type { TenantState } from "../store/store.ts";
import { GRAPH_AUDIENCE } from "./access-token.ts";
import { findByAppId } from "./grants.ts";
import { recordSignIn } from "./sign-in-log.ts";

/** Path of the device sign-in page on the login origin (the `verification_uri`). */
export const DEVICE_LOGIN_PATH = "/devicelogin";

/**
 * The device code sign-in page, as `microsoft.com/devicelogin` works: the user types the code,
 * then signs in with a user of the code's tenant; success approves the code for that user.
 */
export function deviceLoginPage(ctx: EmulatorContext, method: string, form: URLSearchParams): HttpReply {
  if (method === "GET") return page("Enter code", codeForm(""));
  const code = (form.get("code") ?? "").trim();
  const nowMs = ctx.now().getTime();
  const auth = ctx.deviceCodes.byUserCode(code, nowMs);
  if (auth === undefined) {
    return page("Enter code", codeForm("That code didn't work. Check the code and try again."), 400);
  }
  const tenant = ctx.store.tenant(auth.tenantId);
  const username = form.get("username");
  const password = form.get("password");
  if (tenant === undefined) return page("Enter code", codeForm("The code's tenant no longer exists."), 400);
  if (username === null || password === null) return page("Sign in", signInForm(auth.userCode, ""));
  const user = findUserByUpn(tenant, username);
  const hash = user === undefined ? undefined : tenant.collection("_userPasswords").get(String(user.id));
  if (user === undefined || hash === undefined || !verifySecret(password, hash as unknown as SecretHash)) {
    // Entra logs a failed interactive sign-in of a known account (AADSTS50126).
    if (user !== undefined) logFailedSignIn(ctx, tenant, auth.clientId, user);
    return page("Sign in", signInForm(auth.userCode, "Your account or password is incorrect."), 400);
  }
  if (user.accountEnabled === false) {
    return page("Sign in", signInForm(auth.userCode, "Your account has been locked."), 400);
  }
  ctx.deviceCodes.approve(auth.userCode, String(user.id), nowMs);
  return page(
    "You're signed in",
    `<p>You have signed in as ${escapeHtml(String(user.userPrincipalName))}. You may now close this window.</p>`,
  );
}

function logFailedSignIn(
  ctx: EmulatorContext,
  tenant: TenantState,
  clientId: string,
  user: JsonObject,
): void {
  const app = findByAppId(tenant.collection("applications"), clientId);
  recordSignIn(
    tenant,
    {
      appId: clientId,
      appDisplayName: typeof app?.displayName === "string" ? app.displayName : null,
      servicePrincipalId: null,
      resource: GRAPH_AUDIENCE,
      correlationId: randomUUID(),
      user: {
        id: String(user.id),
        displayName: typeof user.displayName === "string" ? user.displayName : null,
        userPrincipalName: String(user.userPrincipalName),
      },
      errorCode: 50126,
      failureReason: "Error validating credentials due to invalid username or password.",
      ipAddress: "127.0.0.1",
      userAgent: null,
    },
    ctx.now(),
  );
}

/** A user by `userPrincipalName`, compared case-insensitively as Entra does. */
export function findUserByUpn(tenant: TenantState, upn: string): JsonObject | undefined {
  const key = upn.trim().toLowerCase();
  for (const user of tenant.collection("users").values()) {
    if (typeof user.userPrincipalName === "string" && user.userPrincipalName.toLowerCase() === key)
      return user;
  }
  return undefined;
}

function codeForm(error: string): string {
  return `${errorLine(error)}<form method="post" action="${DEVICE_LOGIN_PATH}">
<label for="code">Enter the code displayed on your app or device.</label>
<input id="code" name="code" autocomplete="off" autofocus required>
<button type="submit">Next</button></form>`;
}

function signInForm(code: string, error: string): string {
  return `${errorLine(error)}<form method="post" action="${DEVICE_LOGIN_PATH}">
<input type="hidden" name="code" value="${escapeHtml(code)}">
<label for="username">Email or user name</label><input id="username" name="username" autocomplete="username" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button></form>`;
}

function errorLine(error: string): string {
  return error === "" ? "" : `<p role="alert">${escapeHtml(error)}</p>`;
}

function page(title: string, content: string, status = 200): HttpReply {
  return {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "x-frame-options": "DENY",
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto}label,input,button{display:block;margin:.5rem 0}</style>
</head><body><h1>${escapeHtml(title)}</h1>${content}</body></html>`,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
