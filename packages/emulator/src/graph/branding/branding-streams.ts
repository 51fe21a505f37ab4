import type { ImageInfo } from "./image-info.ts";

/** A stream property of `organizationalBrandingProperties` (Edm.Stream in the CSDL). */
export type BrandingStream =
  | "backgroundImage"
  | "bannerLogo"
  | "customCSS"
  | "favicon"
  | "headerLogo"
  | "squareLogo"
  | "squareLogoDark";

/** What Graph accepts for one stream (api-surface 4.2). */
export interface StreamRule {
  /** `css` for customCSS; else the image formats allowed. */
  formats: readonly (ImageInfo["format"] | "css")[];
  maxBytes?: number;
  maxWidth?: number;
  maxHeight?: number;
  /** The file name segment in `*RelativeUrl` (`…/logintenantbranding/0/bannerlogo?ts=…`, api-surface App. B). */
  urlName: string;
}

const KB = 1024;

/**
 * Limits per stream from the branding property table: headerLogo and bannerLogo at most 245×36,
 * square logos at most 240×240 and 10 KB, the background at most 1920×1080 and 300 KB (the docs'
 * "not smaller than 300 KB" read as a maximum, as api-surface 4.2 explains), custom CSS at most 25 KB.
 * The favicon has no stated limit; it may also be an ICO file.
 */
export const STREAM_RULES: Readonly<Record<BrandingStream, StreamRule>> = {
  backgroundImage: {
    formats: ["png", "jpeg"],
    maxBytes: 300 * KB,
    maxWidth: 1920,
    maxHeight: 1080,
    urlName: "illustration",
  },
  bannerLogo: { formats: ["png", "jpeg"], maxWidth: 245, maxHeight: 36, urlName: "bannerlogo" },
  headerLogo: { formats: ["png", "jpeg"], maxWidth: 245, maxHeight: 36, urlName: "headerlogo" },
  squareLogo: {
    formats: ["png", "jpeg"],
    maxBytes: 10 * KB,
    maxWidth: 240,
    maxHeight: 240,
    urlName: "tilelogo",
  },
  squareLogoDark: {
    formats: ["png", "jpeg"],
    maxBytes: 10 * KB,
    maxWidth: 240,
    maxHeight: 240,
    urlName: "tilelogodark",
  },
  favicon: { formats: ["png", "jpeg", "ico"], urlName: "favicon" },
  customCSS: { formats: ["css"], maxBytes: 25 * KB, urlName: "customcss" },
};

/** The stream property a path segment names (case-insensitively), if any. */
export function streamNamed(segment: string): BrandingStream | undefined {
  const lower = segment.toLowerCase();
  return (Object.keys(STREAM_RULES) as BrandingStream[]).find((s) => s.toLowerCase() === lower);
}

/** Hosts Graph lists in `cdnList` for a tenant with uploaded branding files (api-surface 4.2). */
export const BRANDING_CDNS = [
  "secure.aadcdn.microsoftonline-p.com",
  "aadcdn.msftauthimages.net",
  "aadcdn.msauthimages.net",
];
