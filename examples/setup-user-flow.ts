// Creates (or converges) a sign-up/sign-in flow with a custom attribute and its page, in one call to
// `user_flow_setup`. Run it twice: the second run changes nothing. Run: node setup-user-flow.ts
import { createCiamClient, fromEnvironment, setupUserFlowOperation } from "@ciamkit/core";

const { credential, cloud, tenantId } = fromEnvironment();
const client = createCiamClient({ credential, cloud, tenantId });

try {
  const { flow, changed, actions } = await client.run(setupUserFlowOperation, {
    displayName: "Shop sign-up",
    description: "Customers of the shop sign up with email and password",
    identityProviders: ["EmailPassword-OAUTH"],
    customAttributes: [{ name: "LoyaltyTier", dataType: "string", description: "Bronze, Silver or Gold" }],
    page: {
      views: [
        {
          title: "About you",
          inputs: [
            { attribute: "email", required: true },
            { attribute: "displayName", label: "Your name", required: true },
            { attribute: "LoyaltyTier", label: "Loyalty tier" },
          ],
        },
      ],
    },
  });
  for (const action of actions)
    console.log(`${action.action} ${action.resource} ${action.id} ${action.detail ?? ""}`);
  console.log(`${changed ? "Set up" : "Already up to date:"} ${flow.displayName} (${flow.id})`);
} finally {
  await client.close();
}
