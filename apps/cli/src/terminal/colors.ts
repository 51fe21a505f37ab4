import pc from "picocolors";

/** True when `stream` may carry colour: a terminal, and no `NO_COLOR` (https://no-color.org). */
export function colorEnabled(stream: NodeJS.WriteStream, env = process.env): boolean {
  return stream.isTTY === true && !env.NO_COLOR && env.TERM !== "dumb";
}

/** Colour functions for a stream: real ones on a terminal, identity otherwise. */
export function colorsFor(stream: NodeJS.WriteStream) {
  return pc.createColors(colorEnabled(stream));
}
