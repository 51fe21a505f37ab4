/** Commander's error text as one line with ciam's prefix: `ciam: error: unknown option '--x'`. */
export function usageLine(text: string): string {
  return `ciam: ${text
    .trim()
    .replace(/\s*\n\s*/g, " ")
    .replace(/^error: /, "error: ")}`;
}
