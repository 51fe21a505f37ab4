import type { z } from "zod";
import type { Credential } from "./auth/azure-credential.ts";
import { credentialTokens } from "./auth/azure-credential.ts";
import type { Cloud } from "./auth/clouds.ts";
import { globalCloud } from "./auth/clouds.ts";
import type { Logger } from "./http/logger.ts";
import type { PipelinePolicy, SendRequest } from "./http/pipeline.ts";
import { createPipeline } from "./http/pipeline.ts";
import { bearerTokenPolicy } from "./http/policies/bearer-token.ts";
import { clientRequestIdPolicy } from "./http/policies/client-request-id.ts";
import { loggingPolicy } from "./http/policies/logging.ts";
import type { ReadAfterWriteOptions } from "./http/policies/read-after-write.ts";
import { readAfterWritePolicy } from "./http/policies/read-after-write.ts";
import type { RetryOptions } from "./http/policies/retry.ts";
import { retryPolicy } from "./http/policies/retry.ts";
import { throttleGatePolicy } from "./http/policies/throttle-gate.ts";
import { timeoutPolicy } from "./http/policies/timeout.ts";
import { userAgentPolicy } from "./http/policies/user-agent.ts";
import { ServiceClient } from "./http/service-client.ts";
import { createFetchTransport } from "./http/transport.ts";
import type { ConfirmRemovals } from "./operations/confirm-removals.ts";
import type { OperationContext, OperationProgress } from "./operations/context.ts";
import type { ListInput, ListItem, ObjectSchema, Operation } from "./operations/define-operation.ts";
import type { IterateOptions } from "./operations/iterate-operation.ts";
import { iterateOperation } from "./operations/iterate-operation.ts";
import { runOperation } from "./operations/run-operation.ts";

/** Options of {@link createCiamClient}. */
export interface CiamClientOptions {
  /**
   * Any credential: {@link clientSecretCredential}, {@link fromEnvironment}'s, a custom {@link TokenProvider},
   * or an Azure SDK `TokenCredential` (`@azure/identity`'s DefaultAzureCredential, managed identity, …).
   */
  credential: Credential;
  /** The tenant operations act on (id or domain). */
  tenantId: string;
  /** Defaults to the global cloud; the emulator is a {@link customCloud} with its CA. */
  cloud?: Cloud | undefined;
  /** Extra PEM CA certificate(s) to trust, in addition to the cloud's. */
  ca?: string | readonly string[] | undefined;
  logger?: Logger | undefined;
  /** Your product token, appended to ciamkit's `User-Agent`. */
  userAgent?: string | undefined;
  retry?: Omit<RetryOptions, "logger"> | undefined;
  /** How long a just-created object's 404 is retried (see {@link readAfterWritePolicy}). */
  readAfterWrite?: ReadAfterWriteOptions | undefined;
  /** Per-attempt timeout in milliseconds (default 100 s). */
  timeoutMs?: number | undefined;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch | undefined;
  /** Your own policies, added to the standard ones at their {@link AdditionalPolicy.position}. */
  policies?: readonly AdditionalPolicy[] | undefined;
}

/**
 * A policy added to a client's pipeline and where it goes, as the Azure SDK's `additionalPolicies`.
 * `perCall`: once per call, before retries, after the client request id and user agent are set (to
 * add a header, count or trace calls). `perRetry`: on every attempt, last before the request is sent,
 * after the bearer token (to see or change each request exactly as it goes out). Policies of one
 * position run in the order given.
 */
export interface AdditionalPolicy {
  policy: PipelinePolicy;
  position: "perCall" | "perRetry";
}

/** Options of {@link CiamClient.run}. */
export interface RunOptions {
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: OperationProgress) => void) | undefined;
  /** Asked before a write unlinks providers, apps or attributes; absent: the removals go ahead. */
  confirmRemovals?: ConfirmRemovals | undefined;
}

