/**
 * The actions an onPasswordSubmit extension answers with. Microsoft's table writes `passwordSubmit`,
 * its sample code `passwordsubmit`; the service compares them case-insensitively and we send the
 * sample's spelling.
 */
export type PasswordSubmitAction = "MigratePassword" | "UpdatePassword" | "Retry" | "Block";

/** A message the sign-in page shows with Retry or Block. */
export interface ActionMessage {
  title?: string;
  message?: string;
}

/** The 200 answer: one action and the nonce of the decrypted password context, echoed. */
export function actionResponse(
  action: PasswordSubmitAction,
  nonce: string,
  text: ActionMessage = {},
): Response {
  const body = {
    data: {
      "@odata.type": "microsoft.graph.onPasswordSubmitResponseData",
      actions: [
        {
          "@odata.type": `microsoft.graph.passwordsubmit.${action}`,
          ...(text.title === undefined ? {} : { title: text.title }),
          ...(text.message === undefined ? {} : { message: text.message }),
        },
      ],
      nonce,
    },
  };
  return Response.json(body, { status: 200, headers: { "cache-control": "no-store" } });
}

/**
 * A refusal: the status and a fixed word, nothing about which check failed (a caller probing the
 * endpoint learns nothing from the answer; the logger gets the reason).
 */
export function refusal(status: 400 | 401 | 405 | 413 | 503): Response {
  const text = {
    400: "bad request",
    401: "unauthorized",
    405: "method not allowed",
    413: "too large",
    503: "unavailable",
  }[status];
  const headers: Record<string, string> = {
    "content-type": "text/plain; charset=utf-8",
    "cache-control": "no-store",
  };
  if (status === 401) headers["www-authenticate"] = 'Bearer error="invalid_token"';
  if (status === 405) headers.allow = "POST";
  return new Response(text, { status, headers });
}
