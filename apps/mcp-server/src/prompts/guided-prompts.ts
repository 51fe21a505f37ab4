import { z } from "zod";
import type { McpServer } from "../mcp-sdk.ts";
import { TENANT_OVERVIEW_URI } from "../resources/tenant-overview.ts";

/** A guided task: its name, what it is for, its arguments, and the instructions it gives the model. */
interface GuidedPrompt {
  name: string;
  title: string;
  description: string;
  args: z.ZodRawShape;
  text: (args: Record<string, string | undefined>) => string;
}

const PROMPTS: readonly GuidedPrompt[] = [
  {
    name: "setup_sign_up",
    title: "Set up sign-up for an app",
    description:
      "Create a sign-up and sign-in user flow with email and password and link an application to it.",
    args: {
      app: z.string().describe("The application's display name or appId."),
      attributes: z
        .string()
        .optional()
        .describe("Extra attributes to collect, comma-separated (e.g. city,country)."),
    },
    text: (a) =>
      `Set up customer sign-up for the application "${a.app}" in this Microsoft Entra External ID tenant.
1. Find the application with the applications tools (create it only if the user agrees).
2. Look for an existing sign-up/sign-in user flow that already covers it, to avoid a duplicate.
3. Create a user flow that offers email with password${a.attributes === undefined ? "" : ` and collects ${a.attributes}`}, then link the application to it.
4. Read the flow back and summarise what a customer will see. Ask before deleting or replacing anything.
The tenant overview resource (${TENANT_OVERVIEW_URI}) shows the current flows and apps.`,
  },
  {
    name: "brand_sign_in",
    title: "Brand the sign-in page",
    description: "Set the company branding (colours, texts, images) of the tenant's sign-in pages.",
    args: {
      brandColor: z.string().optional().describe("Background colour as #RRGGBB."),
      signInText: z.string().optional().describe("Text shown on the sign-in page."),
      locale: z.string().optional().describe("A language to brand in addition to the default, e.g. fr-FR."),
    },
    text: (a) =>
      `Brand this tenant's sign-in pages.
1. Read the current branding (see ${TENANT_OVERVIEW_URI}) and show the user what is set now.
2. Update the default branding${a.brandColor === undefined ? "" : `: background colour ${a.brandColor}`}${a.signInText === undefined ? "" : `, sign-in text "${a.signInText}"`}.${a.locale === undefined ? "" : `\n3. Add or update the ${a.locale} localization with the same settings, translated.`}
Confirm each change with the user before making it; never remove existing images without asking.`,
  },
  {
    name: "review_admin_changes",
    title: "Review recent admin changes",
    description: "Summarise what administrators and apps changed in the tenant recently, from the audit log.",
    args: {
      days: z.string().optional().describe("How many days back to look (default 7)."),
    },
    text: (a) =>
      `Review the admin changes of the last ${a.days ?? "7"} days in this tenant.
1. Read the directory audit log for that period with the audit-logs tools, page by page.
2. Group the changes by who made them (user or app) and by kind (apps, users, groups, policies, permissions).
3. Point out anything risky: new credentials on apps, granted permissions, deleted objects, changes outside working hours.
Quote the audit entries' ids so the user can look them up.`,
  },
  {
    name: "investigate_failed_sign_ins",
    title: "Investigate failed sign-ins",
    description: "Find failed sign-ins, their error codes and what they have in common.",
    args: {
      user: z.string().optional().describe("A user's sign-in name or id to focus on."),
      hours: z.string().optional().describe("How many hours back to look (default 24)."),
    },
    text: (a) =>
      `Investigate failed sign-ins of the last ${a.hours ?? "24"} hours${a.user === undefined ? "" : ` for ${a.user}`}.
1. Read the sign-in log with the audit-logs tools and keep the failures (non-zero error code).
2. Group them by error code, application, user and IP address; explain each error code in plain words.
3. Suggest a fix for each group (user action, app configuration, conditional access or user flow settings), and say what you could not determine.
Do not change anything in the tenant without the user's agreement.`,
  },
];

/** Registers the prompts for the common guided tasks. */
export function registerGuidedPrompts(server: McpServer): void {
  for (const prompt of PROMPTS) {
    server.registerPrompt(
      prompt.name,
      { title: prompt.title, description: prompt.description, argsSchema: prompt.args },
      (args) => ({
        description: prompt.description,
        messages: [
          {
            role: "user",
            content: { type: "text", text: prompt.text(args as Record<string, string | undefined>) },
          },
        ],
      }),
    );
  }
}
