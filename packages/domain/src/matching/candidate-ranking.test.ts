import { describe, expect, it } from "vitest";
import type { TagLink } from "../taxonomy/experience-taxonomy.js";
import {
  type CandidateFacts,
  MATCHING_WEIGHTS,
  type MatchingRequest,
  type RankedCandidate,
  rankCandidates,
  recentWindowStart,
} from "./candidate-ranking.js";

// Hand-built pools: a small taxonomy (heart → heart failure, atrial fibrillation; mind → depression), a request for a
// focus group on 2026-12-03, and members who differ in one fact at a time.

const TODAY = "2026-11-22";
const taxonomy: TagLink[] = [
  { id: "heart", parentId: null },
  { id: "heart-failure", parentId: "heart" },
  { id: "atrial-fibrillation", parentId: "heart" },
  { id: "mind", parentId: null },
  { id: "depression", parentId: "mind" },
];

const request: MatchingRequest = {
  experienceTagIds: ["heart-failure", "depression"],
  perspectivesSought: ["PATIENT"],
  competencesSought: [],
  occasionDates: ["2026-12-03"],
};

function member(id: string, facts: Partial<CandidateFacts> = {}): CandidateFacts {
  return {
    memberId: id,
    perspectives: ["PATIENT"],
    birthDate: "1970-05-01",
    birthYear: null,
    experienceTagIds: ["heart-failure", "depression"],
    competences: [],
    hasAccessibilityNeeds: false,
    pauses: [],
    bookedDates: [],
    lastAskedOn: "2026-05-22",
    invitationsInWindow: 1,
    assignmentsInWindow: 0,
    everAssigned: true,
    invitationToRequest: null,
    ...facts,
  };
}

const rank = (pool: CandidateFacts[], limit = 20, req: MatchingRequest = request) =>
  rankCandidates(req, pool, { today: TODAY, taxonomy, limit });
const ids = (list: readonly RankedCandidate[]) => list.map((candidate) => candidate.memberId);
const reason = (candidate: RankedCandidate | undefined, code: string) => candidate?.reasons.find((r) => r.code === code);
const only = (facts: CandidateFacts, req: MatchingRequest = request) => rank([facts], 1, req).shortlist[0] as RankedCandidate;

