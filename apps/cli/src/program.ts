import { Command } from "@commander-js/extra-typings";
import { packageInfo } from "./package-info.ts";

/** Builds the `ciam` command tree. Area commands are generated from the core operation catalog. */
export function createProgram(): Command {
  return new Command("ciam")
    .description(
      "Manage Microsoft Entra External ID tenants through Microsoft Graph and Azure Resource Manager.",
    )
    .version(packageInfo.version, "-v, --version", "print the version of ciam")
    .showHelpAfterError("(run `ciam --help` for usage)")
    .exitOverride((err) => {
      // commander exits 1 on usage errors; ciam's documented usage-error code is 2.
      process.exit(err.exitCode === 0 ? 0 : 2);
    });
}
