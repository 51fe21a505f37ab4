/** The applications resource client. */

import { startsWith } from "../../http/odata.ts";
import type { ListResult } from "../../http/paginate.ts";
import { listPage } from "../../http/paginate.ts";
import type { RequestOptions, ServiceClient } from "../../http/service-client.ts";
import { InputError } from "../../input-error.ts";
import { segment } from "../common.ts";
import {
  type ApplicationCreate,
  applicationMapping,
  certificateCredential,
  type GraphApplication,
  passwordCredentialBody,
} from "./application-mapping.ts";
import type { Application } from "./application-schema.ts";

type Common = Pick<RequestOptions, "signal">;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The path of an application by object id, or by appId through Graph's alternate key
 * `/applications(appId='…')` (https://learn.microsoft.com/graph/api/application-get).
 */
export function applicationPath(id: { id?: string | undefined; appId?: string | undefined }): string {
  if (id.id !== undefined) return `/applications/${segment(id.id)}`;
  if (id.appId !== undefined && GUID.test(id.appId)) return `/applications(appId='${id.appId}')`;
  throw new InputError(
    "Give the application's object id (id) or its application (client) id (appId) as a GUID.",
  );
}

/** A page of applications. */
export async function listApplications(
  graph: ServiceClient,
  options: Common & {
    displayNameStartsWith?: string | undefined;
    limit: number;
    cursor?: string | undefined;
    /** The applications deleted in the last 30 days instead (`/directory/deletedItems`). */
    deleted?: boolean | undefined;
  },
): Promise<ListResult<Application>> {
  const filter =
    options.displayNameStartsWith === undefined
      ? undefined
      : startsWith("displayName", options.displayNameStartsWith);
  const path =
    options.deleted === true ? "/directory/deletedItems/microsoft.graph.application" : "/applications";
  const page = await listPage<GraphApplication>(graph, path, {
    query: { $filter: filter === undefined ? undefined : String(filter), $top: Math.min(options.limit, 999) },
    limit: options.limit,
    cursor: options.cursor,
    signal: options.signal,
  });
  return { ...page, items: page.items.map(applicationMapping.fromGraph) };
}

/** An application by object id or appId. */
export function getApplication(
  graph: ServiceClient,
  id: { id?: string | undefined; appId?: string | undefined },
  options: Common = {},
): Promise<Application> {
  return graph.get<GraphApplication>(applicationPath(id), options).then(applicationMapping.fromGraph);
}

/** Registers an application. */
export function createApplication(
  graph: ServiceClient,
  spec: ApplicationCreate,
  options: Common = {},
): Promise<Application> {
  const body = applicationMapping.toGraphCreate(spec);
  return graph.post<GraphApplication>("/applications", body, options).then(applicationMapping.fromGraph);
}

/** Deletes an application (and, through Graph, its service principal). */
export function deleteApplication(
  graph: ServiceClient,
  id: { id?: string | undefined; appId?: string | undefined },
  options: Common = {},
): Promise<void> {
  return graph.delete(applicationPath(id), options);
}

/** The result of `addPassword`, secret included (shown only this once). */
export interface NewPasswordCredential {
  keyId: string;
  secretText: string;
  hint?: string | null | undefined;
  displayName?: string | null | undefined;
  startDateTime?: string | null | undefined;
  endDateTime?: string | null | undefined;
}

/** Adds a client secret; Graph returns its text only in this response. */
export function addPassword(
  graph: ServiceClient,
  id: { id?: string | undefined; appId?: string | undefined },
  credential: { displayName?: string | undefined; endDateTime?: string | undefined },
  options: Common = {},
): Promise<NewPasswordCredential> {
  return graph.post<NewPasswordCredential>(
    `${applicationPath(id)}/addPassword`,
    passwordCredentialBody(credential),
    {
      ...options,
      readAfterWrite: true,
    },
  );
}

/** Removes a client secret by keyId. */
export async function removePassword(
  graph: ServiceClient,
  id: { id?: string | undefined; appId?: string | undefined },
  keyId: string,
  options: Common = {},
): Promise<void> {
  await graph.post(`${applicationPath(id)}/removePassword`, { keyId }, options);
}

/**
 * Adds a certificate by PATCHing `keyCredentials` with the existing entries plus the new one: `addKey`
 * needs a proof signed by a certificate the app already has, which a first certificate cannot give
 * (https://learn.microsoft.com/graph/api/application-addkey).
 */
export async function addCertificate(
  graph: ServiceClient,
  id: { id?: string | undefined; appId?: string | undefined },
  certificate: { key: string; displayName?: string | undefined },
  options: Common = {},
): Promise<void> {
  const current = await graph.get<{ keyCredentials?: Record<string, unknown>[] | null }>(
    applicationPath(id),
    {
      ...options,
      query: { $select: "keyCredentials" },
    },
  );
  const keyCredentials = [...(current?.keyCredentials ?? []), certificateCredential(certificate)];
  await graph.patch(applicationPath(id), { keyCredentials }, options);
}
