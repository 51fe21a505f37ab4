import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CredentialConfigurationError,
  cloudFromProfile,
  configDir,
  credentialFromProfile,
  type Profile,
  ProfileError,
  ProfileStore,
  profileTokenCachePath,
} from "../src/index.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ciam-profiles-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const profile = (name: string, extra: Partial<Profile> = {}): Profile => ({
  name,
  tenantId: "contoso.onmicrosoft.com",
  clientId: "11111111-1111-1111-1111-111111111111",
  cloud: { kind: "global" },
  credential: { kind: "secret" },
  ...extra,
});

describe("configDir", () => {
  it.each([
    [{ CIAM_CONFIG_DIR: "/x/ciam", XDG_CONFIG_HOME: "/y" }, "/x/ciam"],
    [{ XDG_CONFIG_HOME: "/y" }, "/y/ciamkit"],
  ])("follows CIAM_CONFIG_DIR, then XDG_CONFIG_HOME (%j)", (env, expected) => {
    expect(configDir(env)).toBe(expected);
  });

  it("falls back to ~/.config/ciamkit", () => {
    expect(configDir({})).toMatch(/\.config\/ciamkit$/);
  });
});

describe("ProfileStore", () => {
  it("writes an owner-only directory and file, also over looser modes", () => {
    const home = join(dir, "config");
    mkdirSync(home, { mode: 0o755 });
    const store = new ProfileStore(home);
    store.save(profile("dev"));
    expect(statSync(home).mode & 0o777).toBe(0o700);
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
  });

  it("makes the first profile current, and another only when asked", () => {
    const store = new ProfileStore(dir);
    store.save(profile("dev"));
    store.save(profile("prod"));
    expect(store.currentName()).toBe("dev");
    store.save(profile("ci"), { makeCurrent: true });
    expect(store.get()?.name).toBe("ci");
    expect(store.list().map((p) => p.name)).toEqual(["dev", "prod", "ci"]);
  });

  it("switches and removes profiles; removing the current one leaves none current", () => {
    const store = new ProfileStore(dir);
    store.save(profile("dev"));
    store.save(profile("prod"));
    store.use("prod");
    expect(store.currentName()).toBe("prod");
    store.remove("prod");
    expect(store.currentName()).toBeUndefined();
    expect(store.list().map((p) => p.name)).toEqual(["dev"]);
  });

  it.each([
    { name: "removing the profile", change: (store: ProfileStore) => store.remove("admin"), kept: false },
    {
      name: "replacing it with another tenant",
      change: (store: ProfileStore) =>
        store.save(
          profile("admin", { tenantId: "fabrikam.onmicrosoft.com", credential: { kind: "device-code" } }),
        ),
      kept: false,
    },
    {
      name: "replacing it with another app",
      change: (store: ProfileStore) =>
        store.save(
          profile("admin", {
            clientId: "33333333-3333-3333-3333-333333333333",
            credential: { kind: "device-code" },
          }),
        ),
      kept: false,
    },
    {
      name: "saving the same sign-in again",
      change: (store: ProfileStore) => store.save(profile("admin", { credential: { kind: "device-code" } })),
      kept: true,
    },
  ])("$name: the profile's token cache is kept: $kept (other profiles' always)", ({ change, kept }) => {
    const store = new ProfileStore(dir);
    store.save(profile("admin", { credential: { kind: "device-code" } }));
    store.save(profile("other", { credential: { kind: "device-code" } }));
    for (const name of ["admin", "other"]) {
      const cache = profileTokenCachePath(name, dir);
      mkdirSync(join(dir, "token-cache"), { recursive: true });
      writeFileSync(cache, "{}");
    }
    change(store);
    expect(existsSync(profileTokenCachePath("admin", dir))).toBe(kept);
    expect(existsSync(profileTokenCachePath("other", dir))).toBe(true);
  });

  it("names what to do for an unknown profile", () => {
    const store = new ProfileStore(dir);
    expect(() => store.use("nope")).toThrow(ProfileError);
    expect(() => store.get("nope")).toThrow(/ciam login --profile nope/);
  });

  it("rejects an invalid profile and leaves the file as it was", () => {
    const store = new ProfileStore(dir);
    store.save(profile("dev"));
    const before = readFileSync(store.path, "utf8");
    expect(() => store.save(profile("bad name!"))).toThrow();
    expect(() =>
      store.save(
        profile("x", {
          cloud: {
            kind: "custom",
            authorityHost: "http://127.0.0.1",
            graphEndpoint: "https://g",
            armEndpoint: "https://a",
          },
        }),
      ),
    ).toThrow(/https/);
    expect(readFileSync(store.path, "utf8")).toBe(before);
  });

  it("reports a damaged file instead of overwriting it", () => {
    writeFileSync(join(dir, "profiles.json"), "{not json");
    expect(() => new ProfileStore(dir).list()).toThrow(/is not valid JSON/);
  });
});

describe("credentialFromProfile", () => {
  it("takes AZURE_CLIENT_SECRET when the profile stores no secret, and says what to do without it", () => {
    expect(() => credentialFromProfile(profile("dev"), { env: {} })).toThrow(CredentialConfigurationError);
    expect(() => credentialFromProfile(profile("dev"), { env: {} })).toThrow(
      /AZURE_CLIENT_SECRET.*--save-secret/,
    );
    expect(credentialFromProfile(profile("dev"), { env: { AZURE_CLIENT_SECRET: "s" } })).toHaveProperty(
      "getToken",
    );
  });

  it("reads a custom cloud's CA file, and fails clearly when it is missing", () => {
    const ca = join(dir, "ca.pem");
    writeFileSync(ca, "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n");
    const custom = {
      kind: "custom" as const,
      authorityHost: "https://127.0.0.1:1",
      graphEndpoint: "https://127.0.0.1:2",
      armEndpoint: "https://127.0.0.1:3",
    };
    expect(cloudFromProfile({ ...custom, caPath: ca }).ca).toContain("BEGIN CERTIFICATE");
    expect(cloudFromProfile({ ...custom, caPath: ca }).knownAuthorities).toEqual(["127.0.0.1:1"]);
    expect(() => cloudFromProfile({ ...custom, caPath: join(dir, "none.pem") })).toThrow(
      /Cannot read the CA file/,
    );
  });
});
