// Plans the synthetic members of a tenant: profiles, memberships in every intake status with the history that led
// there (checked step by step against the network's intake rules with the domain's own state machine), consents,
// guardians of minors, pauses, training enrolments, probable duplicates and a few privacy requests.
import {
  ageOn,
  checkTransition,
  duplicateKeys,
  findProbableDuplicates,
  type IntakeFacts,
  initialStatus,
  isMunicipalityAllowed,
  type MembershipStatus,
} from "@medverkan/domain";
import type { Perspective, RegistrationChannel } from "../src/index.js";
import { CONFIGURATION_EPOCH, type NetworkRef, type PlanContext, type SessionRef } from "./context.js";
import {
  describeExperience,
  drawAccessibilityNeeds,
  drawAvailability,
  drawCompetences,
  drawGivenName,
  drawIdentity,
  drawLanguages,
  EmailBook,
  emailLocalPart,
  PhoneBook,
} from "./people.js";
import type { MembershipRow } from "./plan.js";
import type { SeededRandom } from "./random.js";
import { addDays, Calendar, dateOnly, type IsoDate, stockholmDate } from "./time.js";
import type { NetworkPoolSeed } from "./types.js";

const DAY_MS = 86_400_000;

/** A member as the request planner sees them: who can be invited, and the membership to update afterwards. */
export interface PoolMember {
  readonly memberId: string;
  readonly number: number;
  readonly networkSlug: string;
  readonly tagKeys: readonly string[];
  readonly perspectives: readonly Perspective[];
  readonly minor: boolean;
  readonly status: MembershipStatus;
  readonly restricted: boolean;
  readonly pauses: ReadonlyArray<{ readonly from: IsoDate; readonly to: IsoDate | null }>;
  readonly membership: MembershipRow;
  /** Member row, to move `lastActiveAt` when they answer an invitation. */
  readonly touch: (at: Date) => void;
}

interface Timeline {
  registeredAt: Date;
  contactCallAt: Date | null;
  introductionBookedAt: Date | null;
  introductionHeldAt: Date | null;
  trainedAt: Date | null;
  activatedAt: Date | null;
  withdrawnAt: Date | null;
  erasedAt: Date | null;
  guardianConsentAt: Date | null;
  /** Pauses of an active member: `to` null = open-ended. Days from the reference day. */
  pauses: Array<{ from: Date; to: Date | null; reason: string | null }>;
  enrolments: Array<{ session: SessionRef; enrolledAt: Date; attended: boolean | null; status: "ENROLLED" | "WAITLISTED" }>;
}

interface MembershipDraft {
  network: NetworkRef;
  status: MembershipStatus;
  channel: RegistrationChannel;
  timeline: Timeline;
}

interface MemberDraft {
  number: number;
  subject: string | null;
  givenName: string;
  familyName: string;
  female: boolean;
  email: string | null;
  phone: string | null;
  birthDate: IsoDate | null;
  birthYear: number | null;
  municipality: string;
  perspectives: Perspective[];
  tagKeys: string[];
  competences: string[];
  languages: string[];
  accessibilityNeeds: string | null;
  availabilityNote: string | null;
  organisationRepresented: string | null;
  preferredLocale: string;
  experienceText: string | null;
  memberships: MembershipDraft[];
  guardian: { givenName: string; email: string; phone: string; consented: boolean } | null;
  restricted: boolean;
  generated: boolean;
}

const PAUSE_REASONS = [
  "Behandling pågår – vill vänta med nya uppdrag.",
  "Mycket på jobbet under våren.",
  "Tar hand om en närstående just nu.",
  "Föräldraledig.",
  null,
] as const;

const WITHDRAWAL_NOTES = [
  "Flyttar från länet.",
  "Orkar inte med uppdrag längre.",
  "Har fått ett uppdrag i en patientförening i stället.",
  "Vill inte längre stå med i registret.",
] as const;

