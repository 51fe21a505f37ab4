/**
 * The fraud protection provider's mapping (`/identity/riskPrevention/fraudProtectionProviders`):
 * Graph's `arkoseFraudProtectionProvider` and `humanSecurityFraudProtectionProvider` in and out of
 * ciamkit's one {@link FraudProvider} shape. The secret goes in only: `privateKey` and `serverToken`
 * are dropped from what Graph returns (Graph serves HUMAN's server token; ciamkit does not).
 */
import { type GraphBody, odataType, type ResourceMapping, typeName } from "../mapping.ts";
import type { FraudProvider } from "./fraud-provider-schema.ts";

/** A provider as Graph returns it (either concrete type). */
export interface GraphFraudProvider {
  "@odata.type"?: string;
  id: string;
  displayName: string;
  publicKey?: string;
  privateKey?: string;
  clientSubDomain?: string;
  verifySubDomain?: string;
  appId?: string;
  serverToken?: string;
}

/** A provider to create: its service, name, public key or app id, and secret (Arkose: default subdomains). */
export interface FraudProviderCreate {
  type: "arkose" | "humanSecurity";
  displayName: string;
  key: string;
  secret: string;
}

const GRAPH_TYPE = {
  arkose: "arkoseFraudProtectionProvider",
  humanSecurity: "humanSecurityFraudProtectionProvider",
} as const;

export const fraudProviderMapping = {
  fromGraph: (g: GraphFraudProvider): FraudProvider => {
    const arkose = typeName(g["@odata.type"]) === GRAPH_TYPE.arkose;
    const key = arkose ? g.publicKey : g.appId;
    return {
      id: g.id,
      displayName: g.displayName,
      type: arkose ? "arkose" : "humanSecurity",
      ...(key === undefined ? {} : { key }),
    };
  },
  toGraphCreate: (spec: FraudProviderCreate): GraphBody =>
    spec.type === "arkose"
      ? {
          "@odata.type": odataType(GRAPH_TYPE.arkose),
          displayName: spec.displayName,
          publicKey: spec.key,
          privateKey: spec.secret,
          clientSubDomain: "client-api",
          verifySubDomain: "verify-api",
        }
      : {
          "@odata.type": odataType(GRAPH_TYPE.humanSecurity),
          displayName: spec.displayName,
          appId: spec.key,
          serverToken: spec.secret,
        },
  naturalKey: (provider: FraudProvider): string => provider.displayName.toLowerCase(),
} satisfies ResourceMapping<GraphFraudProvider, FraudProvider, FraudProviderCreate, never>;
