import type { OperationProgress } from "@ciamkit/core";
import { escapeControlCharacters } from "@ciamkit/core/display-text";

/** Shows the progress of long work on stderr. */
export interface ProgressReporter {
  update(progress: OperationProgress): void;
  /** Ends the bar or status line (a terminal) before the result or an error is printed; idempotent. */
  stop(): void;
}

/** A finished step as its line: `created groups 'Beta' (3/7)`, control characters escaped. */
function stepLine(progress: OperationProgress): string {
  const count = progress.done === undefined ? "" : ` (${progress.done}/${progress.total ?? "?"})`;
  return `${escapeControlCharacters(progress.message)}${count}`;
}

/** Plain lines at least this often while a long job moves (a 10 % step of a big import can take hours). */
const PLAIN_EVERY_MS = 30_000;

/**
 * `19.8/s` over the items done since the first report, once a second has passed. Counting from the
 * first report leaves out work done before it (rows a resumed import skips), which would inflate it.
 */
function rate(done: number, first: { done: number; at: number }): string {
  const seconds = (Date.now() - first.at) / 1000;
  const perSecond = (done - first.done) / seconds;
  return seconds < 1 || perSecond <= 0 ? "" : `${perSecond.toFixed(perSecond < 10 ? 1 : 0)}/s`;
}

/**
 * A progress bar on a terminal (cli-progress, redrawn in place on stderr) with the rate, plain lines
 * otherwise (`adding members 3/10`), at most one line per 10 % (or per 30 s) so CI logs stay short.
 */
export async function createProgress(stream: NodeJS.WriteStream = process.stderr): Promise<ProgressReporter> {
  if (stream.isTTY === true) {
    const { SingleBar } = await import("cli-progress");
    let bar: InstanceType<typeof SingleBar> | undefined;
    let statusLine = false;
    let started = 0;
    let first = { done: 0, at: 0 };
    return {
      update(progress) {
        if (progress.step === true) {
          // A finished step (a change of `config apply`) stays on screen as a line of its own.
          stream.write(`\r\u001b[2K${stepLine(progress)}\n`);
          return;
        }
        if (progress.total === undefined) {
          if (bar !== undefined) return;
          // Work without a known size (a long-running ARM operation such as a tenant creation): one
          // status line redrawn in place with the time so far, so minutes of polling fill no screen.
          started ||= Date.now();
          const seconds = Math.round((Date.now() - started) / 1000);
          stream.write(`\r\u001b[2K${progress.message}… ${seconds}s`);
          statusLine = true;
          return;
        }
        if (bar === undefined) {
          bar = new SingleBar({
            stream,
            format: "{message} [{bar}] {value}/{total} {percentage}% {rate}",
            barCompleteChar: "#",
            barIncompleteChar: "-",
            hideCursor: true,
            clearOnComplete: false,
            // cli-progress checks the terminal itself; these keep it from guessing otherwise in tests.
            noTTYOutput: false,
          });
          first = { done: progress.done ?? 0, at: Date.now() };
          bar.start(progress.total, progress.done ?? 0, { message: progress.message, rate: "" });
        } else {
          bar.setTotal(progress.total);
          const done = progress.done ?? 0;
          bar.update(done, { message: progress.message, rate: rate(done, first) });
        }
      },
      stop() {
        bar?.stop();
        bar = undefined;
        // Keep the last state on screen, and let what follows (result or error) start a new line.
        if (statusLine) stream.write("\n");
        statusLine = false;
      },
    };
  }
  let lastTenth = -1;
  let lastAt = 0;
  let first: { done: number; at: number } | undefined;
  return {
    update(progress) {
      if (progress.step === true) {
        stream.write(`${stepLine(progress)}\n`);
        return;
      }
      const { done, total } = progress;
      if (done === undefined || total === undefined || total === 0) {
        stream.write(`${progress.message}\n`);
        return;
      }
      first ??= { done, at: Date.now() };
      const tenth = Math.floor((done * 10) / total);
      if (tenth === lastTenth && done !== total && Date.now() - lastAt < PLAIN_EVERY_MS) return;
      lastTenth = tenth;
      lastAt = Date.now();
      const speed = rate(done, first);
      stream.write(`${progress.message} ${done}/${total}${speed === "" ? "" : ` ${speed}`}\n`);
    },
    stop() {},
  };
}
