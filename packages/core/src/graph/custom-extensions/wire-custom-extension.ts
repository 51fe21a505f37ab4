import { z } from "zod";
import { NotFoundError } from "../../http/errors.ts";
import { ChangeLog, changeReportShape } from "../../operations/change-actions.ts";
import { defineOperation } from "../../operations/define-operation.ts";
import { InvalidInputError } from "../../operations/run-operation.ts";
import { getApplication } from "../applications/applications-client.ts";
import { eventListenerMapping } from "../event-listeners/event-listener-mapping.ts";
import type { ListenerKind } from "../event-listeners/event-listener-schema.ts";
import {
  createEventListener,
  findEventListener,
  updateEventListener,
} from "../event-listeners/event-listeners-client.ts";
import { appIdSchema, displayNameSchema } from "../fields.ts";
import { fixAuthSetup } from "./custom-extension-fixes.ts";
import { customExtensionChanges, customExtensionMapping, resourceIdOf } from "./custom-extension-mapping.ts";
import {
  customExtensionSchema,
  extensionFieldsShape,
  resourceIdSchema,
  targetUrlSchema,
  validationSchema,
} from "./custom-extension-schema.ts";
import {
  createCustomExtension,
  getCustomExtension,
  listAllCustomExtensions,
  updateCustomExtension,
  validateAuthenticationConfiguration,
} from "./custom-extensions-client.ts";

const NAME = "custom_extension_wire";

/** The extension kinds a listener can bind, with the listener kind of each (the OTP one is named for email). */
const WIRABLE = {
  onTokenIssuanceStart: "onTokenIssuanceStart",
  onAttributeCollectionStart: "onAttributeCollectionStart",
  onAttributeCollectionSubmit: "onAttributeCollectionSubmit",
  onOtpSend: "onEmailOtpSend",
  onVerifiedIdClaimValidation: "onVerifiedIdClaimValidation",
} as const satisfies Record<string, ListenerKind>;

const input = z
  .object({
    ...extensionFieldsShape,
    displayName: displayNameSchema.describe("Found by it, created under it."),
    kind: z
      .enum(Object.keys(WIRABLE) as [keyof typeof WIRABLE, ...(keyof typeof WIRABLE)[]])
      .default("onTokenIssuanceStart")
      .describe("The event."),
    targetUrl: targetUrlSchema,
    resourceId: resourceIdSchema.optional(),
    appIds: z.array(appIdSchema).min(1).max(100).describe("Client ids of the apps whose sign-ins call it."),
    fix: z
      .boolean()
      .optional()
      .describe(
        "Create the protecting app's service principal and grant Receive.Payload if missing (needs Application and AppRoleAssignment ReadWrite.All).",
      ),
  })
  .refine(
    (v) => (v.resourceId === undefined) !== (v.appId === undefined),
    "give exactly one of resourceId and appId",
  );

/** `custom_extension_wire`: an extension for an API, bound to apps by a listener, validated. */
export const wireCustomExtensionOperation = defineOperation({
  name: NAME,
  area: "custom-extensions",
  title: "Wire a custom extension to apps",
  description:
    "Creates or converges (by name) a custom extension, binds it to apps with one listener, and validates it.",
  access: "write",
  idempotent: true,
  permissions: [
    "CustomAuthenticationExtension.ReadWrite.All",
    "EventListener.ReadWrite.All",
    "Application.Read.All",
  ],
  input,
  output: z.object({
    extension: customExtensionSchema,
    listenerId: z.string(),
    validation: validationSchema,
    ...changeReportShape,
  }),
  run: async (ctx, spec) => {
    const options = { signal: ctx.signal };
    const log = new ChangeLog();
    const appIds = [...new Set(spec.appIds.map((a) => a.toLowerCase()))];
    // The spec's extension fields: the create body, or what a stored extension is compared with.
    const { appIds: _appIds, appId: _appId, fix, kind, ...fields } = spec;
    const resourceId = resourceIdOf(spec, spec.targetUrl) as string;

    // The apps must exist before anything is created for them.
    const missing: string[] = [];
    for (const appId of appIds) {
      try {
        await getApplication(ctx.graph, { appId }, options);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        missing.push(`appIds: no application has the client id ${appId}`);
      }
    }
    if (missing.length > 0) throw new InvalidInputError(NAME, missing);

    const key = customExtensionMapping.naturalKey(spec);
    let extension = (await listAllCustomExtensions(ctx.graph, options)).find(
      (e) => customExtensionMapping.naturalKey(e) === key,
    );
    if (extension === undefined) {
      const body = customExtensionMapping.toGraphCreate({ ...fields, kind, resourceId });
      extension = await createCustomExtension(ctx.graph, body, options);
      log.note("created", "customExtension", extension.id, `${spec.kind} → ${spec.targetUrl}`);
    } else {
      const changes = customExtensionChanges(extension, { ...fields, resourceId });
      if (Object.keys(changes).length > 0) {
        const body = customExtensionMapping.toGraphPatch({ ...changes, kind });
        await updateCustomExtension(ctx.graph, extension.id, body, options);
        extension = await getCustomExtension(ctx.graph, extension.id, options);
        log.note("updated", "customExtension", extension.id, Object.keys(changes).join(", "));
      } else {
        log.note("unchanged", "customExtension", extension.id);
      }
    }

    // The listener: the one of this event already calling the extension (a user flow's own listeners excluded).
    const listenerKind = WIRABLE[spec.kind];
    const extensionId = extension.id;
    let listener = await findEventListener(
      ctx.graph,
      (l) =>
        l.kind === listenerKind &&
        l.customExtensionId === extensionId &&
        l.authenticationEventsFlowId == null,
      options,
    );
    if (listener === undefined) {
      const body = eventListenerMapping.toGraphCreate({
        kind: listenerKind,
        appIds,
        customExtensionId: extensionId,
      });
      listener = await createEventListener(ctx.graph, body, options);
      log.note("created", "eventListener", listener.id, listenerKind);
      for (const appId of appIds) log.note("linked", "application", appId, `to listener ${listener.id}`);
    } else {
      const bound = listener.appIds.map((a) => a.toLowerCase());
      const add = appIds.filter((a) => !bound.includes(a));
      const remove = bound.filter((a) => !appIds.includes(a));
      if (add.length + remove.length > 0) {
        const body = eventListenerMapping.toGraphPatch({ kind: listenerKind, appIds });
        await updateEventListener(ctx.graph, listener.id, body, options);
        for (const appId of add) log.note("linked", "application", appId, `to listener ${listener.id}`);
        for (const appId of remove)
          log.note("unlinked", "application", appId, `from listener ${listener.id}`);
      } else {
        log.note("unchanged", "eventListener", listener.id);
      }
    }

    const protectingApp = /([0-9a-f]{8}-[0-9a-f-]{27})$/i.exec(resourceId)?.[1];
    if (fix === true && protectingApp !== undefined)
      await fixAuthSetup(ctx.graph, protectingApp, log, options);
    const validation = await validateAuthenticationConfiguration(ctx.graph, { id: extensionId }, options);
    const findings = [...validation.errors, ...validation.warnings].map((f) => f.code).join(", ");
    log.note(
      "validated",
      "customExtension",
      extensionId,
      validation.valid ? `valid${findings === "" ? "" : ` (warnings: ${findings})`}` : `invalid: ${findings}`,
    );
    return { extension, listenerId: listener.id, validation, changed: log.changed, actions: log.actions };
  },
});
