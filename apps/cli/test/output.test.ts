import { describe, expect, it } from "vitest";
import { defaultFormat, OUTPUT_FORMATS, type OutputFormat } from "../src/output/formats.ts";
import { createListWriter } from "../src/output/list-writer.ts";
import type { OutputFormatter } from "../src/output/output-format.ts";
import { outputFormats } from "../src/output/registry.ts";
import { QueryError, render, validateQuery } from "../src/output/render.ts";

const users = [
  { id: "1", displayName: "Ana Lima", mail: "ana@example.com", identities: [{ issuer: "x" }] },
  { id: "2", displayName: "Bo\tBerg", mail: null, identities: [] },
];

describe("render", () => {
  it("picks table on a terminal and JSON when piped", () => {
    expect(defaultFormat(true)).toBe("table");
    expect(defaultFormat(false)).toBe("json");
  });

  it("prints JSON that parses back to the same value", () => {
    expect(JSON.parse(render(users, { format: "json" }))).toEqual(users);
  });

  it("prints YAML", () => {
    expect(render({ id: "1", tags: ["a"] }, { format: "yaml" })).toBe('id: "1"\ntags:\n  - a\n');
  });

  it("prints TSV with scalars only, one line per item, tabs in values replaced", () => {
    expect(render(users, { format: "tsv" })).toBe("1\tAna Lima\tana@example.com\n2\tBo Berg\t\n");
  });

  it("prints a table of the scalar columns with titled headers", () => {
    expect(render(users, { format: "table" })).toBe(
      [
        "Id  DisplayName  Mail",
        "--  -----------  ---------------",
        "1   Ana Lima     ana@example.com",
        "2   Bo Berg",
        "",
      ].join("\n"),
    );
  });

  it.each([
    [
      "table",
      "Id  DisplayName  Mail\n--  -----------  ---------------\n1   Ana Lima     ana@example.com\n2   Bo Berg\n",
    ],
    ["tsv", "1\tAna Lima\tana@example.com\n2\tBo Berg\t\n"],
  ] as const)("shows the list of a result that only wraps one (%s)", (format, expected) => {
    // identity-provider list answers {items: [...]}: without this, table and TSV printed nothing.
    expect(render({ items: users }, { format })).toBe(expected);
    expect(render({ results: users, note: null }, { format })).toBe(expected);
    expect(render({ flow: users[0] }, { format: "tsv" })).toBe("1\tAna Lima\tana@example.com\n");
    expect(render({ flow: { id: "f" }, actions: users }, { format })).toBe(expected);
    // A scalar beside the list keeps the object as the one row.
    expect(render({ items: users, count: 2 }, { format: "tsv" })).toBe("2\n");
  });

  it("cuts wide cells to fit the terminal", () => {
    const out = render([{ name: "x".repeat(40), note: "y".repeat(40) }], { format: "table", width: 40 });
    for (const line of out.trimEnd().split("\n")) expect(line.length).toBeLessThanOrEqual(40);
    expect(out).toContain("…");
  });

  it("applies --query with JMESPath before formatting", () => {
    expect(render(users, { format: "tsv", query: "[].displayName" })).toBe("Ana Lima\nBo Berg\n");
    expect(JSON.parse(render(users, { format: "json", query: "[?mail!=null].{name: displayName}" }))).toEqual(
      [{ name: "Ana Lima" }],
    );
  });

  it("prints nothing for -o none", () => {
    expect(render(users, { format: "none" })).toBe("");
  });

  it("rejects an invalid query as a usage error", () => {
    expect(() => validateQuery("[?displayName==")).toThrow(QueryError);
    expect(() => validateQuery("[].id")).not.toThrow();
  });
});

describe("table columns", () => {
  it("leaves out columns that are empty in every row, so the others keep their width", () => {
    const out = render(
      [
        { id: "1", name: "a", jobTitle: null, phone: "" },
        { id: "2", name: "b", jobTitle: null },
      ],
      { format: "table" },
    );
    expect(out.split("\n")[0]).toBe("Id  Name");
  });
});

