import type { ConsentGivenBy, RegistrationChannel } from "@medverkan/database";
import {
  ageOn,
  checkBirthAgainstIdentityNumber,
  duplicateKeys,
  fieldError,
  findProbableDuplicates,
  type IntakeRules,
  type IntakeViolation,
  initialStatus,
  isoDateInTimeZone,
  isSamePerson,
  type Locale,
  type Registration,
  validateRegistration,
  validateRegistrationAnswers,
} from "@medverkan/domain";
import { badUserInput } from "../common/errors/api-error.js";
import { errorResult } from "../common/errors/error-result.js";
import { type IdempotentAnswer, withIdempotency } from "../common/idempotency/idempotency.js";
import type { RequestContext } from "../context/request-context.js";
import type { Tx } from "../context/tenant-scope.js";
import {
  type InvalidPersonalIdentityNumber,
  type PersonalIdentityNumberTaken,
  personalIdentityNumberFromInput,
  personalIdentityNumberTaken,
} from "../identity/personal-identity-number.payload.js";
import { toIntakeRules } from "../intake-rules/intake-rules.mapper.js";
import { linkRegistrationLogin } from "../login/login.service.js";
import { findMemberIdsByPersonalIdentityNumber, lockPersonalIdentityNumber } from "../member/personal-identity-number.repository.js";
import { recordPersonalIdentityNumber } from "../member/personal-identity-number.service.js";
import { enqueueRegistrationNotices } from "../notification/enqueue.js";
import { currentRegistrationForm } from "../registration-form/registration-form.service.js";
import { proposeFromStatement } from "../representation/representation.service.js";
import { collectsPersonalIdentityNumbers, findCurrentConsentText, findTenantBySlug } from "../tenant/tenant.repository.js";
import { ConsentKind } from "../tenant/tenant.type.js";
import type { RegisterMemberInput, RegistrationDetailsInput } from "./registration.input.js";
import {
  ConsentRequired,
  IntakeRuleNotMet,
  type RegisterMemberPayload,
  RegistrationOutcome,
  type RegistrationReceipt,
} from "./registration.payload.js";
import {
  createGuardian,
  createMember,
  createMemberships,
  findActiveExperienceTags,
  findMembersByDuplicateKeys,
  findMembershipNetworks,
  findOpenNetworksWithIntakeRules,
  flagDuplicateCandidates,
  linkExperienceTags,
  lockDuplicateKeys,
  recordConsent,
} from "./registration.repository.js";

const RECEIPT_MESSAGES: Record<RegistrationOutcome, { sv: string; en: string }> = {
  REGISTERED: {
    sv: "Tack för din intresseanmälan! En samordnare kontaktar dig.",
    en: "Thank you for registering your interest! A coordinator will contact you.",
  },
  AWAITING_GUARDIAN_CONSENT: {
    sv: "Tack för din intresseanmälan! Din vårdnadshavare behöver ge sitt skriftliga samtycke innan vi kan gå vidare.",
    en: "Thank you for registering your interest! Your guardian needs to give written consent before we can go on.",
  },
};

/**
 * Public interest registration. Everything is validated before anything is written, and everything is written in
 * one transaction: a refused registration leaves no trace, an accepted one is stored exactly once.
 */
export async function registerMember(ctx: RequestContext, input: RegisterMemberInput): Promise<RegisterMemberPayload> {
  const tenant = await findTenantBySlug(ctx.system, input.tenantSlug);
  if (!tenant) {
    throw badUserInput([fieldError("input.tenantSlug", "UNKNOWN_REFERENCE", { sv: "Region", en: "Region" })], ctx.locale);
  }
  const now = new Date();
  return ctx.scope(tenant.id).transaction((tx) =>
    // A retried submission with the same Idempotency-Key gets the first receipt and writes nothing.
    withIdempotency(
      ctx,
      tx,
      tenant.id,
      "registerMember",
      input,
      async (): Promise<RegisterMemberPayload> => {
        const result = await registerPerson(ctx, tx, tenant, input, {
          channel: "WEB",
          givenBy: "MEMBER",
          recordedById: null,
          networks: "ALL",
          now,
          knownMemberId: ctx.actor.kind === "MEMBER" && ctx.actor.tenantId === tenant.id ? ctx.actor.memberId : null,
        });
        if (!result.ok) return refused(result.error);
        // A citizen registering with their own token: the new member gets that login (never a matched existing one).
        if (!result.reusedExistingMember) await linkRegistrationLogin(ctx, tx, tenant.id, result.memberId);
        // The receipt is the same whether the person was new or already known: the public API reveals nobody.
        const receipt: RegistrationReceipt = {
          outcome: result.outcome,
          receivedAt: now,
          message: RECEIPT_MESSAGES[result.outcome][ctx.locale],
        };
        return { registration: receipt, errors: [] };
      },
      receiptReplay,
    ),
  );
}

