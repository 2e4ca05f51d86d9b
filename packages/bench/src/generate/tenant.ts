// Generates one tenant's people and history as COPY rows: members with memberships (intake history, pauses,
// withdrawals, erasures), consents and experience tags; then years of requests with occasions, invitations,
// contact-sharing consents, assignments, attendance, fee claims (computed with the domain's fee rules for the
// occasion's date), payroll exports and feedback. Everything is drawn from seeded streams, so the same seed and
// reference day give the same rows.

import {
  drawCompetences,
  drawIdentity,
  drawLanguages,
  emailLocalPart,
  type SeededRandom,
  seededRandom,
  stockholmDate,
} from "@medverkan/database/seed";
import {
  computeFee,
  duplicateKeys,
  type FeeComputation,
  isValidOn,
  NATIONAL_PRICE_BASE_AMOUNTS,
  priceBaseAmountTable,
} from "@medverkan/domain";
import { CalendarDate } from "./copy.js";
import { uuidV7 } from "./ids.js";
import type { TenantRefs } from "./refs.js";
import type { NationalRegion } from "./regions.js";
import type { Tables } from "./tables.js";

const HOUR = 3_600_000;
/** When the configuration (and the consent texts) of every region were published: the demo seed's epoch. */
const CONSENT_TEXTS_PUBLISHED = Date.UTC(2021, 5, 2);
const DAY = 24 * HOUR;
const PRICE_BASE_AMOUNTS = priceBaseAmountTable(NATIONAL_PRICE_BASE_AMOUNTS);

export interface Scale {
  readonly members: number;
  readonly years: number;
  readonly requestsPerYear: number;
}

type Perspective = "PATIENT" | "RELATIVE" | "SERVICE_USER";

interface MembershipState {
  readonly id: string;
  readonly networkIndex: number;
  readonly status: string;
  readonly channel: string;
  readonly registeredAt: number;
  readonly contactCallAt: number | null;
  readonly introductionBookedAt: number | null;
  readonly introductionHeldAt: number | null;
  readonly trainedAt: number | null;
  readonly activatedAt: number | null;
  readonly withdrawnAt: number | null;
  readonly pauses: ReadonlyArray<{ from: number; to: number | null }>;
  lastInvitedAt: number | null;
  lastAssignmentAt: number | null;
}

interface MemberState {
  readonly id: string;
  readonly number: number;
  readonly perspectives: Perspective[];
  readonly tagIds: Set<string>;
  readonly erased: boolean;
  readonly memberships: MembershipState[];
  invited: number;
  lastActiveAt: number;
}

/** A member who can be asked in one network: active by then, not withdrawn, not paused. */
interface Candidate {
  readonly member: MemberState;
  readonly membership: MembershipState;
}

const PAUSE_REASONS = ["Behandling pågår.", "Mycket på jobbet just nu.", "Tar hand om en närstående.", "Föräldraledig.", null] as const;
const DECLINE_REASONS = ["Kan tyvärr inte den dagen.", "Passar inte just nu av hälsoskäl.", "Har redan ett uppdrag samma vecka."] as const;
const TOPICS = [
  "Patientsäkerhet i övergången mellan vårdnivåer",
  "Nytt standardiserat vårdförlopp",
  "Utbildning för ST-läkare",
  "Revidering av patientinformation",
  "Förbättringsarbete på akutmottagningen",
  "Digitala vårdbesök",
  "Samordnad individuell plan",
  "Läkemedelsgenomgångar",
  "Bemötande i psykiatrin",
  "Rehabilitering efter stroke",
  "Väntetider till barn- och ungdomspsykiatrin",
  "Egenvård vid diabetes",
] as const;
const UNIT_COMMENTS = [
  "Mycket värdefullt – vi tar med oss flera konkreta förslag.",
  "Gav gruppen nya perspektiv.",
  "Tydliga synpunkter som redan lett till ändringar.",
  null,
] as const;
const PARTICIPANT_COMMENTS = [
  "Jag kände mig lyssnad på.",
  "Hade gärna fått materialet tidigare.",
  "Vill gärna vara med igen.",
  null,
] as const;

export interface TenantTotals {
  members: number;
  requests: number;
}