describe("tables on a narrow terminal", () => {
  // What `ciam user list` shows at 80 columns: the GUID is the value a user copies.
  const wide = [
    {
      id: "440f1b3d-34aa-4c1e-9a61-0c2b7d3e5f10",
      displayName: "Ana Lima from the customer support team",
      givenName: "Ana",
      surname: "Lima",
      userPrincipalName: "ana.lima_example.com#EXT#@contoso.onmicrosoft.com",
      mail: "ana.lima@example.com",
    },
  ];

  it.each([80, 60, 40])("keeps the whole id and names the columns left out at %i columns", (width) => {
    const out = render(wide, { format: "table", width });
    const lines = out.trimEnd().split("\n");
    expect(lines[2]).toContain("440f1b3d-34aa-4c1e-9a61-0c2b7d3e5f10");
    const footer = lines.pop() ?? "";
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
    expect(footer).toMatch(/^… \d+ more columns? \(.+\): use -o json or --query$/);
    // Every column is either a header or named in the footer, none silently lost.
    for (const name of ["Id", "DisplayName", "GivenName", "Surname", "UserPrincipalName", "Mail"])
      expect(`${lines[0]} ${footer}`).toContain(name);
  });

  it("leaves out trailing columns before cutting text below a readable width", () => {
    const lines = render(wide, { format: "table", width: 80 }).trimEnd().split("\n");
    expect(lines[0]).toMatch(/^Id\s+DisplayName\s+GivenName\s+Surname$/);
    expect(lines.at(-1)).toBe("… 2 more columns (UserPrincipalName, Mail): use -o json or --query");
  });

  it("prints no footer when every column fits", () => {
    expect(render(wide, { format: "table", width: 300 })).not.toContain("more column");
    expect(render(wide, { format: "table" })).not.toContain("more column");
  });

  it("keeps appId whole too, cutting the text beside it", () => {
    const apps = [{ appId: "0f9a7e2c-1b3d-4e5f-8a9b-0c1d2e3f4a5b", displayName: "x".repeat(60) }];
    const lines = render(apps, { format: "table", width: 60 }).trimEnd().split("\n");
    expect(lines[2]).toMatch(/^0f9a7e2c-1b3d-4e5f-8a9b-0c1d2e3f4a5b {2}x+…$/);
    expect(lines).toHaveLength(3);
  });

  it("ends a streamed table with the same footer, after the last page", () => {
    const chunks: string[] = [];
    const writer = createListWriter("table", (text) => chunks.push(text), { width: 80 });
    writer.page(wide);
    writer.page(wide);
    writer.end();
    const lines = chunks.join("").trimEnd().split("\n");
    expect(lines).toHaveLength(5);
    expect(lines[3]).toContain("440f1b3d-34aa-4c1e-9a61-0c2b7d3e5f10");
    expect(lines[4]).toMatch(/^… 2 more columns/);
  });
});

describe("the format registry", () => {
  const users = [
    { id: "u1", displayName: "Ann", city: "Oslo" },
    { id: "u2", displayName: "Bob", city: "Rome" },
    { id: "u3", displayName: "Cid", city: "Lima" },
  ];

  it("has one renderer for each --output name, and no other", () => {
    expect(Object.keys(outputFormats)).toEqual([...OUTPUT_FORMATS]);
    // @ts-expect-error: a format name without a renderer does not compile.
    const withCsv: Record<OutputFormat | "csv", OutputFormatter> = outputFormats;
    expect(withCsv).toBe(outputFormats);
  });

  it.each(OUTPUT_FORMATS)("-o %s streams a paged list as it renders the whole list", (format) => {
    for (const pages of [[users.slice(0, 2), [], users.slice(2)], [[]]]) {
      const chunks: string[] = [];
      const writer = createListWriter(format, (text) => chunks.push(text), { width: 80 });
      for (const page of pages) writer.page(page);
      writer.end();
      expect(chunks.join("")).toBe(render(pages.flat(), { format, width: 80 }));
    }
  });
});
