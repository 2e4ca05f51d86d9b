import { daysInMonth, parseIsoDate } from "../calendar/iso-date.js";
import { AGE_BANDS, type AgeBand } from "../intake/age.js";
import { type FieldError, fieldError, itemLabel } from "../messages/field-error.js";
import type { LocalizedText } from "../messages/locale.js";
import { type TagLink, tagDescendantIds } from "../taxonomy/experience-taxonomy.js";
import { isBlank, normaliseLine } from "../text/normalise.js";

// The coordinator's pool search: which members fit a set of profile criteria. Criteria of different fields narrow the
// result (AND); the values listed for one field widen it (any of them). The database does the filtering; the rules
// that decide *what* the filter means (which ages a band covers, which tags a tag stands for) live here.

/** Inclusive age limits of each band, as `ageBand` draws them; `max` null means no upper limit. */
export const AGE_BAND_LIMITS: Readonly<Record<AgeBand, { readonly min: number; readonly max: number | null }>> = {
  AGE_UNDER_18: { min: 0, max: 17 },
  AGE_18_29: { min: 18, max: 29 },
  AGE_30_49: { min: 30, max: 49 },
  AGE_50_64: { min: 50, max: 64 },
  AGE_65_79: { min: 65, max: 79 },
  AGE_80_PLUS: { min: 80, max: null },
};

/**
 * Which births put a person in an age band today, in the two shapes a birth is stored in. The bounds agree exactly
 * with `ageOn`: a full date is compared with today's month and day; a year alone counts as the youngest possible age
 * (the birthday is assumed not to have passed, except on 31 December).
 */
export interface BirthRange {
  /** Birth dates strictly after this ISO date are young enough; null: no lower bound. */
  readonly bornAfter: string | null;
  /** Birth dates on or before this ISO date are old enough. */
  readonly bornOnOrBefore: string;
  /** Birth years (when no date is known) within these inclusive bounds; null: no lower bound. */
  readonly birthYearFrom: number | null;
  readonly birthYearTo: number;
}

