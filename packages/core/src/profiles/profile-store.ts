import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { Profile, ProfilesFile } from "./profile-schema.ts";
import { profileSchema, profilesFileSchema } from "./profile-schema.ts";

/** Thrown when the profiles file cannot be read, or a profile asked for does not exist. */
export class ProfileError extends Error {
  override readonly name = "ProfileError";
}

/**
 * The user's ciamkit configuration directory: `CIAM_CONFIG_DIR`, else `$XDG_CONFIG_HOME/ciamkit`,
 * else `~/.config/ciamkit` (the XDG base directory default).
 */
export function configDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.CIAM_CONFIG_DIR) return env.CIAM_CONFIG_DIR;
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, "ciamkit");
  return join(homedir(), ".config", "ciamkit");
}

/**
 * A device-code profile's own token cache, `<configDir>/token-cache/<profile>.json`: each profile
 * keeps its own sign-in, so two profiles for the same app never sign in as each other.
 */
export function profileTokenCachePath(profileName: string, dir: string = configDir()): string {
  // Profile names are validated (letters, digits, . _ -), but never let one climb out of the directory.
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(profileName))
    throw new ProfileError(`Not a profile name: ${JSON.stringify(profileName)}.`);
  return join(dir, "token-cache", `${profileName}.json`);
}

/** Whether two versions of a profile sign in to the same place, so a cached sign-in still fits. */
function sameSignIn(a: Profile, b: Profile): boolean {
  return (
    a.tenantId.toLowerCase() === b.tenantId.toLowerCase() &&
    a.clientId.toLowerCase() === b.clientId.toLowerCase() &&
    JSON.stringify(a.cloud) === JSON.stringify(b.cloud) &&
    a.credential.kind === b.credential.kind
  );
}

/**
 * Profiles kept in `<configDir>/profiles.json`, readable by its owner only (directory 0700, file
 * 0600, also when they existed with looser modes), written whole through a temporary file so a crash
 * never leaves half a file.
 */
export class ProfileStore {
  /** The profiles file. */
  readonly path: string;
  readonly #dir: string;

  constructor(dir: string = configDir()) {
    this.#dir = dir;
    this.path = join(dir, "profiles.json");
  }

  /** Everything in the file; an absent file is an empty store. */
  read(): ProfilesFile {
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { profiles: [] };
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ProfileError(`${this.path} is not valid JSON; fix it or remove it and run \`ciam login\`.`);
    }
    const parsed = profilesFileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ProfileError(
        `${this.path} is not a ciamkit profiles file (${issue?.path.join(".") ?? ""}: ${issue?.message ?? ""}).`,
      );
    }
    return parsed.data;
  }

  /** Every profile, in the order they were added. */
  list(): Profile[] {
    return this.read().profiles;
  }

  /** The name of the current profile, if one is set. */
  currentName(): string | undefined {
    return this.read().current;
  }

  /** The named profile, or the current one; `undefined` when no name is given and none is current. */
  get(name?: string): Profile | undefined {
    const file = this.read();
    const wanted = name ?? file.current;
    if (wanted === undefined) return undefined;
    const profile = file.profiles.find((p) => p.name === wanted);
    if (profile === undefined) {
      throw new ProfileError(
        `No profile named '${wanted}'; see \`ciam profile list\` or create it with \`ciam login --profile ${wanted}\`.`,
      );
    }
    return profile;
  }

  /**
   * Adds or replaces a profile (validated first); makes it current when asked or when it is the only
   * one. Replacing it with another tenant, app, cloud or credential kind drops its token cache.
   */
  save(profile: Profile, options: { makeCurrent?: boolean } = {}): Profile {
    const valid = profileSchema.parse(profile);
    const file = this.read();
    const previous = file.profiles.find((p) => p.name === valid.name);
    if (previous !== undefined && !sameSignIn(previous, valid)) this.#dropTokenCache(valid.name);
    const profiles = file.profiles.filter((p) => p.name !== valid.name);
    profiles.push(valid);
    const current = options.makeCurrent === true || file.current === undefined ? valid.name : file.current;
    this.#write({ current, profiles });
    return valid;
  }

  /** Makes a profile current. */
  use(name: string): Profile {
    const profile = this.get(name) as Profile;
    this.#write({ ...this.read(), current: profile.name });
    return profile;
  }

  /** Removes a profile and its token cache (refresh token included); clears the current profile if it was that one. */
  remove(name: string): Profile {
    const file = this.read();
    const profile = this.get(name) as Profile;
    const rest = file.profiles.filter((p) => p.name !== name);
    this.#write({ profiles: rest, ...(file.current === name ? {} : { current: file.current }) });
    this.#dropTokenCache(name);
    return profile;
  }

  // Only the profile's own cache in this directory: a cache file a profile names explicitly
  // (`tokenCachePath`) is the user's and stays.
  #dropTokenCache(name: string): void {
    rmSync(profileTokenCachePath(name, this.#dir), { force: true });
  }

  #write(file: ProfilesFile): void {
    mkdirSync(this.#dir, { recursive: true, mode: 0o700 });
    chmodSync(this.#dir, 0o700);
    const temporary = `${this.path}.${process.pid}.tmp`;
    const content: ProfilesFile = file.current === undefined ? { profiles: file.profiles } : file;
    writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, this.path);
  }
}
