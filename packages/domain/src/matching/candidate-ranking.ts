import { parseIsoDate } from "../calendar/iso-date.js";
import { AGE_BAND_LABELS, type AgeBand, ageBand, ageOn } from "../intake/age.js";
import type { LocalizedText } from "../messages/locale.js";
import { type TagLink, tagDescendantIds } from "../taxonomy/experience-taxonomy.js";
import { PERSPECTIVE_LABELS, type Perspective } from "../vocabulary/vocabulary.js";
import { competencesMet } from "./competence.js";

// Ranked candidates for a request (SPEC §4 scenario 4): who in the pool fits the request, who can come, and who has
// waited longest for a turn. Every point a candidate gets or loses is a reason with its code and a sentence in both
// languages, so a coordinator can see why someone is where they are and overrule it knowingly. The ranking is a pure
// function of the facts: the same pool, request and day always give the same list.
//
// Decisions:
// - A full experience fit outweighs everything fairness can add or take away (MATCHING_WEIGHTS.experience is larger
//   than the widest fairness swing), so fairness orders people who fit about equally, never a misfit above a fit.
// - A pause is the member's own "do not ask me": a pause over every occasion excludes the member; a pause over some
//   occasions of a series, or one running today, only lowers the rank, with the dates as the reason.
// - Members already invited to this request (whatever the answer) are excluded, those who declined with their own
//   code: an invitation is once per member and request, and a decline is never asked again.
// - The shortlist spreads across perspectives and age bands by a greedy re-ranking: each pick gets a bonus for a
//   perspective or age band the shortlist does not hold yet, halved for every member of that group already on it.
//   Members of unknown age take no part in the age spread (no bonus, no penalty).
// - Ties go to the higher score before the spread bonus, then to the lower member id.

/**
 * Points of each rule. Integers, so scores add up exactly and compare the same on every machine. Changing a weight
 * changes every ranking; the unit tests state the properties the weights must keep.
 */
export const MATCHING_WEIGHTS = {
  /** The whole experience sought: each sought tag the member has (or a tag below it) earns its share. */
  experience: 50,
  /** Share of a tag's points when the member has only a broader tag above the one sought. */
  broaderExperienceShare: 0.5,
  /** The member speaks from one of the perspectives sought (only when the request names any). */
  perspective: 20,
  /** All the competences sought (only when the request names any): each one the member meets earns its share. */
  competence: 15,
  /** Never invited to any request. */
  neverAsked: 15,
  /** Asked before: points grow with the time since, up to this many after `lastAskedFullAfterDays`. */
  lastAskedMax: 10,
  lastAskedFullAfterDays: 365,
  /** Never had an assignment (never used), whether asked or not. */
  neverAssigned: 5,
  /** The window in which recent invitations and assignments are counted. */
  recentWindowMonths: 12,
  /** Per assignment in the window, down to the floor. */
  perRecentAssignment: -5,
  recentAssignmentsFloor: -20,
  /** Per invitation in the window, down to the floor: being asked is a load too, even when one says no. */
  perRecentInvitation: -2,
  recentInvitationsFloor: -6,
  /** Paused on some of the occasions (a series): this much times the share of occasions paused. */
  pausedOnOccasions: -40,
  /** A pause running today that does not cover the occasions: asking now goes against it. */
  pausedToday: -10,
  /** Already taking part in another request on the same date as one of the occasions. */
  bookedOnOccasionDate: -15,
  /** Spread bonus for a perspective the shortlist does not hold yet; halved per member of it already on it. */
  perspectiveSpread: 8,
  /** Spread bonus for an age band the shortlist does not hold yet; halved per member of it already on it. */
  ageBandSpread: 6,
} as const;

export type MatchingWeights = { readonly [K in keyof typeof MATCHING_WEIGHTS]: number };

