// Type tests of the library's entry points: `tsc` checks this file in the typecheck task (vitest does
// not run it). A `@ts-expect-error` that no longer meets an error fails the build, so a regression to
// untyped inputs (`input: unknown`) or items cannot pass unnoticed.
import { expectTypeOf } from "vitest";
import type { CiamClient } from "../src/client.ts";
import { getGroupOperation } from "../src/graph/groups/get-group.ts";
import { listMembersOperation } from "../src/graph/groups/list-members.ts";
import { createUserOperation } from "../src/graph/users/create-user.ts";
import { getUserOperation } from "../src/graph/users/get-user.ts";
import { listUsersOperation } from "../src/graph/users/list-users.ts";
import type { User } from "../src/graph/users/user-schema.ts";
import type {
  ListItem,
  Operation,
  OperationInput,
  OperationOutput,
} from "../src/operations/define-operation.ts";

declare const client: CiamClient;
declare const anyOperation: Operation;
declare const fromTheWire: Record<string, unknown>;

// client.run: the input is the operation's (before defaults), the result its output.
// @ts-expect-error: limit is a number
void client.run(listUsersOperation, { limit: "x" });
// @ts-expect-error: no such input field
void client.run(listUsersOperation, { limits: 5 });
// @ts-expect-error: id is required
void client.run(getUserOperation, {});
// @ts-expect-error: the input is an object
void client.run(getUserOperation, "user-id");
// @ts-expect-error: signInName is required to create a local account
void client.run(createUserOperation, { displayName: "Ada", password: "Lovelace!1815" });
void client.run(listUsersOperation, {}); // limit has a default
expectTypeOf(client.run(getUserOperation, { id: "x" })).resolves.toEqualTypeOf<User>();
expectTypeOf(client.run(listUsersOperation, { limit: 5 })).resolves.toEqualTypeOf<{
  items: User[];
  nextCursor?: string | undefined;
}>();
// A front end with a catalog entry it only knows as `Operation` passes what it received.
expectTypeOf(client.run(anyOperation, fromTheWire)).resolves.toEqualTypeOf<Record<string, unknown>>();

// client.iterate: any list operation; the items are typed from its output's `items`.
expectTypeOf(client.iterate(listUsersOperation, { mail: "ada@example.com" })).toEqualTypeOf<
  AsyncGenerator<User, void, undefined>
>();
expectTypeOf(client.iterate(listMembersOperation, { id: "g" })).toEqualTypeOf<
  AsyncGenerator<ListItem<typeof listMembersOperation>, void, undefined>
>();
// @ts-expect-error: not a list operation
void client.iterate(getGroupOperation, { id: "g" });
// @ts-expect-error: the input is the list operation's
void client.iterate(listUsersOperation, { limit: "x" });
// @ts-expect-error: id (the group) is required
void client.iterate(listMembersOperation, {});

// The helper types name an operation's input, output and list item.
expectTypeOf<OperationInput<typeof getUserOperation>>().toEqualTypeOf<{
  id: string;
  select?: string[] | undefined;
  authMethods?: boolean | undefined;
}>();
expectTypeOf<OperationOutput<typeof getUserOperation>>().toEqualTypeOf<User>();
expectTypeOf<ListItem<typeof listUsersOperation>>().toEqualTypeOf<User>();
