import { Option } from "@commander-js/extra-typings";
import type { AnyCommand } from "../program.ts";

/** The command `name` under `parent`, made when the catalog has not made it (`ciam migrate jit`). */
function childGroup(parent: AnyCommand, name: string, description: string): AnyCommand {
  const found = parent.commands.find((c) => c.name() === name) as AnyCommand | undefined;
  return found ?? (parent.command(name).description(description) as AnyCommand);
}

/**
 * `ciam migrate jit serve`: runs @ciamkit/jit's handler on node:http for development. Not a catalog
 * operation (it serves rather than calls Graph, and has no MCP form), so it joins the `migrate jit`
 * group the catalog's `migration_jit_setup` makes, or makes it.
 */
export function addJitServeCommand(
  program: AnyCommand,
  errors: (command: AnyCommand, path: string) => AnyCommand,
): void {
  const jit = childGroup(
    childGroup(program, "migrate", "Move customers from Azure AD B2C to External ID"),
    "jit",
    "Just-in-time password migration",
  );
  errors(
    jit
      .command("serve")
      .description(
        "Serve the JIT password-migration endpoint (@ciamkit/jit) on http for development until Ctrl-C: checks External ID's token, decrypts the password and asks B2C or your exported hashes.",
      )
      .requiredOption("--private-key <file>", "PEM file of the extension app's encryption key (PKCS#8)")
      .requiredOption("--tenant-id <id>", "the External ID tenant's id")
      .requiredOption(
        "--audience <id...>",
        "the extension app's app id and/or its identifier URI (api://<host>/<appId>)",
      )
      .addOption(
        new Option("--verifier <kind>", "how passwords are checked")
          .choices(["b2c", "hashes"])
          .makeOptionMandatory(),
      )
      .option(
        "--b2c-authority <url>",
        "b2c: the ROPC user flow, https://<t>.b2clogin.com/<t>.onmicrosoft.com/<B2C_1_flow>",
      )
      .option("--b2c-client-id <id>", "b2c: the B2C app allowed to use the ROPC flow")
      .option("--b2c-scope <scope>", "b2c: scope of the ROPC request (default: openid <client id>)")
      .option(
        "--hashes <file>",
        "hashes: JSON object of password hash records keyed by user id, mail or user principal name",
      )
      .option("--port <n>", "port to listen on (0: any free port)", "7071")
      .option("--host <address>", "address to listen on", "127.0.0.1")
      .option("--discovery-url <url>", "the tenant's OpenID configuration (default: its ciamlogin.com one)")
      .option("--jwks-url <url>", "the tenant's key set (with --issuer: no discovery)")
      .option("--issuer <url...>", "accepted token issuers (default: the discovery document's)")
      .option("--time-budget <ms>", "answer within this many milliseconds", "1500")
      .addHelpText(
        "after",
        "\nExamples:\n  ciam migrate jit serve --private-key jit-key.pem --tenant-id <tenant id> --audience <extension app id> \\\n    --verifier b2c --b2c-authority https://contoso.b2clogin.com/contoso.onmicrosoft.com/B2C_1_ROPC --b2c-client-id <b2c app id>\n  ciam migrate jit serve --private-key jit-key.pem --tenant-id <tenant id> --audience <extension app id> --verifier hashes --hashes hashes.json\n\nEntra calls https endpoints only: put a tunnel in front of the port, or point the emulator at it.\n",
      )
      .action(async (options) => {
        const { jitServe } = await import("./jit-serve.ts");
        await jitServe(options);
      }) as AnyCommand,
    "ciam migrate jit serve",
  );
}
