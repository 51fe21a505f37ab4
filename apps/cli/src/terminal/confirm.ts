import { createInterface } from "node:readline/promises";

/**
 * Asks a yes/no question on the terminal (default no). Ctrl-C or the end of input answers no;
 * `signal` aborts the question.
 */
export async function confirm(question: string, signal: AbortSignal): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    const answer = await new Promise<string>((resolve, reject) => {
      rl.on("SIGINT", () => reject(new DOMException("cancelled", "AbortError")));
      rl.on("close", () => resolve(""));
      rl.question(`${question} [y/N] `, { signal }).then(resolve, reject);
    });
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
