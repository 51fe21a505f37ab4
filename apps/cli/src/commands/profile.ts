import type { Profile } from "@ciamkit/core";
import type { GlobalOptions } from "../global-options.ts";
import { defaultFormat } from "../output/formats.ts";
import { render } from "../output/render.ts";
import type { AnyCommand } from "../program.ts";
import { fail } from "../run/fail.ts";

/** A profile as shown: the credential reference without any stored secret. */
export function publicProfile(profile: Profile, current: string | undefined): Record<string, unknown> {
  const { credential, cloud, ...rest } = profile;
  return {
    ...rest,
    current: profile.name === current,
    cloud: cloud.kind,
    ...(cloud.kind === "custom" ? { endpoints: cloud } : {}),
    credential: credential.kind,
    ...(credential.kind === "secret" ? { secretStored: credential.secret !== undefined } : {}),
    ...(credential.kind === "certificate" ? { certificatePath: credential.certificatePath } : {}),
    ...(credential.kind === "federated" ? { tokenFilePath: credential.tokenFilePath } : {}),
  };
}

/** `ciam profile list|show|use|remove`. */
export async function profileCommand(
  verb: string,
  name: string | undefined,
  command: AnyCommand,
): Promise<void> {
  const globals = command.optsWithGlobals() as GlobalOptions;
  try {
    const { ProfileError, ProfileStore, configDir } = await import("@ciamkit/core");
    const store = new ProfileStore(configDir());
    const format = globals.output ?? defaultFormat(process.stdout.isTTY === true);
    const show = (value: unknown) =>
      process.stdout.write(render(value, { format, query: globals.query, width: process.stdout.columns }));
    const current = store.currentName();
    switch (verb) {
      case "list":
        show(store.list().map((p) => publicProfile(p, current)));
        return;
      case "show": {
        const profile = store.get(name);
        if (profile === undefined) {
          throw new ProfileError("no current profile: run `ciam login` or `ciam profile use <name>`");
        }
        show(publicProfile(profile, current));
        return;
      }
      case "use":
        store.use(name as string);
        process.stderr.write(`Profile '${name}' is now current.\n`);
        return;
      case "remove":
        store.remove(name as string);
        process.stderr.write(`Profile '${name}' removed.\n`);
        return;
    }
  } catch (error) {
    fail(error);
  }
}
