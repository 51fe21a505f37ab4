import { z } from "zod";

/** The methods an external tenant offers customers (email one-time passcode, SMS), by Graph's configuration id. */
export const EXTERNAL_ID_METHODS = {
  Email: "emailAuthenticationMethodConfiguration",
  Sms: "smsAuthenticationMethodConfiguration",
} as const;

/** A method External ID offers, by Graph's configuration id. */
export const authMethodIdSchema = z.enum(
  Object.keys(EXTERNAL_ID_METHODS) as [
    keyof typeof EXTERNAL_ID_METHODS,
    ...(keyof typeof EXTERNAL_ID_METHODS)[],
  ],
);

/** A method External ID offers. */
export type AuthMethodId = z.infer<typeof authMethodIdSchema>;

/** One method of the authentication methods policy as ciamkit returns it. */
export const authMethodSchema = z.object({ id: z.string(), state: z.enum(["enabled", "disabled"]) });

/** One method of the authentication methods policy. */
export type AuthMethod = z.infer<typeof authMethodSchema>;
