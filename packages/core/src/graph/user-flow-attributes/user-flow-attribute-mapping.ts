/**
 * The user-flow attribute's mapping: Graph's `identityUserFlowAttribute` (api-surface 3.1; built-in
 * and custom subtypes) in and out of ciamkit's {@link UserFlowAttribute}, and its natural key.
 */
import { definedOnly, type GraphBody, type ResourceMapping } from "../mapping.ts";
import type { UserFlowAttribute } from "./user-flow-attribute-schema.ts";

/** An attribute as Graph returns it. */
export interface GraphUserFlowAttribute {
  "@odata.type"?: string;
  id: string;
  displayName?: string | null;
  description?: string | null;
  dataType: string;
  userFlowAttributeType: string;
}

/** A custom attribute to create: Graph derives its id (`extension_<appId>_<Name>`) from the name. */
export interface UserFlowAttributeCreate {
  displayName: string;
  dataType: string;
  description?: string | undefined;
}

/** What an update sets: the description, a custom attribute's only changeable property. */
export interface UserFlowAttributeChanges {
  description: string | null;
}

/**
 * The user-flow attribute's mapping. Its natural key is the name for a custom attribute (its id
 * embeds the tenant's extensions app id) and the id for a built-in one (`city`), in any casing.
 */
export const userFlowAttributeMapping = {
  fromGraph: (raw: GraphUserFlowAttribute): UserFlowAttribute => ({
    id: String(raw.id),
    displayName: raw.displayName,
    description: raw.description,
    dataType: String(raw.dataType),
    userFlowAttributeType: String(raw.userFlowAttributeType),
  }),
  toGraphCreate: (spec: UserFlowAttributeCreate): GraphBody =>
    definedOnly({ displayName: spec.displayName, description: spec.description, dataType: spec.dataType }),
  toGraphPatch: (changes: UserFlowAttributeChanges): GraphBody => ({ description: changes.description }),
  naturalKey: (attribute: Pick<UserFlowAttribute, "id" | "displayName" | "userFlowAttributeType">) =>
    (attribute.userFlowAttributeType === "custom"
      ? (attribute.displayName ?? attribute.id)
      : attribute.id
    ).toLowerCase(),
} satisfies ResourceMapping<
  GraphUserFlowAttribute,
  UserFlowAttribute,
  UserFlowAttributeCreate,
  UserFlowAttributeChanges
>;

/**
 * A custom attribute's name as Graph keys it: its id is `extension_{appId}_{name without spaces}`, so
 * "Loyalty Number" and "LoyaltyNumber" are one attribute (creating the second is a 409). Compared in
 * any casing.
 */
export const customAttributeKey = (name: string): string => name.replace(/\s+/g, "").toLowerCase();
