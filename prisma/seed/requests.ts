// Plans a tenant's requests and everything that follows from them: the status history, occasions, invitations
// (pending, accepted with the member's consent to share contact details, declined, expired, withdrawn), assignments
// with written agreements for long ones, attendance, fee claims computed with the domain's fee rules for the
// occasion's date, payroll exports, and feedback from unit, participant and coordinator.
import { computeFee, type FeeComputation, type FeeInput, isValidOn } from "@medverkan/domain";
import type { FeeClaimStatus, InvitationStatus, RequestStatus } from "../src/index.js";
import type { FeeVersionRef, PlanContext, StaffRef } from "./context.js";
import type { PoolMember } from "./members.js";
import type { AssignmentRow, FeeClaimRow, OccasionRow } from "./plan.js";
import type { SeededRandom } from "./random.js";
import { addDays, dateOnly, stockholm, stockholmDate } from "./time.js";
import type { RequestSeed } from "./types.js";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const DECLINE_REASONS = [
  "Kan tyvärr inte den dagen.",
  "Passar inte just nu av hälsoskäl.",
  "Uppdraget ligger för nära min egen situation just nu.",
  "Har redan ett uppdrag samma vecka.",
] as const;

const UNIT_COMMENTS = [
  "Mycket värdefullt – berättelsen satte fingret på saker vi inte sett själva.",
  "Bra förberedd och konstruktiv. Vi tar med oss flera konkreta förslag.",
  "Gav gruppen nya perspektiv; vi vill gärna samarbeta igen.",
  "Tydliga synpunkter som redan lett till ändringar i vårt material.",
] as const;

const PARTICIPANT_COMMENTS = [
  "Jag kände mig välkommen och lyssnad på.",
  "Bra upplägg, men jag hade gärna fått materialet tidigare.",
  "Roligt att få bidra – vill gärna vara med igen.",
  "Lite stressigt schema, men meningsfullt.",
] as const;

/** A claim planned before payroll: exports are formed afterwards, per payer and month. */
interface PayableClaim {
  readonly row: FeeClaimRow;
  readonly payerOrganisationId: string;
}

export function planRequests(ctx: PlanContext, pool: readonly PoolMember[]): void {
  const random = ctx.random("requests");
  const invitationsSoFar = new Map<string, number>();
  const payable: PayableClaim[] = [];
  const followUps = { superseded: false, rejected: false };
  for (const seed of ctx.demo.requests) planRequest(ctx, random, pool, invitationsSoFar, payable, followUps, seed);
  planPayroll(ctx, payable);
}

interface Invitee {
  readonly member: PoolMember;
  readonly outcome: InvitationStatus;
}

/** An occasion row whose times are known to be instants (the row type also allows ISO strings). */
type PlannedOccasion = OccasionRow & { startsAt: Date; endsAt: Date; heldAt: Date | null; cancelledAt: Date | null };