export function planMembers(ctx: PlanContext): PoolMember[] {
  const random = ctx.random("members");
  const emails = new EmailBook();
  const phones = new PhoneBook();
  const drafts: MemberDraft[] = [];
  const counters = new Map<string, number>();

  // 1. The demo members with an account, in the situations the demo needs them in.
  ctx.demo.demoMembers.forEach((demo, index) => {
    const number = index + 1;
    const pool = poolOf(ctx, demo.network);
    const identity = drawIdentity(random);
    const birth = demo.age === undefined ? drawBirth(ctx, random, true) : birthForAge(ctx.calendar, random, demo.age);
    const draft = newDraft(ctx, random, emails, phones, {
      number,
      subject: `${ctx.slug}-member-${number}`,
      identity,
      birth,
      perspectives: [...demo.perspectives],
      tagKeys: [...demo.experienceKeys],
      organisationRepresented: demo.organisationRepresented ?? null,
      channel: "WEB",
      pool,
    });
    draft.memberships.push(membershipDraft(ctx, random, counters, draft, ctx.network(demo.network), demo.status, "WEB", true));
    if (demo.age !== undefined && demo.age < 18) {
      // A minor's registration names a guardian, whose written consent the intake rules may require.
      draft.guardian = {
        givenName: drawGivenName(random, random.chance(0.5)),
        email: emails.take(emailLocalPart(drawGivenName(random, true), identity.familyName)),
        phone: phones.take(),
        consented: demo.status !== "PENDING_GUARDIAN_CONSENT",
      };
    }
    drafts.push(draft);
  });

  // 2. The rest of each pool, with every intake status represented.
  for (const pool of ctx.demo.networks) {
    const network = ctx.network(pool.slug);
    const demoCount = ctx.demo.demoMembers.filter((demo) => demo.network === pool.slug).length;
    for (const status of statusMix(pool.memberCount - demoCount, hasTrainingStep(ctx, network))) {
      const identity = drawIdentity(random);
      const channel: RegistrationChannel = random.weighted([
        ["WEB", 16],
        ["POSTAL", 3],
        ["PHONE", 1],
      ]);
      const representative =
        pool.representatives && random.chance(pool.representatives.share) ? random.pick(pool.representatives.organisations) : null;
      const perspectives = representative ? (["PATIENT"] as Perspective[]) : [...random.weighted(pool.perspectives)];
      const tagKeys = representative
        ? random.sample(representative.experienceKeys, random.int(1, Math.min(2, representative.experienceKeys.length)))
        : drawExperiences(ctx, random, pool, perspectives);
      const draft = newDraft(ctx, random, emails, phones, {
        number: drafts.length + 1,
        subject: null,
        identity,
        birth: drawBirth(ctx, random, channel === "WEB"),
        perspectives,
        tagKeys,
        organisationRepresented: representative?.name ?? null,
        channel,
        pool,
      });
      draft.generated = true;
      draft.memberships.push(membershipDraft(ctx, random, counters, draft, network, status, channel));
      drafts.push(draft);
    }
  }

  const activeGenerated = (slug: string) =>
    drafts.filter((draft) => draft.generated && draft.memberships[0]?.network.slug === slug && draft.memberships[0]?.status === "ACTIVE");

  // 3. A household sharing one e-mail address: flagged as a probable duplicate, resolved as two people.
  const firstPool = ctx.demo.networks[0] ?? ctx.fail("no networks");
  const [partnerA, partnerB] = activeGenerated(firstPool.slug).slice(-2);
  // The one who registered first is the existing member; the later registration is the one flagged.
  const household =
    partnerA && partnerB
      ? firstRegistration(partnerA) <= firstRegistration(partnerB)
        ? { existing: partnerA, member: partnerB }
        : { existing: partnerB, member: partnerA }
      : null;
  if (household) {
    const { existing, member } = household;
    member.familyName = existing.familyName;
    member.municipality = existing.municipality;
    member.perspectives = ["RELATIVE"];
    if (ctx.refs.tags.has("partner")) member.tagKeys = [...new Set(["partner", ...existing.tagKeys.slice(0, 1)])];
    member.experienceText = `Närstående till min partner. ${existing.experienceText ?? ""}`.trim();
    const shared = emails.take(`familjen.${emailLocalPart(existing.familyName)}`);
    existing.email = shared;
    member.email = shared;
  }

  // 4. Members in two networks (Jönköping: somatic and psychiatric experience in one person).
  const secondPool = ctx.demo.networks[1];
  if (secondPool && ctx.demo.crossMemberships) {
    const network = ctx.network(secondPool.slug);
    for (const draft of activeGenerated(firstPool.slug).slice(0, ctx.demo.crossMemberships)) {
      draft.memberships.push(membershipDraft(ctx, random, counters, draft, network, "ACTIVE", "WEB"));
      const extra = drawExperiences(ctx, random, secondPool, draft.perspectives).slice(0, 1);
      draft.tagKeys = [...new Set([...draft.tagKeys, ...extra])];
    }
  }

  // 5. One person registered again on paper: same name and birth year, same phone. Flagged, not yet resolved.
  const original = activeGenerated(firstPool.slug).find((draft) => draft.phone !== null && draft !== household?.existing);
  let postalDuplicate: MemberDraft | null = null;
  if (original) {
    postalDuplicate = {
      ...original,
      number: drafts.length + 1,
      subject: null,
      email: null,
      birthDate: null,
      birthYear: original.birthYear ?? Number((original.birthDate ?? "").slice(0, 4)),
      experienceText: "Anmälan per post. Vill berätta om sina erfarenheter.",
      memberships: [],
      guardian: null,
      restricted: false,
      generated: false,
    };
    postalDuplicate.memberships.push(
      membershipDraft(
        ctx,
        random,
        counters,
        postalDuplicate,
        original.memberships[0]?.network ?? ctx.network(firstPool.slug),
        "REGISTERED",
        "POSTAL",
      ),
    );
    drafts.push(postalDuplicate);
  }

  // 6. A restriction of processing (GDPR art. 18) on one paused member of the tenant's last pool.
  const lastPool = ctx.demo.networks[ctx.demo.networks.length - 1] ?? firstPool;
  const paused = drafts.find(
    (draft) => draft.generated && draft.memberships[0]?.network.slug === lastPool.slug && draft.memberships[0]?.status === "PAUSED",
  );
  if (paused) paused.restricted = true;

  // Rows.
  const pool: PoolMember[] = [];
  for (const draft of drafts) pool.push(...emitMember(ctx, draft));

  if (household) {
    const { existing, member } = household;
    const registeredAt = firstRegistration(member);
    planDuplicate(ctx, member, existing, registeredAt, {
      resolvedAt: new Date(registeredAt.getTime() + 3 * DAY_MS),
      resolution: "DIFFERENT_PEOPLE",
    });
  }
  if (postalDuplicate && original) planDuplicate(ctx, postalDuplicate, original, firstRegistration(postalDuplicate), null);
  planPrivacyRequests(ctx, drafts);
  return pool;
}

