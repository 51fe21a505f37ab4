import type { Snapshot } from "@ciamkit/emulator";
import { png } from "@ciamkit/emulator/testing";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { callTool } from "./helpers/call-tool.ts";
import { records, snapshotOverHttp } from "./helpers/control-api.ts";
import { type Backend, connectClient, startBackend, textOf } from "./helpers/harness.ts";

// Issue 6's end-to-end task: "create a sign-up flow with email+password for app X and brand it",
// driven through MCP tools only, as a model would, then checked in the emulator's stored state
// through its control API (never through the tools that made the change).

let backend: Backend;
let client: Client;
// Each task starts from the demo seed: branding is tenant-wide, so one run must not see another's.
beforeEach(async () => {
  backend = await startBackend();
  client = await connectClient(backend);
});
afterEach(async () => {
  await client.close();
  await backend.close();
});

/** Calls a tool as a model would; fails the test on an isError result. */
const call = (name: string, args: Record<string, unknown>) => callTool(client, name, args);

const EMAIL_PASSWORD = "EmailPassword-OAUTH";

/** One collection of the demo tenant in a control-API snapshot, by record key. */
function collection(state: Snapshot, name: string): Map<string, Record<string, unknown>> {
  const tenant = state.tenants.find((t) => t.info.id === backend.tenantId);
  return new Map((tenant?.collections[name] ?? []).map(([key, record]) => [key.toLowerCase(), record]));
}

/** The user flow stored for an app: the one whose conditions include it. */
function storedFlowFor(state: Snapshot, appId: string) {
  return records(state, backend.tenantId, "authenticationEventsFlows").filter((flow) =>
    JSON.stringify(flow.conditions ?? null).includes(appId),
  );
}

describe("sign-up flow with email+password for an app, branded, through tools only", () => {
  it("with the granular tools: app, flow, default branding and a banner logo", async () => {
    const app = await call("app_create", {
      displayName: "App X",
      spaRedirectUris: ["https://x.contoso.example/auth"],
    });
    const appId = app.appId as string;
    // A model checks the provider exists before naming it, and that the app has no flow yet.
    const providers = await call("identity_provider_list", {});
    expect((providers.items as { id: string }[]).map((p) => p.id)).toContain(EMAIL_PASSWORD);
    expect((await call("user_flow_find_by_app", { appId })).flow ?? null).toBeNull();

    const flow = await call("user_flow_create", {
      displayName: "App X sign-up",
      signUpAllowed: true,
      identityProviders: [EMAIL_PASSWORD],
      applications: [appId],
      attributes: ["email", "displayName"],
    });
    expect((await call("user_flow_find_by_app", { appId })).flow).toMatchObject({ id: flow.id });
    await call("branding_update", {
      backgroundColor: "#1F6FEB",
      signInPageText: "Welcome to App X",
      usernameHintText: "you@example.com",
    });
    const logo = png(200, 30);
    await call("branding_image_set", {
      stream: "bannerLogo",
      locale: "0",
      contentBase64: logo.toString("base64"),
    });

    // The end state, read from the emulator's store through its control API.
    const state = await snapshotOverHttp(backend.emulator);
    const flows = storedFlowFor(state, appId);
    expect(flows).toHaveLength(1);
    expect(flows[0]).toMatchObject({
      id: flow.id,
      displayName: "App X sign-up",
      conditions: { applications: { includeApplications: [{ appId }] } },
      onInteractiveAuthFlowStart: { isSignUpAllowed: true },
      onAuthenticationMethodLoadStart: { identityProviders: [{ id: EMAIL_PASSWORD }] },
      onAttributeCollection: { attributes: [{ id: "email" }, { id: "displayName" }] },
    });
    expect(collection(state, "brandings").get("0")).toMatchObject({
      backgroundColor: "#1F6FEB",
      signInPageText: "Welcome to App X",
      usernameHintText: "you@example.com",
      bannerLogoRelativeUrl: expect.any(String),
    });
    expect(collection(state, "_brandingStreams").get("0/bannerlogo")).toEqual({
      contentType: "image/png",
      data: logo.toString("base64"),
    });
  });

  it("with user_flow_setup and branding_apply: a bad logo changes nothing, the task converges, a rerun writes nothing", async () => {
    const app = await call("app_create", { displayName: "App X" });
    const appId = app.appId as string;
    const flowSpec = {
      displayName: "App X sign-up",
      identityProviders: [EMAIL_PASSWORD],
      customAttributes: [{ name: "Favourite store", dataType: "string" }],
      attributes: ["email", "displayName", "Favourite store"],
      applications: [appId],
    };
    const logo = png(200, 30);
    const brandingSpec = {
      default: {
        backgroundColor: "#1F6FEB",
        signInPageText: "Welcome to App X",
        files: { bannerLogo: { contentBase64: logo.toString("base64") } },
      },
      localizations: [{ locale: "fr-FR", signInPageText: "Bienvenue sur App X" }],
    };
    const seeded = await snapshotOverHttp(backend.emulator);

    // A first attempt with a logo too large for the banner is refused before anything is sent.
    const tooLarge = await client.callTool({
      name: "branding_apply",
      arguments: {
        ...brandingSpec,
        default: {
          ...brandingSpec.default,
          files: { bannerLogo: { contentBase64: png(400, 400).toString("base64") } },
        },
      },
    });
    expect(tooLarge.isError).toBe(true);
    expect(textOf(tooLarge)).toMatch(/bannerLogo/);
    const afterRefusal = await snapshotOverHttp(backend.emulator);
    for (const name of ["brandings", "_brandingStreams"]) {
      expect(collection(afterRefusal, name)).toEqual(collection(seeded, name));
    }

    const setup = await call("user_flow_setup", flowSpec);
    expect(setup.changed).toBe(true);
    const applied = await call("branding_apply", brandingSpec);
    expect(applied.changed).toBe(true);

    const state = await snapshotOverHttp(backend.emulator);
    const custom = records(state, backend.tenantId, "userFlowAttributes").find(
      (a) => a.displayName === "Favourite store",
    );
    expect(custom).toMatchObject({ dataType: "string", userFlowAttributeType: "custom" });
    const flows = storedFlowFor(state, appId);
    expect(flows).toHaveLength(1);
    expect(flows[0]).toMatchObject({
      displayName: "App X sign-up",
      onInteractiveAuthFlowStart: { isSignUpAllowed: true },
      onAuthenticationMethodLoadStart: { identityProviders: [{ id: EMAIL_PASSWORD }] },
      onAttributeCollection: {
        attributes: expect.arrayContaining([{ id: "email" }, { id: "displayName" }, { id: custom?.id }]),
      },
    });
    const brandings = collection(state, "brandings");
    expect(brandings.get("0")).toMatchObject({
      backgroundColor: "#1F6FEB",
      signInPageText: "Welcome to App X",
    });
    expect([...brandings.values()]).toContainEqual(
      expect.objectContaining({ id: "fr-FR", signInPageText: "Bienvenue sur App X" }),
    );
    expect(collection(state, "_brandingStreams").get("0/bannerlogo")).toMatchObject({
      data: logo.toString("base64"),
    });

    // Rerunning the same task is a no-op: both tools say so and the stored state is unchanged.
    expect((await call("user_flow_setup", flowSpec)).changed).toBe(false);
    expect((await call("branding_apply", brandingSpec)).changed).toBe(false);
    const rerun = await snapshotOverHttp(backend.emulator);
    for (const name of ["authenticationEventsFlows", "userFlowAttributes", "brandings", "_brandingStreams"]) {
      expect(collection(rerun, name)).toEqual(collection(state, name));
    }
  });
});
