import { beforeEach, describe, expect, it } from "vitest";
import { addDomainOperation } from "../src/graph/domains/add-domain.ts";
import { deleteDomainOperation } from "../src/graph/domains/delete-domain.ts";
import { listDomainsOperation } from "../src/graph/domains/list-domains.ts";
import { verifyDomainOperation } from "../src/graph/domains/verify-domain.ts";
import { ConflictError, NotFoundError, PermissionError, ValidationError } from "../src/http/errors.ts";
import type { Operation } from "../src/operations/define-operation.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";
import { seededClient } from "./helpers/seeded-client.ts";

// Custom URL domains: add (the TXT record to publish), verify once DNS has it, list, delete.
const { t: e, client } = useCoreEmulator();
beforeEach(async () => {
  await e.emu.control.reset();
});

const requestCount = () => e.emu.control.monitor.requests().length;
const names = async () => (await client.run(listDomainsOperation, {})).items.map((d) => d.id);

describe("custom URL domains", () => {
  it("adds a domain with its TXT record, refuses to verify until DNS has it naming the record, then verifies", async () => {
    const added = await client.run(addDomainOperation, { name: "Login.Contoso.example" });
    expect(added).toEqual({
      id: "login.contoso.example",
      isVerified: false,
      isDefault: false,
      isInitial: false,
      txtRecord: { name: "login.contoso.example", text: expect.stringMatching(/^MS=ms\d{8}$/), ttl: 3600 },
    });
    const text = added.txtRecord?.text ?? "";
    const listed = (await client.run(listDomainsOperation, {})).items;
    expect(listed).toEqual([
      { id: "contoso.onmicrosoft.com", isVerified: true, isDefault: true, isInitial: true },
      added,
    ]);
    const early = await client
      .run(verifyDomainOperation, { name: "login.contoso.example" })
      .catch((err: unknown) => err);
    expect(early).toBeInstanceOf(ValidationError);
    expect((early as Error).message).toContain(`TXT record at login.contoso.example with the value ${text}`);
    e.emu.control.publishDnsTxt("login.contoso.example", [text]);
    const verified = await client.run(verifyDomainOperation, { name: "login.contoso.example" });
    expect(verified).toEqual({
      id: "login.contoso.example",
      isVerified: true,
      isDefault: false,
      isInitial: false,
    });
    // Verifying again converges: the domain is returned as it is, nothing is sent to verify.
    expect(await client.run(verifyDomainOperation, { name: "login.contoso.example" })).toEqual(verified);
    expect(await client.run(deleteDomainOperation, { name: "login.contoso.example" })).toEqual({
      id: "login.contoso.example",
      deleted: true,
    });
    expect(await names()).toEqual(["contoso.onmicrosoft.com"]);
  });

  it("bad names are refused before any request", async () => {
    const before = requestCount();
    const bad: [Operation, unknown][] = [
      [addDomainOperation, { name: "not a domain" }],
      [addDomainOperation, { name: "contoso" }],
      [addDomainOperation, {}],
      [verifyDomainOperation, { name: "https://login.contoso.example" }],
      [deleteDomainOperation, { name: "../users" }],
    ];
    for (const [operation, input] of bad) {
      const error = await client.run(operation, input as never).catch((err: unknown) => err);
      expect(error, JSON.stringify(input)).toBeInstanceOf(InvalidInputError);
    }
    expect(requestCount()).toBe(before);
  });

  it("a domain added twice is a conflict; the initial domain cannot be deleted; an unknown one is not found", async () => {
    await client.run(addDomainOperation, { name: "shop.example" });
    await expect(client.run(addDomainOperation, { name: "shop.example" })).rejects.toBeInstanceOf(
      ConflictError,
    );
    const initial = await client
      .run(deleteDomainOperation, { name: "contoso.onmicrosoft.com" })
      .catch((err: unknown) => err);
    expect(initial).toBeInstanceOf(ValidationError);
    expect((initial as Error).message).toContain("initial domain");
    await expect(client.run(verifyDomainOperation, { name: "nowhere.example" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(client.run(deleteDomainOperation, { name: "nowhere.example" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await names()).toEqual(["contoso.onmicrosoft.com", "shop.example"]);
  });

  it("an app that may only read domains lists them but cannot add one; the error names Domain.ReadWrite.All", async () => {
    const reader = seededClient(e, "domain-reader", ["Domain.Read.All"]);
    expect((await reader.run(listDomainsOperation, {})).items).toHaveLength(1);
    const error = await reader.run(addDomainOperation, { name: "shop.example" }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).requiredPermissions).toEqual(["Domain.ReadWrite.All"]);
    expect((error as Error).message).toContain("ciam app grant --permission Domain.ReadWrite.All");
    await reader.close();
    expect(await names()).toEqual(["contoso.onmicrosoft.com"]);
  });
});