function poolOf(ctx: PlanContext, slug: string): NetworkPoolSeed {
  return ctx.demo.networks.find((pool) => pool.slug === slug) ?? ctx.fail(`no member pool for network "${slug}"`);
}

function hasTrainingStep(ctx: PlanContext, network: NetworkRef): boolean {
  return network.rules.requireTrainingAttended || ctx.refs.sessions.some((session) => session.networkSlug === network.slug);
}

/** Every intake status at least once (TRAINED only where there is training), the rest of the pool active. */
function statusMix(count: number, trainingStep: boolean): MembershipStatus[] {
  const intake: MembershipStatus[] = [
    "REGISTERED",
    "REGISTERED",
    "CONTACTED",
    "CONTACTED",
    "INTRODUCTION_BOOKED",
    "INTRODUCTION_BOOKED",
    ...(trainingStep ? (["TRAINED", "TRAINED"] as const) : []),
    "PAUSED",
    "PAUSED",
    "WITHDRAWN",
    "ERASED",
  ];
  if (count < intake.length + 2) throw new Error(`A pool needs at least ${intake.length + 2} generated members, got ${count}`);
  return [...Array.from({ length: count - intake.length }, () => "ACTIVE" as const), ...intake];
}

function drawBirth(ctx: PlanContext, random: SeededRandom, fullDate: boolean): { birthDate: IsoDate | null; birthYear: number | null } {
  const age = random.weighted([
    // Adults when they registered, even those who joined years ago (no guardian consent is on file for them).
    [random.int(24, 29), 1],
    [random.int(30, 44), 3],
    [random.int(45, 59), 4],
    [random.int(60, 74), 4],
    [random.int(75, 88), 2],
  ]);
  const birthDate = addDays(ctx.calendar.today, -Math.floor(age * 365.25) - random.int(0, 364));
  // Paper forms often give only the year of birth.
  return fullDate || random.chance(0.5) ? { birthDate, birthYear: null } : { birthDate: null, birthYear: Number(birthDate.slice(0, 4)) };
}

/** A birth date that makes the person exactly `age` today. */
function birthForAge(calendar: Calendar, random: SeededRandom, age: number): { birthDate: IsoDate; birthYear: null } {
  let birthDate = addDays(calendar.today, -Math.floor(age * 365.25) - random.int(20, 300));
  while ((ageOn({ birthDate }, calendar.today) ?? 0) > age) birthDate = addDays(birthDate, 7);
  while ((ageOn({ birthDate }, calendar.today) ?? 0) < age) birthDate = addDays(birthDate, -7);
  return { birthDate, birthYear: null };
}

function drawExperiences(ctx: PlanContext, random: SeededRandom, pool: NetworkPoolSeed, perspectives: readonly Perspective[]): string[] {
  const relativeTags = pool.experienceKeys.filter((key) => ctx.tag(key).relative);
  const ownTags = pool.experienceKeys.filter((key) => !ctx.tag(key).relative);
  const keys: string[] = [];
  if (perspectives.includes("PATIENT") || perspectives.includes("SERVICE_USER")) keys.push(...random.sample(ownTags, random.int(1, 2)));
  if (perspectives.includes("RELATIVE") && relativeTags.length > 0) {
    keys.push(random.pick(relativeTags));
    // A relative's experience is usually of a particular condition too.
    if (random.chance(0.6)) keys.push(random.pick(ownTags));
  }
  return [...new Set(keys)];
}

interface DraftInput {
  number: number;
  subject: string | null;
  identity: { givenName: string; familyName: string; female: boolean };
  birth: { birthDate: IsoDate | null; birthYear: number | null };
  perspectives: Perspective[];
  tagKeys: string[];
  organisationRepresented: string | null;
  channel: RegistrationChannel;
  pool: NetworkPoolSeed;
}

