import { type AgeBand, ageBand, ageOn } from "../intake/age.js";
import type { FieldError } from "../messages/field-error.js";
import { validateMemberSearch } from "../pool/member-search.js";
import type { Perspective } from "../vocabulary/vocabulary.js";

// The coordinator may narrow the candidates of a request on profile fields, with the pool search's criteria and
// meanings: values of one field widen (any of them), fields narrow (all), ages counted as `ageOn` counts them. The
// candidates' facts are in memory already, so the narrowing happens here rather than in another query.

export interface CandidateFilterInput {
  readonly perspectives?: readonly string[] | null;
  readonly ageBands?: readonly string[] | null;
  readonly languages?: readonly string[] | null;
  readonly municipalities?: readonly string[] | null;
}

export interface CandidateFilter {
  readonly perspectives: readonly string[];
  readonly ageBands: readonly AgeBand[];
  /** Lower-case ISO 639-1 codes. */
  readonly languages: readonly string[];
  readonly municipalities: readonly string[];
}

export type CandidateFilterResult =
  | { readonly ok: true; readonly filter: CandidateFilter }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/** Validated exactly as the pool search validates the same fields, with the same bilingual errors. */
export function validateCandidateFilter(input: CandidateFilterInput, path = "filter"): CandidateFilterResult {
  const result = validateMemberSearch(
    { perspectives: input.perspectives, ageBands: input.ageBands, languages: input.languages, municipalities: input.municipalities },
    { knownExperienceTagKeys: [] },
    path,
  );
  if (!result.ok) return result;
  const { perspectives, ageBands, languages, municipalities } = result.search;
  return { ok: true, filter: { perspectives, ageBands, languages, municipalities } };
}

export interface FilterableProfile {
  readonly perspectives: readonly Perspective[];
  readonly birthDate: string | null;
  readonly birthYear: number | null;
  readonly languages: readonly string[];
  readonly municipality: string | null;
}

const fold = (value: string) => value.toLocaleLowerCase("sv");

/** Whether a member passes the filter on `today` (the tenant's date); members of unknown age match no age band. */
export function fitsCandidateFilter(profile: FilterableProfile, filter: CandidateFilter, today: string): boolean {
  if (filter.perspectives.length > 0 && !profile.perspectives.some((p) => filter.perspectives.includes(p))) return false;
  if (filter.languages.length > 0 && !profile.languages.some((language) => filter.languages.includes(fold(language)))) return false;
  if (filter.municipalities.length > 0) {
    const municipality = profile.municipality === null ? null : fold(profile.municipality);
    if (municipality === null || !filter.municipalities.some((wanted) => fold(wanted) === municipality)) return false;
  }
  if (filter.ageBands.length > 0) {
    const age = ageOn({ birthDate: profile.birthDate, birthYear: profile.birthYear }, today);
    if (age === null || !filter.ageBands.includes(ageBand(age))) return false;
  }
  return true;
}

/** The members of `pool` that pass the filter: the pool itself when the filter narrows nothing (no copy of thousands). */
export function filterCandidates<T extends FilterableProfile>(pool: readonly T[], filter: CandidateFilter, today: string): readonly T[] {
  const narrows = filter.perspectives.length + filter.ageBands.length + filter.languages.length + filter.municipalities.length > 0;
  return narrows ? pool.filter((profile) => fitsCandidateFilter(profile, filter, today)) : pool;
}
