// Applies the sign-in pages' company branding: colours, texts, a banner logo (a PNG file beside this
// script) and a French localization. Files are checked (format, size, pixels) before anything is sent,
// and only what differs is sent: a second run changes nothing. Run: node apply-branding.ts
import { fileURLToPath } from "node:url";
import { applyBrandingOperation, createCiamClient, fromEnvironment } from "@ciamkit/core";

const { credential, cloud, tenantId } = fromEnvironment();
const client = createCiamClient({ credential, cloud, tenantId });

const bannerLogo = fileURLToPath(new URL("branding/banner-logo.png", import.meta.url));
try {
  const { changed, actions } = await client.run(applyBrandingOperation, {
    default: {
      backgroundColor: "#0A2540",
      signInPageText: "Welcome to the shop",
      usernameHintText: "you@example.com",
      files: { bannerLogo: { file: bannerLogo } },
    },
    localizations: [{ locale: "fr-FR", signInPageText: "Bienvenue dans la boutique" }],
  });
  for (const action of actions)
    console.log(`${action.action} ${action.resource} ${action.id} ${action.detail ?? ""}`);
  console.log(changed ? "Branding applied." : "Branding already up to date.");
} finally {
  await client.close();
}
