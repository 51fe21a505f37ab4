// Bad input is the caller's mistake, named as such and sent nowhere: fields the operation does not
// have, and values found unusable while it runs. And tenant text shown to a person is escaped.
import { describe, expect, it } from "vitest";
import { escapeControlCharacters } from "../src/display-text.ts";
import { getGroupOperation } from "../src/graph/groups/get-group.ts";
import { listUsersOperation } from "../src/graph/users/list-users.ts";
import { updateUserOperation } from "../src/graph/users/update-user.ts";
import { InputError } from "../src/input-error.ts";
import type { Operation } from "../src/operations/define-operation.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";

const { t, client } = useCoreEmulator();

/** Requests the emulator served (any service), to show that nothing was sent. */
const served = () => t.emu.control.monitor.counters().requests;

/** Input as a program gets it from outside (a JSON file, a request): the compiler cannot check it. */
const fromJson = (input: Record<string, unknown>) => input as never;

/** The error a call rejects with. */
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

describe("input the operation cannot use", () => {
  it("refuses a field the operation does not have, naming the one it was probably meant to be", async () => {
    const before = served();
    const error = await failure(
      client.run(updateUserOperation, fromJson({ id: "ada@example.com", jobTitel: "CTO" })),
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).issues).toEqual([
      "jobTitel: not an input field (did you mean jobTitle?)",
    ]);
    expect((error as Error).message).toBe(
      "Invalid input for user_update: jobTitel: not an input field (did you mean jobTitle?)",
    );
    expect(served()).toBe(before);
  });

  it("lists the fields when no name is close, and takes undefined as absent", async () => {
    const error = await failure(client.run(getGroupOperation, fromJson({ id: "g1", colour: "red" })));
    expect((error as InvalidInputError).issues).toEqual(["colour: not an input field (the fields are id)"]);
    const group = await failure(
      client.run(getGroupOperation, fromJson({ id: "not-there", colour: undefined })),
    );
    expect(group).not.toBeInstanceOf(InputError);
  });

  it.each([
    [
      "a cursor no list call returned",
      listUsersOperation,
      { cursor: "not-a-cursor" },
      /The cursor is not one/,
    ],
    ["an id with a control character", getGroupOperation, { id: "g\u0001" }, /Not a valid id: "g\\u0001"/],
  ] as const)(
    "reports %s as invalid input of the operation, with nothing sent",
    async (_what, operation, input, message) => {
      const before = served();
      const error = await failure(client.run(operation as Operation, input));
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toMatch(new RegExp(`^Invalid input for ${operation.name}: `));
      expect((error as Error).message).toMatch(message);
      expect(served()).toBe(before);
    },
  );
});

describe("escapeControlCharacters", () => {
  it.each([
    ["line breaks and tabs", "a\nb\r\nc\td", "a\\nb\\r\\nc\\td"],
    ["ESC (terminal sequences) and DEL", "\u001b[2J\u007f", "\\u001b[2J\\u007f"],
    ["C1 controls (CSI)", "\u009b2J", "\\u009b2J"],
    [
      "bidi overrides and embeddings",
      "a\u202ab\u202bc\u202cd\u202de\u202ef",
      "a\\u202ab\\u202bc\\u202cd\\u202de\\u202ef",
    ],
    ["bidi isolates", "\u2066x\u2067y\u2068z\u2069", "\\u2066x\\u2067y\\u2068z\\u2069"],
    ["line and paragraph separators", "a\u2028b\u2029c", "a\\u2028b\\u2029c"],
    ["printable text, accents, other scripts and emoji", "Zoë 山田 مرحبا 👩‍💻", "Zoë 山田 مرحبا 👩‍💻"],
  ])("escapes %s", (_what, text, shown) => {
    expect(escapeControlCharacters(text)).toBe(shown);
  });
});