function planRequest(
  ctx: PlanContext,
  random: SeededRandom,
  pool: readonly PoolMember[],
  invitationsSoFar: Map<string, number>,
  payable: PayableClaim[],
  followUps: { superseded: boolean; rejected: boolean },
  seed: RequestSeed,
): void {
  const { plan, calendar } = ctx;
  const now = calendar.now;
  const network = ctx.network(seed.network);
  const unit = ctx.unit(seed.unit);
  const requester = ctx.staff(seed.requestedBy);
  if (requester.role !== "REQUESTER" || requester.unitKey !== seed.unit) {
    ctx.fail(`request "${seed.key}" is submitted by ${seed.requestedBy}, who is not a requester at unit "${seed.unit}"`);
  }
  const coordinatorId = network.coordinatorIds[0] ?? ctx.fail(`network "${network.slug}" has no coordinator`);
  const assignmentTypeId =
    ctx.refs.assignmentTypes.get(seed.assignmentType) ??
    ctx.fail(`request "${seed.key}": unknown assignment type "${seed.assignmentType}"`);
  const costCentreId = seed.costCentre
    ? (ctx.refs.costCentres.get(seed.costCentre) ?? ctx.fail(`request "${seed.key}": unknown cost centre "${seed.costCentre}"`))
    : unit.costCentreId;
  const requestId = ctx.id("request", seed.key);
  const status = seed.status;
  const direct = seed.directRecruitment === true;

  const submittedAt = calendar.at(
    seed.submittedDay,
    `${String(random.int(8, 15)).padStart(2, "0")}:${random.pick(["10", "25", "40", "55"])}`,
  );
  const matchingAt = new Date(submittedAt.getTime() + random.int(20, 44) * HOUR_MS);
  const cancelledAt = status === "CANCELLED" ? new Date(matchingAt.getTime() + random.int(2, 4) * DAY_MS) : null;
  const declinedAt = status === "DECLINED" ? new Date(submittedAt.getTime() + random.int(1, 3) * DAY_MS) : null;

  // Occasions.
  const occasions: PlannedOccasion[] = seed.occasions.map((occasion, index) => {
    const startsAt = calendar.at(occasion.day, occasion.start);
    const endsAt = new Date(startsAt.getTime() + occasion.minutes * 60_000);
    const carriedOut = status === "CARRIED_OUT" || status === "FOLLOWED_UP" || status === "FILLED";
    const held = carriedOut && !occasion.cancelled && endsAt.getTime() < now.getTime();
    return {
      id: ctx.id("occasion", seed.key, index),
      requestId,
      startsAt,
      endsAt,
      place: occasion.digital ? null : (occasion.place ?? null),
      digitalLink: occasion.digital ? `https://moten.example.se/${ctx.slug}/${seed.key}-${index + 1}` : null,
      cancelledAt: occasion.cancelled ? (cancelledAt ?? now) : null,
      heldAt: held ? endsAt : null,
    };
  });
  const firstOccasion = occasions[0] ?? ctx.fail(`request "${seed.key}" has no occasion`);
  const lastOccasion = occasions[occasions.length - 1] ?? firstOccasion;
  if ((status === "CARRIED_OUT" || status === "FOLLOWED_UP") && lastOccasion.endsAt.getTime() > now.getTime()) {
    ctx.fail(`request "${seed.key}" is ${status} but its last occasion is in the future`);
  }

  // Who is asked, and how they answer.
  const n = seed.numberOfPersons;
  const counts: Record<string, number> = { ACCEPTED: 0, PENDING: 0, DECLINED: 0, EXPIRED: 0, WITHDRAWN: 0 };
  switch (status) {
    case "MATCHING":
      Object.assign(counts, { PENDING: Math.min(2, n + 1), DECLINED: 1 });
      break;
    case "PARTLY_FILLED":
      Object.assign(counts, { ACCEPTED: Math.max(1, n - 1), PENDING: 1, DECLINED: 1 });
      break;
    case "FILLED":
    case "CARRIED_OUT":
      Object.assign(counts, { ACCEPTED: n, DECLINED: direct ? 0 : 1 });
      break;
    case "FOLLOWED_UP":
      Object.assign(counts, { ACCEPTED: n, DECLINED: direct ? 0 : 1, EXPIRED: direct ? 0 : 1 });
      break;
    case "CANCELLED":
      Object.assign(counts, { WITHDRAWN: Math.min(2, n) });
      break;
    default:
      break;
  }
  const picks = pickMembers(ctx, random, pool, invitationsSoFar, seed, counts, matchingAt, occasions);

  // Invitations, contact-sharing consents and assignments.
  const acceptedAt: Date[] = [];
  const assignments: Array<{ row: AssignmentRow; member: PoolMember; respondedAt: Date }> = [];
  const invitedBy = direct ? requester.id : coordinatorId;
  let pendingIndex = 0;
  picks.forEach(({ member, outcome }, index) => {
    const invitationId = ctx.id("invitation", seed.key, member.number);
    let invitedAt = new Date(matchingAt.getTime() + index * 2 * HOUR_MS);
    if (outcome === "PENDING") {
      // Still open: asked within the last few days, so the answer is not yet overdue.
      const recent = now.getTime() - (3 * DAY_MS - pendingIndex * HOUR_MS);
      invitedAt = new Date(Math.max(invitedAt.getTime(), recent));
      pendingIndex += 1;
    }
    const expiresAt = new Date(invitedAt.getTime() + ctx.demo.invitationExpiryDays * DAY_MS);
    let respondedAt: Date | null = null;
    if (outcome === "ACCEPTED" || outcome === "DECLINED") {
      const latest = Math.min(
        now.getTime() - HOUR_MS,
        firstOccasion.startsAt.getTime() - DAY_MS,
        cancelledAt?.getTime() ?? Number.POSITIVE_INFINITY,
      );
      respondedAt = new Date(Math.min(invitedAt.getTime() + random.int(4, 60) * HOUR_MS, latest));
      if (respondedAt.getTime() < invitedAt.getTime()) ctx.fail(`request "${seed.key}": no time to answer before the first occasion`);
      member.touch(respondedAt);
    }
    if (outcome === "EXPIRED" && expiresAt.getTime() > now.getTime())
      ctx.fail(`request "${seed.key}": an expired invitation must be older`);
    if (outcome === "PENDING" && expiresAt.getTime() < now.getTime()) ctx.fail(`request "${seed.key}": a pending invitation has expired`);

    let contactConsentId: string | null = null;
    let contactReleasedAt: Date | null = null;
    if (outcome === "ACCEPTED" && respondedAt) {
      acceptedAt.push(respondedAt);
      // Kalmar's routine, and everyone's rule: details go to the unit only after the person accepted and consented.
      contactConsentId = ctx.id("consent", "contact-sharing", seed.key, member.number);
      plan.consents.push({
        id: contactConsentId,
        memberId: member.memberId,
        kind: "CONTACT_SHARING",
        consentTextId: ctx.consentTexts().contactSharing,
        givenBy: "MEMBER",
        guardianId: null,
        requestId,
        recordedById: null,
        givenAt: respondedAt,
        withdrawnAt: null,
      });
      // In a request still being filled, the latest acceptance waits for the coordinator to release it.
      const waiting = status === "PARTLY_FILLED" && acceptedAt.length === counts.ACCEPTED;
      contactReleasedAt = waiting ? null : new Date(Math.min(respondedAt.getTime() + 2 * HOUR_MS, now.getTime() - HOUR_MS));
    }
    plan.invitations.push({
      id: invitationId,
      requestId,
      memberId: member.memberId,
      status: outcome,
      message: direct
        ? "Registrerad av verksamheten efter direkt kontakt."
        : `Hej! Vi har en förfrågan som vi tror passar dig: ”${seed.title}”. Svara gärna inom ${ctx.demo.invitationExpiryDays} dagar.`,
      invitedById: invitedBy,
      invitedAt,
      expiresAt,
      respondedAt,
      declineReason: outcome === "DECLINED" ? random.pick(DECLINE_REASONS) : null,
      contactConsentId,
      contactReleasedAt,
      version: 1,
    });
    if (!member.membership.lastInvitedAt || (member.membership.lastInvitedAt as Date) < invitedAt)
      member.membership.lastInvitedAt = invitedAt;

    if (outcome === "ACCEPTED" && respondedAt) {
      const carriedOut = status === "CARRIED_OUT" || status === "FOLLOWED_UP";
      const long = seed.assignmentLength === "LONG_TERM";
      const signed = long && (status === "FILLED" || carriedOut);
      const row: AssignmentRow = {
        id: ctx.id("assignment", seed.key, member.number),
        invitationId,
        requestId,
        memberId: member.memberId,
        status: carriedOut ? "CARRIED_OUT" : "CONFIRMED",
        // Kalmar: "Vid uppdrag som löper över en längre tidsperiod skrivs en överenskommelse … undertecknas av båda."
        agreementRequired: long,
        agreementSignedByMemberAt: signed ? clampPast(respondedAt.getTime() + 3 * DAY_MS, now) : null,
        agreementSignedByUnitAt: signed ? clampPast(respondedAt.getTime() + 4 * DAY_MS, now) : null,
        agreementValidFrom: long ? dateOnly(stockholmDate(firstOccasion.startsAt)) : null,
        agreementValidTo: long ? dateOnly(stockholmDate(lastOccasion.endsAt)) : null,
        createdAt: respondedAt,
        version: 1,
      };
      assignments.push({ row, member, respondedAt });
    }
  });

  // Status history.
  type Event = { to: RequestStatus; at: Date; actor: "STAFF" | "SYSTEM"; actorId: string | null; reason: string | null };
  const events: Event[] = [{ to: "SUBMITTED", at: submittedAt, actor: "STAFF", actorId: requester.id, reason: null }];
  const sortedAcceptances = [...acceptedAt].sort((a, b) => a.getTime() - b.getTime());
  const filledAt = sortedAcceptances.length >= n ? (sortedAcceptances[sortedAcceptances.length - 1] ?? null) : null;
  let carriedOutAt: Date | null = null;
  let followedUpAt: Date | null = null;
  if (status === "DECLINED") {
    events.push({ to: "DECLINED", at: declinedAt ?? now, actor: "STAFF", actorId: coordinatorId, reason: seed.statusReason ?? null });
  } else if (status !== "SUBMITTED") {
    if (!direct) events.push({ to: "MATCHING", at: matchingAt, actor: "STAFF", actorId: coordinatorId, reason: null });
    const firstAcceptance = sortedAcceptances[0];
    if (firstAcceptance && n > 1) events.push({ to: "PARTLY_FILLED", at: firstAcceptance, actor: "SYSTEM", actorId: null, reason: null });
    if (filledAt && status !== "PARTLY_FILLED") events.push({ to: "FILLED", at: filledAt, actor: "SYSTEM", actorId: null, reason: null });
    if (status === "CARRIED_OUT" || status === "FOLLOWED_UP") {
      carriedOutAt = new Date(lastOccasion.endsAt.getTime() + DAY_MS);
      events.push({ to: "CARRIED_OUT", at: carriedOutAt, actor: "STAFF", actorId: requester.id, reason: null });
    }
    if (status === "FOLLOWED_UP") {
      followedUpAt = new Date(lastOccasion.endsAt.getTime() + random.int(10, 20) * DAY_MS);
      events.push({
        to: "FOLLOWED_UP",
        at: followedUpAt,
        actor: "STAFF",
        actorId: coordinatorId,
        reason: "Uppföljning gjord med verksamheten och de medverkande.",
      });
    }
    if (status === "CANCELLED") {
      events.push({ to: "CANCELLED", at: cancelledAt ?? now, actor: "STAFF", actorId: requester.id, reason: seed.statusReason ?? null });
    }
  }
  const last = events[events.length - 1] ?? ctx.fail("no events");
  if (last.to !== status) ctx.fail(`request "${seed.key}" ends as ${last.to}, planned ${status}`);
  for (let i = 1; i < events.length; i += 1) {
    const before = events[i - 1];
    const event = events[i];
    if (before && event && event.at < before.at) ctx.fail(`request "${seed.key}": ${event.to} happens before ${before.to}`);
  }
  if (last.at.getTime() > now.getTime()) ctx.fail(`request "${seed.key}" has history in the future`);

  plan.requests.push({
    id: requestId,
    networkId: network.id,
    unitId: unit.id,
    requestedById: requester.id,
    contactName: requester.name,
    contactEmail: requester.email,
    contactPhone: requester.phone,
    assignmentTypeId,
    title: seed.title,
    purpose: seed.purpose,
    expectations: seed.expectations ?? null,
    experienceText: seed.experienceText ?? null,
    perspectivesSought: [...seed.perspectives],
    numberOfPersons: n,
    assignmentLength: seed.assignmentLength,
    audienceDescription: seed.audienceDescription ?? null,
    audienceSize: seed.audienceSize ?? null,
    selectionProcess: seed.selectionProcess ?? null,
    specialRequirements: seed.specialRequirements ?? null,
    preparation: seed.preparation ?? null,
    compensationOffered: seed.compensationOffered ?? null,
    costCentreId,
    directRecruitment: direct,
    status,
    statusReason: status === "DECLINED" || status === "CANCELLED" ? (seed.statusReason ?? null) : null,
    submittedAt,
    filledAt: status === "PARTLY_FILLED" ? null : filledAt,
    carriedOutAt,
    followedUpAt,
    closedAt: status === "FOLLOWED_UP" ? followedUpAt : status === "DECLINED" || status === "CANCELLED" ? last.at : null,
    updatedAt: last.at,
    version: 1,
  });
  for (const key of seed.experienceKeys) plan.requestExperienceTags.push({ requestId, tagId: ctx.tag(key).id });
  events.forEach((event, index) => {
    plan.requestEvents.push({
      id: ctx.id("request-event", seed.key, index),
      requestId,
      fromStatus: index === 0 ? null : (events[index - 1]?.to ?? null),
      toStatus: event.to,
      reason: event.reason,
      actorType: event.actor,
      actorId: event.actorId,
      at: event.at,
    });
  });
  plan.occasions.push(...occasions);
  // Invitations were pushed above; assignments now, then what happened at the occasions.
  plan.assignments.push(...assignments.map((assignment) => assignment.row));

  planAttendanceAndClaims(ctx, random, seed, requester, occasions, assignments, unit.organisationId, costCentreId, payable, followUps);
  planFeedback(ctx, random, seed, requester, coordinatorId, requestId, assignments, lastOccasion, followedUpAt);
}

