/**
 * Whether a person can answer on this terminal: stdin and stderr are terminals and `CI` is not set
 * (as `az` decides before a device-code sign-in). Without one, nothing interactive is started.
 */
export function canAskPerson(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  const ci = env.CI?.trim().toLowerCase();
  const inCi = ci !== undefined && ci !== "" && ci !== "0" && ci !== "false";
  return process.stdin.isTTY === true && process.stderr.isTTY === true && !inCi;
}