export function generateTenant(
  region: NationalRegion,
  refs: TenantRefs,
  scale: Scale,
  seed: number,
  now: Date,
  tables: Tables,
): TenantTotals {
  const stream = (purpose: string) => seededRandom(`${seed}/${region.slug}/${purpose}`);
  const ids = stream("ids");
  const nowMs = now.getTime();
  const tenantId = refs.id;
  if (refs.networks.length === 0) throw new Error(`${region.slug}: no networks`);

  // Popular experiences are common among members and in requests alike (Zipf-like weights over the leaf tags).
  const ownTags = refs.tags.filter((tag) => tag.leaf && !tag.relative);
  const relativeTags = refs.tags.filter((tag) => tag.leaf && tag.relative);
  const zipf = <T>(items: readonly T[]) => items.map((item, index) => [item, 1 / (index + 1)] as const);
  const tagOrder = stream("tag-order");
  const ownWeighted = zipf(tagOrder.sample(ownTags, ownTags.length));
  const relativeWeighted = zipf(tagOrder.sample(relativeTags, relativeTags.length));
  const parentOf = new Map(refs.tags.map((tag) => [tag.id, tag.parentId]));
  const networkWeights = refs.networks.map((_network, index) => [index, 1 / (index + 1)] as const);

  // ─── Members ──────────────────────────────────────────────────────────────────────────────────────────────
  const random = stream("members");
  const members: MemberState[] = [];
  // Member rows are written after the requests, which move each membership's last invitation and assignment.
  const pendingMembers: Array<() => void> = [];
  const byNetwork: Candidate[][] = refs.networks.map(() => []);
  // Members joined during the years before the period too, but not before the consent texts they agreed to.
  const historyStart = Math.max(nowMs - (scale.years + 2) * 365 * DAY, CONSENT_TEXTS_PUBLISHED);
  for (let number = 1; number <= scale.members; number += 1) {
    const identity = drawIdentity(random);
    const status = random.weighted<string>([
      ["ACTIVE", 70],
      ["PAUSED", 5],
      ["REGISTERED", 3],
      ["CONTACTED", 3],
      ["INTRODUCTION_BOOKED", 2],
      ["WITHDRAWN", 14],
      ["ERASED", 3],
    ]);
    const intake = status === "REGISTERED" || status === "CONTACTED" || status === "INTRODUCTION_BOOKED";
    // Pools grow: more members joined recently than years ago.
    const registeredAt = intake
      ? nowMs - random.int(1, 60) * DAY - random.int(0, 20) * HOUR
      : historyStart + Math.floor((nowMs - 45 * DAY - historyStart) * Math.sqrt(random.next()));
    const channel = random.weighted<string>([
      ["WEB", 16],
      ["POSTAL", 3],
      ["PHONE", 1],
    ]);
    const perspectives: Perspective[] = [
      ...random.weighted<Perspective[]>([
        [["PATIENT"], 55],
        [["RELATIVE"], 22],
        [["PATIENT", "RELATIVE"], 13],
        [["SERVICE_USER"], 10],
      ]),
    ];
    const tagIds = new Set<string>();
    if (!perspectives.includes("RELATIVE") || perspectives.length > 1 || random.chance(0.6)) {
      for (let i = random.int(1, 3); i > 0; i -= 1) tagIds.add(random.weighted(ownWeighted).id);
    }
    if (perspectives.includes("RELATIVE") && relativeWeighted.length > 0) tagIds.add(random.weighted(relativeWeighted).id);
    if (tagIds.size === 0 && ownWeighted.length > 0) tagIds.add(random.weighted(ownWeighted).id);

    const age = random.weighted<number>([
      [random.int(20, 29), 1],
      [random.int(30, 44), 3],
      [random.int(45, 59), 4],
      [random.int(60, 74), 4],
      [random.int(75, 88), 2],
    ]);
    const birthDate = stockholmDate(new Date(nowMs - Math.floor((age + random.next()) * 365.25 * DAY)));
    const yearOnly = channel === "POSTAL" && random.chance(0.5);
    const municipality = random.weighted(region.municipalities);
    const email =
      channel === "WEB" || random.chance(0.3) ? `${emailLocalPart(identity.givenName, identity.familyName)}.${number}@example.se` : null;
    const phone = channel !== "WEB" || random.chance(0.85) ? `+4670${String(random.int(0, 9_999_999)).padStart(7, "0")}` : null;

    const networkIndexes = [random.weighted(networkWeights)];
    if (refs.networks.length > 1 && random.chance(0.08)) {
      const second = (networkIndexes[0] ?? 0) === 0 ? 1 : 0;
      networkIndexes.push(second);
    }
    const memberId = uuidV7(registeredAt, ids);
    const erased = status === "ERASED";
    const member: MemberState = {
      id: memberId,
      number,
      perspectives,
      tagIds,
      erased,
      memberships: [],
      invited: 0,
      lastActiveAt: registeredAt,
    };

    networkIndexes.forEach((networkIndex, index) => {
      const joined = registeredAt + index * random.int(30, 400) * DAY;
      const own = index === 0 ? status : "ACTIVE";
      const membership = planMembership(
        random,
        ids,
        refs,
        networkIndex,
        own,
        channel,
        index === 0 && intake ? registeredAt : Math.min(joined, nowMs - 50 * DAY),
        nowMs,
      );
      member.memberships.push(membership);
      if (membership.activatedAt !== null && !erased) byNetwork[networkIndex]?.push({ member, membership });
    });

    const keys = erased
      ? []
      : duplicateKeys({ givenName: identity.givenName, familyName: identity.familyName, email, phone, birthDate, birthYear: null });
    const key = (kind: string) => keys.find((candidate) => candidate.kind === kind)?.value ?? null;
    const withdrawnAt = member.memberships.every((membership) => membership.withdrawnAt !== null)
      ? Math.max(...member.memberships.map((membership) => membership.withdrawnAt ?? 0))
      : null;
    const languages = drawLanguages(random, identity);
    const competences = drawCompetences(random);
    const restrictedAt = status === "PAUSED" && random.chance(0.02) ? new Date(nowMs - random.int(1, 20) * DAY) : null;
    pendingMembers.push(() => {
      const lastChange = Math.max(
        member.lastActiveAt,
        ...member.memberships.map((membership) => membership.withdrawnAt ?? membership.activatedAt ?? membership.registeredAt),
      );
      tables.Member.add([
        tenantId,
        memberId,
        erased ? null : `${region.slug}-bench-member-${number}`,
        erased ? "" : identity.givenName,
        erased ? "" : identity.familyName,
        erased ? null : email,
        erased ? null : phone,
        erased || yearOnly ? null : new CalendarDate(birthDate),
        erased || !yearOnly ? null : Number(birthDate.slice(0, 4)),
        erased ? null : municipality,
        perspectives,
        erased ? null : "Har egen erfarenhet som jag gärna delar med mig av.",
        erased ? [] : competences,
        erased ? [] : languages,
        null,
        erased ? null : random.pick(["Vardagar dagtid.", "Kvällar och helger.", "Flexibel.", null]),
        null,
        random.chance(0.93) ? "sv" : "en",
        key("EMAIL"),
        key("PHONE"),
        key("NAME_AND_BIRTH_YEAR"),
        restrictedAt,
        erased ? new Date(withdrawnAt ?? nowMs) : null,
        new Date(member.lastActiveAt),
        new Date(registeredAt),
        new Date(Math.min(nowMs, lastChange)),
        1,
      ]);
      if (!erased) for (const tagId of tagIds) tables.MemberExperience.add([tenantId, memberId, tagId]);
      const onBehalf = channel !== "WEB";
      tables.Consent.add([
        tenantId,
        uuidV7(registeredAt, ids),
        memberId,
        "PROCESSING",
        refs.consentTexts.processing,
        onBehalf ? "STAFF_ON_BEHALF" : "MEMBER",
        null,
        null,
        onBehalf ? (refs.networks[networkIndexes[0] ?? 0]?.coordinatorIds[0] ?? null) : null,
        new Date(registeredAt),
        withdrawnAt === null ? null : new Date(withdrawnAt),
      ]);
      for (const membership of member.memberships) writeMembership(tables, tenantId, ids, refs, member, membership);
    });
    members.push(member);
  }
  // Candidates of each network in order of activation, so "active by then" is a prefix of the list.
  for (const list of byNetwork) list.sort((a, b) => (a.membership.activatedAt ?? 0) - (b.membership.activatedAt ?? 0));

  // ─── Requests ─────────────────────────────────────────────────────────────────────────────────────────────
  const requestRandom = stream("requests");
  const requestCount = scale.years * scale.requestsPerYear;
  const periodStart = nowMs - scale.years * 365 * DAY;
  const payrollExports = new Map<string, { id: string; payer: string; month: string; createdAt: number }>();
  const feeCache = new Map<string, FeeComputation | null>();
  const unitWeights = zipf(refs.units);
  const typeWeights = zipf(refs.assignmentTypes);
  for (let index = 0; index < requestCount; index += 1) {
    // Spread evenly over the period with a summer dip (July), in submission order.
    let submittedAt = periodStart + Math.floor(((index + requestRandom.next()) / requestCount) * (nowMs - DAY - periodStart));
    if (new Date(submittedAt).getUTCMonth() === 6 && requestRandom.chance(0.6)) submittedAt -= requestRandom.int(20, 40) * DAY;
    submittedAt = Math.max(periodStart, submittedAt);
    planRequest(requestRandom, submittedAt);
  }
  for (const exportRow of payrollExports.values()) {
    const [year, month] = exportRow.month.split("-").map(Number) as [number, number];
    const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
    tables.PayrollExport.add([
      tenantId,
      exportRow.id,
      exportRow.payer,
      new CalendarDate(`${exportRow.month}-01`),
      new CalendarDate(last),
      refs.networks[0]?.coordinatorIds[0] ?? null,
      new Date(exportRow.createdAt),
    ]);
  }
  for (const write of pendingMembers.splice(0)) write();
  return { members: members.length, requests: requestCount };

  function planRequest(r: SeededRandom, submittedAt: number): void {
    const ageDays = (nowMs - submittedAt) / DAY;
    const networkIndex = r.weighted(networkWeights);
    const network = refs.networks[networkIndex];
    if (!network) return;
    const unit = r.weighted(unitWeights);
    const requester = unit.requesters.length > 0 ? r.pick(unit.requesters) : null;
    const type = r.weighted(typeWeights);
    const coordinatorId = network.coordinatorIds[0] ?? null;
    const requestId = uuidV7(submittedAt, ids);
    const direct = r.chance(0.04);
    const long = r.chance(0.1);
    const persons = long
      ? r.int(1, 3)
      : r.weighted<number>([
          [1, 50],
          [2, 30],
          [3, 12],
          [4, 5],
          [5, 3],
        ]);
    let status = r.weighted<string>(
      ageDays < 7
        ? [
            ["SUBMITTED", 5],
            ["MATCHING", 5],
          ]
        : ageDays < 30
          ? [
              ["MATCHING", 25],
              ["PARTLY_FILLED", 20],
              ["FILLED", 45],
              ["DECLINED", 5],
              ["CANCELLED", 5],
            ]
          : ageDays < 75
            ? [
                ["FILLED", 35],
                ["CARRIED_OUT", 45],
                ["PARTLY_FILLED", 7],
                ["DECLINED", 5],
                ["CANCELLED", 8],
              ]
            : [
                ["FOLLOWED_UP", 72],
                ["CARRIED_OUT", 10],
                ["CANCELLED", 10],
                ["DECLINED", 8],
              ],
    );
    if (direct && (status === "MATCHING" || status === "PARTLY_FILLED" || status === "SUBMITTED")) status = "FILLED";

    // Occasions: one, a few, or a series for long assignments; in the past for work that was carried out.
    const occasionCount = long
      ? r.int(3, 8)
      : r.weighted<number>([
          [1, 78],
          [2, 15],
          [3, 7],
        ]);
    const mustBePast = status === "CARRIED_OUT" || status === "FOLLOWED_UP";
    const lead = mustBePast ? r.int(7, Math.max(8, Math.min(40, Math.floor(ageDays / 2)))) : r.int(10, 45);
    const minutes = r.weighted<number>([
      [60, 15],
      [90, 20],
      [120, 25],
      [180, 20],
      [240, 12],
      [420, 8],
    ]);
    const digital = r.chance(0.35);
    const spacing = long ? r.int(7, 21) : r.int(1, 7);
    const occasions: Array<{ id: string; startsAt: number; endsAt: number; held: boolean; cancelled: boolean }> = [];
    let start = submittedAt + lead * DAY;
    start = start - (start % DAY) + r.pick([8, 9, 12, 13]) * HOUR;
    for (let i = 0; i < occasionCount; i += 1) {
      const startsAt = start + i * spacing * DAY;
      occasions.push({
        id: uuidV7(submittedAt + 1000 + i, ids),
        startsAt,
        endsAt: startsAt + minutes * 60_000,
        held: false,
        cancelled: false,
      });
    }
    const lastOccasion = occasions[occasions.length - 1] as (typeof occasions)[number];
    if (mustBePast && lastOccasion.endsAt > nowMs - DAY) status = "FILLED";
    let followedUpAt: number | null = null;
    if (status === "FOLLOWED_UP") {
      followedUpAt = lastOccasion.endsAt + r.int(10, 20) * DAY;
      if (followedUpAt > nowMs - HOUR) {
        status = "CARRIED_OUT";
        followedUpAt = null;
      }
    }
    // Who is asked and how they answer.
    const matchingAt = submittedAt + r.int(20, 44) * HOUR;
    const expiryMs = refs.invitationExpiryDays * DAY;
    const counts = { ACCEPTED: 0, PENDING: 0, DECLINED: 0, EXPIRED: 0, WITHDRAWN: 0 };
    switch (status) {
      case "MATCHING":
        Object.assign(counts, { PENDING: Math.min(2, persons + 1), DECLINED: r.int(0, 1) });
        break;
      case "PARTLY_FILLED":
        Object.assign(counts, { ACCEPTED: Math.max(1, persons - 1), PENDING: 1, DECLINED: r.int(0, 2) });
        if (persons === 1) counts.ACCEPTED = 0;
        break;
      case "FILLED":
      case "CARRIED_OUT":
      case "FOLLOWED_UP":
        Object.assign(counts, {
          ACCEPTED: persons,
          DECLINED: direct
            ? 0
            : r.weighted<number>([
                [0, 4],
                [1, 4],
                [2, 2],
              ]),
          EXPIRED:
            direct || matchingAt + expiryMs > nowMs - DAY
              ? 0
              : r.weighted<number>([
                  [0, 7],
                  [1, 3],
                ]),
        });
        break;
      case "CANCELLED":
        Object.assign(counts, { WITHDRAWN: r.int(0, Math.min(2, persons)) });
        break;
      default:
        break;
    }
    const wanted = r.chance(0.8) && ownWeighted.length > 0 ? [r.weighted(ownWeighted).id] : [];
    if (r.chance(0.3) && relativeWeighted.length > 0) wanted.push(r.weighted(relativeWeighted).id);
    if (wanted.length === 0 && ownWeighted.length > 0) wanted.push(r.weighted(ownWeighted).id);
    const perspectivesSought: Perspective[] = [
      ...r.weighted<Perspective[]>([
        [["PATIENT"], 50],
        [["RELATIVE"], 15],
        [["PATIENT", "RELATIVE"], 30],
        [["SERVICE_USER"], 5],
      ]),
    ];
    const needed = counts.ACCEPTED + counts.PENDING + counts.DECLINED + counts.EXPIRED + counts.WITHDRAWN;
    const firstDay = stockholmDate(new Date(occasions[0]?.startsAt ?? submittedAt));
    let picks = pickCandidates(
      r,
      byNetwork[networkIndex] ?? [],
      matchingAt,
      needed,
      wanted,
      perspectivesSought,
      Date.parse(`${firstDay}T00:00:00Z`),
    );
    if (picks.length < needed) {
      // Too few available people in a young pool: the coordinator turns the request down.
      status = "DECLINED";
      picks = [];
      followedUpAt = null;
    }
    const carriedOut = status === "CARRIED_OUT" || status === "FOLLOWED_UP";
    for (const occasion of occasions) {
      occasion.held = (carriedOut || status === "FILLED") && occasion.endsAt < nowMs;
      occasion.cancelled = status === "CANCELLED" || (long && carriedOut && r.chance(0.05));
      if (occasion.cancelled) occasion.held = false;
    }

    const invitedBy = direct ? (requester?.id ?? coordinatorId) : coordinatorId;
    const accepted: Array<{ candidate: Candidate; assignmentId: string; respondedAt: number }> = [];
    const outcomes: Array<keyof typeof counts> = [];
    for (const outcome of ["ACCEPTED", "PENDING", "DECLINED", "EXPIRED", "WITHDRAWN"] as const) {
      for (let i = 0; i < counts[outcome]; i += 1) outcomes.push(outcome);
    }
    picks.forEach((candidate, index) => {
      const outcome = outcomes[index] ?? "DECLINED";
      let invitedAt = matchingAt + index * 2 * HOUR;
      if (outcome === "PENDING") invitedAt = Math.max(invitedAt, nowMs - r.int(2, 72) * HOUR);
      const expiresAt = invitedAt + expiryMs;
      let respondedAt: number | null = null;
      if (outcome === "ACCEPTED" || outcome === "DECLINED") {
        const latest = Math.min(nowMs - HOUR, (occasions[0]?.startsAt ?? nowMs) - DAY);
        respondedAt = Math.max(invitedAt + HOUR, Math.min(invitedAt + r.int(4, 60) * HOUR, latest));
        if (respondedAt > candidate.member.lastActiveAt) candidate.member.lastActiveAt = respondedAt;
      }
      const invitationId = uuidV7(invitedAt, ids);
      let contactConsentId: string | null = null;
      let contactReleasedAt: number | null = null;
      if (outcome === "ACCEPTED" && respondedAt !== null) {
        contactConsentId = uuidV7(respondedAt, ids);
        tables.Consent.add([
          tenantId,
          contactConsentId,
          candidate.member.id,
          "CONTACT_SHARING",
          refs.consentTexts.contactSharing,
          "MEMBER",
          null,
          requestId,
          null,
          new Date(respondedAt),
          null,
        ]);
        contactReleasedAt = Math.min(respondedAt + 2 * HOUR, nowMs - HOUR);
      }
      tables.Invitation.add([
        tenantId,
        invitationId,
        requestId,
        candidate.member.id,
        outcome,
        direct ? "Registrerad av verksamheten efter direkt kontakt." : "Hej! Vi har en förfrågan som vi tror passar dig.",
        invitedBy,
        new Date(invitedAt),
        new Date(expiresAt),
        respondedAt === null ? null : new Date(respondedAt),
        outcome === "DECLINED" ? r.pick(DECLINE_REASONS) : null,
        contactConsentId,
        contactReleasedAt === null ? null : new Date(contactReleasedAt),
        1,
      ]);
      candidate.member.invited += 1;
      if ((candidate.membership.lastInvitedAt ?? 0) < invitedAt) candidate.membership.lastInvitedAt = invitedAt;
      if (outcome === "ACCEPTED" && respondedAt !== null) {
        const assignmentId = uuidV7(respondedAt, ids);
        const signed = long && (status === "FILLED" || carriedOut);
        tables.Assignment.add([
          tenantId,
          assignmentId,
          invitationId,
          requestId,
          candidate.member.id,
          carriedOut ? "CARRIED_OUT" : "CONFIRMED",
          long,
          signed ? new Date(Math.min(respondedAt + 3 * DAY, nowMs - HOUR)) : null,
          signed ? new Date(Math.min(respondedAt + 4 * DAY, nowMs - HOUR)) : null,
          long ? new CalendarDate(stockholmDate(new Date(occasions[0]?.startsAt ?? submittedAt))) : null,
          long ? new CalendarDate(stockholmDate(new Date(lastOccasion.endsAt))) : null,
          long ? `${occasions.length} möten i ${type.labelSv.toLowerCase()}.` : null,
          null,
          null,
          new Date(respondedAt),
          1,
        ]);
        accepted.push({ candidate, assignmentId, respondedAt });
      }
    });

    // Status history.
    const acceptances = accepted.map((entry) => entry.respondedAt).sort((a, b) => a - b);
    const filledAt = acceptances.length >= persons && acceptances.length > 0 ? (acceptances[acceptances.length - 1] ?? null) : null;
    const events: Array<{ to: string; at: number; actor: string; actorId: string | null; reason: string | null }> = [
      { to: "SUBMITTED", at: submittedAt, actor: "STAFF", actorId: requester?.id ?? null, reason: null },
    ];
    let closedAt: number | null = null;
    let carriedOutAt: number | null = null;
    let statusReason: string | null = null;
    if (status === "DECLINED") {
      statusReason = "Uppdraget ligger utanför nätverkets inriktning.";
      closedAt = submittedAt + r.int(1, 3) * DAY;
      events.push({ to: "DECLINED", at: closedAt, actor: "STAFF", actorId: coordinatorId, reason: statusReason });
    } else if (status !== "SUBMITTED") {
      if (!direct) events.push({ to: "MATCHING", at: matchingAt, actor: "STAFF", actorId: coordinatorId, reason: null });
      const first = acceptances[0];
      if (first !== undefined && persons > 1) events.push({ to: "PARTLY_FILLED", at: first, actor: "SYSTEM", actorId: null, reason: null });
      if (filledAt !== null && status !== "PARTLY_FILLED")
        events.push({ to: "FILLED", at: filledAt, actor: "SYSTEM", actorId: null, reason: null });
      if (carriedOut) {
        carriedOutAt = lastOccasion.endsAt + Math.min(DAY, Math.max(HOUR, nowMs - HOUR - lastOccasion.endsAt));
        events.push({ to: "CARRIED_OUT", at: carriedOutAt, actor: "STAFF", actorId: requester?.id ?? null, reason: null });
      }
      if (followedUpAt !== null) {
        closedAt = followedUpAt;
        events.push({ to: "FOLLOWED_UP", at: followedUpAt, actor: "STAFF", actorId: coordinatorId, reason: null });
      }
      if (status === "CANCELLED") {
        statusReason = "Verksamheten har ställt in arbetet.";
        closedAt = Math.min(matchingAt + r.int(2, 6) * DAY, nowMs - HOUR);
        events.push({ to: "CANCELLED", at: closedAt, actor: "STAFF", actorId: requester?.id ?? null, reason: statusReason });
      }
    }
    const lastEvent = events[events.length - 1] as (typeof events)[number];
    let from: string | null = null;
    for (const event of events) {
      tables.RequestEvent.add([
        tenantId,
        uuidV7(event.at, ids),
        requestId,
        from,
        event.to,
        event.reason,
        event.actor,
        event.actorId,
        new Date(event.at),
      ]);
      from = event.to;
    }
    for (const tagId of new Set(wanted)) tables.RequestExperienceTag.add([tenantId, requestId, tagId]);
    const title = `${type.labelSv}: ${r.pick(TOPICS)}`;
    tables.Request.add([
      tenantId,
      requestId,
      network.id,
      unit.id,
      requester?.id ?? null,
      requester?.name ?? "Kontaktperson",
      requester?.email ?? "kontakt@example.se",
      requester?.phone ?? null,
      type.id,
      title,
      "Vi vill ta del av erfarenheter från patienter och närstående i vårt förbättringsarbete.",
      r.chance(0.5) ? "Delta i diskussionen och ge synpunkter på vårt underlag." : null,
      r.chance(0.5) ? "Erfarenhet av vården under de senaste åren." : null,
      perspectivesSought,
      persons,
      long ? "LONG_TERM" : "ONE_OFF",
      r.chance(0.4) ? "Personal på enheten" : null,
      r.chance(0.4) ? r.int(5, 60) : null,
      null,
      null,
      r.chance(0.3) ? "Läsa igenom underlaget före mötet (ca 30 min)." : null,
      null,
      unit.costCentreId,
      direct,
      status,
      statusReason,
      new Date(submittedAt),
      filledAt === null || status === "PARTLY_FILLED" ? null : new Date(filledAt),
      carriedOutAt === null ? null : new Date(carriedOutAt),
      followedUpAt === null ? null : new Date(followedUpAt),
      followedUpAt === null ? null : "Uppföljning gjord med verksamheten och de medverkande.",
      closedAt === null ? null : new Date(closedAt),
      new Date(Math.min(nowMs, lastEvent.at)),
      1,
    ]);
    for (const occasion of occasions) {
      tables.Occasion.add([
        tenantId,
        occasion.id,
        requestId,
        new Date(occasion.startsAt),
        new Date(occasion.endsAt),
        digital ? null : "Konferensrummet, plan 3",
        digital ? `https://moten.example.se/${region.slug}/${occasion.id.slice(0, 8)}` : null,
        occasion.cancelled ? new Date(Math.min(occasion.startsAt - DAY, nowMs - HOUR)) : null,
        occasion.cancelled ? "Inställt av verksamheten." : null,
        occasion.held ? new Date(occasion.endsAt) : null,
      ]);
    }

    // Attendance and fee claims for what was held; feedback once followed up.
    const travelMinutes = digital
      ? 0
      : r.weighted<number>([
          [0, 3],
          [30, 3],
          [60, 3],
          [120, 1],
        ]);
    const km = travelMinutes === 0 ? 0 : Math.round(travelMinutes * 0.8);
    const preparationMinutes = r.chance(0.3) ? 60 : 0;
    const payer = refs.payerFor(unit.organisationId);
    for (const { candidate, assignmentId } of accepted) {
      for (const occasion of occasions) {
        if (!occasion.held) continue;
        const attended = r.chance(0.96);
        const duration = attended ? minutes : 0;
        tables.Attendance.add([
          tenantId,
          uuidV7(occasion.endsAt, ids),
          assignmentId,
          occasion.id,
          attended,
          duration,
          attended ? travelMinutes : 0,
          requester?.id ?? coordinatorId,
          new Date(Math.min(occasion.endsAt + DAY, nowMs - HOUR)),
        ]);
        if (!attended) continue;
        if ((candidate.membership.lastAssignmentAt ?? 0) < occasion.endsAt) candidate.membership.lastAssignmentAt = occasion.endsAt;
        const occasionDate = stockholmDate(new Date(occasion.startsAt));
        const version = refs.feeVersions.find((candidateVersion) => isValidOn(candidateVersion.version, occasionDate));
        if (!version) continue;
        const cacheKey = `${version.id}|${occasionDate.slice(0, 4)}|${duration}|${travelMinutes}|${preparationMinutes}|${km}`;
        let fee = feeCache.get(cacheKey);
        if (fee === undefined) {
          const result = computeFee({
            schedule: version.version,
            occasionDate,
            durationMinutes: duration,
            travelMinutes,
            preparationMinutes,
            mileageKm: km,
            expenses: [],
            priceBaseAmounts: PRICE_BASE_AMOUNTS,
          });
          fee = result.ok ? result.fee : null;
          feeCache.set(cacheKey, fee);
        }
        if (!fee) continue;
        const old = nowMs - occasion.endsAt > 90 * DAY;
        const claimStatus =
          status === "FOLLOWED_UP"
            ? old
              ? "PAID"
              : r.weighted<string>([
                  ["PAID", 6],
                  ["SENT_TO_PAYROLL", 2],
                  ["ATTESTED", 2],
                ])
            : r.weighted<string>([
                ["SUBMITTED", 5],
                ["ATTESTED", 3],
                ["DRAFT", 2],
              ]);
        const submitted = claimStatus === "DRAFT" ? null : Math.min(occasion.endsAt + 2 * DAY, nowMs - HOUR);
        const attestedAt =
          claimStatus === "DRAFT" || claimStatus === "SUBMITTED" ? null : Math.min(occasion.endsAt + 6 * DAY, nowMs - HOUR);
        let payrollExportId: string | null = null;
        let paidAt: number | null = null;
        if (claimStatus === "PAID" || claimStatus === "SENT_TO_PAYROLL") {
          const month = occasionDate.slice(0, 7);
          const key = `${payer}|${month}`;
          let exportRow = payrollExports.get(key);
          if (!exportRow) {
            const [year, monthNumber] = month.split("-").map(Number) as [number, number];
            const createdAt = Math.min(Date.UTC(year, monthNumber, 5, 9), nowMs - HOUR);
            exportRow = { id: uuidV7(createdAt, ids), payer, month, createdAt };
            payrollExports.set(key, exportRow);
          }
          payrollExportId = exportRow.id;
          if (claimStatus === "PAID") paidAt = Math.min(exportRow.createdAt + 20 * DAY, nowMs - HOUR);
        }
        tables.FeeClaim.add([
          tenantId,
          uuidV7(occasion.endsAt + DAY, ids),
          assignmentId,
          occasion.id,
          candidate.member.id,
          version.id,
          new CalendarDate(occasionDate),
          duration,
          travelMinutes,
          preparationMinutes,
          false,
          fee.category,
          km,
          fee.grossOre,
          fee.preparationOre,
          fee.mileageOre,
          fee.expensesOre,
          fee.withholdingOre,
          fee.netOre,
          fee.socialFeesOre,
          "SEK",
          unit.costCentreId,
          payer,
          claimStatus,
          null,
          submitted === null ? null : new Date(submitted),
          attestedAt === null ? null : new Date(attestedAt),
          attestedAt === null ? null : (requester?.id ?? coordinatorId),
          payrollExportId,
          paidAt === null ? null : new Date(paidAt),
          null,
          new Date(Math.min(occasion.endsAt + DAY, nowMs - HOUR)),
          1,
        ]);
      }
    }
    if (followedUpAt !== null) {
      const feedback = (author: string, authorId: string | null, assignmentId: string | null, comments: readonly (string | null)[]) =>
        tables.Feedback.add([
          tenantId,
          uuidV7(followedUpAt as number, ids),
          requestId,
          assignmentId,
          author,
          authorId,
          r.weighted<number>([
            [5, 50],
            [4, 33],
            [3, 12],
            [2, 4],
            [1, 1],
          ]),
          r.pick(comments),
          new Date(Math.min((followedUpAt as number) - r.int(1, 5) * DAY, nowMs - HOUR)),
        ]);
      feedback("UNIT", requester?.id ?? null, null, UNIT_COMMENTS);
      for (const { candidate, assignmentId } of accepted) {
        if (r.chance(0.5)) feedback("PARTICIPANT", candidate.member.id, assignmentId, PARTICIPANT_COMMENTS);
      }
      if (r.chance(0.2)) feedback("COORDINATOR", coordinatorId, null, [null]);
    }
  }

  /** Ranks a sample of the network's available members as a coordinator would: fit first, then who was asked least. */
  function pickCandidates(
    r: SeededRandom,
    pool: readonly Candidate[],
    at: number,
    count: number,
    wanted: readonly string[],
    perspectives: readonly Perspective[],
    firstDay: number,
  ): Candidate[] {
    if (count === 0) return [];
    // Active by `at`: a prefix of the list (sorted by activation).
    let low = 0;
    let high = pool.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (((pool[middle] as Candidate).membership.activatedAt ?? 0) < at) low = middle + 1;
      else high = middle;
    }
    const eligible = low;
    if (eligible === 0) return [];
    const wantedSet = new Set(wanted);
    const seen = new Set<string>();
    const sample: Array<{ candidate: Candidate; score: number }> = [];
    for (let tries = 0; tries < 80 && sample.length < Math.max(24, count * 4); tries += 1) {
      const candidate = pool[r.int(0, eligible - 1)] as Candidate;
      if (seen.has(candidate.member.id)) continue;
      seen.add(candidate.member.id);
      const { membership } = candidate;
      if (membership.withdrawnAt !== null && membership.withdrawnAt < at) continue;
      if (membership.pauses.some((pause) => pause.from <= firstDay && (pause.to === null || pause.to >= firstDay))) continue;
      let fit = 0;
      for (const tagId of candidate.member.tagIds) {
        if (wantedSet.has(tagId) || wantedSet.has(parentOf.get(tagId) ?? "")) fit += 1;
      }
      const perspective = candidate.member.perspectives.some((p) => perspectives.includes(p)) ? 0.5 : 0;
      sample.push({ candidate, score: fit * 4 + perspective - candidate.member.invited * 0.05 + r.next() * 0.5 });
    }
    sample.sort((a, b) => b.score - a.score);
    return sample.slice(0, count).map((entry) => entry.candidate);
  }
}