describe("experience and perspective fit", () => {
  it("counts each tag sought, a tag below it as the tag itself, and a broader tag at half", () => {
    const exact = only(member("a"));
    expect(reason(exact, "EXPERIENCE_MATCH")).toMatchObject({ points: 50, text: { en: "Matches 2 of 2 experiences sought" } });

    const below = only(member("b", { experienceTagIds: ["depression"] }), { ...request, experienceTagIds: ["mind", "heart"] });
    expect(reason(below, "EXPERIENCE_MATCH")).toMatchObject({ points: 25, text: { en: "Matches 1 of 2 experiences sought" } });

    const broader = only(member("c", { experienceTagIds: ["heart", "depression"] }));
    expect(reason(broader, "EXPERIENCE_MATCH")).toMatchObject({
      points: 38, // 50 × (1 + 0.5) / 2, rounded
      text: {
        en: "Matches 1 of 2 experiences sought, and 1 more in broader terms",
        sv: "Har 1 av 2 efterfrågade erfarenheter, och 1 till i bredare mening",
      },
    });

    const sibling = only(member("d", { experienceTagIds: ["atrial-fibrillation"] }));
    expect(reason(sibling, "EXPERIENCE_MATCH")).toBeUndefined();
    expect(reason(sibling, "EXPERIENCE_NONE")).toMatchObject({ points: 0, text: { en: "Matches none of the 2 experiences sought" } });
  });

  it("looks only at the sought tags, the tags below them and the tags above them: a member's other tags change nothing", () => {
    // The API remembers each pool with every member's tags, for every request of the network, and relies on this.
    const trimmed = only(member("a", { experienceTagIds: ["heart", "depression"] }));
    const full = only(member("a", { experienceTagIds: ["heart", "depression", "atrial-fibrillation"] }));
    expect(full).toEqual(trimmed);
  });

  it("gives points for a perspective sought, explains a miss, and says nothing when none is sought", () => {
    expect(reason(only(member("a")), "PERSPECTIVE_MATCH")).toMatchObject({ points: 20, text: { sv: "Efterfrågat perspektiv: patient" } });
    const relative = only(member("b", { perspectives: ["RELATIVE"] }));
    expect(reason(relative, "PERSPECTIVE_NONE")).toMatchObject({ points: 0, text: { en: "None of the perspectives sought (patient)" } });
    const open = only(member("c"), { ...request, perspectivesSought: [] });
    expect(open.reasons.some((r) => r.code.startsWith("PERSPECTIVE"))).toBe(false);
  });

  it("gives each competence sought its share, in the unit's and the member's own words, and explains a miss", () => {
    const sought = { ...request, competencesSought: ["Tala inför grupp", "projektledning"] };
    const speaker = only(member("a", { competences: ["Van att tala inför grupp", "Föreläsare"] }), sought);
    expect(reason(speaker, "COMPETENCE_MATCH")).toMatchObject({
      points: 8, // 15 × 1 / 2, rounded
      text: { sv: "Har 1 av 2 efterfrågade kompetenser: Tala inför grupp", en: "Has 1 of 2 competences sought: Tala inför grupp" },
    });
    const both = only(member("b", { competences: ["Projektledning", "tala INFÖR grupp."] }), sought);
    expect(reason(both, "COMPETENCE_MATCH")?.points).toBe(15);
    // Whole words only: "föreläser" is not "föreläsare", and "grupp" alone does not hold "tala inför grupp".
    const near = only(member("c", { competences: ["Föreläser ofta", "grupp"] }), { ...request, competencesSought: ["föreläsare"] });
    expect(reason(near, "COMPETENCE_NONE")).toMatchObject({ points: 0, text: { en: "None of the competences sought (föreläsare)" } });
    // None sought: no reason at all.
    expect(only(member("d", { competences: ["Föreläsare"] })).reasons.some((r) => r.code.startsWith("COMPETENCE"))).toBe(false);
  });

  it("lets competence order members of equal experience fit, never a misfit above a fit", () => {
    const sought = { ...request, competencesSought: ["föreläsare"] };
    const lecturer = member("b-lecturer", { competences: ["Föreläsare"] });
    const other = member("a-other");
    expect(ids(rank([other, lecturer], 20, sought).shortlist)).toEqual(["b-lecturer", "a-other"]);
    const lecturerWithoutExperience = member("c-lecturer", { competences: ["Föreläsare"], experienceTagIds: [] });
    expect(ids(rank([lecturerWithoutExperience, other], 20, sought).shortlist)).toEqual(["a-other", "c-lecturer"]);
  });

  it("ranks a perfect fit above a member without the experience, whatever fairness says", () => {
    const worn = member("a-worn", { lastAskedOn: "2026-11-20", invitationsInWindow: 9, assignmentsInWindow: 9 });
    const fresh = member("b-fresh", { experienceTagIds: [], lastAskedOn: null, invitationsInWindow: 0, everAssigned: false });
    expect(ids(rank([fresh, worn]).shortlist)).toEqual(["a-worn", "b-fresh"]);
  });

  it("keeps the experience weight above the widest swing fairness can make", () => {
    const w = MATCHING_WEIGHTS;
    const bestFairness = w.neverAsked + w.neverAssigned;
    const worstFairness = w.recentAssignmentsFloor + w.recentInvitationsFloor;
    expect(w.experience).toBeGreaterThan(bestFairness - worstFairness);
  });
});

