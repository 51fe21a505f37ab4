import { z } from "zod";
import { COLLECTIONS } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import { addApplicationPassword } from "../credentials.ts";
import { randomIds } from "../ids.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";
import { APPLICATION_WRITE, appTarget, both, checkOwnership, findApplication } from "./applications.ts";
import { audit, jsonBody } from "./common.ts";
import { certificateCredential, pfxCredential, verifyProof } from "./key-credentials.ts";

const CERTIFICATES_AND_SECRETS = "Update application – Certificates and secrets management ";

const AddPasswordSchema = z
  .object({
    passwordCredential: z
      .object({
        displayName: z.string().max(256).nullish(),
        startDateTime: z.iso.datetime({ offset: true }).nullish(),
        endDateTime: z.iso.datetime({ offset: true }).nullish(),
      })
      .loose()
      .nullish(),
  })
  .loose();

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body ?? {});
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new GraphError(
      400,
      "Request_BadRequest",
      `Invalid value specified for property '${issue?.path.join(".") || "body"}'.`,
    );
  }
  return r.data;
}

/** Audits one credential added or removed, as Graph's "Certificates and secrets management" update. */
function auditKeyChange(
  req: GraphRequest,
  app: JsonObject,
  oldValue: string | undefined,
  newValue: string | undefined,
): void {
  audit(req, {
    activityDisplayName: CERTIFICATES_AND_SECRETS,
    category: "ApplicationManagement",
    operationType: "Update",
    targets: [appTarget(app, [{ displayName: "KeyDescription", oldValue, newValue }])],
  });
}

/**
 * Stores the app without the credential `keyId` in `property` and returns its lower-cased id; Graph
 * answers 400 when the app holds no such credential.
 */
function removeCredential(
  req: GraphRequest,
  app: JsonObject,
  property: "passwordCredentials" | "keyCredentials",
  keyId: string,
): string {
  const id = keyId.toLowerCase();
  const credentials = app[property] as JsonObject[];
  const remaining = credentials.filter((c) => c.keyId !== id);
  if (remaining.length === credentials.length) {
    const kind = property === "passwordCredentials" ? "password" : "key";
    throw new GraphError(400, "Request_BadRequest", `No ${kind} credential found with keyId '${keyId}'.`);
  }
  req.tenant.collection(COLLECTIONS.applications).put(app.id as string, { ...app, [property]: remaining });
  return id;
}

function addPassword(req: GraphRequest, p: Readonly<Record<string, string>>) {
  const app = findApplication(req, p);
  checkOwnership(req, app);
  const input = parse(AddPasswordSchema, req.body).passwordCredential ?? {};
  const credential = addApplicationPassword(req.tenant, app, input, req.now(), randomIds);
  auditKeyChange(
    req,
    app,
    undefined,
    `[KeyIdentifier=${credential.keyId as string},KeyType=Password,KeyUsage=Verify,DisplayName=${credential.displayName ?? ""}]`,
  );
  return {
    status: 200,
    body: {
      "@odata.context": `${req.baseUrl}/${req.version}/$metadata#microsoft.graph.passwordCredential`,
      ...credential,
    },
  };
}

const RemoveSchema = z.object({ keyId: z.guid(), proof: z.string().optional() }).loose();

function removePassword(req: GraphRequest, p: Readonly<Record<string, string>>) {
  const app = findApplication(req, p);
  checkOwnership(req, app);
  const { keyId } = parse(RemoveSchema, jsonBody(req));
  const id = removeCredential(req, app, "passwordCredentials", keyId);
  req.tenant.collection(COLLECTIONS.credentials).delete(id);
  auditKeyChange(req, app, `[KeyIdentifier=${id},KeyType=Password]`, undefined);
  return { status: 204 };
}

const AddKeySchema = z
  .object({
    keyCredential: z.object({ type: z.string(), usage: z.string(), key: z.string() }).loose(),
    passwordCredential: z.unknown().optional(),
    proof: z.string(),
  })
  .loose();

async function addKey(req: GraphRequest, p: Readonly<Record<string, string>>) {
  const app = findApplication(req, p);
  const input = parse(AddKeySchema, jsonBody(req));
  await verifyProof(input.proof, app, req.now());
  const key = input.keyCredential as JsonObject;
  const credential =
    key.type === "X509CertAndPassword"
      ? pfxCredential(key, (input.passwordCredential as JsonObject | null | undefined)?.secretText, req.now())
      : certificateCredential(key, req.now());
  req.tenant
    .collection(COLLECTIONS.applications)
    .put(app.id as string, { ...app, keyCredentials: [...(app.keyCredentials as JsonObject[]), credential] });
  auditKeyChange(
    req,
    app,
    undefined,
    `[KeyIdentifier=${credential.keyId as string},KeyType=${credential.type as string},KeyUsage=${credential.usage as string}]`,
  );
  return {
    status: 200,
    body: {
      "@odata.context": `${req.baseUrl}/${req.version}/$metadata#microsoft.graph.keyCredential`,
      ...credential,
      key: null,
    },
  };
}

const RemoveKeySchema = z.object({ keyId: z.guid(), proof: z.string() }).loose();

/** Removes a certificate, with a proof of possession signed by a current certificate of the app. */
async function removeKey(req: GraphRequest, p: Readonly<Record<string, string>>) {
  const app = findApplication(req, p);
  const { keyId, proof } = parse(RemoveKeySchema, jsonBody(req));
  await verifyProof(proof, app, req.now());
  const id = removeCredential(req, app, "keyCredentials", keyId);
  auditKeyChange(req, app, `[KeyIdentifier=${id},KeyType=AsymmetricX509Cert]`, undefined);
  return { status: 204 };
}

/** Secrets and certificates of an application (api-surface 10.3), by id or by appId. */
export const applicationCredentialRoutes: GraphRoute[] = [
  ...both(
    { method: "POST", permissions: APPLICATION_WRITE, directory: true, handle: addPassword },
    "/addPassword",
  ),
  ...both(
    { method: "POST", permissions: APPLICATION_WRITE, directory: true, handle: removePassword },
    "/removePassword",
  ),
  ...both({ method: "POST", permissions: APPLICATION_WRITE, directory: true, handle: addKey }, "/addKey"),
  ...both(
    { method: "POST", permissions: APPLICATION_WRITE, directory: true, handle: removeKey },
    "/removeKey",
  ),
];
