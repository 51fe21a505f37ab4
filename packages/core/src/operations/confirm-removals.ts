import type { OperationContext } from "./context.ts";

/**
 * What a write is about to unlink, asked before anything is sent: `user_flow_update` and
 * `user_flow_setup` replace a flow's providers and apps ("exactly these"), so an input can take away
 * what the `*_remove` operations (destructive, confirmed) take away.
 */
export interface RemovalRequest {
  /** The operation asking, e.g. `user_flow_update`. */
  operation: string;
  /** One line per link it would remove: `identity provider Google-OAUTH from 'Sign up'`. */
  removals: readonly string[];
  /**
   * Everything the write will do, as text to show in place of the removals (`config_apply`'s plan:
   * counts, each change, deletes called out); asked even when nothing is removed.
   */
  summary?: string | undefined;
}

/**
 * Asks whoever drives the operation (a person on a terminal, an MCP client's user) whether the
 * removals may go ahead; `false` stops the operation with nothing changed.
 */
export type ConfirmRemovals = (request: RemovalRequest) => Promise<boolean>;

/** Thrown when the removals a write would make were not confirmed; nothing has been sent. */
export class RemovalNotConfirmedError extends Error {
  override readonly name = "RemovalNotConfirmedError";
  readonly operation: string;
  readonly removals: readonly string[];
  constructor(request: RemovalRequest) {
    super(
      request.summary === undefined
        ? `${request.operation} would remove ${request.removals.join("; ")}, and that was not confirmed; nothing was changed`
        : `${request.operation}'s changes were not confirmed; nothing was changed`,
    );
    this.operation = request.operation;
    this.removals = request.removals;
  }
}

/**
 * Confirms the removals through the context's {@link ConfirmRemovals}, or throws
 * {@link RemovalNotConfirmedError}. Nothing to remove asks nothing. Without a confirmer (a program
 * calling core directly, whose code states "exactly these") the removals go ahead: the CLI and the
 * MCP server always pass one.
 */
export async function confirmRemovals(
  ctx: OperationContext,
  operation: string,
  removals: readonly string[],
  summary?: string,
): Promise<void> {
  if ((removals.length === 0 && summary === undefined) || ctx.confirmRemovals === undefined) return;
  const request = { operation, removals, summary };
  if (!(await ctx.confirmRemovals(request))) throw new RemovalNotConfirmedError(request);
}
