// Connecting from a command line (`ciam`, `ciam-mcp`, `fromEnvironment()`): one set of variables,
// profiles and the emulator, resolved here for all of them (docs/connecting.md).
export type { CommandLineConnection, CommandLineConnectOptions } from "./command-line.ts";
export { connectFromCommandLine, connectNamedProfile, NotSignedInError } from "./command-line.ts";
export type { ConnectionVariable } from "./connection-variables.ts";
export {
  CONNECTION_VARIABLES,
  environmentCloud,
  environmentOverridesProfile,
  readConnectionVariables,
} from "./connection-variables.ts";
export type { EmulatorApp, EmulatorEndpoints, EmulatorTenant } from "./emulator-connection.ts";
export { emulatorConnection, emulatorConnectionVariables } from "./emulator-connection.ts";