function newDraft(ctx: PlanContext, random: SeededRandom, emails: EmailBook, phones: PhoneBook, input: DraftInput): MemberDraft {
  const { identity, channel } = input;
  for (const key of input.tagKeys) ctx.tag(key);
  const municipality = random.weighted(ctx.demo.municipalities);
  if (!isMunicipalityAllowed(ctx.region.intakeRules, municipality))
    ctx.fail(`municipality "${municipality}" is not allowed by the intake rules`);
  const hasEmail = channel === "WEB" || random.chance(channel === "PHONE" ? 0.5 : 0.3);
  const hasPhone = channel !== "WEB" || random.chance(0.85);
  const experiences = input.tagKeys.map((key) => {
    const tag = ctx.tag(key);
    return { labelSv: tag.labelSv, relative: tag.relative };
  });
  const languages = drawLanguages(random, identity);
  return {
    number: input.number,
    subject: input.subject,
    givenName: identity.givenName,
    familyName: identity.familyName,
    female: identity.female,
    email: hasEmail ? emails.take(emailLocalPart(identity.givenName, identity.familyName)) : null,
    phone: hasPhone ? phones.take() : null,
    birthDate: input.birth.birthDate,
    birthYear: input.birth.birthYear,
    municipality,
    perspectives: input.perspectives,
    tagKeys: input.tagKeys,
    competences: drawCompetences(random),
    languages,
    accessibilityNeeds: drawAccessibilityNeeds(random),
    availabilityNote: drawAvailability(random),
    organisationRepresented: input.organisationRepresented,
    preferredLocale: languages.includes("en") && random.chance(0.2) ? "en" : "sv",
    experienceText: describeExperience(
      random,
      experiences,
      input.perspectives.includes("SERVICE_USER") && !input.perspectives.includes("PATIENT"),
    ),
    memberships: [],
    guardian: null,
    restricted: false,
    generated: false,
  };
}

/** Plans when each intake step of one membership happened, working back from the status it has today. */
function membershipDraft(
  ctx: PlanContext,
  random: SeededRandom,
  counters: Map<string, number>,
  draft: Pick<MemberDraft, "birthDate" | "birthYear">,
  network: NetworkRef,
  status: MembershipStatus,
  channel: RegistrationChannel,
  /** Joined long ago: the demo members take part in requests from months back. */
  veteran = false,
): MembershipDraft {
  const { calendar } = ctx;
  const now = calendar.now;
  const day = (offset: number, from?: Date) =>
    from
      ? new Date(from.getTime() + offset * DAY_MS)
      : calendar.at(offset, `${String(random.int(8, 16)).padStart(2, "0")}:${random.pick(["05", "20", "35", "50"])}`);
  const sessions = ctx.refs.sessions.filter((session) => session.networkSlug === network.slug);
  const past = sessions.filter((session) => session.endsAt.getTime() < now.getTime() - DAY_MS);
  const upcoming = sessions.filter((session) => session.startsAt.getTime() > now.getTime());
  const timeline: Timeline = {
    registeredAt: now,
    contactCallAt: null,
    introductionBookedAt: null,
    introductionHeldAt: null,
    trainedAt: null,
    activatedAt: null,
    withdrawnAt: null,
    erasedAt: null,
    guardianConsentAt: null,
    pauses: [],
    enrolments: [],
  };
  const minor = (ageOn(draft, calendar.today) ?? 99) < (network.rules.guardianConsentBelowAge ?? 0);
  const rules = network.rules;
  const trainingStep = hasTrainingStep(ctx, network);
  const takeCounter = (name: string) => {
    const key = `${network.slug}/${name}`;
    const value = counters.get(key) ?? 0;
    counters.set(key, value + 1);
    return value;
  };

  const earlyStart = (registeredDaysAgo: number) => {
    timeline.registeredAt = day(-registeredDaysAgo);
    if (minor) timeline.guardianConsentAt = day(random.int(2, 5), timeline.registeredAt);
  };

  const throughIntroduction = (registeredAt: Date) => {
    timeline.registeredAt = registeredAt;
    if (minor) timeline.guardianConsentAt = day(random.int(2, 5), registeredAt);
    timeline.contactCallAt = day(random.int(2, 7) + (minor ? 5 : 0), registeredAt);
    timeline.introductionBookedAt = day(random.int(0, 2), timeline.contactCallAt);
  };

  switch (status) {
    case "PENDING_GUARDIAN_CONSENT":
      timeline.registeredAt = day(-4);
      break;
    case "REGISTERED":
      earlyStart(random.int(1, 12));
      break;
    case "CONTACTED":
      earlyStart(random.int(10, 30));
      timeline.contactCallAt = day(random.int(2, 6), timeline.registeredAt);
      break;
    case "INTRODUCTION_BOOKED": {
      const noShowSession = past[past.length - 1];
      if (trainingStep && upcoming.length > 0 && takeCounter("booked") === 0 && noShowSession) {
        // Booked on the latest session, did not come, and is booked again on the next one.
        throughIntroduction(day(-random.int(20, 30), noShowSession.startsAt));
        timeline.enrolments.push({
          session: noShowSession,
          enrolledAt: timeline.introductionBookedAt ?? now,
          attended: false,
          status: "ENROLLED",
        });
        timeline.introductionBookedAt = day(1, noShowSession.endsAt);
      } else {
        throughIntroduction(day(-random.int(15, 40)));
      }
      const next = upcoming[0];
      if (trainingStep && next) {
        timeline.enrolments.push({ session: next, enrolledAt: timeline.introductionBookedAt ?? now, attended: null, status: "ENROLLED" });
      }
      break;
    }
    case "TRAINED": {
      const session = past[past.length - 1] ?? ctx.fail(`network "${network.slug}" has TRAINED members but no past session`);
      throughIntroduction(day(-random.int(20, 35), session.startsAt));
      timeline.enrolments.push({ session, enrolledAt: timeline.introductionBookedAt ?? now, attended: true, status: "ENROLLED" });
      timeline.trainedAt = session.endsAt;
      break;
    }
    default: {
      // ACTIVE, PAUSED, WITHDRAWN, ERASED: a full intake some time ago.
      const older = status !== "ACTIVE" || veteran;
      if (trainingStep && past.length > 1) {
        // Spread members over the past sessions, the oldest for those who have since left or paused.
        const candidates = past.slice(0, -1);
        const index = older
          ? takeCounter("older") % Math.max(1, Math.ceil(candidates.length / 2))
          : takeCounter("active") % candidates.length;
        const session = (older ? candidates[index] : candidates[candidates.length - 1 - index]) ?? ctx.fail("no session");
        throughIntroduction(day(-random.int(20, 50), session.startsAt));
        timeline.enrolments.push({ session, enrolledAt: timeline.introductionBookedAt ?? now, attended: true, status: "ENROLLED" });
        timeline.trainedAt = session.endsAt;
        timeline.activatedAt = day(random.int(1, 6), session.endsAt);
      } else {
        // Minors joined recently (with their guardian's consent); adults any time in the last few years.
        const drawn = minor ? random.int(60, 200) : older ? random.int(500, 1300) : random.int(90, 1300);
        // Nobody registered before the region started using the platform (and consented to texts published then).
        const horizon = Math.floor((now.getTime() - CONFIGURATION_EPOCH.getTime()) / DAY_MS) - 60;
        throughIntroduction(day(-Math.max(60, Math.min(drawn, horizon))));
        const booked = timeline.introductionBookedAt ?? now;
        if (rules.requireIntroductionMeeting || !trainingStep) {
          timeline.introductionHeldAt = day(random.int(7, 21), booked);
          timeline.activatedAt = day(random.int(0, 2), timeline.introductionHeldAt);
        } else {
          timeline.trainedAt = day(random.int(7, 21), booked);
          timeline.activatedAt = day(random.int(1, 5), timeline.trainedAt);
        }
      }
      const activatedAt = timeline.activatedAt ?? now;
      const span = now.getTime() - activatedAt.getTime();
      const within = (from: number, to: number) => new Date(activatedAt.getTime() + span * (from + random.next() * (to - from)));
      if (status === "PAUSED") {
        const from = day(-random.int(10, 60));
        const to = random.chance(0.5) ? day(random.int(30, 120)) : null;
        timeline.pauses.push({ from: from < activatedAt ? within(0.5, 0.9) : from, to, reason: random.pick(PAUSE_REASONS) });
      } else if (status === "WITHDRAWN") {
        timeline.withdrawnAt = within(0.4, 0.9);
      } else if (status === "ERASED") {
        timeline.withdrawnAt = within(0.2, 0.5);
        timeline.erasedAt = new Date(timeline.withdrawnAt.getTime() + 30 * DAY_MS);
      } else if (random.chance(0.2) && span > 200 * DAY_MS) {
        // An earlier pause that has ended.
        const from = within(0.2, 0.5);
        timeline.pauses.push({ from, to: new Date(from.getTime() + random.int(30, 90) * DAY_MS), reason: random.pick(PAUSE_REASONS) });
      }
    }
  }
  return { network, status, channel, timeline };
}