export const MATCH_REASON_CODES = [
  "EXPERIENCE_MATCH",
  "EXPERIENCE_NONE",
  "PERSPECTIVE_MATCH",
  "PERSPECTIVE_NONE",
  "COMPETENCE_MATCH",
  "COMPETENCE_NONE",
  "PAUSED_ON_OCCASION",
  "PAUSED_TODAY",
  "BOOKED_ON_OCCASION_DATE",
  "ACCESSIBILITY_NEEDS",
  "NEVER_ASKED",
  "LAST_ASKED",
  "NEVER_ASSIGNED",
  "RECENT_ASSIGNMENTS",
  "RECENT_INVITATIONS",
  "SPREAD_PERSPECTIVE",
  "SPREAD_AGE_BAND",
] as const;
export type MatchReasonCode = (typeof MATCH_REASON_CODES)[number];

export const EXCLUSION_CODES = ["ALREADY_INVITED", "DECLINED_THIS_REQUEST", "PAUSED_ON_ALL_OCCASIONS"] as const;
export type ExclusionCode = (typeof EXCLUSION_CODES)[number];

export interface MatchReason {
  readonly code: MatchReasonCode;
  /** What the reason adds to the score (negative: takes away; 0: for the coordinator's information). */
  readonly points: number;
  readonly text: LocalizedText;
}

/** What the ranking needs to know of the request. */
export interface MatchingRequest {
  readonly experienceTagIds: readonly string[];
  readonly perspectivesSought: readonly Perspective[];
  /** The competences the unit asks for, in its own words; none: no competence criterion. */
  readonly competencesSought: readonly string[];
  /** Calendar dates (tenant time zone) of the occasions still to come and not cancelled. */
  readonly occasionDates: readonly string[];
}

/** What the ranking needs to know of one member of the pool; gathered by the API in a few set queries. */
export interface CandidateFacts {
  readonly memberId: string;
  readonly perspectives: readonly Perspective[];
  readonly birthDate: string | null;
  readonly birthYear: number | null;
  readonly experienceTagIds: readonly string[];
  /** The member's own words for what they can do (profile `competences`). */
  readonly competences: readonly string[];
  readonly hasAccessibilityNeeds: boolean;
  /** Pauses not over before today. */
  readonly pauses: readonly { readonly startsOn: string; readonly endsOn: string | null }[];
  /** Dates on which the member takes part in another request (not cancelled). */
  readonly bookedDates: readonly string[];
  /** Calendar date of the last invitation to any request; null: never asked. */
  readonly lastAskedOn: string | null;
  readonly invitationsInWindow: number;
  readonly assignmentsInWindow: number;
  readonly everAssigned: boolean;
  /** The member's invitation to this very request, if any. */
  readonly invitationToRequest: "DECLINED" | "OTHER" | null;
}

export interface RankedCandidate {
  readonly memberId: string;
  /** 1 for the first of the shortlist. */
  readonly rank: number;
  /** The sum of the reasons' points, spread bonus included. */
  readonly score: number;
  readonly ageBand: AgeBand | null;
  readonly reasons: readonly MatchReason[];
}

export interface ExcludedCandidate {
  readonly memberId: string;
  readonly code: ExclusionCode;
  readonly text: LocalizedText;
}

export interface CandidateRanking {
  readonly shortlist: readonly RankedCandidate[];
  /** How many could have been on the list: the pool less the excluded. */
  readonly eligibleCount: number;
  readonly excluded: readonly ExcludedCandidate[];
}

export interface RankingOptions {
  /** The tenant's calendar date. */
  readonly today: string;
  /** The whole taxonomy (id and parent), so a sub-tag counts for the tag above it. */
  readonly taxonomy: readonly TagLink[];
  /** Shortlist length. */
  readonly limit: number;
  readonly weights?: MatchingWeights;
}

