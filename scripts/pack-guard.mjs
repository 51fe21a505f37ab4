// `prepack` of every published package: refuses a pack or publish not run by pnpm. `npm pack` and
// `npm publish` would ship `workspace:*` and `catalog:` as dependency versions (uninstallable) and
// leave out the LICENSE that pnpm copies from the repository's root. The package manager is known by
// `npm_execpath`, which each sets to itself for the scripts it runs (`npm_config_user_agent` is
// inherited from a parent pnpm by an `npm pack` that a pnpm script starts).
import { basename } from "node:path";

const runner = basename(process.env.npm_execpath ?? "");
if (!/^pnpm(\.c?js)?$/.test(runner)) {
  const tool = /^npm/.test(runner) ? "npm" : /^yarn/.test(runner) ? "yarn" : runner || "this tool";
  process.stderr.write(
    `Refusing to pack with ${tool}: it would publish "workspace:*" and "catalog:" dependency versions and no LICENSE. Run \`pnpm pack\` or \`pnpm publish\` (pnpm rewrites them), e.g. \`pnpm --filter @ciamkit/core pack\`.\n`,
  );
  process.exit(1);
}
