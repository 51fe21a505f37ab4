// The public surface of @ciamkit/emulator: explicit named exports only.
export { type GraphErrorBody, graphErrorBody } from "./graph-error.ts";
export type { Json, JsonObject } from "./store/json.ts";
export { hashSecret, type SecretHash, verifySecret } from "./store/secrets.ts";
export {
  Collection,
  Store,
  type StoreChange,
  type StoreListener,
  type TenantInfo,
  type TenantKind,
  TenantState,
} from "./store/store.ts";