/** The first day of the window in which recent invitations and assignments count: the same day N months back. */
export function recentWindowStart(today: string, weights: MatchingWeights = MATCHING_WEIGHTS): string {
  const date = parseIsoDate(today);
  if (date === null) throw new RangeError(`today must be an ISO date, got ${today}`);
  const months = date.year * 12 + (date.month - 1) - weights.recentWindowMonths;
  const year = Math.floor(months / 12);
  const month = (months % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(date.day, last)).padStart(2, "0")}`;
}

const lower = (text: LocalizedText): LocalizedText => ({ sv: text.sv.toLowerCase(), en: text.en.toLowerCase() });
const joined = (texts: readonly LocalizedText[]): LocalizedText => ({
  sv: texts.map((text) => text.sv).join(", "),
  en: texts.map((text) => text.en).join(", "),
});
const perspectiveNames = (perspectives: readonly Perspective[]) => joined(perspectives.map((p) => lower(PERSPECTIVE_LABELS[p])));

const TEXT = {
  experience(matched: number, broader: number, sought: number): LocalizedText {
    if (matched === 0 && broader === 0) {
      return { sv: `Har ingen av de ${sought} efterfrågade erfarenheterna`, en: `Matches none of the ${sought} experiences sought` };
    }
    const base = {
      sv: `Har ${matched} av ${sought} efterfrågade erfarenheter`,
      en: `Matches ${matched} of ${sought} experience${sought === 1 ? "" : "s"} sought`,
    };
    if (broader === 0) return base;
    return { sv: `${base.sv}, och ${broader} till i bredare mening`, en: `${base.en}, and ${broader} more in broader terms` };
  },
  perspectiveMatch: (p: readonly Perspective[]): LocalizedText => {
    const names = perspectiveNames(p);
    return { sv: `Efterfrågat perspektiv: ${names.sv}`, en: `Perspective sought: ${names.en}` };
  },
  perspectiveNone: (p: readonly Perspective[]): LocalizedText => {
    const names = perspectiveNames(p);
    return { sv: `Inget av de efterfrågade perspektiven (${names.sv})`, en: `None of the perspectives sought (${names.en})` };
  },
  competenceMatch: (met: readonly string[], sought: number): LocalizedText => ({
    sv: `Har ${met.length} av ${sought} efterfrågade kompetenser: ${met.join(", ")}`,
    en: `Has ${met.length} of ${sought} competence${sought === 1 ? "" : "s"} sought: ${met.join(", ")}`,
  }),
  competenceNone: (sought: readonly string[]): LocalizedText => ({
    sv: `Ingen av de efterfrågade kompetenserna (${sought.join(", ")})`,
    en: `None of the competences sought (${sought.join(", ")})`,
  }),
  pausedOn: (dates: readonly string[]): LocalizedText => ({ sv: `Pausad ${dates.join(", ")}`, en: `Paused on ${dates.join(", ")}` }),
  pausedOnAll: (dates: readonly string[]): LocalizedText => ({
    sv: `Pausad vid alla tillfällen (${dates.join(", ")})`,
    en: `Paused on every occasion (${dates.join(", ")})`,
  }),
  pausedToday: (endsOn: string | null): LocalizedText =>
    endsOn === null
      ? { sv: "Pausad tills vidare", en: "On a pause until further notice" }
      : { sv: `Pausad till och med ${endsOn}`, en: `On a pause until ${endsOn}` },
  booked: (dates: readonly string[]): LocalizedText => ({
    sv: `Har redan ett uppdrag ${dates.join(", ")}`,
    en: `Already has an assignment on ${dates.join(", ")}`,
  }),
  accessibility: {
    sv: "Har tillgänglighetsbehov i profilen: stäm av dem mot förfrågan",
    en: "Has accessibility needs in the profile: check them against the request",
  },
  neverAsked: { sv: "Aldrig tillfrågad tidigare", en: "Never asked before" },
  lastAsked(days: number): LocalizedText {
    if (days < 60) return { sv: `Senast tillfrågad för ${days} dagar sedan`, en: `Last asked ${days} day${days === 1 ? "" : "s"} ago` };
    const months = Math.floor(days / 30);
    return { sv: `Senast tillfrågad för ${months} månader sedan`, en: `Last asked ${months} months ago` };
  },
  neverAssigned: { sv: "Har inte haft något uppdrag än", en: "Has not had an assignment yet" },
  recentAssignments: (count: number, months: number): LocalizedText => ({
    sv: `${count} uppdrag de senaste ${months} månaderna`,
    en: `${count} assignment${count === 1 ? "" : "s"} in the last ${months} months`,
  }),
  recentInvitations: (count: number, months: number): LocalizedText => ({
    sv: `Tillfrågad ${count} ${count === 1 ? "gång" : "gånger"} de senaste ${months} månaderna`,
    en: `Asked ${count === 1 ? "once" : `${count} times`} in the last ${months} months`,
  }),
  spreadPerspective(perspective: Perspective, already: number): LocalizedText {
    const name = lower(PERSPECTIVE_LABELS[perspective]);
    if (already === 0)
      return { sv: `Tillför perspektivet ${name.sv} till urvalet`, en: `Brings the ${name.en} perspective to the shortlist` };
    return { sv: `Perspektivet ${name.sv}: ${already} redan i urvalet`, en: `Perspective ${name.en}: ${already} already on the shortlist` };
  },
  spreadAgeBand(band: AgeBand, already: number): LocalizedText {
    const label = AGE_BAND_LABELS[band];
    if (already === 0) return { sv: `Tillför åldersgruppen ${label.sv} till urvalet`, en: `Brings age band ${label.en} to the shortlist` };
    return { sv: `Åldersgruppen ${label.sv}: ${already} redan i urvalet`, en: `Age band ${label.en}: ${already} already on the shortlist` };
  },
  alreadyInvited: { sv: "Redan tillfrågad till den här förfrågan", en: "Already invited to this request" },
  declined: { sv: "Har tackat nej till den här förfrågan", en: "Declined this request" },
};

/** How well the member's tags cover each sought tag: 1 for the tag or one below it, the broader share for one above. */
function experienceFit(
  request: MatchingRequest,
  memberTags: readonly string[],
  below: ReadonlyMap<string, ReadonlySet<string>>,
  above: ReadonlyMap<string, readonly string[]>,
): { matched: number; broader: number } {
  let matched = 0;
  let broader = 0;
  for (const tagId of request.experienceTagIds) {
    const covered = below.get(tagId);
    if (memberTags.some((id) => (covered ? covered.has(id) : id === tagId))) matched += 1;
    else if ((above.get(tagId) ?? []).some((id) => memberTags.includes(id))) broader += 1;
  }
  return { matched, broader };
}

/** For each sought tag: the tag with every tag below it (a full match), and the tags above it (a broader match). */
function soughtTagNeighbourhood(taxonomy: readonly TagLink[], sought: readonly string[]) {
  const below = new Map<string, ReadonlySet<string>>();
  const above = new Map<string, readonly string[]>();
  const parentOf = new Map(taxonomy.map((tag) => [tag.id, tag.parentId]));
  for (const tagId of new Set(sought)) {
    below.set(tagId, new Set([tagId, ...tagDescendantIds(taxonomy, tagId)]));
    const ancestors: string[] = [];
    // A damaged tree (a cycle) ends the walk instead of looping.
    for (let id = parentOf.get(tagId) ?? null; id !== null && !ancestors.includes(id) && id !== tagId; id = parentOf.get(id) ?? null) {
      ancestors.push(id);
    }
    above.set(tagId, ancestors);
  }
  return { below, above };
}

/** What every candidate's scoring shares: worked out once per ranking rather than once per member. */
interface Prepared {
  readonly request: MatchingRequest;
  readonly weights: MatchingWeights;
  readonly today: string;
  /** Midnight UTC of `today`, for the days since a member was last asked. */
  readonly todayMs: number;
  /** The occasions' dates, each once, in order. */
  readonly occasionDates: readonly string[];
  readonly below: ReadonlyMap<string, ReadonlySet<string>>;
  readonly above: ReadonlyMap<string, readonly string[]>;
}

interface Scored {
  readonly facts: CandidateFacts;
  readonly base: number;
  /** Worked out when the spread first looks at the member (undefined until then): most of a pool never is. */
  ageBand?: AgeBand | null;
  /** The perspectives this member brings to the shortlist's spread. */
  readonly spreadPerspectives: readonly Perspective[];
}

type Scoring = { readonly excluded: ExcludedCandidate } | { readonly scored: Scored };

/**
 * The points of every rule for one member, and with `reasons` the sentences behind them. A pool of thousands is
 * scored without sentences; only the members who make the shortlist are scored again with them. Both passes run this
 * one function, so the points and the reasons can never disagree.
 */
function scoreCandidate(facts: CandidateFacts, prepared: Prepared, reasons: MatchReason[] | null): Scoring {
  if (facts.invitationToRequest === "DECLINED") {
    return { excluded: { memberId: facts.memberId, code: "DECLINED_THIS_REQUEST", text: TEXT.declined } };
  }
  if (facts.invitationToRequest === "OTHER") {
    return { excluded: { memberId: facts.memberId, code: "ALREADY_INVITED", text: TEXT.alreadyInvited } };
  }
  const { request, weights, today, occasionDates } = prepared;
  const livePauses =
    facts.pauses.length === 0 ? facts.pauses : facts.pauses.filter((pause) => pause.endsOn === null || pause.endsOn >= today);
  const pausedDates =
    livePauses.length === 0
      ? []
      : occasionDates.filter((day) => livePauses.some((pause) => day >= pause.startsOn && (pause.endsOn === null || day <= pause.endsOn)));
  if (occasionDates.length > 0 && pausedDates.length === occasionDates.length) {
    return { excluded: { memberId: facts.memberId, code: "PAUSED_ON_ALL_OCCASIONS", text: TEXT.pausedOnAll(pausedDates) } };
  }

  let base = 0;
  // The sentence is written only when it is asked for: building thousands of them was most of the ranking's work.
  const add = (code: MatchReasonCode, points: number, text: () => LocalizedText) => {
    const rounded = Math.round(points);
    base += rounded;
    reasons?.push({ code, points: rounded, text: text() });
  };

  const sought = request.experienceTagIds.length;
  if (sought > 0) {
    const { matched, broader } = experienceFit(request, facts.experienceTagIds, prepared.below, prepared.above);
    const share = (matched + broader * weights.broaderExperienceShare) / sought;
    add(matched + broader > 0 ? "EXPERIENCE_MATCH" : "EXPERIENCE_NONE", weights.experience * share, () =>
      TEXT.experience(matched, broader, sought),
    );
  }
  const perspectivesMatched = request.perspectivesSought.filter((p) => facts.perspectives.includes(p));
  if (request.perspectivesSought.length > 0) {
    if (perspectivesMatched.length > 0) add("PERSPECTIVE_MATCH", weights.perspective, () => TEXT.perspectiveMatch(perspectivesMatched));
    else add("PERSPECTIVE_NONE", 0, () => TEXT.perspectiveNone(request.perspectivesSought));
  }
  const competencesSought = request.competencesSought.length;
  if (competencesSought > 0) {
    const met = facts.competences.length === 0 ? [] : competencesMet(facts.competences, request.competencesSought);
    if (met.length > 0) {
      add("COMPETENCE_MATCH", (weights.competence * met.length) / competencesSought, () => TEXT.competenceMatch(met, competencesSought));
    } else add("COMPETENCE_NONE", 0, () => TEXT.competenceNone(request.competencesSought));
  }

  if (pausedDates.length > 0) {
    add("PAUSED_ON_OCCASION", (weights.pausedOnOccasions * pausedDates.length) / occasionDates.length, () => TEXT.pausedOn(pausedDates));
  } else {
    const current = livePauses.find((pause) => pause.startsOn <= today);
    if (current) add("PAUSED_TODAY", weights.pausedToday, () => TEXT.pausedToday(current.endsOn));
  }
  if (facts.bookedDates.length > 0) {
    const booked = occasionDates.filter((day) => facts.bookedDates.includes(day));
    if (booked.length > 0) add("BOOKED_ON_OCCASION_DATE", weights.bookedOnOccasionDate, () => TEXT.booked(booked));
  }
  if (facts.hasAccessibilityNeeds) add("ACCESSIBILITY_NEEDS", 0, () => TEXT.accessibility);

  if (facts.lastAskedOn === null) add("NEVER_ASKED", weights.neverAsked, () => TEXT.neverAsked);
  else {
    const days = Math.max(0, Math.round((prepared.todayMs - Date.parse(`${facts.lastAskedOn}T00:00:00Z`)) / 86_400_000));
    add("LAST_ASKED", weights.lastAskedMax * Math.min(1, days / weights.lastAskedFullAfterDays), () => TEXT.lastAsked(days));
  }
  if (!facts.everAssigned) add("NEVER_ASSIGNED", weights.neverAssigned, () => TEXT.neverAssigned);
  const months = weights.recentWindowMonths;
  if (facts.assignmentsInWindow > 0) {
    const points = Math.max(weights.recentAssignmentsFloor, weights.perRecentAssignment * facts.assignmentsInWindow);
    add("RECENT_ASSIGNMENTS", points, () => TEXT.recentAssignments(facts.assignmentsInWindow, months));
  }
  if (facts.invitationsInWindow > 0) {
    const points = Math.max(weights.recentInvitationsFloor, weights.perRecentInvitation * facts.invitationsInWindow);
    add("RECENT_INVITATIONS", points, () => TEXT.recentInvitations(facts.invitationsInWindow, months));
  }

  // With perspectives sought, the spread is among those; otherwise among whatever the members bring.
  const spread = request.perspectivesSought.length > 0 ? perspectivesMatched : facts.perspectives;
  return {
    scored: {
      facts,
      base,
      spreadPerspectives: spread.length < 2 ? spread : [...new Set(spread)].sort(),
    },
  };
}

/** The member's age band on `today`, worked out once. */
function ageBandOf(candidate: Scored, today: string): AgeBand | null {
  if (candidate.ageBand === undefined) {
    const age = ageOn({ birthDate: candidate.facts.birthDate, birthYear: candidate.facts.birthYear }, today);
    candidate.ageBand = age === null ? null : ageBand(age);
  }
  return candidate.ageBand;
}

/** The spread bonus a candidate would get next to the shortlist so far; with `reasons`, the sentences too. */
function spreadBonus(
  candidate: Scored,
  perspectiveCounts: ReadonlyMap<Perspective, number>,
  ageBandCounts: ReadonlyMap<AgeBand, number>,
  prepared: Prepared,
  reasons: MatchReason[] | null,
): number {
  const { weights } = prepared;
  let total = 0;
  // The perspective the shortlist holds fewest of is the one this member adds.
  let best: Perspective | null = null;
  let fewest = 0;
  for (const perspective of candidate.spreadPerspectives) {
    const already = perspectiveCounts.get(perspective) ?? 0;
    if (best === null || already < fewest) {
      best = perspective;
      fewest = already;
    }
  }
  if (best !== null) {
    const points = Math.round(weights.perspectiveSpread / 2 ** fewest);
    if (points !== 0) {
      total += points;
      reasons?.push({ code: "SPREAD_PERSPECTIVE", points, text: TEXT.spreadPerspective(best, fewest) });
    }
  }
  const band = ageBandOf(candidate, prepared.today);
  if (band !== null) {
    const already = ageBandCounts.get(band) ?? 0;
    const points = Math.round(weights.ageBandSpread / 2 ** already);
    if (points !== 0) {
      total += points;
      reasons?.push({ code: "SPREAD_AGE_BAND", points, text: TEXT.spreadAgeBand(band, already) });
    }
  }
  return total;
}

/**
 * The members the greedy spread can look at: the `limit` best by base score, and everyone whose base plus the largest
 * spread bonus beats the `limit`-th best base. While fewer than `limit` are picked, one of those `limit` best is still
 * unpicked and is looked at before anyone with a lower base, so the best total so far is at least that base, and the
 * spread stops at the first member who cannot beat it — never reaching the rest. Sorting only the contenders, not a
 * pool of thousands, gives the same shortlist. With a negative spread weight (a bonus that takes away) the bound does
 * not hold and everyone is a contender.
 */
function contendersFor(scored: Scored[], limit: number, maxBonus: number, weights: MatchingWeights): Scored[] {
  if (limit === 0) return [];
  if (weights.perspectiveSpread < 0 || weights.ageBandSpread < 0 || limit >= scored.length) return scored;
  const counts = new Map<number, number>();
  for (const candidate of scored) counts.set(candidate.base, (counts.get(candidate.base) ?? 0) + 1);
  let kthBest = Number.NEGATIVE_INFINITY;
  let seen = 0;
  for (const base of [...counts.keys()].sort((a, b) => b - a)) {
    seen += counts.get(base) ?? 0;
    if (seen >= limit) {
      kthBest = base;
      break;
    }
  }
  return scored.filter((candidate) => candidate.base >= kthBest || candidate.base + maxBonus > kthBest);
}

const byBaseThenId = (a: Scored, b: Scored) =>
  b.base - a.base || (a.facts.memberId < b.facts.memberId ? -1 : a.facts.memberId > b.facts.memberId ? 1 : 0);

/**
 * Scores every member of the pool and picks a shortlist of `limit`, spread across perspectives and age bands.
 * O(n) for the scoring; only the members whose score could still win are sorted and looked at by the greedy spread,
 * so a pool of thousands costs little more than scoring it. Reasons are written only for the shortlist, and ages worked out only
 * for the members the spread looks at.
 */
export function rankCandidates(request: MatchingRequest, pool: readonly CandidateFacts[], options: RankingOptions): CandidateRanking {
  const weights = options.weights ?? MATCHING_WEIGHTS;
  const { below, above } = soughtTagNeighbourhood(options.taxonomy, request.experienceTagIds);
  const prepared: Prepared = {
    request,
    weights,
    today: options.today,
    todayMs: Date.parse(`${options.today}T00:00:00Z`),
    occasionDates: [...new Set(request.occasionDates)].sort(),
    below,
    above,
  };

  const excluded: ExcludedCandidate[] = [];
  const scored: Scored[] = [];
  const seen = new Set<string>();
  for (const facts of pool) {
    // A member in the pool twice (two memberships of one network cannot exist, but two rows of facts can) counts once.
    if (seen.has(facts.memberId)) continue;
    seen.add(facts.memberId);
    const result = scoreCandidate(facts, prepared, null);
    if ("excluded" in result) excluded.push(result.excluded);
    else scored.push(result.scored);
  }
  excluded.sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));

  const maxBonus = Math.max(0, weights.perspectiveSpread) + Math.max(0, weights.ageBandSpread);
  const limit = Math.max(0, Math.min(options.limit, scored.length));
  const contenders = contendersFor(scored, limit, maxBonus, weights);
  contenders.sort(byBaseThenId);
  const taken = new Array<boolean>(contenders.length).fill(false);
  const perspectiveCounts = new Map<Perspective, number>();
  const ageBandCounts = new Map<AgeBand, number>();
  const shortlist: RankedCandidate[] = [];
  while (shortlist.length < limit) {
    let best: { index: number; total: number } | null = null;
    for (let index = 0; index < contenders.length; index += 1) {
      if (taken[index]) continue;
      const candidate = contenders[index] as Scored;
      // Sorted by base score: nobody further down can beat the best even with the full bonus.
      if (best !== null && candidate.base + maxBonus <= best.total) break;
      const total = candidate.base + spreadBonus(candidate, perspectiveCounts, ageBandCounts, prepared, null);
      // Equal totals keep the earlier one: higher base score, then lower id.
      if (best === null || total > best.total) best = { index, total };
    }
    if (best === null) break;
    taken[best.index] = true;
    const pick = contenders[best.index] as Scored;
    // The pick's reasons, written now: its own rules, then its spread bonus against the shortlist before it joined.
    const reasons: MatchReason[] = [];
    scoreCandidate(pick.facts, prepared, reasons);
    spreadBonus(pick, perspectiveCounts, ageBandCounts, prepared, reasons);
    const band = ageBandOf(pick, prepared.today);
    for (const perspective of pick.spreadPerspectives) perspectiveCounts.set(perspective, (perspectiveCounts.get(perspective) ?? 0) + 1);
    if (band !== null) ageBandCounts.set(band, (ageBandCounts.get(band) ?? 0) + 1);
    shortlist.push({ memberId: pick.facts.memberId, rank: shortlist.length + 1, score: best.total, ageBand: band, reasons });
  }
  return { shortlist, eligibleCount: scored.length, excluded };
}
