import type { JsonObject } from "../../store/json.ts";
import { blank } from "./shape.ts";

/**
 * A tenant `domain` as the domain pages show it: the initial `<name>.onmicrosoft.com` (verified,
 * default, not deletable) or one an admin added (unverified until its TXT record is found).
 */
export function newDomain(name: string, initial: boolean): JsonObject {
  const domain = blank("domain");
  domain.id = name;
  domain.authenticationType = "Managed";
  domain.isAdminManaged = true;
  domain.isDefault = initial;
  domain.isInitial = initial;
  domain.isRoot = true;
  domain.isVerified = initial;
  domain.supportedServices = initial ? ["Email", "OfficeCommunicationsOnline"] : [];
  return domain;
}
