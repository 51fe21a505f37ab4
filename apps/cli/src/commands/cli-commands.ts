import { Argument, Option } from "@commander-js/extra-typings";
import type { AnyCommand } from "../program.ts";
import { usageLine } from "../run/usage-line.ts";
import { addJitServeCommand } from "./jit-serve-command.ts";

const SHELLS = ["bash", "zsh", "fish", "powershell"] as const;

/** ciam's own commands (not tenant operations): login, profile, emulator, migrate jit serve, completion. Bodies load lazily. */
export function addCliCommands(program: AnyCommand): void {
  const errors = (command: AnyCommand, path: string) => {
    command.configureOutput({
      outputError: (text, write) => write(`${usageLine(text)} (see \`${path} --help\`)\n`),
    });
    command.exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));
    return command;
  };

  errors(
    program
      .command("login")
      .description(
        "Sign in and store a profile (tenant, app, cloud, credential reference) in your config directory, named by --profile (default: default).",
      )
      .requiredOption("--tenant <id>", "tenant id or domain")
      .requiredOption("--client-id <id>", "the application (client) id")
      .addOption(
        new Option(
          "--auth <kind>",
          "how to sign in (default: secret when one is given, else device-code)",
        ).choices(["device-code", "secret", "certificate", "federated"]),
      )
      .option("--secret-stdin", "read the client secret from stdin (else AZURE_CLIENT_SECRET)")
      .option(
        "--save-secret",
        "store the client secret in the profile (owner-only file); default: never stored",
      )
      .option(
        "--certificate <file>",
        "PEM or PKCS#12 (.pfx/.p12) file with the certificate and its private key; a password comes from AZURE_CLIENT_CERTIFICATE_PASSWORD",
      )
      .option("--federated-token-file <path>", "file holding the federated (workload identity) token")
      .addOption(
        new Option("--cloud <name>", "Microsoft cloud")
          .choices(["global", "usgov", "china"])
          .default("global"),
      )
      .option("--authority-host <url>", "custom cloud: sign-in host (with --graph-endpoint, --arm-endpoint)")
      .option("--graph-endpoint <url>", "custom cloud: Microsoft Graph root")
      .option("--arm-endpoint <url>", "custom cloud: Azure Resource Manager root")
      .option("--ca <pem>", "custom cloud: CA certificate file to trust")
      .addHelpText(
        "after",
        '\nExamples:\n  ciam login --tenant contoso.onmicrosoft.com --client-id <app id>            # device code\n  printf %s "$SECRET" | ciam login --tenant <id> --client-id <id> --secret-stdin\n  ciam login --tenant <id> --client-id <id> --certificate app.pem --profile ci\n  AZURE_CLIENT_CERTIFICATE_PASSWORD=... ciam login --tenant <id> --client-id <id> --certificate app.pfx\n',
      )
      .action(async (options, command) => {
        const { login } = await import("./login.ts");
        await login(options, command as AnyCommand);
      }) as AnyCommand,
    "ciam login",
  );

  const profile = errors(
    program.command("profile").description("Manage sign-in profiles: list, show, use, remove") as AnyCommand,
    "ciam profile",
  );
  for (const [verb, description, takesName] of [
    ["list", "List profiles; the current one is marked.", false],
    ["show", "Show a profile (the current one by default); stored secrets are never shown.", "optional"],
    ["use", "Make a profile the current one.", "required"],
    ["remove", "Remove a profile.", "required"],
  ] as const) {
    const sub = profile.command(verb).description(description) as AnyCommand;
    if (takesName === "optional") sub.argument("[name]", "profile name");
    if (takesName === "required") sub.argument("<name>", "profile name");
    errors(sub, `ciam profile ${verb}`);
    sub.action(async (...args: unknown[]) => {
      const { profileCommand } = await import("./profile.ts");
      const name = typeof args[0] === "string" ? args[0] : undefined;
      await profileCommand(verb, name, args.at(-1) as AnyCommand);
    });
  }

  const emulator = errors(
    program
      .command("emulator")
      .description("The embedded emulator behind --emulator: reset, start") as AnyCommand,
    "ciam emulator",
  );
  errors(
    emulator
      .command("reset")
      .description("Start over: empty the emulator's saved state and seed the demo tenant again.")
      .option("--seed <n>", "seed number of the demo tenant", "1")
      .action(async (options) => {
        const { emulatorReset } = await import("./emulator.ts");
        await emulatorReset(options);
      }) as AnyCommand,
    "ciam emulator reset",
  );
  errors(
    emulator
      .command("start")
      .description(
        "Serve the emulator (with the saved state) for other clients until Ctrl-C; prints how to connect.",
      )
      .option(
        "--port <n>",
        "Graph port; the token service and ARM take the next two (default: ports derived from the state's directory, the same at every start; 0: any free ports)",
      )
      .option("--json", "print the connection details as one JSON line")
      .action(async (options) => {
        const { emulatorStart } = await import("./emulator.ts");
        await emulatorStart(options);
      }) as AnyCommand,
    "ciam emulator start",
  );

  addJitServeCommand(program, errors);

  errors(
    program
      .command("completion")
      .description("Print a shell completion script: bash, zsh, fish or powershell.")
      .addArgument(new Argument("<shell>", "the shell").choices(SHELLS))
      .addHelpText(
        "after",
        "\nInstall:\n  bash        echo 'source <(ciam completion bash)' >> ~/.bashrc\n  zsh         ciam completion zsh > ~/.zfunc/_ciam   (with ~/.zfunc in fpath)\n  fish        ciam completion fish > ~/.config/fish/completions/ciam.fish\n  powershell  ciam completion powershell | Out-String | Invoke-Expression\n",
      )
      .action(async (shell: string) => {
        const { completionScript } = await import("../completion/completion-script.ts");
        process.stdout.write(completionScript(shell as (typeof SHELLS)[number], program));
      }) as AnyCommand,
    "ciam completion",
  );
}