/** Only an accepted registration is kept for replay; a refused one wrote nothing and may be sent again. */
const receiptReplay: IdempotentAnswer<RegisterMemberPayload> = {
  store: (payload) =>
    payload.registration
      ? {
          outcome: payload.registration.outcome,
          receivedAt: payload.registration.receivedAt.toISOString(),
          message: payload.registration.message,
        }
      : null,
  replay: (stored) => {
    const receipt = stored as { outcome: RegistrationOutcome; receivedAt: string; message: string };
    return { registration: { ...receipt, receivedAt: new Date(receipt.receivedAt) }, errors: [] };
  },
};

export interface RegistrationPath {
  channel: RegistrationChannel;
  /** MEMBER for the person's own form; STAFF_ON_BEHALF when a coordinator enters a paper or phone registration. */
  givenBy: Extract<ConsentGivenBy, "MEMBER" | "STAFF_ON_BEHALF">;
  /** The staff user who entered it, kept on the consent and the membership events. */
  recordedById: string | null;
  /** The member behind the caller's own linked login (a second registration is the same person). */
  knownMemberId?: string | null;
  /** The networks this path may register into; any other id reads as unknown, like another tenant's. */
  networks: "ALL" | readonly string[];
  now: Date;
}

export type RegistrationResult =
  | {
      ok: true;
      memberId: string;
      outcome: RegistrationOutcome;
      /** The same person was already known: nothing was doubled, new networks were added to them. */
      reusedExistingMember: boolean;
      /** Other persons who may be the same one, flagged for a coordinator to decide. */
      probableDuplicates: number;
    }
  | { ok: false; error: RegistrationRefusal };

type RegistrationRefusal = IntakeRuleNotMet | ConsentRequired | InvalidPersonalIdentityNumber | PersonalIdentityNumberTaken;

/**
 * The one code path for every way a person enters the pool (public form, postal or phone entry): validation,
 * intake rules, duplicate detection and the writes, all inside the caller's tenant transaction.
 */