function firstRegistration(draft: MemberDraft): Date {
  return new Date(Math.min(...draft.memberships.map((membership) => membership.timeline.registeredAt.getTime())));
}

/** The person's identity as the domain's duplicate detection reads it. */
function identityOf(draft: MemberDraft) {
  return {
    givenName: draft.givenName,
    familyName: draft.familyName,
    email: draft.email,
    phone: draft.phone,
    birthDate: draft.birthDate,
    birthYear: draft.birthYear,
  };
}

function emitMember(ctx: PlanContext, draft: MemberDraft): PoolMember[] {
  const { plan } = ctx;
  const memberId = ctx.id("member", draft.number);
  const texts = ctx.consentTexts();
  const registeredAt = firstRegistration(draft);
  const erasedAt = draft.memberships.every((membership) => membership.timeline.erasedAt)
    ? (draft.memberships[0]?.timeline.erasedAt ?? null)
    : null;
  const withdrawnAt = draft.memberships.every((membership) => membership.timeline.withdrawnAt)
    ? new Date(Math.max(...draft.memberships.map((membership) => membership.timeline.withdrawnAt?.getTime() ?? 0)))
    : null;
  const keys = duplicateKeys(identityOf(draft));
  const key = (kind: string) => keys.find((candidate) => candidate.kind === kind)?.value ?? null;
  const coordinator = (membership: MembershipDraft) => membership.network.coordinatorIds[0] ?? null;
  const firstMembership = draft.memberships[0] ?? ctx.fail(`member ${draft.number} has no membership`);
  const minor = (ageOn(draft, ctx.calendar.today) ?? 99) < 18;

  // Every event of every membership, to find the latest change.
  let lastChange = registeredAt;
  const pool: PoolMember[] = [];
  const memberRow = {
    id: memberId,
    subject: draft.subject,
    // Erasure keeps the facts statistics need (perspectives, memberships, assignments) and clears the person.
    givenName: erasedAt ? "" : draft.givenName,
    familyName: erasedAt ? "" : draft.familyName,
    email: erasedAt ? null : draft.email,
    phone: erasedAt ? null : draft.phone,
    birthDate: erasedAt || draft.birthDate === null ? null : dateOnly(draft.birthDate),
    birthYear: erasedAt ? null : draft.birthYear,
    municipality: erasedAt ? null : draft.municipality,
    perspectives: draft.perspectives,
    experienceText: erasedAt ? null : draft.experienceText,
    competences: erasedAt ? [] : draft.competences,
    languages: erasedAt ? [] : draft.languages,
    accessibilityNeeds: erasedAt ? null : draft.accessibilityNeeds,
    availabilityNote: erasedAt ? null : draft.availabilityNote,
    organisationRepresented: erasedAt ? null : draft.organisationRepresented,
    preferredLocale: draft.preferredLocale,
    emailKey: erasedAt ? null : key("EMAIL"),
    phoneKey: erasedAt ? null : key("PHONE"),
    nameBirthYearKey: erasedAt ? null : key("NAME_AND_BIRTH_YEAR"),
    restrictedAt: null as Date | null,
    erasedAt,
    lastActiveAt: registeredAt,
    createdAt: registeredAt,
    updatedAt: registeredAt,
    version: 1,
  };
  plan.members.push(memberRow);
  if (!erasedAt) {
    for (const tagKey of draft.tagKeys) plan.memberExperiences.push({ memberId, tagId: ctx.tag(tagKey).id });
  }

  // The guardian of a minor, and their written consent (recorded by the coordinator from the paper form).
  let guardianId: string | null = null;
  if (draft.guardian) {
    guardianId = ctx.id("guardian", draft.number);
    plan.guardians.push({
      id: guardianId,
      memberId,
      name: `${draft.guardian.givenName} ${draft.familyName}`,
      email: draft.guardian.email,
      phone: draft.guardian.phone,
      relation: "Förälder",
      createdAt: registeredAt,
    });
  }

  // Consent to processing at registration; a postal or phone registration is recorded by the coordinator.
  const onBehalf = firstMembership.channel !== "WEB";
  plan.consents.push({
    id: ctx.id("consent", "processing", draft.number),
    memberId,
    kind: "PROCESSING",
    consentTextId: texts.processing,
    givenBy: onBehalf ? "STAFF_ON_BEHALF" : "MEMBER",
    guardianId: null,
    requestId: null,
    recordedById: onBehalf ? coordinator(firstMembership) : null,
    givenAt: registeredAt,
    withdrawnAt,
  });

  draft.memberships.forEach((membership, index) => {
    const { timeline, network, status } = membership;
    const membershipId = ctx.id("membership", draft.number, network.slug);
    const actorId = coordinator(membership);
    const guardianConsentAt = timeline.guardianConsentAt;
    if (draft.guardian?.consented && guardianConsentAt && index === 0) {
      plan.consents.push({
        id: ctx.id("consent", "guardian", draft.number),
        memberId,
        kind: "GUARDIAN",
        consentTextId: texts.guardian,
        givenBy: "GUARDIAN",
        guardianId,
        requestId: null,
        recordedById: actorId,
        givenAt: guardianConsentAt,
        withdrawnAt: null,
      });
    }

    // The history, step by step, each step checked against the network's rules with the domain's state machine.
    type Step = { to: MembershipStatus; at: Date; note: string | null; actor: "MEMBER" | "STAFF" | "SYSTEM" };
    const steps: Step[] = [];
    const first: MembershipStatus = minor && network.rules.guardianConsentBelowAge !== null ? "PENDING_GUARDIAN_CONSENT" : "REGISTERED";
    steps.push({
      to: first,
      at: timeline.registeredAt,
      note:
        membership.channel === "POSTAL"
          ? "Anmälan per post, inlagd av samordnaren."
          : membership.channel === "PHONE"
            ? "Anmälan per telefon."
            : null,
      actor: membership.channel === "WEB" ? "MEMBER" : "STAFF",
    });
    if (first === "PENDING_GUARDIAN_CONSENT" && guardianConsentAt && draft.guardian?.consented) {
      steps.push({ to: "REGISTERED", at: guardianConsentAt, note: "Vårdnadshavares skriftliga samtycke har kommit in.", actor: "STAFF" });
    }
    if (timeline.contactCallAt) {
      steps.push({
        to: "CONTACTED",
        at: timeline.contactCallAt,
        note: "Telefonsamtal: berättade om uppdrag, stöd och arvode.",
        actor: "STAFF",
      });
    }
    if (timeline.introductionBookedAt) {
      steps.push({ to: "INTRODUCTION_BOOKED", at: timeline.introductionBookedAt, note: "Introduktion bokad.", actor: "STAFF" });
    }
    if (timeline.trainedAt) steps.push({ to: "TRAINED", at: timeline.trainedAt, note: "Deltog i utbildningen.", actor: "STAFF" });
    if (timeline.activatedAt) {
      const note = timeline.introductionHeldAt ? "Introduktionsmöte hållet; välkommen som medverkande." : "Välkommen som medverkande.";
      steps.push({ to: "ACTIVE", at: timeline.activatedAt, note, actor: "STAFF" });
    }
    for (const pause of timeline.pauses) {
      if (pause.from.getTime() > ctx.calendar.now.getTime()) continue;
      steps.push({ to: "PAUSED", at: pause.from, note: pause.reason, actor: "MEMBER" });
      if (pause.to && pause.to.getTime() <= ctx.calendar.now.getTime())
        steps.push({ to: "ACTIVE", at: pause.to, note: "Pausen är slut.", actor: "SYSTEM" });
    }
    if (timeline.withdrawnAt) {
      steps.push({
        to: "WITHDRAWN",
        at: timeline.withdrawnAt,
        note: WITHDRAWAL_NOTES[draft.number % WITHDRAWAL_NOTES.length] ?? null,
        actor: "MEMBER",
      });
    }
    if (timeline.erasedAt) steps.push({ to: "ERASED", at: timeline.erasedAt, note: "Uppgifterna raderade på begäran.", actor: "STAFF" });

    const finalStatus = steps[steps.length - 1]?.to;
    if (finalStatus !== status) ctx.fail(`member ${draft.number} in "${network.slug}" ends as ${finalStatus}, planned ${status}`);
    checkHistory(ctx, draft, membership, steps, guardianConsentAt);

    let previous: MembershipStatus | null = null;
    steps.forEach((step, stepIndex) => {
      plan.membershipEvents.push({
        id: ctx.id("membership-event", draft.number, network.slug, stepIndex),
        membershipId,
        fromStatus: previous,
        toStatus: step.to,
        note: step.note,
        actorType: step.actor,
        actorId: step.actor === "STAFF" ? actorId : step.actor === "MEMBER" ? memberId : null,
        at: step.at,
      });
      previous = step.to;
      if (step.at > lastChange) lastChange = step.at;
      if (step.actor === "MEMBER" && step.at > memberRow.lastActiveAt) memberRow.lastActiveAt = step.at;
    });

    const membershipRow: MembershipRow = {
      id: membershipId,
      memberId,
      networkId: network.id,
      status,
      channel: membership.channel,
      registeredAt: timeline.registeredAt,
      statusChangedAt: steps[steps.length - 1]?.at ?? timeline.registeredAt,
      contactCallAt: timeline.contactCallAt,
      introductionBookedAt: timeline.introductionBookedAt,
      introductionHeldAt: timeline.introductionHeldAt,
      trainedAt: timeline.trainedAt,
      activatedAt: timeline.activatedAt,
      withdrawnAt: timeline.withdrawnAt,
      lastInvitedAt: null,
      lastAssignmentAt: null,
      version: 1,
    };
    plan.memberships.push(membershipRow);

    timeline.pauses.forEach((pause, pauseIndex) => {
      plan.memberPauses.push({
        id: ctx.id("member-pause", draft.number, network.slug, pauseIndex),
        memberId,
        startsOn: dateOnly(stockholmDate(pause.from)),
        endsOn: pause.to ? dateOnly(stockholmDate(pause.to)) : null,
        reason: pause.reason,
        createdAt: pause.from.getTime() > ctx.calendar.now.getTime() ? ctx.calendar.now : pause.from,
      });
    });
    timeline.enrolments.forEach((enrolment) => {
      plan.trainingEnrolments.push({
        id: ctx.id("training-enrolment", draft.number, enrolment.session.id),
        sessionId: enrolment.session.id,
        memberId,
        status: enrolment.status,
        enrolledAt: enrolment.enrolledAt,
        attended: enrolment.attended,
        attendanceRecordedAt: enrolment.attended === null ? null : new Date(enrolment.session.endsAt.getTime() + 3_600_000),
      });
    });

    pool.push({
      memberId,
      number: draft.number,
      networkSlug: network.slug,
      tagKeys: draft.tagKeys,
      perspectives: draft.perspectives,
      minor,
      status,
      restricted: draft.restricted,
      pauses: timeline.pauses.map((pause) => ({ from: stockholmDate(pause.from), to: pause.to ? stockholmDate(pause.to) : null })),
      membership: membershipRow,
      touch: (instant: Date) => {
        if (instant > memberRow.lastActiveAt) memberRow.lastActiveAt = instant;
        if (instant > memberRow.updatedAt) memberRow.updatedAt = instant;
      },
    });
  });

  memberRow.updatedAt = lastChange;
  if (draft.restricted) {
    const pause = draft.memberships[0]?.timeline.pauses[0];
    memberRow.restrictedAt = new Date((pause?.from ?? lastChange).getTime() + 2 * DAY_MS);
    if (memberRow.restrictedAt > memberRow.updatedAt) memberRow.updatedAt = memberRow.restrictedAt;
  }

  // A correction the member made to their own profile (rectification history).
  if (draft.subject && draft.number === 1) {
    const at = ctx.calendar.at(-30, "19:40");
    plan.memberRevisions.push({
      id: ctx.id("member-revision", draft.number, 1),
      memberId,
      changes: { availabilityNote: { from: "Dagtid vardagar.", to: draft.availabilityNote } },
      actorType: "MEMBER",
      actorId: memberId,
      at,
    });
    if (at > memberRow.lastActiveAt) memberRow.lastActiveAt = at;
    if (at > memberRow.updatedAt) memberRow.updatedAt = at;
  }
  return pool;
}

