import { type CommandLineConnection, connectNamedProfile } from "../../connection/command-line.ts";
import { InputError } from "../../input-error.ts";
import { ProfileError } from "../../profiles/profile-store.ts";

/** A saved profile's connection (`--from <profile>`), or an input error naming the field: nothing was read yet. */
export function openMigrationProfile(field: string, name: string): CommandLineConnection {
  try {
    return connectNamedProfile(name);
  } catch (error) {
    if (error instanceof ProfileError) throw new InputError(`${field}: ${error.message}`);
    throw error;
  }
}
