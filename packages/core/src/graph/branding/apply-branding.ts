import { z } from "zod";
import { ChangeLog, changeReportShape } from "../../operations/change-actions.ts";
import { defineOperation } from "../../operations/define-operation.ts";
import { InvalidInputError } from "../../operations/run-operation.ts";
import {
  type BrandingSpec,
  brandingSpecShape,
  type LoadedFile,
  loadFiles,
  sameBytes,
} from "./branding-apply-plan.ts";
import {
  createLocalization,
  findBranding,
  getBrandingFile,
  listLocalizations,
  organizationId,
  setBrandingFile,
  updateBranding,
  updateLocalization,
} from "./branding-client.ts";
import { brandingChanges, brandingMapping } from "./branding-mapping.ts";
import { BRANDING_WRITE } from "./branding-ops-common.ts";
import { type Branding, localeSchema } from "./branding-schema.ts";

const NAME = "branding_apply";

const input = z
  .object({
    default: z.object(brandingSpecShape).optional().describe("What every language shows unless overridden."),
    localizations: z
      .array(z.object({ locale: localeSchema, ...brandingSpecShape }))
      .max(50)
      .optional()
      .describe("Per language (fr-FR, …), created when missing."),
  })
  .refine(
    (v) => v.default !== undefined || (v.localizations?.length ?? 0) > 0,
    "give default or localizations",
  )
  .refine(
    (v) =>
      new Set(v.localizations?.map((l) => l.locale.toLowerCase())).size === (v.localizations?.length ?? 0),
    "each locale once",
  );

/** `branding_apply`: the default branding and any languages, texts and files, in one idempotent call. */
export const applyBrandingOperation = defineOperation({
  name: NAME,
  area: "branding",
  title: "Apply company branding from a spec",
  description:
    "Applies texts, colours, layout and files to the default branding and languages; files checked first, only differences sent.",
  access: "write",
  idempotent: true,
  permissions: BRANDING_WRITE,
  input,
  output: z.object(changeReportShape),
  run: async (ctx, spec) => {
    const options = { signal: ctx.signal };
    const targets = [
      ...(spec.default === undefined
        ? []
        : [{ locale: "0", where: "default", spec: spec.default as BrandingSpec }]),
      ...(spec.localizations ?? []).map((l, i) => ({
        locale: l.locale,
        where: `localizations.${i}`,
        spec: l as BrandingSpec,
      })),
    ];
    // Every file of every branding is read and checked before the first request.
    const loaded: LoadedFile[][] = [];
    const problems: string[] = [];
    for (const target of targets) {
      const result = await loadFiles(NAME, target.where, target.spec.files);
      loaded.push(result.files);
      problems.push(...result.problems);
    }
    if (problems.length > 0) throw new InvalidInputError(NAME, problems);

    const org = await organizationId(ctx.graph, ctx.tenantId, options);
    const log = new ChangeLog();
    const defaultBranding = await findBranding(ctx.graph, org, options);
    const localized =
      spec.localizations === undefined ? [] : await listLocalizations(ctx.graph, org, options);

    for (const [i, target] of targets.entries()) {
      const files = loaded[i] ?? [];
      let stored: Branding | undefined;
      if (target.locale === "0") {
        stored = defaultBranding;
        const changes = brandingChanges(stored, target.spec);
        // A PATCH on a missing default creates it; files need it to exist first.
        if (Object.keys(changes).length > 0 || (stored === undefined && files.length > 0)) {
          await updateBranding(ctx.graph, org, brandingMapping.toGraphPatch(changes), options);
          log.note(
            stored === undefined ? "created" : "updated",
            "branding",
            "0",
            Object.keys(changes).join(", "),
          );
          stored = { id: "0", ...stored, ...changes } as Branding;
        }
      } else {
        stored = localized.find((l) => l.id.toLowerCase() === target.locale.toLowerCase());
        const changes = brandingChanges(stored, target.spec);
        if (stored === undefined) {
          // Creating a localization also creates the default branding when it is missing (api-surface 4.4).
          const body = brandingMapping.toGraphCreate({ ...changes, locale: target.locale });
          stored = await createLocalization(ctx.graph, org, body, options);
          log.note("created", "brandingLocalization", target.locale, Object.keys(changes).join(", "));
        } else if (Object.keys(changes).length > 0) {
          await updateLocalization(ctx.graph, org, stored.id, brandingMapping.toGraphPatch(changes), options);
          log.note("updated", "brandingLocalization", stored.id, Object.keys(changes).join(", "));
        }
      }
      for (const file of files) {
        // A stream that was never uploaded has no relative URL: no need to download it to compare.
        const hasFile = stored?.[`${file.stream}RelativeUrl`] != null;
        const current = hasFile
          ? await getBrandingFile(ctx.graph, org, target.locale, file.stream, options)
          : undefined;
        if (current !== undefined && sameBytes(current.bytes, file.bytes)) {
          log.note("unchanged", "brandingFile", `${target.locale}/${file.stream}`);
          continue;
        }
        await setBrandingFile(
          ctx.graph,
          org,
          target.locale,
          file.stream,
          file.bytes,
          file.info.contentType,
          options,
        );
        const size = file.info.width === undefined ? "" : `, ${file.info.width}×${file.info.height} px`;
        log.note(
          "uploaded",
          "brandingFile",
          `${target.locale}/${file.stream}`,
          `${file.info.contentType}, ${file.info.sizeBytes} bytes${size}`,
        );
      }
      const id = target.locale;
      if (!log.actions.some((a) => a.id === id || a.id.startsWith(`${id}/`))) {
        log.note("unchanged", target.locale === "0" ? "branding" : "brandingLocalization", id);
      }
    }
    return { changed: log.changed, actions: log.actions };
  },
});