/** The entry point: configured Graph and ARM clients, and a way to run catalog operations. */
export interface CiamClient {
  graph: ServiceClient;
  graphBeta: ServiceClient;
  arm: ServiceClient;
  cloud: Cloud;
  tenantId: string;
  /** The context operations run with. */
  context(options?: RunOptions): OperationContext;
  /** Runs a catalog operation with input validation and permission-aware errors. */
  run<I extends ObjectSchema, O extends ObjectSchema>(
    operation: Operation<I, O>,
    input: z.input<I>,
    options?: RunOptions,
  ): Promise<z.output<O>>;
  /**
   * The items of a list operation across pages (`for await (const user of client.iterate(listUsersOperation,
   * { mail }))`), following `nextCursor` and holding one page at a time. `limit` is the most items
   * yielded in all, as it is the most a list returns everywhere (none: every item); `pageSize` sets
   * the items asked for per request.
   */
  iterate<Op extends Operation>(
    operation: Op,
    input: ListInput<Op>,
    options?: RunOptions & IterateOptions,
  ): AsyncGenerator<ListItem<Op>, void, undefined>;
  /**
   * Closes the connection pools of Graph/ARM calls and of the credential (its `close()`), so the
   * process can exit at once. Both stay usable afterwards; a later call reconnects.
   */
  close(): Promise<void>;
}

/**
 * The standard policy order: request id and user agent once per call; logging sees every attempt;
 * read-after-write wraps retry so each of its tries gets full throttling handling; the throttle gate
 * holds every attempt while a throttle runs; the timeout is per attempt; the bearer token is fetched
 * per attempt so a refreshed token is used after a wait.
 */
export function defaultPolicies(
  options: Pick<
    CiamClientOptions,
    "credential" | "logger" | "userAgent" | "retry" | "timeoutMs" | "readAfterWrite"
  >,
): PipelinePolicy[] {
  return [
    clientRequestIdPolicy(),
    userAgentPolicy(options.userAgent),
    readAfterWritePolicy(options.readAfterWrite),
    retryPolicy({ ...options.retry, logger: options.logger }),
    throttleGatePolicy(),
    ...(options.logger === undefined ? [] : [loggingPolicy(options.logger)]),
    timeoutPolicy(options.timeoutMs),
    bearerTokenPolicy(credentialTokens(options.credential)),
  ];
}

/** The standard policies with the caller's added at their positions; a repeated name is refused. */
function clientPolicies(options: CiamClientOptions): PipelinePolicy[] {
  const added = options.policies ?? [];
  const at = (position: AdditionalPolicy["position"]) =>
    added.filter((p) => p.position === position).map((p) => p.policy);
  const standard = defaultPolicies(options);
  // Per call: before read-after-write, which repeats a whole call (retries included) on a fresh 404.
  const perCall = standard.findIndex((p) => p.name === "read-after-write");
  const policies = [
    ...standard.slice(0, perCall),
    ...at("perCall"),
    ...standard.slice(perCall),
    ...at("perRetry"),
  ];
  const names = new Set<string>();
  for (const policy of policies) {
    if (names.has(policy.name)) {
      throw new Error(
        `Two pipeline policies are named "${policy.name}": give each added policy its own name (the standard ones are ${standard.map((p) => p.name).join(", ")}).`,
      );
    }
    names.add(policy.name);
  }
  return policies;
}

/** Creates a client for one tenant. */
export function createCiamClient(options: CiamClientOptions): CiamClient {
  const cloud = options.cloud ?? globalCloud;
  const cas = [options.cloud?.ca ?? [], options.ca ?? []].flat();
  const tokens = credentialTokens(options.credential);
  const policies = clientPolicies({ ...options, credential: tokens });
  const transport = createFetchTransport({ ca: cas.length > 0 ? cas : undefined, fetch: options.fetch });
  const send: SendRequest = createPipeline(policies, transport.send);
  const graph = new ServiceClient({
    service: "graph",
    baseUrl: `${cloud.graphEndpoint}/v1.0`,
    scope: cloud.graphScope,
    send,
  });
  const graphBeta = new ServiceClient({
    service: "graph",
    baseUrl: `${cloud.graphEndpoint}/beta`,
    scope: cloud.graphScope,
    send,
  });
  const arm = new ServiceClient({ service: "arm", baseUrl: cloud.armEndpoint, scope: cloud.armScope, send });
  const context = (runOptions: RunOptions = {}): OperationContext => ({
    graph,
    graphBeta,
    arm,
    tenantId: options.tenantId,
    signal: runOptions.signal,
    onProgress: runOptions.onProgress,
    confirmRemovals: runOptions.confirmRemovals,
    logger: options.logger,
  });
  return {
    graph,
    graphBeta,
    arm,
    cloud,
    tenantId: options.tenantId,
    context,
    run: (operation, input, runOptions) => runOperation(operation, context(runOptions), input),
    iterate: (operation, input, runOptions) =>
      iterateOperation(operation, context(runOptions), input, { pageSize: runOptions?.pageSize }),
    close: async () => {
      await Promise.all([transport.close(), tokens.close?.()]);
    },
  };
}
