import type { ObjectSchema, Operation, RunOptions } from "@ciamkit/core";

/**
 * What tools run operations with: core's `CiamClient` satisfies it. Tools talk to this interface,
 * never to HTTP, so every call goes through core's validation, pipeline and error family.
 */
export interface OperationRunner {
  run<I extends ObjectSchema, O extends ObjectSchema>(
    operation: Operation<I, O>,
    input: unknown,
    options?: RunOptions,
  ): Promise<unknown>;
}