export async function registerPerson(
  ctx: RequestContext,
  tx: Tx,
  tenant: { id: string; timeZone: string },
  input: RegistrationDetailsInput,
  path: RegistrationPath,
): Promise<RegistrationResult> {
  const today = isoDateInTimeZone(path.now, tenant.timeZone);
  const [allNetworks, tags, consentText, form] = await Promise.all([
    findOpenNetworksWithIntakeRules(tx, tenant.id),
    findActiveExperienceTags(tx, tenant.id),
    findCurrentConsentText(tx, tenant.id, "PROCESSING"),
    currentRegistrationForm(tx, tenant.id),
  ]);
  const allowed = path.networks;
  const networks = allowed === "ALL" ? allNetworks : allNetworks.filter((network) => allowed.includes(network.id));
  const chosen = networks.filter((network) => input.networkIds.includes(network.id));
  const rulesByNetwork = new Map(chosen.map((network) => [network.id, toIntakeRules(network.intakeRuleSet)]));
  const rules = [...rulesByNetwork.values()];

  const validation = validateRegistration(
    {
      ...input,
      availability: input.availabilityNote,
      consentTextVersion: input.consent.textVersion,
    },
    {
      today,
      // Another tenant's network id is refused exactly like an id that does not exist.
      knownNetworkIds: networks.map((network) => network.id),
      knownExperienceTagKeys: tags.map((tag) => tag.key),
      birthRequired: rules.some((rule) => rule.minimumAge !== null || rule.guardianConsentBelowAge !== null),
      guardianRequiredBelowAge: strictestGuardianAge(rules),
    },
  );
  // The region's own questions are checked with the built-in details: every field error in one answer.
  const answers = validateRegistrationAnswers(
    form.questions,
    (input.answers ?? []).map((answer) => ({ ...answer })),
  );
  if (!validation.ok || answers.errors.length > 0) {
    throw badUserInput([...(validation.ok ? [] : validation.errors), ...answers.errors], ctx.locale);
  }
  const registration = validation.registration;
  // The person's own form records the number their e-identification vouches for; a coordinator's entry what they typed.
  const identityNumber = personalIdentityNumberFromInput(input.personalIdentityNumber, ctx.actor, ctx.locale, {
    useVerified: path.givenBy === "MEMBER",
    collected: await collectsPersonalIdentityNumbers(tx, tenant.id),
  });
  if (!identityNumber.ok) return { ok: false, error: identityNumber.error };
  const pin = identityNumber.value;
  // The age rules below are decided on the birth given; beside a number, it must be the number's own.
  const birthMismatch = checkBirthAgainstIdentityNumber(registration, pin);
  if (birthMismatch.length > 0) throw badUserInput(birthMismatch, ctx.locale);

  if (!input.consent.accepted || !consentText || consentText.version !== registration.consentTextVersion) {
    return { ok: false, error: consentRequired(consentText?.version ?? null, ctx.locale) };
  }

  const age = ageOn(registration, today);
  const statuses: { networkId: string; status: "REGISTERED" | "PENDING_GUARDIAN_CONSENT" }[] = [];
  for (const networkId of registration.networkIds) {
    const start = initialStatus(rulesByNetwork.get(networkId) as IntakeRules, age, false, registration.municipality);
    if (!start.ok) {
      const [violation] = start.violations;
      if (violation) return { ok: false, error: intakeRuleNotMet(violation, ctx.locale) };
      continue;
    }
    statuses.push({ networkId, status: start.status });
  }
  const outcome = statuses.some((entry) => entry.status === "PENDING_GUARDIAN_CONSENT")
    ? RegistrationOutcome.AWAITING_GUARDIAN_CONSENT
    : RegistrationOutcome.REGISTERED;

  const keys = memberKeys(registration);
  await lockDuplicateKeys(
    tx,
    tenant.id,
    Object.values(keys).filter((key): key is string => key !== null),
  );
  const matches = findProbableDuplicates(registration, await findMembersByDuplicateKeys(tx, tenant.id, keys));
  // The personal identity number is unique per tenant: its holder is the same person, whatever else is typed.
  let numberHolder: string | null = null;
  if (pin) {
    await lockPersonalIdentityNumber(tx, tenant.id, pin);
    numberHolder = (await findMemberIdsByPersonalIdentityNumber(tx, tenant.id, pin))[0] ?? null;
    if (path.knownMemberId && numberHolder && numberHolder !== path.knownMemberId) {
      return { ok: false, error: personalIdentityNumberTaken(ctx.locale) };
    }
  }
  const membershipsOf = async (id: string) => ({
    id,
    memberships: await findMembershipNetworks(tx, tenant.id, id),
  });
  // A member signed in with their own linked login is that member, whatever details they type this time. Matching
  // details never make two people with different numbers one.
  const samePerson: { id: string; memberships: { networkId: string }[] } | undefined = path.knownMemberId
    ? await membershipsOf(path.knownMemberId)
    : numberHolder
      ? await membershipsOf(numberHolder)
      : matches.find((match) => isSamePerson(match.matchedOn) && !(pin && match.existing.hasPersonalIdentityNumber))?.existing;

  let memberId: string;
  let joined = statuses;
  if (samePerson) {
    // Registering again, perhaps to another network: nothing is doubled, the new networks are added.
    memberId = samePerson.id;
    const already = new Set(samePerson.memberships.map((membership) => membership.networkId));
    joined = statuses.filter((entry) => !already.has(entry.networkId));
    // Only the person's own account gets a number this way; a member found by their details never does (whoever typed
    // them could then sign in as that member with their own e-identification).
    if (pin && samePerson.id === path.knownMemberId) {
      await recordPersonalIdentityNumber(ctx, tx, tenant.id, memberId, pin, "own registration");
    }
  } else {
    memberId = (
      await createMember(tx, {
        tenantId: tenant.id,
        givenName: registration.givenName,
        familyName: registration.familyName,
        email: registration.email,
        phone: registration.phone,
        birthDate: registration.birthDate ? new Date(`${registration.birthDate}T00:00:00Z`) : null,
        birthYear: registration.birthYear,
        municipality: registration.municipality,
        perspectives: [...registration.perspectives],
        experienceText: registration.experienceText,
        competences: [...registration.competences],
        languages: [...registration.languages],
        accessibilityNeeds: registration.accessibilityNeeds,
        availabilityNote: registration.availability,
        organisationRepresented: registration.organisationRepresented,
        preferredLocale: input.preferredLocale === "en" ? "en" : ctx.locale,
        ...keys,
      })
    ).id;
    if (pin) await recordPersonalIdentityNumber(ctx, tx, tenant.id, memberId, pin, `registration (${path.channel.toLowerCase()})`);
    await proposeFromStatement(tx, tenant.id, memberId, registration.organisationRepresented);
    await flagDuplicateCandidates(
      tx,
      tenant.id,
      memberId,
      matches.map((match) => ({ existingMemberId: match.existing.id, matchedOn: [...match.matchedOn] })),
    );
  }

  const tagIds = tags.filter((tag) => registration.experienceTagKeys.includes(tag.key)).map((tag) => tag.id);
  await linkExperienceTags(tx, tenant.id, memberId, tagIds);
  if (registration.guardian) {
    await createGuardian(tx, { tenantId: tenant.id, memberId, ...registration.guardian });
  }
  await recordConsent(tx, {
    tenantId: tenant.id,
    memberId,
    consentTextId: consentText.id,
    givenBy: path.givenBy,
    recordedById: path.recordedById,
    kind: "PROCESSING",
  });
  await createMemberships(
    tx,
    tenant.id,
    memberId,
    joined,
    path.channel,
    { actorType: path.recordedById ? "STAFF" : "ANONYMOUS", actorId: path.recordedById },
    // Each network's coordinator sees them at intake, with the form version they were given on.
    { answers: JSON.parse(JSON.stringify(answers.answers)), formVersion: form.questions.length > 0 ? form.version : null },
  );
  await enqueueRegistrationNotices(tx, { tenantId: tenant.id, memberId, joined, receivedAt: path.now });
  await ctx.audit.record(tx, tenant.id, {
    action: "WRITE",
    subjectType: "Member",
    subjectId: memberId,
    memberId,
    purpose: path.channel === "WEB" ? "interest registration" : `interest registration (${path.channel.toLowerCase()})`,
    details: {
      channel: path.channel,
      networks: joined.map((entry) => entry.networkId),
      reusedExistingMember: Boolean(samePerson),
      probableDuplicates: matches.length,
    },
  });
  return { ok: true, memberId, outcome, reusedExistingMember: Boolean(samePerson), probableDuplicates: matches.length };
}