/** The same month and day `years` earlier; 29 February becomes 28 February in a common year (same comparisons). */
function yearsBefore(today: { year: number; month: number; day: number }, years: number): string {
  const year = today.year - years;
  const day = Math.min(today.day, daysInMonth(year, today.month));
  return `${String(year).padStart(4, "0")}-${String(today.month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function birthRangeForAgeBand(band: AgeBand, today: string): BirthRange {
  const date = parseIsoDate(today);
  if (date === null) throw new RangeError(`today must be an ISO date, got ${today}`);
  const { min, max } = AGE_BAND_LIMITS[band];
  // ageOn with a year only: age = today.year - birthYear - 1 (0 on 31 December), never below 0.
  const yearOffset = date.month === 12 && date.day === 31 ? 0 : 1;
  return {
    bornAfter: max === null ? null : yearsBefore(date, max + 1),
    bornOnOrBefore: yearsBefore(date, min),
    birthYearFrom: max === null ? null : date.year - yearOffset - max,
    // The youngest band also holds those whose computed age would be negative (clamped to 0 by ageOn).
    birthYearTo: min === 0 ? date.year : date.year - yearOffset - min,
  };
}

/** Every tag id a set of tag keys stands for: the tags themselves and everything below them. */
export function expandExperienceTagKeys(tags: readonly (TagLink & { readonly key: string })[], keys: readonly string[]): string[] {
  const ids = new Set<string>();
  for (const key of keys) {
    const tag = tags.find((candidate) => candidate.key === key);
    if (!tag) continue;
    ids.add(tag.id);
    for (const id of tagDescendantIds(tags, tag.id)) ids.add(id);
  }
  return [...ids];
}

export interface MemberSearchInput {
  readonly networkId?: string | null;
  readonly statuses?: readonly string[] | null;
  readonly experienceTagKeys?: readonly string[] | null;
  readonly perspectives?: readonly string[] | null;
  readonly ageBands?: readonly string[] | null;
  readonly municipalities?: readonly string[] | null;
  readonly languages?: readonly string[] | null;
  readonly competences?: readonly string[] | null;
  readonly trained?: boolean | null;
  readonly lastInvitedAfter?: Date | null;
  readonly lastInvitedBefore?: Date | null;
  readonly neverInvited?: boolean | null;
  readonly lastAssignmentAfter?: Date | null;
  readonly lastAssignmentBefore?: Date | null;
  readonly neverAssigned?: boolean | null;
  readonly name?: string | null;
}

/** The criteria after validation: lists trimmed and de-duplicated, the name split into words. */
export interface MemberSearch {
  readonly networkId: string | null;
  readonly statuses: readonly string[];
  readonly experienceTagKeys: readonly string[];
  readonly perspectives: readonly string[];
  readonly ageBands: readonly AgeBand[];
  readonly municipalities: readonly string[];
  /** ISO 639-1 codes in lower case, as profiles store them. */
  readonly languages: readonly string[];
  /** A member matches when one of their competences holds any of these as whole words (`meetsCompetence`). */
  readonly competences: readonly string[];
  readonly trained: boolean | null;
  readonly lastInvitedAfter: Date | null;
  readonly lastInvitedBefore: Date | null;
  readonly neverInvited: boolean | null;
  readonly lastAssignmentAfter: Date | null;
  readonly lastAssignmentBefore: Date | null;
  readonly neverAssigned: boolean | null;
  /** Each word must occur in the given or the family name. */
  readonly nameWords: readonly string[];
}

export const MEMBER_SEARCH_LIMITS = { maxListItems: 30, itemLength: 100, nameLength: 100 } as const;

const L = {
  experienceTag: { sv: "Erfarenhet", en: "Experience" },
  ageBand: { sv: "Åldersgrupp", en: "Age band" },
  municipalities: { sv: "Kommuner", en: "Municipalities" },
  municipality: { sv: "Kommun", en: "Municipality" },
  languages: { sv: "Språk", en: "Languages" },
  language: { sv: "Språk", en: "Language" },
  competences: { sv: "Kompetenser", en: "Competences" },
  competence: { sv: "Kompetens", en: "Competence" },
  experienceTagKeys: { sv: "Erfarenheter", en: "Experiences" },
  name: { sv: "Namn", en: "Name" },
  lastInvitedAfter: { sv: "Senast tillfrågad efter", en: "Last asked after" },
  lastInvitedBefore: { sv: "senast tillfrågad före", en: "last asked before" },
  neverInvited: { sv: "Aldrig tillfrågad", en: "Never asked" },
  lastAssignmentAfter: { sv: "Senaste uppdrag efter", en: "Last assignment after" },
  lastAssignmentBefore: { sv: "senaste uppdrag före", en: "last assignment before" },
  neverAssigned: { sv: "Aldrig haft uppdrag", en: "Never had an assignment" },
} as const satisfies Record<string, LocalizedText>;

function textList(
  errors: FieldError[],
  field: string,
  listLabel: LocalizedText,
  label: LocalizedText,
  values: readonly string[] | null | undefined,
  fold: (value: string) => string = (value) => value,
): string[] {
  const result: string[] = [];
  (values ?? []).forEach((raw, index) => {
    const value = fold(normaliseLine(raw));
    if (value === "") errors.push(fieldError(`${field}[${index}]`, "REQUIRED", itemLabel(label, index)));
    else if (value.length > MEMBER_SEARCH_LIMITS.itemLength) {
      errors.push(fieldError(`${field}[${index}]`, "TOO_LONG", itemLabel(label, index), { max: MEMBER_SEARCH_LIMITS.itemLength }));
    } else if (!result.includes(value)) result.push(value);
  });
  if (result.length > MEMBER_SEARCH_LIMITS.maxListItems) {
    errors.push(fieldError(field, "TOO_MANY", listLabel, { max: MEMBER_SEARCH_LIMITS.maxListItems }));
  }
  return result;
}

/** An empty window ("after" later than "before") or "never" together with a window can match nobody: say so. */
function checkWindow(
  errors: FieldError[],
  path: string,
  names: { after: string; before: string; never: string },
  labels: { after: LocalizedText; before: LocalizedText; never: LocalizedText },
  after: Date | null,
  before: Date | null,
  never: boolean | null,
): void {
  if (after && before && after.getTime() >= before.getTime()) {
    errors.push(fieldError(`${path}.${names.after}`, "INCONSISTENT", labels.after, { other: labels.before }));
  }
  if (never === true && (after || before)) {
    errors.push(fieldError(`${path}.${names.never}`, "INCONSISTENT", labels.never, { other: after ? labels.after : labels.before }));
  }
}

export type MemberSearchResult =
  | { readonly ok: true; readonly search: MemberSearch }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/**
 * Checks the criteria; every problem is reported at once. Unknown tag keys are errors rather than silent misses, so
 * a coordinator never reads "nobody has this experience" when the tag was simply misspelt.
 */
export function validateMemberSearch(
  input: MemberSearchInput,
  options: { readonly knownExperienceTagKeys: readonly string[] },
  path = "filter",
): MemberSearchResult {
  const errors: FieldError[] = [];
  const at = (name: string) => `${path}.${name}`;

  const experienceTagKeys = textList(errors, at("experienceTagKeys"), L.experienceTagKeys, L.experienceTag, input.experienceTagKeys);
  (input.experienceTagKeys ?? []).forEach((raw, index) => {
    const key = normaliseLine(raw);
    if (key !== "" && !options.knownExperienceTagKeys.includes(key)) {
      errors.push(fieldError(at(`experienceTagKeys[${index}]`), "UNKNOWN_REFERENCE", itemLabel(L.experienceTag, index)));
    }
  });

  const ageBands: AgeBand[] = [];
  (input.ageBands ?? []).forEach((value, index) => {
    if (!(AGE_BANDS as readonly string[]).includes(value)) {
      errors.push(fieldError(at(`ageBands[${index}]`), "NOT_ALLOWED", itemLabel(L.ageBand, index)));
    } else if (!ageBands.includes(value as AgeBand)) ageBands.push(value as AgeBand);
  });

  const municipalities = textList(errors, at("municipalities"), L.municipalities, L.municipality, input.municipalities);
  const languages = textList(errors, at("languages"), L.languages, L.language, input.languages, (value) => value.toLowerCase());
  const competences = textList(errors, at("competences"), L.competences, L.competence, input.competences);

  let nameWords: string[] = [];
  if (!isBlank(input.name)) {
    const name = normaliseLine(input.name ?? "");
    if (name.length > MEMBER_SEARCH_LIMITS.nameLength) {
      errors.push(fieldError(at("name"), "TOO_LONG", L.name, { max: MEMBER_SEARCH_LIMITS.nameLength }));
    } else nameWords = [...new Set(name.split(" "))];
  }

  const window = (value: Date | null | undefined) => value ?? null;
  checkWindow(
    errors,
    path,
    { after: "lastInvitedAfter", before: "lastInvitedBefore", never: "neverInvited" },
    { after: L.lastInvitedAfter, before: L.lastInvitedBefore, never: L.neverInvited },
    window(input.lastInvitedAfter),
    window(input.lastInvitedBefore),
    input.neverInvited ?? null,
  );
  checkWindow(
    errors,
    path,
    { after: "lastAssignmentAfter", before: "lastAssignmentBefore", never: "neverAssigned" },
    { after: L.lastAssignmentAfter, before: L.lastAssignmentBefore, never: L.neverAssigned },
    window(input.lastAssignmentAfter),
    window(input.lastAssignmentBefore),
    input.neverAssigned ?? null,
  );

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    search: {
      networkId: input.networkId ?? null,
      statuses: [...new Set(input.statuses ?? [])],
      experienceTagKeys,
      perspectives: [...new Set(input.perspectives ?? [])],
      ageBands,
      municipalities,
      languages,
      competences,
      trained: input.trained ?? null,
      lastInvitedAfter: window(input.lastInvitedAfter),
      lastInvitedBefore: window(input.lastInvitedBefore),
      neverInvited: input.neverInvited ?? null,
      lastAssignmentAfter: window(input.lastAssignmentAfter),
      lastAssignmentBefore: window(input.lastAssignmentBefore),
      neverAssigned: input.neverAssigned ?? null,
      nameWords,
    },
  };
}
