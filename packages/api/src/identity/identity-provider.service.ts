import { Prisma } from "@medverkan/database";
import { type FieldError, fieldError, IDENTITY_PROVIDER_LABELS, type Locale, validateIdentityProvider } from "@medverkan/domain";
import { findIdentityProviderForToken } from "../auth/actor.repository.js";
import { reloadAfterVersionedUpdate } from "../common/concurrency.js";
import { badUserInput, conflict } from "../common/errors/api-error.js";
import { errorResult } from "../common/errors/error-result.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantAdmin } from "../context/require-tenant.js";
import type { Tx } from "../context/tenant-scope.js";
import { IssuerAudienceTaken } from "../tenant/tenant-admin.payload.js";
import type { AddIdentityProviderInput, DisableIdentityProviderInput, UpdateIdentityProviderInput } from "./identity-provider.input.js";
import type { IdentityProviderPayload } from "./identity-provider.payload.js";
import {
  findIdentityProvider,
  findSameIssuerAudience,
  type IdentityProviderRow,
  insertIdentityProvider,
  listIdentityProviders,
  lockIdentityProvider,
  lockIssuerAudience,
  updateIdentityProviderIfVersion,
} from "./identity-provider.repository.js";
import type { IdentityProvider, IdentityProviderKind } from "./identity-provider.type.js";

const production = () => process.env.NODE_ENV === "production";

/** Public: the enabled identity providers of a tenant, what a front end needs to start a sign-in. */
export function listTenantIdentityProviders(ctx: RequestContext, tenantId: string): Promise<IdentityProvider[]> {
  return ctx
    .scope(tenantId)
    .transaction((tx) => listIdentityProviders(tx, tenantId, false))
    .then((rows) => rows.map(publicView));
}

/** What is shown of a provider: never its key set (public, but long and of no use to a front end). */
function publicView({ publicKeys: _keys, ...provider }: IdentityProviderRow): IdentityProvider {
  return provider;
}

const issuerAudienceTaken = (locale: Locale) =>
  errorResult(
    IssuerAudienceTaken,
    "ISSUER_AUDIENCE_TAKEN",
    {
      sv: "En inloggningstjänst med samma utfärdare och mottagare finns redan; tokens skulle inte gå att skilja åt.",
      en: "An identity provider with this issuer and audience already exists; their tokens could not be told apart.",
    },
    locale,
  );

/** Another tenant already trusts the issuer for the audience (a platform-level read, before the tenant transaction). */
async function takenElsewhere(ctx: RequestContext, tenantId: string, issuer: string, audience: string) {
  const elsewhere = await findIdentityProviderForToken(ctx.system, issuer, [audience]);
  return elsewhere !== null && elsewhere.tenantId !== tenantId;
}

/** Another provider of this tenant has the issuer and audience. */
async function takenHere(tx: Tx, tenantId: string, issuer: string, audience: string, exceptId: string | null) {
  await lockIssuerAudience(tx, tenantId, issuer, audience);
  return (await findSameIssuerAudience(tx, tenantId, issuer, audience, exceptId)) !== null;
}

function validated(input: AddIdentityProviderInput, locale: Locale) {
  const validation = validateIdentityProvider(input, { production: production() });
  if (!validation.ok) throw badUserInput(validation.errors, locale);
  return validation.value;
}

export async function addIdentityProvider(ctx: RequestContext, input: AddIdentityProviderInput): Promise<IdentityProviderPayload> {
  const { tenantId } = requireTenantAdmin(ctx);
  const fields = validated(input, ctx.locale);
  if (await takenElsewhere(ctx, tenantId, fields.issuer, fields.audience)) {
    return { identityProvider: null, errors: [issuerAudienceTaken(ctx.locale)] };
  }
  return ctx.scope(tenantId).transaction(async (tx): Promise<IdentityProviderPayload> => {
    if (await takenHere(tx, tenantId, fields.issuer, fields.audience, null)) {
      return { identityProvider: null, errors: [issuerAudienceTaken(ctx.locale)] };
    }
    const row = await insertIdentityProvider(tx, tenantId, {
      ...fields,
      kind: fields.kind as IdentityProviderKind,
      publicKeys: fields.publicKeys as Prisma.InputJsonValue | null,
    });
    const after = publicView(row);
    await ctx.audit.recordChange(tx, tenantId, {
      subjectType: "IdentityProvider",
      subjectId: row.id,
      before: null,
      after: { ...after, publicKeys: row.publicKeys },
    });
    return { identityProvider: after, errors: [] };
  });
}