function clampPast(time: number, now: Date): Date {
  return new Date(Math.min(time, now.getTime() - HOUR_MS));
}

/** Ranks the pool as a coordinator would: experience and perspective fit first, then who has been asked least. */
function pickMembers(
  ctx: PlanContext,
  random: SeededRandom,
  pool: readonly PoolMember[],
  invitationsSoFar: Map<string, number>,
  seed: RequestSeed,
  counts: Record<string, number>,
  matchingAt: Date,
  occasions: readonly PlannedOccasion[],
): Invitee[] {
  const wanted = new Set(seed.experienceKeys);
  const occasionDays = occasions.map((occasion) => stockholmDate(occasion.startsAt));
  const paused = (member: PoolMember) =>
    member.pauses.some((pause) => occasionDays.some((day) => day >= pause.from && (pause.to === null || day <= pause.to)));
  const available = (member: PoolMember) =>
    member.networkSlug === seed.network &&
    member.status === "ACTIVE" &&
    !member.restricted &&
    member.membership.activatedAt instanceof Date &&
    member.membership.activatedAt.getTime() < matchingAt.getTime() &&
    !paused(member);

  const picks: Invitee[] = [];
  const taken = new Set<string>();
  const remaining = { ...counts };
  for (const featured of seed.featured ?? []) {
    const member = pool.find((candidate) => candidate.number === featured.member && candidate.networkSlug === seed.network);
    if (!member || !available(member)) ctx.fail(`request "${seed.key}" features member ${featured.member}, who cannot be invited to it`);
    picks.push({ member, outcome: featured.outcome });
    taken.add(member.memberId);
    remaining[featured.outcome] = Math.max(0, (remaining[featured.outcome] ?? 0) - 1);
  }

  const score = (member: PoolMember) => {
    const fit = member.tagKeys.filter((key) => wanted.has(key) || wanted.has(ctx.tag(key).parentKey ?? "")).length;
    const perspective = member.perspectives.some((p) => seed.perspectives.includes(p)) ? 0.5 : 0;
    return fit + perspective;
  };
  const ranked = pool
    .filter((member) => available(member) && !member.minor && !taken.has(member.memberId))
    .map((member) => ({ member, score: score(member), asked: invitationsSoFar.get(member.memberId) ?? 0, tie: random.next() }))
    .sort((a, b) => b.score - a.score || a.asked - b.asked || a.tie - b.tie)
    .map((entry) => entry.member);

  for (const outcome of ["ACCEPTED", "PENDING", "DECLINED", "EXPIRED", "WITHDRAWN"] as const) {
    for (let i = 0; i < (remaining[outcome] ?? 0); i += 1) {
      const member = ranked.shift() ?? ctx.fail(`request "${seed.key}": not enough available members to invite`);
      picks.push({ member, outcome });
    }
  }
  for (const { member } of picks) invitationsSoFar.set(member.memberId, (invitationsSoFar.get(member.memberId) ?? 0) + 1);
  return picks;
}

