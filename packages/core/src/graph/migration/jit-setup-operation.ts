import { z } from "zod";
import { InputError } from "../../input-error.ts";
import { ChangeLog, changeReportShape } from "../../operations/change-actions.ts";
import { defineOperation } from "../../operations/define-operation.ts";
import { hostPath } from "../../operations/host-paths.ts";
import { fixAuthSetup } from "../custom-extensions/custom-extension-fixes.ts";
import { appIdSchema, displayNameSchema } from "../fields.ts";
import { resolveAppIds } from "../security/resolve-app-ids.ts";
import { createAttribute } from "../user-flow-attributes/user-flow-attributes-client.ts";
import { findFlagAttribute, flagAttributeSchema } from "./flag-attribute.ts";
import {
  currentEncryptionKey,
  ensureExtensionApp,
  findExtensionApp,
  setEncryptionKey,
} from "./jit-extension-app.ts";
import { ensurePasswordSubmitHandler } from "./jit-handler-binding.ts";
import { type EncryptionCertificate, newEncryptionKey, parseEncryptionCertificate } from "./jit-keys.ts";
import { writePrivateKeyOnce } from "./private-key-file.ts";

const NAME = "migration_jit_setup";
const LOOPBACK = /^(localhost|127\.0\.0\.1|\[::1\])$/i;

/** Whether an endpoint is https, or http on this machine (`false` for what is no URL: the url check says so). */
function isSecureEndpoint(url: string): boolean {
  try {
    return url.startsWith("https:") || LOOPBACK.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** An https URL, or http on this machine (a handler under development, `ciam migrate jit serve`). */
const endpointSchema = z
  .url({ protocol: /^https?$/ })
  .refine(isSecureEndpoint, "https, or http on localhost only");

/** `migration_jit_setup`: everything Entra needs to migrate passwords at first sign-in, converged. */
export const jitSetupOperation = defineOperation({
  name: NAME,
  area: "migration",
  title: "Set up just-in-time password migration",
  description:
    "Creates or converges JIT password migration: endpoint app (URI, grant, Encrypt certificate), onPasswordSubmit extension and listener, flag attribute.",
  access: "write",
  idempotent: true,
  permissions: [
    "Application.ReadWrite.All",
    "AppRoleAssignment.ReadWrite.All",
    "CustomAuthenticationExtension.ReadWrite.All",
    "EventListener.ReadWrite.All",
    "IdentityUserFlow.ReadWrite.All",
  ],
  input: z
    .object({
      endpoint: endpointSchema,
      apps: z.array(appIdSchema).min(1).max(50).optional().describe("Client ids."),
      allApps: z.boolean().default(false),
      attribute: flagAttributeSchema,
      appName: displayNameSchema.default("JIT password migration"),
      certificate: z.string().min(100).max(16384).optional().describe("X.509 certificate, PEM or base64."),
      privateKeyOut: hostPath("write", "Generate a key; write its private key here once (0600).").optional(),
      printPrivateKey: z.boolean().optional().describe("Generate a key; print its private key once."),
      rotateKey: z.boolean().default(false),
    })
    .refine((v) => (v.apps !== undefined) !== v.allApps, "give apps or allApps, not both")
    .refine(
      (v) =>
        [v.certificate, v.privateKeyOut, v.printPrivateKey || undefined].filter((x) => x !== undefined)
          .length <= 1,
      "give at most one of certificate, privateKeyOut, printPrivateKey",
    ),
  inputSurfaces: { printPrivateKey: "cli", appName: "cli" },
  secretOutputFields: ["privateKey"],
  output: z.object({
    extensionAppId: z.string(),
    customExtensionId: z.string(),
    listenerId: z.string(),
    migrationPropertyId: z.string(),
    encryptionKeyId: z.string(),
    privateKey: z.string().optional(),
    ...changeReportShape,
  }),
  run: async (ctx, input) => {
    const signal = ctx.signal;
    const host = new URL(input.endpoint).host;
    // Bad input is refused before the first request.
    const given = input.certificate === undefined ? undefined : parseEncryptionCertificate(input.certificate);
    const [found, flag] = await Promise.all([
      findExtensionApp(ctx.graph, input.appName, signal),
      findFlagAttribute(ctx.graph, input.attribute, signal),
    ]);
    if (flag !== undefined && flag.dataType !== "boolean")
      throw new InputError(
        `attribute: ${input.attribute} exists as ${flag.dataType}; the flag must be boolean.`,
      );
    const current = currentEncryptionKey(found);
    const generate = input.privateKeyOut !== undefined || input.printPrivateKey === true;
    let certificate: EncryptionCertificate | undefined;
    let privateKey: string | undefined;
    if (given !== undefined) {
      if (given.thumbprint !== current?.thumbprint) certificate = given;
    } else if (current === undefined || input.rotateKey) {
      if (!generate)
        throw new InputError(
          current === undefined
            ? "certificate: the app has no encryption key yet; give certificate (your public key), or privateKeyOut to generate one."
            : "rotateKey: give certificate, or privateKeyOut to generate the new key.",
        );
      const made = newEncryptionKey(input.appName.slice(0, 64));
      certificate = made.certificate;
      privateKey = made.privateKeyPem;
      // Written before any change, so that a key Entra would encrypt to is never lost.
      if (input.privateKeyOut !== undefined) writePrivateKeyOnce(input.privateKeyOut, privateKey);
    }
    const appIds = input.allApps ? undefined : await resolveAppIds(ctx.graph, input.apps ?? [], { signal });

    const log = new ChangeLog();
    const app = await ensureExtensionApp(ctx.graph, found, { displayName: input.appName, host }, log, signal);
    // Its service principal and the Receive.Payload grant, as custom_extension_wire fixes them.
    await fixAuthSetup(ctx.graph, app.appId, log, { signal });
    let encryptionKeyId = current?.keyId;
    if (certificate !== undefined)
      encryptionKeyId = await setEncryptionKey(ctx.graph, app, certificate, log, signal);
    else log.note("unchanged", "encryptionKey", current?.keyId ?? "");

    let property = flag?.id;
    if (property === undefined) {
      const created = await createAttribute(
        ctx.graph,
        {
          displayName: input.attribute,
          dataType: "boolean",
          description: "Password still to be migrated (JIT).",
        },
        { signal },
      );
      property = created.id;
      log.note("created", "userFlowAttribute", property, `boolean ${input.attribute}`);
    } else log.note("unchanged", "userFlowAttribute", property);

    const bound = await ensurePasswordSubmitHandler(
      ctx.graph,
      {
        displayName: input.appName,
        targetUrl: input.endpoint,
        resourceId: `api://${host}/${app.appId}`,
        appIds,
        excludeAppIds: [app.appId],
        migrationPropertyId: property,
      },
      log,
      signal,
    );
    return {
      extensionAppId: app.appId,
      customExtensionId: bound.customExtensionId,
      listenerId: bound.listenerId,
      migrationPropertyId: property,
      encryptionKeyId: encryptionKeyId ?? "",
      ...(input.printPrivateKey === true && privateKey !== undefined ? { privateKey } : {}),
      changed: log.changed,
      actions: log.actions,
    };
  },
});
