import type { Operation } from "../../operations/define-operation.ts";
import { applyBrandingOperation } from "./apply-branding.ts";
import { createLocalizationOperation } from "./create-localization.ts";
import { deleteBrandingOperation } from "./delete-branding.ts";
import { deleteLocalizationOperation } from "./delete-localization.ts";
import { getBrandingOperation } from "./get-branding.ts";
import { getBrandingFileOperation } from "./get-branding-file.ts";
import { getLocalizationOperation } from "./get-localization.ts";
import { listLocalizationsOperation } from "./list-localizations.ts";
import { removeBrandingFileOperation } from "./remove-branding-file.ts";
import { setBrandingFileOperation } from "./set-branding-file.ts";
import { updateBrandingOperation } from "./update-branding.ts";
import { updateLocalizationOperation } from "./update-localization.ts";

/** The operations of the branding area in catalog order (the registry joins the areas' lists). */
export const brandingOperations: readonly Operation[] = [
  getBrandingOperation,
  updateBrandingOperation,
  deleteBrandingOperation,
  listLocalizationsOperation,
  getLocalizationOperation,
  createLocalizationOperation,
  updateLocalizationOperation,
  deleteLocalizationOperation,
  getBrandingFileOperation,
  setBrandingFileOperation,
  removeBrandingFileOperation,
  applyBrandingOperation,
];
