// The plain progress reporter (no terminal): which lines a long job writes, and the rate it shows.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createProgress } from "../src/terminal/progress.ts";

/** A non-terminal stream that keeps what is written. */
function sink(): { stream: NodeJS.WriteStream; lines: () => string[] } {
  let text = "";
  const stream = {
    isTTY: false,
    write: (chunk: string) => {
      text += chunk;
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { stream, lines: () => text.split("\n").filter(Boolean) };
}

beforeEach(() => vi.useFakeTimers({ now: new Date("2026-11-28T12:00:00Z") }));
afterEach(() => vi.useRealTimers());

describe("plain progress lines", () => {
  it("writes one line per tenth, the last one always, with the rate since the first report", async () => {
    const { stream, lines } = sink();
    const progress = await createProgress(stream);
    // A resumed import: 500 rows were done by an earlier run when the first report comes.
    progress.update({ message: "importing", done: 500, total: 1000 });
    vi.advanceTimersByTime(5_000);
    progress.update({ message: "importing", done: 540, total: 1000 });
    progress.update({ message: "importing", done: 600, total: 1000 });
    vi.advanceTimersByTime(5_000);
    progress.update({ message: "importing", done: 1000, total: 1000 });
    expect(lines()).toEqual(["importing 500/1000", "importing 600/1000 20/s", "importing 1000/1000 50/s"]);
  });

  it("writes a line at least every 30 s while the job moves inside one tenth", async () => {
    const { stream, lines } = sink();
    const progress = await createProgress(stream);
    progress.update({ message: "importing", done: 10, total: 1_000_000 });
    vi.advanceTimersByTime(10_000);
    progress.update({ message: "importing", done: 200, total: 1_000_000 });
    vi.advanceTimersByTime(25_000);
    progress.update({ message: "importing", done: 700, total: 1_000_000 });
    expect(lines()).toEqual(["importing 10/1000000", "importing 700/1000000 20/s"]);
  });
});