describe("fairness", () => {
  it("puts a never-asked member above an equally fitting member who is used often", () => {
    const used = member("a-used", { lastAskedOn: "2026-10-01", invitationsInWindow: 4, assignmentsInWindow: 3 });
    const never = member("z-never", { lastAskedOn: null, invitationsInWindow: 0, everAssigned: false });
    const list = rank([used, never]).shortlist;
    expect(ids(list)).toEqual(["z-never", "a-used"]);
    expect(reason(list[0], "NEVER_ASKED")).toMatchObject({
      points: 15,
      text: { en: "Never asked before", sv: "Aldrig tillfrågad tidigare" },
    });
    expect(reason(list[0], "NEVER_ASSIGNED")).toMatchObject({ points: 5 });
    expect(reason(list[1], "RECENT_ASSIGNMENTS")).toMatchObject({ points: -15, text: { en: "3 assignments in the last 12 months" } });
    expect(reason(list[1], "RECENT_INVITATIONS")).toMatchObject({ points: -6, text: { en: "Asked 4 times in the last 12 months" } });
  });

  it("raises those asked longest ago, up to the full points after a year", () => {
    const recent = only(member("a", { lastAskedOn: "2026-11-12" }));
    const half = only(member("b", { lastAskedOn: "2026-05-21" }));
    const long = only(member("c", { lastAskedOn: "2024-01-01" }));
    expect(reason(recent, "LAST_ASKED")).toMatchObject({ points: 0, text: { en: "Last asked 10 days ago" } });
    expect(reason(half, "LAST_ASKED")).toMatchObject({ points: 5, text: { en: "Last asked 6 months ago" } });
    expect(reason(long, "LAST_ASKED")?.points).toBe(MATCHING_WEIGHTS.lastAskedMax);
    expect(ids(rank([member("a", { lastAskedOn: "2026-11-12" }), member("b", { lastAskedOn: "2026-05-21" })]).shortlist)).toEqual([
      "b",
      "a",
    ]);
  });

  it("sinks members with many recent assignments, down to a floor", () => {
    expect(reason(only(member("a", { assignmentsInWindow: 1 })), "RECENT_ASSIGNMENTS")).toMatchObject({
      points: -5,
      text: { en: "1 assignment in the last 12 months", sv: "1 uppdrag de senaste 12 månaderna" },
    });
    expect(reason(only(member("b", { assignmentsInWindow: 12 })), "RECENT_ASSIGNMENTS")?.points).toBe(
      MATCHING_WEIGHTS.recentAssignmentsFloor,
    );
    expect(reason(only(member("c", { invitationsInWindow: 1 })), "RECENT_INVITATIONS")?.text.en).toBe("Asked once in the last 12 months");
    expect(reason(only(member("d", { invitationsInWindow: 0 })), "RECENT_INVITATIONS")).toBeUndefined();
  });

  it("counts the window back the same day N months, or the month's last day", () => {
    expect(recentWindowStart("2026-11-22")).toBe("2025-11-22");
    expect(recentWindowStart("2024-02-29")).toBe("2023-02-28");
    expect(recentWindowStart("2026-01-31", { ...MATCHING_WEIGHTS, recentWindowMonths: 2 })).toBe("2025-11-30");
  });
});