/** Throws when the planned history is one the domain's intake rules would refuse: the demo must be a possible world. */
function checkHistory(
  ctx: PlanContext,
  draft: MemberDraft,
  membership: MembershipDraft,
  steps: ReadonlyArray<{ to: MembershipStatus; at: Date }>,
  guardianConsentAt: Date | null,
): void {
  const { rules } = membership.network;
  const { timeline } = membership;
  const facts = (at: Date): IntakeFacts => {
    const before = (instant: Date | null) => instant !== null && instant.getTime() <= at.getTime();
    return {
      age: ageOn(draft, at),
      guardianConsentGiven: Boolean(draft.guardian?.consented) && before(guardianConsentAt),
      contactCallRecorded: before(timeline.contactCallAt),
      introductionMeetingHeld: before(timeline.introductionHeldAt),
      trainingAttended: before(timeline.trainedAt),
      municipality: draft.municipality,
      representsOrganisation: draft.organisationRepresented !== null,
      organisationMandateRecorded: draft.organisationRepresented !== null,
    };
  };
  const [first, ...rest] = steps;
  if (!first) return;
  const initial = initialStatus(rules, ageOn(draft, first.at), false, draft.municipality);
  if (!initial.ok || initial.status !== first.to) {
    ctx.fail(`member ${draft.number} cannot start as ${first.to} in "${membership.network.slug}"`);
  }
  let from: MembershipStatus = first.to;
  let time = first.at;
  for (const step of rest) {
    if (step.at.getTime() < time.getTime()) ctx.fail(`member ${draft.number}: ${step.to} happens before ${from}`);
    const check = checkTransition({ from, to: step.to, facts: facts(step.at), rules });
    if (!check.ok) {
      ctx.fail(
        `member ${draft.number} in "${membership.network.slug}": ${from} → ${step.to} refused: ${check.violations.map((v) => v.rule).join(", ")}`,
      );
    }
    from = step.to;
    time = step.at;
  }
  if (time.getTime() > ctx.calendar.now.getTime()) ctx.fail(`member ${draft.number} has history in the future`);
}

