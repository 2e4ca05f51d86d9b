import type { Prisma } from "@medverkan/database";
import { defaultConsentTexts, fieldError, type Locale, normaliseLine, validateTenantSettings } from "@medverkan/domain";
import { badUserInput } from "../common/errors/api-error.js";
import { errorResult } from "../common/errors/error-result.js";
import { findStoredAnswer, storeAnswer } from "../common/idempotency/idempotency.js";
import { idempotencyKeyOf } from "../common/idempotency/idempotency-key.js";
import { type PageArgs, toPage, toPageRequest } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { requirePlatformOperator, requireTenantAdmin } from "../context/require-tenant.js";
import { enterTenant, type Tx } from "../context/tenant-scope.js";
import {
  consentTextVersionExists,
  findTenantBySlug,
  findTenantClash,
  publishConsentText as insertConsentText,
  insertFirstAdmin,
  insertTenant,
  listTenants,
} from "./tenant.repository.js";
import type { CreateTenantInput, PublishConsentTextInput } from "./tenant-admin.input.js";
import {
  ConsentTextVersionExists,
  type CreateTenantPayload,
  IssuerAudienceTaken,
  type PublishConsentTextPayload,
  TenantSlugTaken,
} from "./tenant-admin.payload.js";

const slugTaken = (locale: Locale) =>
  errorResult(
    TenantSlugTaken,
    "SLUG_TAKEN",
    { sv: "Kortnamnet används redan av en annan region.", en: "Another tenant already uses this slug." },
    locale,
  );

const issuerTaken = (locale: Locale) =>
  errorResult(
    IssuerAudienceTaken,
    "ISSUER_AUDIENCE_TAKEN",
    {
      sv: "En annan region litar redan på den här utfärdaren för samma mottagare; tokens skulle inte gå att skilja åt.",
      en: "Another tenant already trusts this issuer for this audience; their tokens could not be told apart.",
    },
    locale,
  );

/**
 * Platform operators: a new region with its first administrator, who configures the rest through the admin API.
 * The tenant row and its first grant are written in one transaction; the operator never sees personal data.
 */
export async function createTenant(ctx: RequestContext, input: CreateTenantInput): Promise<CreateTenantPayload> {
  const operator = requirePlatformOperator(ctx);
  const validation = validateTenantSettings(input);
  if (!validation.ok) throw badUserInput(validation.errors, ctx.locale);
  const settings = validation.settings;

  const clash = await findTenantClash(ctx.system, settings.slug, settings.tokenIssuer, settings.tokenAudience);
  if (clash.slugTaken) return (await replayTenantCreation(ctx, settings.slug, input)) ?? { tenant: null, errors: [slugTaken(ctx.locale)] };
  if (clash.issuerTaken) return { tenant: null, errors: [issuerTaken(ctx.locale)] };

  const create = () =>
    ctx.system.$transaction(async (tx) => {
      const created = await insertTenant(tx, {
        slug: settings.slug,
        name: settings.name,
        locale: settings.locale,
        timeZone: settings.timeZone,
        currency: settings.currency,
        tokenIssuer: settings.tokenIssuer,
        tokenAudience: settings.tokenAudience,
        jwksUrl: settings.jwksUrl,
        publicKeys: (settings.publicKeys ?? undefined) as Prisma.InputJsonValue | undefined,
      });
      await enterTenant(tx, created.id);
      const adminId = await insertFirstAdmin(tx, created.id, settings.firstAdmin);
      await publishDefaultConsentTexts(ctx, tx, created.id, settings.name);
      await ctx.audit.recordChange(tx, created.id, {
        subjectType: "Tenant",
        subjectId: created.id,
        before: null,
        after: { ...created, tokenIssuer: settings.tokenIssuer, tokenAudience: settings.tokenAudience, firstAdminStaffUserId: adminId },
        purpose: `tenant created by platform operator ${operator.subject}`,
      });
      // The answer to a retry with the same Idempotency-Key is kept under the tenant it created (issue 8).
      await storeAnswer(ctx, tx, created.id, "createTenant", input, { tenantId: created.id });
      return created;
    });
  let tenant: Awaited<ReturnType<typeof create>>;
  try {
    tenant = await create();
  } catch (error) {
    // The same request arriving twice at once: the other one created it; a retry gets the first answer.
    const replayed = (error as { code?: string }).code === "P2002" ? await replayTenantCreation(ctx, settings.slug, input) : null;
    if (replayed) return replayed;
    throw error;
  }
  ctx.log.info({ tenant: tenant.slug, operator: operator.subject }, "tenant created");
  return { tenant, errors: [] };
}

