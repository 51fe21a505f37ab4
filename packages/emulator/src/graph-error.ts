/** Graph's error envelope: `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`. */
export interface GraphErrorBody {
  error: {
    code: string;
    message: string;
    innerError: { date: string; "request-id": string; "client-request-id"?: string };
  };
}

/**
 * Builds the body Microsoft Graph sends with a failed request (api-surface 11.2). The `date` is
 * UTC without a zone suffix or fraction, as Graph writes it (`2026-02-13T10:17:06`).
 */
export function graphErrorBody(
  code: string,
  message: string,
  requestId: string,
  clientRequestId?: string,
  now: Date = new Date(),
): GraphErrorBody {
  const innerError: GraphErrorBody["error"]["innerError"] = {
    date: now.toISOString().slice(0, 19),
    "request-id": requestId,
  };
  if (clientRequestId !== undefined) innerError["client-request-id"] = clientRequestId;
  return { error: { code, message, innerError } };
}
