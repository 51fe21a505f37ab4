import type { OperationProgress } from "@ciamkit/core";

/** Shows the progress of long work on stderr. */
export interface ProgressReporter {
  update(progress: OperationProgress): void;
  /** Removes the bar (a terminal) before the result is printed. */
  stop(): void;
}

/**
 * A progress bar on a terminal (cli-progress, redrawn in place on stderr), plain lines otherwise
 * (`adding members 3/10`), at most one line per 10 % so CI logs stay short.
 */
export async function createProgress(stream: NodeJS.WriteStream = process.stderr): Promise<ProgressReporter> {
  if (stream.isTTY === true) {
    const { SingleBar } = await import("cli-progress");
    let bar: InstanceType<typeof SingleBar> | undefined;
    let lastMessage: string | undefined;
    return {
      update(progress) {
        if (progress.total === undefined) {
          // Work without a known size (a long-running ARM operation): one line per change of state.
          if (progress.message !== lastMessage && bar === undefined) stream.write(`${progress.message}…\n`);
          lastMessage = progress.message;
          return;
        }
        if (bar === undefined) {
          bar = new SingleBar({
            stream,
            format: "{message} [{bar}] {value}/{total} {percentage}%",
            barCompleteChar: "#",
            barIncompleteChar: "-",
            hideCursor: true,
            clearOnComplete: false,
            // cli-progress checks the terminal itself; these keep it from guessing otherwise in tests.
            noTTYOutput: false,
          });
          bar.start(progress.total, progress.done ?? 0, { message: progress.message });
        } else {
          bar.setTotal(progress.total);
          bar.update(progress.done ?? 0, { message: progress.message });
        }
      },
      stop() {
        bar?.stop();
      },
    };
  }
  let lastTenth = -1;
  return {
    update(progress) {
      const { done, total } = progress;
      if (done === undefined || total === undefined || total === 0) {
        stream.write(`${progress.message}\n`);
        return;
      }
      const tenth = Math.floor((done * 10) / total);
      if (tenth === lastTenth && done !== total) return;
      lastTenth = tenth;
      stream.write(`${progress.message} ${done}/${total}\n`);
    },
    stop() {},
  };
}
