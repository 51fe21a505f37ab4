import { describe, expect, it } from "vitest";
import {
  type BrandingProperties,
  brandingChanges,
  brandingMapping,
} from "../src/graph/branding/branding-mapping.ts";

/** The writable properties of a localization: texts, colours, layout and text overrides. */
const writable = {
  backgroundColor: "#0A2540",
  signInPageText: "Bienvenue",
  usernameHintText: null,
  customPrivacyAndCookiesUrl: "https://contoso.example/privacy",
  loginPageLayoutConfiguration: {
    layoutTemplateType: "verticalSplit",
    isHeaderShown: true,
    isFooterShown: null,
  },
  contentCustomization: { attributeCollection: [{ key: "heading", value: "Vos informations" }] },
};
/** What Graph computes: the CDN and the uploaded files' URLs. */
const readOnly = {
  cdnList: ["aadcdn.msftauthimages.net"],
  bannerLogoRelativeUrl: "c1c6b6c8/fr-FR/bannerlogo?ts=1",
};

/** A localization as Graph returns it (api-surface 4), with its annotations. */
const graphLocalization = {
  "@odata.context":
    "https://graph.microsoft.com/v1.0/$metadata#organization('…')/branding/localizations/$entity",
  id: "fr-FR",
  ...writable,
  ...readOnly,
  "bannerLogo@odata.mediaContentType": "image/png",
};

describe("the branding mapping", () => {
  it("reads a branding without annotations, keeping nulls and the read-only file URLs", () => {
    expect(brandingMapping.fromGraph(graphLocalization)).toEqual({ id: "fr-FR", ...writable, ...readOnly });
  });

  it("writes a localization it read back as a create body of only the writable properties", () => {
    const read = brandingMapping.fromGraph(graphLocalization);
    const body = brandingMapping.toGraphCreate({ ...(read as BrandingProperties), locale: read.id });
    expect(body).toEqual({ id: "fr-FR", ...writable });
    expect(brandingMapping.toGraphPatch({ signInPageText: null, backgroundColor: undefined })).toEqual({
      signInPageText: null,
    });
  });

  it("lists only the given properties that differ: objects field by field, lists whole", () => {
    const stored = brandingMapping.fromGraph(graphLocalization);
    expect(
      brandingChanges(stored, {
        backgroundColor: "#0A2540",
        usernameHintText: null,
        loginPageLayoutConfiguration: { layoutTemplateType: "verticalSplit" },
      }),
    ).toEqual({});
    const wanted: BrandingProperties = {
      signInPageText: "Bonjour",
      loginPageLayoutConfiguration: { isHeaderShown: false },
      contentCustomization: { attributeCollection: [] },
    };
    expect(brandingChanges(stored, wanted)).toEqual(wanted);
    expect(brandingChanges(undefined, { backgroundColor: "#fff" })).toEqual({ backgroundColor: "#fff" });
  });

  it("keys the default branding by 0 and a localization by its culture in any casing", () => {
    expect(brandingMapping.naturalKey({ id: "fr-FR" })).toBe(brandingMapping.naturalKey({ id: "FR-fr" }));
    expect(brandingMapping.naturalKey({ id: "0" })).toBe("0");
  });
});