function planAttendanceAndClaims(
  ctx: PlanContext,
  random: SeededRandom,
  seed: RequestSeed,
  requester: StaffRef,
  occasions: readonly PlannedOccasion[],
  assignments: ReadonlyArray<{ row: AssignmentRow; member: PoolMember }>,
  unitOrganisationId: string,
  costCentreId: string,
  payable: PayableClaim[],
  followUps: { superseded: boolean; rejected: boolean },
): void {
  const { plan, calendar } = ctx;
  const now = calendar.now;
  const held = occasions.filter((occasion) => occasion.heldAt);
  if (held.length === 0) return;
  const organisation = [...ctx.refs.organisations.values()].find((candidate) => candidate.id === unitOrganisationId);
  // "Ersättning vid medverkan i enskild kommun hanteras i särskild ordning": such a municipality pays; else the region.
  const payerOrganisationId = organisation?.paysOwnParticipants ? organisation.id : (ctx.refs.regionOrganisationId ?? unitOrganisationId);
  const lastHeld = held[held.length - 1];
  let claimIndex = 0;

  assignments.forEach(({ row: assignment, member }, assignmentIndex) => {
    held.forEach((occasion, occasionIndex) => {
      const { startsAt, endsAt } = occasion;
      const digital = occasion.digitalLink !== null;
      // One participant of a series misses a meeting (ill): attendance says so and there is no claim.
      const missed = held.length >= 3 && assignmentIndex === 1 && occasionIndex === 1;
      const durationMinutes = missed ? 0 : Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000);
      const travelMinutes = missed || digital ? 0 : (seed.travel?.minutes ?? 0);
      const attendanceId = ctx.id("attendance", seed.key, member.number, occasionIndex);
      plan.attendances.push({
        id: attendanceId,
        assignmentId: assignment.id,
        occasionId: occasion.id,
        attended: !missed,
        durationMinutes,
        travelMinutes,
        reportedById: requester.id,
        reportedAt: clampPast(endsAt.getTime() + DAY_MS, now),
      });
      if (missed) return;
      if (!member.membership.lastAssignmentAt || (member.membership.lastAssignmentAt as Date) < endsAt)
        member.membership.lastAssignmentAt = endsAt;

      const occasionDate = stockholmDate(startsAt);
      const version = ctx.refs.feeVersions.find((candidate) => isValidOn(candidate.version, occasionDate));
      if (!version) return; // no fee schedule in force that day: nothing to claim
      const km = digital ? 0 : (seed.travel?.km ?? 0);
      const expenses = !digital && km > 30 && random.chance(0.5) ? [{ description: "Parkering", amountOre: 6_000 }] : [];
      const fee = computeClaim(ctx, version, {
        occasionDate,
        durationMinutes,
        travelMinutes,
        preparationMinutes: seed.preparationMinutes ?? 0,
        mileageKm: km,
        expenses,
      });
      if (!fee) return; // e.g. no price base amount yet for the occasion's year

      // Where the claim is in its life: paid (through payroll) once the request is followed up or, in a long
      // assignment, for all but the latest meeting; otherwise submitted, attested or still a draft.
      const longAndOngoing = seed.status === "FILLED";
      const toPayroll = seed.status === "FOLLOWED_UP" || (longAndOngoing && occasion !== lastHeld);
      const claimStatus: FeeClaimStatus = toPayroll
        ? "ATTESTED"
        : ((["SUBMITTED", "ATTESTED", "DRAFT"] as const)[claimIndex % 3] ?? "SUBMITTED");
      claimIndex += 1;
      const submittedAt = claimStatus === "DRAFT" ? null : clampPast(endsAt.getTime() + 2 * DAY_MS, now);
      const attestedAt = claimStatus === "ATTESTED" ? clampPast(endsAt.getTime() + 6 * DAY_MS, now) : null;
      const base = {
        assignmentId: assignment.id,
        occasionId: occasion.id,
        memberId: member.memberId,
        feeScheduleVersionId: version.id,
        occasionDate: dateOnly(occasionDate),
        durationMinutes,
        travelMinutes,
        preparationMinutes: seed.preparationMinutes ?? 0,
        mileageKm: km,
        currency: "SEK",
        costCentreId,
        payerOrganisationId,
        createdAt: clampPast(endsAt.getTime() + DAY_MS, now),
        // Every lifecycle column stated, so that re-seeding resets what payroll or an attester changed.
        rejectionReason: null,
        submittedAt: null,
        attestedAt: null,
        attestedById: null,
        payrollExportId: null,
        paidAt: null,
        supersedesId: null,
        version: 1,
      };
      const id = ctx.id("fee-claim", seed.key, member.number, occasionIndex);
      const expenseRows = (claimId: string, items: ReadonlyArray<{ description: string; amountOre: number }>) => {
        items.forEach((item, index) => {
          plan.feeClaimExpenses.push({
            id: ctx.id("fee-claim-expense", claimId, index),
            feeClaimId: claimId,
            description: item.description,
            amountOre: item.amountOre,
          });
        });
      };

      let supersedesId: string | null = null;
      if (toPayroll && seed.status === "FOLLOWED_UP" && km > 0 && !followUps.superseded) {
        // A correction after attestation: the first claim had half the distance; the new claim replaces it.
        followUps.superseded = true;
        const wrong = computeClaim(ctx, version, {
          occasionDate,
          durationMinutes,
          travelMinutes,
          preparationMinutes: seed.preparationMinutes ?? 0,
          mileageKm: Math.floor(km / 2),
          expenses,
        });
        if (wrong) {
          supersedesId = ctx.id("fee-claim", seed.key, member.number, occasionIndex, "superseded");
          plan.feeClaims.push({
            id: supersedesId,
            ...base,
            ...amounts(wrong),
            mileageKm: Math.floor(km / 2),
            status: "SUPERSEDED",
            submittedAt,
            attestedAt,
            attestedById: requester.id,
            createdAt: base.createdAt,
          });
          expenseRows(supersedesId, expenses);
        }
      } else if (toPayroll && seed.status === "FOLLOWED_UP" && km > 0 && followUps.superseded && !followUps.rejected) {
        // Rejected before attestation (the journey was missing), then submitted again with it.
        followUps.rejected = true;
        const rejectedId = ctx.id("fee-claim", seed.key, member.number, occasionIndex, "rejected");
        const first = computeClaim(ctx, version, {
          occasionDate,
          durationMinutes,
          travelMinutes,
          preparationMinutes: seed.preparationMinutes ?? 0,
          mileageKm: 0,
          expenses: [],
        });
        if (first) {
          plan.feeClaims.push({
            id: rejectedId,
            ...base,
            ...amounts(first),
            mileageKm: 0,
            status: "REJECTED",
            rejectionReason: "Uppgift om resa saknades. Fyll i resans längd och skicka in igen.",
            submittedAt,
            createdAt: base.createdAt,
          });
        }
      }

      const row: FeeClaimRow = {
        id,
        ...base,
        ...amounts(fee),
        status: claimStatus,
        submittedAt,
        attestedAt,
        attestedById: attestedAt ? requester.id : null,
        supersedesId,
      };
      plan.feeClaims.push(row);
      expenseRows(id, expenses);
      if (toPayroll) payable.push({ row, payerOrganisationId });
    });
  });
}