function strictestGuardianAge(rules: IntakeRules[]): number | null {
  const ages = rules.map((rule) => rule.guardianConsentBelowAge).filter((age): age is number => age !== null);
  return ages.length > 0 ? Math.max(...ages) : null;
}

function memberKeys(registration: Registration) {
  const keys = duplicateKeys(registration);
  const find = (kind: string) => keys.find((key) => key.kind === kind)?.value ?? null;
  return { emailKey: find("EMAIL"), phoneKey: find("PHONE"), nameBirthYearKey: find("NAME_AND_BIRTH_YEAR") };
}

const refused = (error: RegistrationRefusal): RegisterMemberPayload => ({ registration: null, errors: [error] });

function consentRequired(currentVersion: string | null, locale: Locale): ConsentRequired {
  return errorResult(
    ConsentRequired,
    "CONSENT_REQUIRED",
    {
      sv: "Du behöver godkänna den aktuella texten om behandling av personuppgifter.",
      en: "You need to accept the current text on the processing of personal data.",
    },
    locale,
    { kind: ConsentKind.PROCESSING, currentVersion },
  );
}

export function intakeRuleNotMet(violation: IntakeViolation, locale: Locale): IntakeRuleNotMet {
  return errorResult(IntakeRuleNotMet, "INTAKE_RULE_NOT_MET", violation.message, locale, {
    rule: violation.rule,
    missing: violation.missing,
  });
}