function planMembership(
  random: SeededRandom,
  ids: SeededRandom,
  refs: TenantRefs,
  networkIndex: number,
  status: string,
  channel: string,
  registeredAt: number,
  nowMs: number,
): MembershipState {
  const steps = (from: number, min: number, max: number) =>
    Math.min(from + random.int(min, max) * DAY + random.int(8, 16) * HOUR, nowMs - HOUR);
  const reaches = (target: string) => {
    const order = ["REGISTERED", "CONTACTED", "INTRODUCTION_BOOKED", "ACTIVE"];
    const at = order.indexOf(status === "PAUSED" || status === "WITHDRAWN" || status === "ERASED" ? "ACTIVE" : status);
    return order.indexOf(target) <= at;
  };
  const contactCallAt = reaches("CONTACTED") ? steps(registeredAt, 2, 10) : null;
  const introductionBookedAt = reaches("INTRODUCTION_BOOKED") && contactCallAt !== null ? steps(contactCallAt, 1, 7) : null;
  const introductionHeldAt = reaches("ACTIVE") && introductionBookedAt !== null ? steps(introductionBookedAt, 5, 20) : null;
  const trainedAt = introductionHeldAt !== null && (refs.trainingRequired || random.chance(0.4)) ? introductionHeldAt : null;
  const activatedAt = introductionHeldAt !== null ? Math.min(introductionHeldAt + random.int(1, 48) * HOUR, nowMs - HOUR) : null;
  let withdrawnAt: number | null = null;
  if ((status === "WITHDRAWN" || status === "ERASED") && activatedAt !== null) {
    withdrawnAt = activatedAt + Math.floor(random.next() * (nowMs - HOUR - activatedAt));
  }
  const pauses: Array<{ from: number; to: number | null }> = [];
  if (activatedAt !== null && status === "ACTIVE" && random.chance(0.1)) {
    const from = activatedAt + Math.floor(random.next() * (nowMs - 40 * DAY - activatedAt));
    if (from > activatedAt) pauses.push({ from, to: from + random.int(14, 120) * DAY });
    if ((pauses[0]?.to ?? 0) >= nowMs) pauses.pop();
  }
  if (status === "PAUSED" && activatedAt !== null)
    pauses.push({ from: Math.max(activatedAt + DAY, nowMs - random.int(5, 200) * DAY), to: null });
  return {
    id: uuidV7(registeredAt, ids),
    networkIndex,
    status,
    channel,
    registeredAt,
    contactCallAt,
    introductionBookedAt,
    introductionHeldAt,
    trainedAt,
    activatedAt,
    withdrawnAt,
    pauses,
    lastInvitedAt: null,
    lastAssignmentAt: null,
  };
}

