import { readFileSync } from "node:fs";

/** This package's name and version, from its package.json (same relative path from src/ and dist/). */
export const packageInfo = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  name: string;
  version: string;
};