/**
 * A new region starts from the platform's current Swedish and English consent texts, version "1", in its own name,
 * so its public registration works before its admin has written anything; `publishConsentText` replaces them.
 */
async function publishDefaultConsentTexts(ctx: RequestContext, tx: Tx, tenantId: string, tenantName: string): Promise<void> {
  const texts = defaultConsentTexts(tenantName);
  const kinds = [
    ["PROCESSING", texts.processing],
    ["CONTACT_SHARING", texts.contactSharing],
    ["GUARDIAN", texts.guardian],
  ] as const;
  for (const [kind, text] of kinds) {
    const published = await insertConsentText(tx, tenantId, { kind, version: "1", textSv: text.sv, textEn: text.en });
    await ctx.audit.recordChange(tx, tenantId, { subjectType: "ConsentText", subjectId: published.id, before: null, after: published });
  }
}

/** A retried createTenant (same Idempotency-Key and input) answers with the tenant the first one created. */
async function replayTenantCreation(ctx: RequestContext, slug: string, input: CreateTenantInput): Promise<CreateTenantPayload | null> {
  if (idempotencyKeyOf(ctx) === null) return null;
  const existing = await findTenantBySlug(ctx.system, slug);
  if (!existing) return null;
  const answer = await ctx.scope(existing.id).transaction((tx) => findStoredAnswer(ctx, tx, existing.id, "createTenant", input));
  return answer.found ? { tenant: existing, errors: [] } : null;
}

export async function listAllTenants(ctx: RequestContext, args: PageArgs) {
  requirePlatformOperator(ctx);
  const page = toPageRequest(args, ctx.locale);
  const { rows, total } = await listTenants(ctx.system, page);
  return toPage(rows, page, total);
}

/** Tenant admins: a new version of a consent text. Old versions stay, so every recorded consent names its text. */
export async function publishConsentText(ctx: RequestContext, input: PublishConsentTextInput): Promise<PublishConsentTextPayload> {
  const admin = requireTenantAdmin(ctx);
  const version = normaliseLine(input.version);
  const textSv = input.textSv.trim();
  const textEn = input.textEn.trim();
  const errors = [
    ...(version === "" || version.length > 50
      ? [fieldError("input.version", version === "" ? "REQUIRED" : "TOO_LONG", { sv: "Version", en: "Version" }, { max: 50 })]
      : []),
    ...(textSv === "" ? [fieldError("input.textSv", "REQUIRED", { sv: "Text på svenska", en: "Swedish text" })] : []),
    ...(textEn === "" ? [fieldError("input.textEn", "REQUIRED", { sv: "Text på engelska", en: "English text" })] : []),
  ];
  if (errors.length > 0) throw badUserInput(errors, ctx.locale);

  return ctx.scope(admin.tenantId).transaction(async (tx): Promise<PublishConsentTextPayload> => {
    if (await consentTextVersionExists(tx, admin.tenantId, input.kind, version)) {
      return {
        consentText: null,
        errors: [
          errorResult(
            ConsentTextVersionExists,
            "CONSENT_TEXT_VERSION_EXISTS",
            {
              sv: "Den versionen finns redan; ge den nya texten ett nytt versionsnamn.",
              en: "That version exists; give the new text a new version label.",
            },
            ctx.locale,
          ),
        ],
      };
    }
    const text = await insertConsentText(tx, admin.tenantId, { kind: input.kind, version, textSv, textEn });
    await ctx.audit.recordChange(tx, admin.tenantId, { subjectType: "ConsentText", subjectId: text.id, before: null, after: text });
    return { consentText: { ...text, kind: input.kind, text: ctx.locale === "en" ? text.textEn : text.textSv }, errors: [] };
  });
}