const PRIMARY_HINT = {
  sv: "Den primära inloggningstjänstens utfärdare, mottagare och nycklar ändras med regionens tokeninställningar.",
  en: "The primary identity provider's issuer, audience and keys change with the tenant's token settings.",
};

export async function updateIdentityProvider(ctx: RequestContext, input: UpdateIdentityProviderInput): Promise<IdentityProviderPayload> {
  const { tenantId } = requireTenantAdmin(ctx);
  const missing = { identityProvider: null, errors: [notFound(IDENTITY_PROVIDER_LABELS.identityProvider, ctx.locale)] };
  if (!isId(input.id)) return missing;
  const fields = validated(input, ctx.locale);
  if (await takenElsewhere(ctx, tenantId, fields.issuer, fields.audience)) {
    return { identityProvider: null, errors: [issuerAudienceTaken(ctx.locale)] };
  }
  return ctx.scope(tenantId).transaction(async (tx): Promise<IdentityProviderPayload> => {
    await lockIdentityProvider(tx, tenantId, input.id);
    const before = await findIdentityProvider(tx, tenantId, input.id);
    if (!before) return missing;
    if (before.version !== input.expectedVersion) throw conflict(ctx.locale);
    const keysChanged = JSON.stringify(before.publicKeys ?? null) !== JSON.stringify(fields.publicKeys ?? null);
    if (
      before.isPrimary &&
      (before.issuer !== fields.issuer || before.audience !== fields.audience || before.jwksUrl !== fields.jwksUrl || keysChanged)
    ) {
      const errors: FieldError[] = [fieldError("input.issuer", "NOT_ALLOWED", IDENTITY_PROVIDER_LABELS.issuer, { hint: PRIMARY_HINT })];
      throw badUserInput(errors, ctx.locale);
    }
    if (await takenHere(tx, tenantId, fields.issuer, fields.audience, before.id)) {
      return { identityProvider: null, errors: [issuerAudienceTaken(ctx.locale)] };
    }
    const { publicKeys, ...rest } = fields;
    const updated = await updateIdentityProviderIfVersion(tx, tenantId, before.id, input.expectedVersion, {
      ...rest,
      kind: rest.kind as IdentityProviderKind,
      publicKeys: publicKeys === null ? Prisma.DbNull : (publicKeys as Prisma.InputJsonValue),
    });
    const after = await reloadAfterVersionedUpdate(updated ? 1 : 0, () => findIdentityProvider(tx, tenantId, before.id), ctx.locale);
    if (!after) return missing;
    await ctx.audit.recordChange(tx, tenantId, { subjectType: "IdentityProvider", subjectId: after.id, before, after });
    return { identityProvider: publicView(after), errors: [] };
  });
}

export async function disableIdentityProvider(ctx: RequestContext, input: DisableIdentityProviderInput): Promise<IdentityProviderPayload> {
  const { tenantId } = requireTenantAdmin(ctx);
  const missing = { identityProvider: null, errors: [notFound(IDENTITY_PROVIDER_LABELS.identityProvider, ctx.locale)] };
  if (!isId(input.id)) return missing;
  return ctx.scope(tenantId).transaction(async (tx): Promise<IdentityProviderPayload> => {
    await lockIdentityProvider(tx, tenantId, input.id);
    const before = await findIdentityProvider(tx, tenantId, input.id);
    if (!before) return missing;
    if (before.version !== input.expectedVersion) throw conflict(ctx.locale);
    if (before.disabledAt) return { identityProvider: publicView(before), errors: [] };
    const updated = await updateIdentityProviderIfVersion(tx, tenantId, before.id, input.expectedVersion, { disabledAt: new Date() });
    const after = await reloadAfterVersionedUpdate(updated ? 1 : 0, () => findIdentityProvider(tx, tenantId, before.id), ctx.locale);
    if (!after) return missing;
    await ctx.audit.recordChange(tx, tenantId, { subjectType: "IdentityProvider", subjectId: after.id, before, after, purpose: "disable" });
    return { identityProvider: publicView(after), errors: [] };
  });
}
