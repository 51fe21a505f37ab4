/**
 * Whether a caller holding `held` may call an operation that accepts any of `required`
 * (api-surface section 0 and 12.5): a permission itself, the ReadWrite permission of the same family
 * for a Read one (`User.ReadWrite.All` covers `User.Read.All`), and for directory objects the broad
 * `Directory.Read.All` / `Directory.ReadWrite.All`. An empty `required` list lets any caller in.
 */
export function isPermitted(
  required: readonly string[],
  held: readonly string[],
  directory: boolean | undefined,
): boolean {
  if (required.length === 0) return true;
  const have = new Set(held.map((p) => p.toLowerCase()));
  for (const permission of required) {
    for (const alternative of implying(permission, directory === true)) {
      if (have.has(alternative.toLowerCase())) return true;
    }
  }
  return false;
}

/** Every permission that grants `permission`, itself first. */
export function implying(permission: string, directory: boolean): string[] {
  const out = [permission];
  const readWrite = permission.replace(/\.Read(?=\.|$)/, ".ReadWrite");
  if (readWrite !== permission) out.push(readWrite);
  if (directory) {
    const isRead = !/ReadWrite|Create|Write/.test(permission);
    if (isRead) out.push("Directory.Read.All");
    out.push("Directory.ReadWrite.All");
  }
  return out;
}
