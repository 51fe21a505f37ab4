import type { EmulatorContext } from "../context.ts";
import type { JsonObject } from "../store/json.ts";
import type { TenantState } from "../store/store.ts";
import type { ArmOperationType } from "./arm-throttling.ts";

/** The versions of `Microsoft.AzureActiveDirectory` that serve `ciamDirectories` (api-surface 1.1). */
export const CIAM_API_VERSIONS = ["2024-05-01", "2023-05-17-preview"] as const;

/** Who is calling, from the validated ARM token. */
export interface ArmCaller {
  tenantId: string;
  /** `oid`: the user or the service principal the role assignments name. */
  objectId: string;
  /** What ARM calls "the client" in its messages: the user's UPN or the app id. */
  client: string;
  kind: "user" | "app";
  /** The client application (`appid`). */
  appId: string;
}

/** A request after the front door: authenticated, api-version checked, throttled, authorized. */
export interface ArmRequest {
  ctx: EmulatorContext;
  method: string;
  url: URL;
  apiVersion: string;
  /** Parsed JSON body, `undefined` when there is none. */
  body: unknown;
  caller: ArmCaller;
  /** The tenant owning the addressed subscription (when the path names one). */
  owner: TenantState | undefined;
  params: Readonly<Record<string, string>>;
  now: Date;
}

export interface ArmResult {
  status: number;
  headers?: Record<string, string>;
  body?: JsonObject;
}

export interface ArmRoute {
  method: "GET" | "PUT" | "PATCH" | "DELETE" | "POST";
  /** Path template, `{name}` matching one segment; literal segments compare case-insensitively. */
  path: string;
  /** Which bucket it is charged to (ARM counts POST actions as writes). */
  type: ArmOperationType;
  /**
   * The RBAC action and the scope it is checked at, or `null` when the route authorizes itself
   * (operation statuses) or needs no role (the provider's operations list).
   */
  authorize: ((params: Readonly<Record<string, string>>) => { action: string; scope: string }) | null;
  handle(req: ArmRequest): ArmResult | Promise<ArmResult>;
}

/** Matches a path against the route table; `methods` lists the methods of routes whose path matched. */
export function matchArmRoute(
  routes: readonly ArmRoute[],
  method: string,
  path: string,
): { route: ArmRoute | undefined; params: Record<string, string>; methods: string[] } {
  const segments = path
    .split("/")
    .filter((s) => s !== "")
    .map(safeDecode);
  const methods: string[] = [];
  for (const route of routes) {
    const template = route.path.split("/").filter((s) => s !== "");
    if (template.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const ok = template.every((t, i) => {
      const s = segments[i] as string;
      if (t.startsWith("{")) {
        params[t.slice(1, -1)] = s;
        return true;
      }
      return t.toLowerCase() === s.toLowerCase();
    });
    if (!ok) continue;
    if (route.method === method) return { route, params, methods };
    methods.push(route.method);
  }
  return { route: undefined, params: {}, methods };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
