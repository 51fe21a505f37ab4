import { z } from "zod";
import type { RequestOptions, ServiceClient } from "../../http/service-client.ts";
import { segment } from "../common.ts";

/** Graph's fixed ids of the methods External ID offers its customers (phoneauthenticationmethod, emailauthenticationmethod, passwordauthenticationmethod). */
export const AUTH_METHOD_IDS = {
  password: "28c10230-6103-485e-b985-444c60001490",
  email: "3ddfcfc8-9383-446f-83cc-3ab9be4be18f",
  mobile: "3179e48a-750b-4051-897c-87b9720928f7",
  alternateMobile: "b6332ec1-7057-4abe-9331-3d72feddfe41",
  office: "e37fc753-ff3b-4958-9484-eaa9425c82bc",
} as const;

export type AuthMethodName = keyof typeof AUTH_METHOD_IDS;

/** One authentication method of a user, by the name ciamkit gives it. */
export const authMethodSchema = z.object({
  method: z.string().describe("password, email, mobile, alternateMobile, office, …"),
  emailAddress: z.string().nullish(),
  phoneNumber: z.string().nullish(),
});

/** A Graph `authenticationMethod` as {@link authMethodSchema}. */
export function fromGraphMethod(method: Record<string, unknown>): z.infer<typeof authMethodSchema> {
  const id = String(method.id);
  const known = (Object.keys(AUTH_METHOD_IDS) as AuthMethodName[]).find((k) => AUTH_METHOD_IDS[k] === id);
  const type = String(method["@odata.type"] ?? "").replace(/^#microsoft\.graph\.|AuthenticationMethod$/g, "");
  return {
    method: known ?? type,
    ...(typeof method.emailAddress === "string" ? { emailAddress: method.emailAddress } : {}),
    ...(typeof method.phoneNumber === "string" ? { phoneNumber: method.phoneNumber } : {}),
  };
}

/** The user's authentication methods (`/authentication/methods`) by name. */
export async function listAuthMethods(
  graph: ServiceClient,
  id: string,
  options: Pick<RequestOptions, "signal"> = {},
): Promise<z.infer<typeof authMethodSchema>[]> {
  const page = await graph.get<{ value: Record<string, unknown>[] }>(
    `/users/${segment(id)}/authentication/methods`,
    {
      ...options,
      requiredPermissions: ["UserAuthenticationMethod.Read.All"],
    },
  );
  return page.value.map(fromGraphMethod);
}