describe("availability", () => {
  const series: MatchingRequest = { ...request, occasionDates: ["2026-12-03", "2027-01-14", "2027-02-11", "2027-03-11"] };

  it("excludes a member paused on every occasion", () => {
    const paused = member("p", { pauses: [{ startsOn: "2026-12-01", endsOn: "2026-12-10" }] });
    const result = rank([paused, member("q")]);
    expect(ids(result.shortlist)).toEqual(["q"]);
    expect(result.eligibleCount).toBe(1);
    expect(result.excluded).toEqual([
      {
        memberId: "p",
        code: "PAUSED_ON_ALL_OCCASIONS",
        text: { sv: "Pausad vid alla tillfällen (2026-12-03)", en: "Paused on every occasion (2026-12-03)" },
      },
    ]);
    const indefinitely = rank([member("p", { pauses: [{ startsOn: "2026-11-01", endsOn: null }] })], 20, series);
    expect(indefinitely.excluded.map((e) => e.code)).toEqual(["PAUSED_ON_ALL_OCCASIONS"]);
  });

  it("lowers a member paused on some occasions of a series by the share paused, naming the dates", () => {
    const paused = only(member("p", { pauses: [{ startsOn: "2026-12-01", endsOn: "2027-01-31" }] }), series);
    expect(reason(paused, "PAUSED_ON_OCCASION")).toMatchObject({
      points: -20,
      text: { en: "Paused on 2026-12-03, 2027-01-14", sv: "Pausad 2026-12-03, 2027-01-14" },
    });
    expect(
      ids(rank([member("p", { pauses: [{ startsOn: "2026-12-01", endsOn: "2027-01-31" }] }), member("q")], 20, series).shortlist),
    ).toEqual(["q", "p"]);
  });

  it("lowers a member on a pause today, and ignores pauses that are over or fall between occasions", () => {
    const now = only(member("a", { pauses: [{ startsOn: "2026-11-20", endsOn: "2026-11-30" }] }));
    expect(reason(now, "PAUSED_TODAY")).toMatchObject({ points: -10, text: { en: "On a pause until 2026-11-30" } });
    const later = only(member("b", { pauses: [{ startsOn: "2026-12-04", endsOn: "2026-12-24" }] }));
    const over = only(member("c", { pauses: [{ startsOn: "2026-01-01", endsOn: "2026-02-01" }] }));
    for (const candidate of [later, over]) expect(candidate.reasons.some((r) => r.code.startsWith("PAUSED"))).toBe(false);
  });

  it("lowers a member already taking part elsewhere on an occasion's date", () => {
    const booked = only(member("b", { bookedDates: ["2026-12-03", "2026-12-09"] }));
    expect(reason(booked, "BOOKED_ON_OCCASION_DATE")).toMatchObject({
      points: -15,
      text: { en: "Already has an assignment on 2026-12-03" },
    });
    expect(reason(only(member("c", { bookedDates: ["2026-12-09"] })), "BOOKED_ON_OCCASION_DATE")).toBeUndefined();
  });

  it("flags accessibility needs for the coordinator without moving the member", () => {
    const needs = only(member("a", { hasAccessibilityNeeds: true }));
    expect(reason(needs, "ACCESSIBILITY_NEEDS")).toMatchObject({ points: 0 });
    expect(needs.score).toBe(only(member("a")).score);
  });
});

describe("exclusions", () => {
  it("leaves out members already invited to the request and, with their own code, those who declined it", () => {
    const result = rank([member("a", { invitationToRequest: "DECLINED" }), member("b", { invitationToRequest: "OTHER" }), member("c")]);
    expect(ids(result.shortlist)).toEqual(["c"]);
    expect(result.excluded.map((e) => [e.memberId, e.code])).toEqual([
      ["a", "DECLINED_THIS_REQUEST"],
      ["b", "ALREADY_INVITED"],
    ]);
    expect(result.excluded[0]?.text.sv).toBe("Har tackat nej till den här förfrågan");
  });
});

