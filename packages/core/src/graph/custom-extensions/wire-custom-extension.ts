import { z } from "zod";
import { NotFoundError } from "../../http/errors.ts";
import { paginate } from "../../http/paginate.ts";
import { ChangeLog, changeReportShape } from "../../operations/change-actions.ts";
import { defineOperation } from "../../operations/define-operation.ts";
import { InvalidInputError } from "../../operations/run-operation.ts";
import { getApplication } from "../applications/applications-client.ts";
import {
  type GraphListener,
  type ListenerKind,
  toEventListener,
} from "../event-listeners/event-listener-schema.ts";
import {
  conditionsBody,
  createEventListener,
  handlerBody,
  updateEventListener,
} from "../event-listeners/event-listeners-client.ts";
import {
  type CustomExtension,
  customExtensionSchema,
  type GraphCustomExtension,
  resourceIdSchema,
  targetUrlSchema,
  toCustomExtension,
  validationSchema,
} from "./custom-extension-schema.ts";
import {
  createCustomExtension,
  getCustomExtension,
  updateCustomExtension,
  validateAuthenticationConfiguration,
} from "./custom-extensions-client.ts";
import { extensionBody, extensionFieldsShape, hostOf } from "./extension-body.ts";

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
    displayName: z.string().trim().min(1).max(256).describe("Found by it, created under it."),
    kind: z
      .enum(Object.keys(WIRABLE) as [keyof typeof WIRABLE, ...(keyof typeof WIRABLE)[]])
      .default("onTokenIssuanceStart")
      .describe("The event."),
    targetUrl: targetUrlSchema,
    resourceId: resourceIdSchema.optional(),
    appIds: z.array(z.uuid()).min(1).max(100).describe("Client ids of the apps whose sign-ins call it."),
  })
  .refine(
    (v) => (v.resourceId === undefined) !== (v.appId === undefined),
    "give exactly one of resourceId and appId",
  );

type Spec = z.output<typeof input>;

/** The extension fields the spec sets that differ from the stored extension. */
function extensionDiff(stored: CustomExtension, spec: Spec, resourceId: string): string[] {
  const diff: string[] = [];
  if (stored.targetUrl !== spec.targetUrl) diff.push("targetUrl");
  if (stored.resourceId !== resourceId) diff.push("resourceId");
  if (spec.description !== undefined && (stored.description ?? null) !== spec.description)
    diff.push("description");
  if (spec.timeoutInMilliseconds !== undefined && stored.timeoutInMilliseconds !== spec.timeoutInMilliseconds)
    diff.push("timeoutInMilliseconds");
  if (spec.maximumRetries !== undefined && stored.maximumRetries !== spec.maximumRetries)
    diff.push("maximumRetries");
  if (
    spec.fallbackToMicrosoftProviderOnError !== undefined &&
    stored.fallbackToMicrosoftProviderOnError !== spec.fallbackToMicrosoftProviderOnError
  ) {
    diff.push("fallbackToMicrosoftProviderOnError");
  }
  if (spec.claims !== undefined && JSON.stringify(stored.claims) !== JSON.stringify(spec.claims))
    diff.push("claims");
  return diff;
}

/** `custom_extension_wire`: an extension for an API, bound to apps by a listener, validated. */
export const wireCustomExtensionOperation = defineOperation({
  name: NAME,
  area: "custom-extensions",
  title: "Wire a custom extension to apps",
  description:
    "Creates or converges (by name) a custom extension for an API, binds it to the given apps with one listener, and validates its auth setup.",
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
    const resourceId = spec.resourceId ?? `api://${hostOf(spec.targetUrl)}/${spec.appId}`;

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

    const extensions: CustomExtension[] = [];
    for await (const raw of paginate<GraphCustomExtension>(
      ctx.graph,
      "/identity/customAuthenticationExtensions",
      options,
    )) {
      extensions.push(toCustomExtension(raw));
    }
    let extension = extensions.find(
      (e) => e.kind === spec.kind && e.displayName?.toLowerCase() === spec.displayName.toLowerCase(),
    );
    const fields = { ...spec, resourceId, appId: undefined };
    if (extension === undefined) {
      extension = await createCustomExtension(
        ctx.graph,
        {
          "@odata.type": `#microsoft.graph.${spec.kind}CustomExtension`,
          ...extensionBody(fields, hostOf(spec.targetUrl)),
        },
        options,
      );
      log.note("created", "customExtension", extension.id, `${spec.kind} → ${spec.targetUrl}`);
    } else {
      const diff = extensionDiff(extension, spec, resourceId);
      if (diff.length > 0) {
        const changed = Object.fromEntries(diff.map((k) => [k, fields[k as keyof typeof fields]]));
        await updateCustomExtension(
          ctx.graph,
          extension.id,
          {
            "@odata.type": `#microsoft.graph.${spec.kind}CustomExtension`,
            ...extensionBody(changed, hostOf(spec.targetUrl)),
          },
          options,
        );
        extension = await getCustomExtension(ctx.graph, extension.id, options);
        log.note("updated", "customExtension", extension.id, diff.join(", "));
      } else {
        log.note("unchanged", "customExtension", extension.id);
      }
    }

    // The listener: the one of this event already calling the extension (a user flow's own listeners excluded).
    const listenerKind = WIRABLE[spec.kind];
    const extensionId = extension.id;
    let listener = undefined as ReturnType<typeof toEventListener> | undefined;
    for await (const raw of paginate<GraphListener>(
      ctx.graph,
      "/identity/authenticationEventListeners",
      options,
    )) {
      const l = toEventListener(raw);
      if (
        l.kind === listenerKind &&
        l.customExtensionId === extensionId &&
        l.authenticationEventsFlowId == null
      ) {
        listener = l;
        break;
      }
    }
    if (listener === undefined) {
      listener = await createEventListener(
        ctx.graph,
        {
          "@odata.type": `#microsoft.graph.${listenerKind}Listener`,
          conditions: conditionsBody(appIds),
          handler: handlerBody(listenerKind, { customExtensionId: extensionId }),
        },
        options,
      );
      log.note("created", "eventListener", listener.id, listenerKind);
      for (const appId of appIds) log.note("linked", "application", appId, `to listener ${listener.id}`);
    } else {
      const bound = listener.appIds.map((a) => a.toLowerCase());
      const add = appIds.filter((a) => !bound.includes(a));
      const remove = bound.filter((a) => !appIds.includes(a));
      if (add.length + remove.length > 0) {
        await updateEventListener(
          ctx.graph,
          listener.id,
          { "@odata.type": `#microsoft.graph.${listenerKind}Listener`, conditions: conditionsBody(appIds) },
          options,
        );
        for (const appId of add) log.note("linked", "application", appId, `to listener ${listener.id}`);
        for (const appId of remove)
          log.note("unlinked", "application", appId, `from listener ${listener.id}`);
      } else {
        log.note("unchanged", "eventListener", listener.id);
      }
    }

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
