import { z } from "zod";

const identitySchema = z
  .object({ id: z.string().nullish(), displayName: z.string().nullish() })
  .catchall(z.unknown());

/** `directoryAudit` (Graph CSDL). */
export const directoryAuditSchema = z.object({
  id: z.string(),
  activityDateTime: z.string().nullish(),
  activityDisplayName: z.string().nullish(),
  category: z.string().nullish(),
  correlationId: z.string().nullish(),
  loggedByService: z.string().nullish(),
  operationType: z.string().nullish(),
  result: z.string().nullish(),
  resultReason: z.string().nullish(),
  initiatedBy: z
    .object({
      user: identitySchema.extend({ userPrincipalName: z.string().nullish() }).nullish(),
      app: z
        .object({ appId: z.string().nullish(), displayName: z.string().nullish() })
        .catchall(z.unknown())
        .nullish(),
    })
    .nullish(),
  targetResources: z
    .array(
      z
        .object({
          id: z.string().nullish(),
          displayName: z.string().nullish(),
          type: z.string().nullish(),
          userPrincipalName: z.string().nullish(),
          modifiedProperties: z
            .array(
              z.object({
                displayName: z.string().nullish(),
                oldValue: z.string().nullish(),
                newValue: z.string().nullish(),
              }),
            )
            .nullish(),
        })
        .catchall(z.unknown()),
    )
    .nullish(),
  additionalDetails: z.array(z.object({ key: z.string().nullish(), value: z.string().nullish() })).nullish(),
});

/** `signIn` (Graph CSDL), the fields ciamkit returns. */
export const signInSchema = z.object({
  id: z.string(),
  createdDateTime: z.string().nullish(),
  userDisplayName: z.string().nullish(),
  userPrincipalName: z.string().nullish(),
  userId: z.string().nullish(),
  appId: z.string().nullish(),
  appDisplayName: z.string().nullish(),
  ipAddress: z.string().nullish(),
  clientAppUsed: z.string().nullish(),
  correlationId: z.string().nullish(),
  conditionalAccessStatus: z.string().nullish(),
  isInteractive: z.boolean().nullish(),
  resourceDisplayName: z.string().nullish(),
  status: z
    .object({
      errorCode: z.number().nullish(),
      failureReason: z.string().nullish(),
      additionalDetails: z.string().nullish(),
    })
    .nullish(),
  location: z
    .object({
      city: z.string().nullish(),
      state: z.string().nullish(),
      countryOrRegion: z.string().nullish(),
    })
    .catchall(z.unknown())
    .nullish(),
});
