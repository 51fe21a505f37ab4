// `pnpm --filter @ciamkit/cli docs`: regenerates the command reference in docs/cli.md from the catalog.
import { readFileSync, writeFileSync } from "node:fs";
import { withReference } from "../src/docs/cli-reference.ts";
import { buildManifest } from "../src/manifest/build-manifest.ts";
import { formatMarkdown } from "./format-markdown.ts";

const path = new URL("../../../docs/cli.md", import.meta.url);
writeFileSync(path, formatMarkdown(withReference(readFileSync(path, "utf8"), buildManifest())));
