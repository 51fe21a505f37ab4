/** Longest unbroken run (an id, a URL, a base64 blob) an error text keeps whole. */
const MAX_RUN = 500;
/** Longest error text: a page of explanation, not an echo of a huge input. */
const MAX_TEXT = 4_000;

/**
 * `text` cut to a size a model's context can take: a run of more than 500 non-space characters keeps
 * its first 200 and says how many were cut, and a text still longer than 4,000 characters keeps its
 * start and its end (where the next step is). A 1 MiB id sent to a tool used to come back whole inside
 * the service's error (the URL it could not serve).
 */
export function boundedText(text: string): string {
  const runs = text.replace(
    new RegExp(`\\S{${MAX_RUN + 1},}`, "g"),
    (run) => `${run.slice(0, 200)}…(${run.length - 200} more characters)`,
  );
  if (runs.length <= MAX_TEXT) return runs;
  return `${runs.slice(0, MAX_TEXT - 1_000)}\n…(${runs.length - MAX_TEXT} characters cut)…\n${runs.slice(-1_000)}`;
}
