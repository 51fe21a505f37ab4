// Text the tenant chose (a customer's display name) shown to a person: escaped, so it cannot add
// lines to a question, clear the screen or reverse the text after it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ciam, json, requireBuilt, startTenant, type TestTenant } from "./harness.ts";
import { hasTmux, openTerminal, type Terminal } from "./tmux.ts";

/** A line break, a carriage return, "clear the screen" and a right-to-left override. */
const HOSTILE = "Eve\nContinue? [y/N] y\r\u001b[2JGone\u202eevil";
/** How it reads once escaped. */
const ESCAPED = "Eve\\nContinue? [y/N] y\\r\\u001b[2JGone\\u202eevil";
/** On one table or TSV line, where line breaks are spaces. */
const ON_ONE_LINE = "Eve Continue? [y/N] y \\u001b[2JGone\\u202eevil";

let t: TestTenant;
let groupId = "";
beforeAll(async () => {
  requireBuilt();
  t = await startTenant();
  const created = await ciam(
    ["group", "create", "--input", "-", "-o", "json"],
    t.env,
    JSON.stringify({ displayName: HOSTILE }),
  );
  groupId = json<{ id: string; displayName: string }>(created).id;
});
afterAll(async () => t?.close());

describe("tenant text in output", () => {
  it("a table shows the name on its row, escaped", async () => {
    const run = await ciam(["group", "get", "--id", groupId, "-o", "table"], t.env);
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain(ON_ONE_LINE);
    for (const raw of ["\r", "\u001b", "\u202e"]) expect(run.stdout).not.toContain(raw);
  });

  it("TSV keeps one line per item, escaped", async () => {
    const run = await ciam(["group", "get", "--id", groupId, "-o", "tsv"], t.env);
    expect(run.stdout.split("\n")).toHaveLength(2);
    expect(run.stdout).toContain(ON_ONE_LINE);
    for (const raw of ["\r", "\u001b", "\u202e"]) expect(run.stdout).not.toContain(raw);
  });

  it("JSON carries the value unchanged, for scripts", async () => {
    const run = await ciam(["group", "get", "--id", groupId, "-o", "json"], t.env);
    expect(json<{ displayName: string }>(run).displayName).toBe(HOSTILE);
  });
});

describe.skipIf(!hasTmux)("tenant text in questions (tmux; skipped when tmux is not installed)", () => {
  let term: Terminal;
  beforeAll(() => {
    term = openTerminal();
  });
  afterAll(() => term?.close());

  it("the confirmation quotes the name escaped, on its one line, and the screen stays", async () => {
    const window = term.start("confirm", ["group", "delete", "--id", groupId], t.env, t.bare.HOME ?? "");
    const screen = await term.screenShowing(window, /Continue\? \[y\/N\]\s*$/m);
    expect(screen).toContain(`This will delete a group: '${ESCAPED}' (id ${groupId}).`);
    expect(screen).not.toContain("\u202e");
    term.keys(window, "Enter");
    expect(await term.screenShowing(window, /\[exit=\d+\]/)).toContain("[exit=2]");
  });

  it("a removal names the user flow escaped", async () => {
    const flow = json<{ id: string }>(
      await ciam(
        [
          ...["user-flow", "create", "--input", "-", "-o", "json"],
          ...["--identity-providers", "EmailPassword-OAUTH", "--identity-providers", "EmailOtpSignup-OAUTH"],
        ],
        t.env,
        JSON.stringify({ displayName: HOSTILE }),
      ),
    );
    const window = term.start(
      "unlink",
      ["user-flow", "update", "--flow", flow.id, "--identity-providers", "EmailPassword-OAUTH"],
      t.env,
      t.bare.HOME ?? "",
    );
    const screen = await term.screenShowing(window, /Continue\? \[y\/N\]\s*$/m);
    expect(screen).toContain(`This will remove identity provider EmailOtpSignup-OAUTH from '${ESCAPED}'.`);
    term.keys(window, "n", "Enter");
    expect(await term.screenShowing(window, /\[exit=\d+\]/)).toContain("[exit=2]");
  });
});