describe("shortlist", () => {
  it("makes the score the sum of the reasons and never lets it rise down the list", () => {
    const pool = Array.from({ length: 40 }, (_, i) =>
      member(`m${String(i).padStart(2, "0")}`, {
        perspectives: i % 3 === 0 ? ["RELATIVE"] : ["PATIENT"],
        birthDate: `${1940 + i}-03-01`,
        experienceTagIds: i % 2 === 0 ? ["heart-failure"] : ["depression", "heart"],
        lastAskedOn: i % 5 === 0 ? null : "2026-03-01",
        assignmentsInWindow: i % 4,
      }),
    );
    const { shortlist, eligibleCount } = rank(pool, 15);
    expect(shortlist).toHaveLength(15);
    expect(eligibleCount).toBe(40);
    expect(shortlist.map((c) => c.rank)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    for (const candidate of shortlist) expect(candidate.score).toBe(candidate.reasons.reduce((sum, r) => sum + r.points, 0));
    for (let i = 1; i < shortlist.length; i += 1) expect(shortlist[i]?.score).toBeLessThanOrEqual(shortlist[i - 1]?.score ?? 0);
    expect(new Set(ids(shortlist)).size).toBe(15);
  });

  it("breaks ties by member id and gives the same list whatever order the pool comes in", () => {
    const pool = ["m3", "m1", "m2"].map((id) => member(id));
    // Same facts: the first pick takes the spread bonus, the next two tie again and go by id.
    expect(ids(rank(pool).shortlist)).toEqual(["m1", "m2", "m3"]);
    const varied = Array.from({ length: 30 }, (_, i) =>
      member(`v${i}`, {
        birthYear: 1950 + (i % 7) * 6,
        birthDate: null,
        assignmentsInWindow: i % 3,
        perspectives: i % 4 ? ["PATIENT"] : ["RELATIVE", "PATIENT"],
      }),
    );
    const first = rank(varied, 10);
    const reversed = rank([...varied].reverse(), 10);
    const shuffled = rank(
      [...varied].sort((a, b) => a.memberId.length - b.memberId.length || (b.memberId < a.memberId ? -1 : 1)),
      10,
    );
    expect(reversed).toEqual(first);
    expect(shuffled).toEqual(first);
  });

  it("spreads the shortlist across age bands with a bonus that halves for each member of a band already on it", () => {
    // Five equally fitting people of 50–64 and one of 30–49 who is a little less fresh.
    const pool = [
      ...["a", "b", "c", "d", "e"].map((id) => member(id, { birthDate: "1970-01-01" })),
      member("young", { birthDate: "1990-01-01", lastAskedOn: "2026-08-22" }),
    ];
    const without = rankCandidates(request, pool, { today: TODAY, taxonomy, limit: 6, weights: { ...MATCHING_WEIGHTS, ageBandSpread: 0 } });
    expect(ids(without.shortlist).indexOf("young")).toBe(5);
    const list = rank(pool, 6).shortlist;
    expect(ids(list).slice(0, 2)).toEqual(["a", "young"]);
    expect(reason(list[1], "SPREAD_AGE_BAND")).toMatchObject({ points: 6, text: { en: "Brings age band 30–49 to the shortlist" } });
    expect(list.slice(2).map((c) => reason(c, "SPREAD_AGE_BAND")?.points)).toEqual([3, 2, 1, undefined]);
    expect(reason(list[2], "SPREAD_AGE_BAND")?.text.en).toBe("Age band 50–64: 1 already on the shortlist");
  });

  it("spreads across the perspectives sought, or across all perspectives when none is named", () => {
    const both: MatchingRequest = { ...request, perspectivesSought: ["PATIENT", "RELATIVE"] };
    const pool = [
      ...["p1", "p2", "p3"].map((id) => member(id, { perspectives: ["PATIENT"] })),
      member("r1", { perspectives: ["RELATIVE"], lastAskedOn: "2026-08-22" }),
    ];
    const list = rank(pool, 4, both).shortlist;
    expect(ids(list).slice(0, 2)).toEqual(["p1", "r1"]);
    expect(reason(list[1], "SPREAD_PERSPECTIVE")?.text.en).toBe("Brings the relative perspective to the shortlist");

    const open = rank(pool, 4, { ...request, perspectivesSought: [] }).shortlist;
    expect(ids(open).slice(0, 2)).toEqual(["p1", "r1"]);
    // With only the patient perspective sought, a relative brings no spread (and no perspective points).
    const patientOnly = rank(pool, 4).shortlist;
    expect(ids(patientOnly).at(-1)).toBe("r1");
    expect(reason(patientOnly.at(-1), "SPREAD_PERSPECTIVE")).toBeUndefined();
  });

  it("gives members of unknown age no age spread, and never more places than asked", () => {
    const unknown = only(member("u", { birthDate: null, birthYear: null }));
    expect(unknown.ageBand).toBeNull();
    expect(reason(unknown, "SPREAD_AGE_BAND")).toBeUndefined();
    expect(rank([member("a"), member("b")], 0).shortlist).toEqual([]);
    expect(rank([member("a"), member("a")], 5).shortlist).toHaveLength(1);
  });
  it("explains every member of a long list by the points it was ranked on, and each member's own rules alike", () => {
    // A pool of hundreds that differs in every fact: the ranking scores it without sentences and writes them only for
    // the shortlist, so the two passes must agree on every point.
    const pool = Array.from({ length: 400 }, (_, i) =>
      member(`m${String(i).padStart(3, "0")}`, {
        perspectives: i % 3 === 0 ? ["RELATIVE"] : ["PATIENT"],
        birthDate: i % 7 === 0 ? null : `19${40 + (i % 60)}-0${1 + (i % 9)}-1${i % 10}`,
        birthYear: i % 7 === 0 && i % 2 === 0 ? 1960 + (i % 30) : null,
        experienceTagIds: [["heart-failure"], ["heart"], ["depression"], [], ["heart-failure", "depression"]][i % 5] ?? [],
        lastAskedOn: i % 4 === 0 ? null : `2026-0${1 + (i % 9)}-15`,
        invitationsInWindow: i % 5,
        assignmentsInWindow: i % 6,
        everAssigned: i % 4 !== 1,
        hasAccessibilityNeeds: i % 11 === 0,
        pauses: i % 13 === 0 ? [{ startsOn: "2026-11-01", endsOn: null }] : [],
        bookedDates: i % 17 === 0 ? ["2026-12-03"] : [],
      }),
    );
    const list = rank(pool, 30).shortlist;
    expect(list).toHaveLength(30);
    for (const candidate of list) {
      expect(candidate.score).toBe(candidate.reasons.reduce((sum, r) => sum + r.points, 0));
      const facts = pool.find((m) => m.memberId === candidate.memberId) as CandidateFacts;
      // Ranked alone, a member's own reasons are the same; only the spread depends on who else is on the list.
      const own = (c: RankedCandidate) => c.reasons.filter((r) => !r.code.startsWith("SPREAD_"));
      expect(own(candidate)).toEqual(own(only(facts)));
      expect(candidate.ageBand).toBe(only(facts).ageBand);
    }
  });
});

describe("a large pool", () => {
  /** A seeded pseudo-random pool with many equal scores: few tags, perspectives, ages and fairness histories. */
  function randomPool(seed: number, size: number): CandidateFacts[] {
    let state = seed;
    const next = () => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state / 2_147_483_648;
    };
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
    const tags = ["heart", "heart-failure", "atrial-fibrillation", "mind", "depression"];
    return Array.from({ length: size }, (_, index) =>
      member(`m${String(index).padStart(5, "0")}`, {
        perspectives: next() < 0.2 ? ["RELATIVE", "PATIENT"] : [pick(["PATIENT", "RELATIVE", "SERVICE_USER"] as const)],
        birthDate: next() < 0.1 ? null : `19${40 + Math.floor(next() * 60)}-0${1 + Math.floor(next() * 9)}-15`,
        experienceTagIds: tags.filter(() => next() < 0.3),
        lastAskedOn: next() < 0.3 ? null : `2026-0${1 + Math.floor(next() * 9)}-01`,
        invitationsInWindow: Math.floor(next() * 4),
        assignmentsInWindow: Math.floor(next() * 3),
        everAssigned: next() < 0.6,
        bookedDates: next() < 0.05 ? ["2026-12-03"] : [],
        invitationToRequest: next() < 0.03 ? "OTHER" : next() < 0.02 ? "DECLINED" : null,
      }),
    );
  }

  it("gives a short list that is the start of the whole pool's ranking, however many are asked for", () => {
    // Ranked in full (everyone a contender), the greedy spread's first picks are what a short list must be: the
    // members it sorts and looks at for a short list are only those whose score could still win.
    for (const seed of [1, 2, 3, 4]) {
      const pool = randomPool(seed, 1_500);
      const full = rank(pool, pool.length).shortlist;
      for (const limit of [1, 5, 20, 100]) {
        const short = rank(pool, limit);
        expect(short.shortlist, `seed ${seed}, ${limit}`).toEqual(full.slice(0, limit));
        expect(short.eligibleCount).toBe(rank(pool, pool.length).eligibleCount);
      }
    }
  });

  it("ranks the same with a spread weight that takes away (every member stays a contender then)", () => {
    const pool = randomPool(7, 400);
    const weights = { ...MATCHING_WEIGHTS, ageBandSpread: -6 };
    const full = rankCandidates(request, pool, { today: TODAY, taxonomy, limit: pool.length, weights }).shortlist;
    expect(rankCandidates(request, pool, { today: TODAY, taxonomy, limit: 10, weights }).shortlist).toEqual(full.slice(0, 10));
  });
});
