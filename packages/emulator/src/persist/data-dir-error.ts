/**
 * A data directory whose snapshot or journal cannot be loaded (not JSON, not an emulator snapshot,
 * unreadable). The message is one line naming the file and what to do; nothing was changed.
 */
export class DataDirCorruptError extends Error {
  override name = "DataDirCorruptError";
  readonly dir: string;
  readonly file: string;

  constructor(dir: string, file: string, problem: string, options?: { cause?: unknown }) {
    super(
      `${file} ${problem}. Nothing was changed: move the directory aside (mv '${dir}' '${dir}.corrupt') to start over with a fresh demo tenant, or restore the file from a backup`,
      options,
    );
    this.dir = dir;
    this.file = file;
  }
}