function computeClaim(
  ctx: PlanContext,
  version: FeeVersionRef,
  input: Omit<FeeInput, "schedule" | "priceBaseAmounts" | "hourly">,
): FeeComputation | null {
  const full: FeeInput = { ...input, schedule: version.version, priceBaseAmounts: ctx.priceBaseAmounts };
  const standard = computeFee(full);
  if (!standard.ok) return null;
  // Where the schedule offers an hourly rate instead of the short fee, the participant gets the better of the two.
  if (standard.fee.category === "SHORT" && version.version.hourlyValue !== null) {
    const hourly = computeFee({ ...full, hourly: true });
    if (hourly.ok && hourly.fee.grossOre > standard.fee.grossOre) return hourly.fee;
  }
  return standard.fee;
}

function amounts(fee: FeeComputation) {
  return {
    hourly: fee.category === "HOURLY",
    category: fee.category,
    grossOre: fee.grossOre,
    preparationOre: fee.preparationOre,
    mileageOre: fee.mileageOre,
    expensesOre: fee.expensesOre,
    withholdingOre: fee.withholdingOre,
    netOre: fee.netOre,
    socialFeesOre: fee.socialFeesOre,
  };
}

/** Attested claims go to payroll once a month per payer; a batch is paid about ten days after it was sent. */
function planPayroll(ctx: PlanContext, payable: readonly PayableClaim[]): void {
  const now = ctx.calendar.now;
  const batches = new Map<string, PayableClaim[]>();
  for (const claim of payable) {
    const month = stockholmDate(claim.row.attestedAt as Date).slice(0, 7);
    const key = `${claim.payerOrganisationId}/${month}`;
    batches.set(key, [...(batches.get(key) ?? []), claim]);
  }
  const coordinator = [...ctx.refs.networks.values()][0]?.coordinatorIds[0] ?? null;
  for (const [key, claims] of [...batches.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const [payerOrganisationId = "", month = ""] = key.split("/");
    const periodFrom = `${month}-01`;
    const nextMonth = addDays(`${month}-28`, 7).slice(0, 7);
    const periodTo = addDays(`${nextMonth}-01`, -1);
    const createdAt = stockholm(`${nextMonth}-01`, "09:00");
    if (createdAt.getTime() > now.getTime()) continue; // this month's batch has not been sent yet
    const id = ctx.id("payroll-export", payerOrganisationId, month);
    ctx.plan.payrollExports.push({
      id,
      payerOrganisationId,
      periodFrom: dateOnly(periodFrom),
      periodTo: dateOnly(periodTo),
      createdById: coordinator,
      createdAt,
    });
    const paidAt = stockholm(addDays(`${nextMonth}-01`, 24), "06:00");
    for (const { row } of claims) {
      row.payrollExportId = id;
      if (paidAt.getTime() <= now.getTime()) {
        row.status = "PAID";
        row.paidAt = paidAt;
      } else {
        row.status = "SENT_TO_PAYROLL";
      }
    }
  }
}

function planFeedback(
  ctx: PlanContext,
  random: SeededRandom,
  seed: RequestSeed,
  requester: StaffRef,
  coordinatorId: string,
  requestId: string,
  assignments: ReadonlyArray<{ row: AssignmentRow; member: PoolMember }>,
  lastOccasion: PlannedOccasion,
  followedUpAt: Date | null,
): void {
  if (seed.status !== "CARRIED_OUT" && seed.status !== "FOLLOWED_UP") return;
  const now = ctx.calendar.now;
  const after = (days: number) => clampPast(lastOccasion.endsAt.getTime() + days * DAY_MS, now);
  const followedUp = seed.status === "FOLLOWED_UP";
  assignments.forEach(({ row, member }, index) => {
    // The unit gives feedback to each participant; after a follow-up the participants have answered too.
    if (followedUp || index === 0) {
      ctx.plan.feedback.push({
        id: ctx.id("feedback", seed.key, "unit", member.number),
        requestId,
        assignmentId: row.id,
        author: "UNIT",
        authorId: requester.id,
        rating: random.int(4, 5),
        comment: random.pick(UNIT_COMMENTS),
        createdAt: after(random.int(1, 4)),
      });
    }
    if (followedUp) {
      const createdAt = after(random.int(2, 8));
      member.touch(createdAt);
      ctx.plan.feedback.push({
        id: ctx.id("feedback", seed.key, "participant", member.number),
        requestId,
        assignmentId: row.id,
        author: "PARTICIPANT",
        authorId: member.memberId,
        rating: random.int(3, 5),
        comment: random.pick(PARTICIPANT_COMMENTS),
        createdAt,
      });
    }
  });
  if (followedUp && followedUpAt) {
    ctx.plan.feedback.push({
      id: ctx.id("feedback", seed.key, "coordinator"),
      requestId,
      assignmentId: null,
      author: "COORDINATOR",
      authorId: coordinatorId,
      rating: null,
      comment: "Uppföljning gjord med både verksamheten och de medverkande; återkopplingen är förmedlad åt båda hållen.",
      createdAt: followedUpAt,
    });
  }
}
