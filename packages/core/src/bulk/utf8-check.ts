/**
 * A pass-through stream that refuses bytes that are not UTF-8, naming the line and column, instead of
 * letting a decoder turn them into U+FFFD and the import write the changed text. Chunks leave cut on
 * character boundaries, so the parsers behind it never see half a character. Memory stays flat: at
 * most three bytes of an unfinished character are held between chunks.
 */
import { isUtf8 } from "node:buffer";
import type { Hash } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
import { InvalidInputError } from "../operations/run-operation.ts";

const NEWLINE = 0x0a;
const EMPTY = Buffer.alloc(0);

/** The length of `b` without an unfinished character at its end (which waits for the next chunk). */
function completeLength(b: Buffer): number {
  for (let back = 1; back <= Math.min(3, b.length); back++) {
    const c = b[b.length - back] as number;
    if ((c & 0xc0) === 0x80) continue;
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > back ? b.length - back : b.length;
  }
  return b.length;
}

/** The offset of the first byte that does not start a valid UTF-8 character in `b[0, end)` (RFC 3629), or -1. */
export function firstInvalidUtf8(b: Uint8Array, end = b.length): number {
  let i = 0;
  while (i < end) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    // Not a lead byte, or a character cut off before `end`.
    if (n === 0 || i + n >= end) return i;
    // The second byte's range excludes overlong forms, surrogates and code points above U+10FFFF.
    const second = b[i + 1] as number;
    const [low, high] =
      c === 0xe0
        ? [0xa0, 0xbf]
        : c === 0xed
          ? [0x80, 0x9f]
          : c === 0xf0
            ? [0x90, 0xbf]
            : c === 0xf4
              ? [0x80, 0x8f]
              : [0x80, 0xbf];
    if (second < low || second > high) return i;
    for (let k = 2; k <= n; k++) if (((b[i + k] as number) & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

/** Characters (not bytes) in `b[from, to)`: every byte that is not a continuation byte. */
function characters(b: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (((b[i] as number) & 0xc0) !== 0x80) n++;
  return n;
}

/**
 * Checks a stream of bytes as UTF-8 and passes it on; fails with an {@link InvalidInputError} naming
 * `file`'s line and column at the first invalid byte. `hash`, when given, sees every byte.
 */
export class Utf8Check extends Transform {
  readonly #operation: string;
  readonly #file: string;
  readonly #hash: Hash | undefined;
  #pending: Buffer = EMPTY;
  /** Line (1-based) and column (in characters, 1-based) of the next byte. */
  #line = 1;
  #column = 1;

  constructor(operation: string, file: string, hash?: Hash) {
    super();
    this.#operation = operation;
    this.#file = file;
    this.#hash = hash;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.#hash?.update(chunk);
    const data = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    const cut = completeLength(data);
    const whole = data.subarray(0, cut);
    if (!isUtf8(whole)) {
      done(this.#error(data, firstInvalidUtf8(data, cut)));
      return;
    }
    this.#advance(data, cut);
    this.#pending = cut === data.length ? EMPTY : Buffer.from(data.subarray(cut));
    done(null, whole);
  }

  override _flush(done: TransformCallback): void {
    // A character cut off by the end of the file.
    if (this.#pending.length > 0) done(this.#error(this.#pending, 0));
    else done();
  }

  /** Moves the line and column past `data[0, end)`. */
  #advance(data: Buffer, end: number): void {
    let last = -1;
    for (let i = data.indexOf(NEWLINE); i !== -1 && i < end; i = data.indexOf(NEWLINE, i + 1)) {
      this.#line++;
      last = i;
    }
    this.#column = (last === -1 ? this.#column : 1) + characters(data, last + 1, end);
  }

  #error(data: Buffer, offset: number): InvalidInputError {
    this.#advance(data, Math.max(0, offset));
    return new InvalidInputError(this.#operation, [
      `${this.#file}: line ${this.#line}, column ${this.#column} is not valid UTF-8; save the file as UTF-8 and run again`,
    ]);
  }
}