function planDuplicate(
  ctx: PlanContext,
  member: MemberDraft,
  existing: MemberDraft,
  at: Date,
  resolution: { resolvedAt: Date; resolution: "DIFFERENT_PEOPLE" | "SAME_PERSON_MERGED" } | null,
): void {
  const [match] = findProbableDuplicates(identityOf(member), [identityOf(existing)]);
  if (!match) ctx.fail(`members ${member.number} and ${existing.number} were meant to look like duplicates`);
  ctx.plan.duplicateCandidates.push({
    id: ctx.id("duplicate-candidate", member.number, existing.number),
    memberId: ctx.id("member", member.number),
    existingMemberId: ctx.id("member", existing.number),
    matchedOn: [...match.matchedOn],
    createdAt: at,
    resolvedAt: resolution?.resolvedAt ?? null,
    resolution: resolution?.resolution ?? null,
  });
}

/** GDPR requests: the erasures that were carried out, the restriction, and one access request still open. */
function planPrivacyRequests(ctx: PlanContext, drafts: readonly MemberDraft[]): void {
  const add = (kind: "ERASURE" | "RESTRICTION" | "ACCESS", draft: MemberDraft, receivedAt: Date, completedAt: Date | null, note: string) =>
    ctx.plan.dataSubjectRequests.push({
      id: ctx.id("data-subject-request", kind, draft.number),
      memberId: ctx.id("member", draft.number),
      kind,
      channel: "WEB",
      receivedAt,
      // The controller must answer within one month (GDPR art. 12.3).
      dueAt: new Date(receivedAt.getTime() + 30 * DAY_MS),
      completedAt,
      note,
    });
  for (const draft of drafts) {
    const erasedAt = draft.memberships[0]?.timeline.erasedAt;
    if (erasedAt)
      add("ERASURE", draft, new Date(erasedAt.getTime() - 6 * DAY_MS), erasedAt, "Begäran om radering efter avslutat medlemskap.");
    if (draft.restricted) {
      const pause = draft.memberships[0]?.timeline.pauses[0]?.from ?? ctx.calendar.now;
      add(
        "RESTRICTION",
        draft,
        pause,
        new Date(pause.getTime() + 2 * DAY_MS),
        "Personen bestrider att uppgifterna om erfarenhet är riktiga; behandlingen begränsad tills de rättats.",
      );
    }
  }
  const asking = drafts.find((draft) => draft.subject !== null && draft.memberships[0]?.status === "ACTIVE" && draft.number === 3);
  if (asking) add("ACCESS", asking, ctx.calendar.at(-5, "20:15"), null, "Vill få ut alla uppgifter som finns registrerade.");
}