function writeMembership(
  tables: Tables,
  tenantId: string,
  ids: SeededRandom,
  refs: TenantRefs,
  member: MemberState,
  membership: MembershipState,
): void {
  const network = refs.networks[membership.networkIndex];
  if (!network) return;
  const coordinatorId = network.coordinatorIds[0] ?? null;
  const steps: Array<{ to: string; at: number; actor: string; note: string | null }> = [
    { to: "REGISTERED", at: membership.registeredAt, actor: membership.channel === "WEB" ? "MEMBER" : "STAFF", note: null },
  ];
  if (membership.contactCallAt !== null)
    steps.push({ to: "CONTACTED", at: membership.contactCallAt, actor: "STAFF", note: "Telefonsamtal." });
  if (membership.introductionBookedAt !== null) {
    steps.push({ to: "INTRODUCTION_BOOKED", at: membership.introductionBookedAt, actor: "STAFF", note: "Introduktion bokad." });
  }
  if (membership.trainedAt !== null && membership.activatedAt !== null)
    steps.push({ to: "TRAINED", at: membership.trainedAt, actor: "STAFF", note: null });
  if (membership.activatedAt !== null)
    steps.push({ to: "ACTIVE", at: membership.activatedAt, actor: "STAFF", note: "Välkommen som medverkande." });
  for (const pause of membership.pauses) {
    steps.push({ to: "PAUSED", at: pause.from, actor: "MEMBER", note: null });
    if (pause.to !== null) steps.push({ to: "ACTIVE", at: pause.to, actor: "SYSTEM", note: "Pausen är slut." });
  }
  if (membership.withdrawnAt !== null) steps.push({ to: "WITHDRAWN", at: membership.withdrawnAt, actor: "MEMBER", note: null });
  if (membership.status === "ERASED")
    steps.push({ to: "ERASED", at: Math.max(membership.withdrawnAt ?? 0, membership.registeredAt) + DAY, actor: "STAFF", note: null });
  let from: string | null = null;
  for (const step of steps) {
    const actorId = step.actor === "STAFF" ? coordinatorId : step.actor === "MEMBER" ? member.id : null;
    tables.MembershipEvent.add([
      tenantId,
      uuidV7(step.at, ids),
      membership.id,
      from,
      step.to,
      step.note,
      step.actor,
      actorId,
      new Date(step.at),
    ]);
    from = step.to;
  }
  membership.pauses.forEach((pause) => {
    tables.MemberPause.add([
      tenantId,
      uuidV7(pause.from, ids),
      member.id,
      new CalendarDate(stockholmDate(new Date(pause.from))),
      pause.to === null ? null : new CalendarDate(stockholmDate(new Date(pause.to))),
      PAUSE_REASONS[member.number % PAUSE_REASONS.length] ?? null,
      new Date(pause.from),
    ]);
  });
  const last = steps[steps.length - 1] as (typeof steps)[number];
  tables.Membership.add([
    tenantId,
    membership.id,
    member.id,
    network.id,
    membership.status,
    membership.channel,
    new Date(membership.registeredAt),
    new Date(last.at),
    date(membership.contactCallAt),
    date(membership.introductionBookedAt),
    date(membership.introductionHeldAt),
    date(membership.trainedAt),
    date(membership.activatedAt),
    date(membership.withdrawnAt),
    date(membership.lastInvitedAt),
    date(membership.lastAssignmentAt),
    1,
  ]);
}

function date(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}
