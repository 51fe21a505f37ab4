// The public names of the branding area (company branding: texts, localizations and files); core's
// src/index.ts re-exports them all. The area's operations, in catalog order, are listed in ./operations.ts.
export { applyBrandingOperation } from "./apply-branding.ts";
export type { BrandingFileInfo } from "./branding-file.ts";
export { BRANDING_FILE_RULES, checkBrandingFile } from "./branding-file.ts";
export type { Branding, BrandingStream } from "./branding-schema.ts";
export { BRANDING_STREAMS } from "./branding-schema.ts";
export { createLocalizationOperation } from "./create-localization.ts";
export { deleteBrandingOperation } from "./delete-branding.ts";
export { deleteLocalizationOperation } from "./delete-localization.ts";
export { getBrandingOperation } from "./get-branding.ts";
export { getBrandingFileOperation } from "./get-branding-file.ts";
export { getLocalizationOperation } from "./get-localization.ts";
export { listLocalizationsOperation } from "./list-localizations.ts";
export { removeBrandingFileOperation } from "./remove-branding-file.ts";
export { setBrandingFileOperation } from "./set-branding-file.ts";
export { updateBrandingOperation } from "./update-branding.ts";
export { updateLocalizationOperation } from "./update-localization.ts";
