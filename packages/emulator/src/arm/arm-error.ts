/**
 * An error an ARM route raises; the front door renders ARM's common-types v5 `ErrorResponse`
 * (`{ error: { code, message, target?, details } }`, api-surface 1.8) with the request ids.
 */
export class ArmError extends Error {
  readonly status: number;
  readonly code: string;
  readonly target: string | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { target?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = "ArmError";
    this.status = status;
    this.code = code;
    this.target = options.target;
    this.headers = options.headers ?? {};
  }
}

/** The JSON body of an ARM error. */
export function armErrorBody(code: string, message: string, target?: string) {
  return { error: { code, message, ...(target === undefined ? {} : { target }), details: [] } };
}
