import type { FieldError } from "../messages/field-error.js";
import type { Locale, LocalizedText } from "../messages/locale.js";
import { checkText } from "../validation/checks.js";
import { isGiven, type ValidationMode, type ValidationResult } from "../validation/patch.js";
import { checkSlug } from "../validation/slug.js";

// A tenant's experience taxonomy: tags in a tree (a care area, the conditions under it), each with a Swedish and an
// English label. Members and requests refer to tags, so a tag is retired rather than deleted: it stays on the members
// who have it but is no longer offered on forms.

export const TAXONOMY_LIMITS = { keyLength: 60, labelLength: 100 } as const;

export const TAXONOMY_LABELS = {
  key: { sv: "Nyckel", en: "Key" },
  labelSv: { sv: "Benämning på svenska", en: "Swedish label" },
  labelEn: { sv: "Benämning på engelska", en: "English label" },
  parentId: { sv: "Överordnad erfarenhet", en: "Parent tag" },
} as const satisfies Record<string, LocalizedText>;

export interface ExperienceTagFields {
  /** What members and requests refer to (`hjarta-karl`); unique within the tenant and never changed. */
  readonly key: string;
  readonly labelSv: string;
  readonly labelEn: string;
}

export interface ExperienceTagFieldsInput {
  readonly key?: string | null;
  readonly labelSv?: string | null;
  readonly labelEn?: string | null;
}

export function validateExperienceTagFields(
  input: ExperienceTagFieldsInput,
  mode: "create",
  path?: string,
): ValidationResult<ExperienceTagFields>;
export function validateExperienceTagFields(
  input: ExperienceTagFieldsInput,
  mode: "update",
  path?: string,
): ValidationResult<Partial<ExperienceTagFields>>;
export function validateExperienceTagFields(
  input: ExperienceTagFieldsInput,
  mode: ValidationMode,
  path = "input",
): ValidationResult<Partial<ExperienceTagFields>> {
  const errors: FieldError[] = [];
  const value: { -readonly [K in keyof ExperienceTagFields]?: ExperienceTagFields[K] } = {};
  const L = TAXONOMY_LABELS;
  if (isGiven(mode, input.key)) {
    const key = checkSlug(errors, `${path}.key`, L.key, input.key, { required: true, maxLength: TAXONOMY_LIMITS.keyLength });
    if (key !== null) value.key = key;
  }
  // A label in one language only would leave the other language's form with a blank option.
  const label = { required: true, maxLength: TAXONOMY_LIMITS.labelLength };
  if (isGiven(mode, input.labelSv)) {
    const labelSv = checkText(errors, `${path}.labelSv`, L.labelSv, input.labelSv, label);
    if (labelSv !== null) value.labelSv = labelSv;
  }
  if (isGiven(mode, input.labelEn)) {
    const labelEn = checkText(errors, `${path}.labelEn`, L.labelEn, input.labelEn, label);
    if (labelEn !== null) value.labelEn = labelEn;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}

/** A tag's place in the tree. */
export interface TagLink {
  readonly id: string;
  readonly parentId: string | null;
}

/**
 * True when putting `tagId` under `newParentId` would make the tag its own ancestor (including under itself). Walks up
 * from the new parent; a tree that is already damaged ends the walk instead of looping.
 */
export function wouldCreateTagCycle(tags: readonly TagLink[], tagId: string, newParentId: string | null): boolean {
  const parentOf = new Map(tags.map((tag) => [tag.id, tag.parentId]));
  const seen = new Set<string>();
  for (let current: string | null = newParentId; current !== null; current = parentOf.get(current) ?? null) {
    if (current === tagId) return true;
    if (seen.has(current)) return false;
    seen.add(current);
  }
  return false;
}

/** Every tag below `tagId`, nearest first. */
export function tagDescendantIds(tags: readonly TagLink[], tagId: string): string[] {
  const children = new Map<string, string[]>();
  for (const tag of tags) {
    if (tag.parentId === null) continue;
    const list = children.get(tag.parentId);
    if (list) list.push(tag.id);
    else children.set(tag.parentId, [tag.id]);
  }
  const result: string[] = [];
  const seen = new Set<string>([tagId]);
  const queue = [...(children.get(tagId) ?? [])];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    if (seen.has(id)) continue;
    seen.add(id);
    result.push(id);
    queue.push(...(children.get(id) ?? []));
  }
  return result;
}

export interface TaxonomyTag extends TagLink {
  readonly labelSv: string;
  readonly labelEn: string;
  readonly retired: boolean;
}

export interface TaxonomyNode<T extends TaxonomyTag> {
  readonly tag: T;
  readonly label: string;
  readonly children: readonly TaxonomyNode<T>[];
}

/**
 * The tree a form offers: tags in use whose every ancestor is in use too (a retired branch takes its twigs with it),
 * each level in alphabetical order of the reader's language (Swedish collation puts å, ä, ö last).
 */
export function offeredTaxonomy<T extends TaxonomyTag>(tags: readonly T[], locale: Locale): TaxonomyNode<T>[] {
  const live = tags.filter((tag) => !tag.retired);
  const childrenOf = new Map<string | null, T[]>();
  const liveIds = new Set(live.map((tag) => tag.id));
  for (const tag of live) {
    // A tag under a retired or missing parent is not reachable from the roots, so it is not offered.
    if (tag.parentId !== null && !liveIds.has(tag.parentId)) continue;
    const list = childrenOf.get(tag.parentId);
    if (list) list.push(tag);
    else childrenOf.set(tag.parentId, [tag]);
  }
  const collator = new Intl.Collator(locale === "en" ? "en" : "sv");
  const labelOf = (tag: T) => (locale === "en" ? tag.labelEn : tag.labelSv);
  // Only tags reachable from a root are built, each once, so even a damaged tree (a cycle) cannot loop.
  const built = new Set<string>();
  const build = (parentId: string | null): TaxonomyNode<T>[] => {
    const level = (childrenOf.get(parentId) ?? []).filter((tag) => !built.has(tag.id));
    for (const tag of level) built.add(tag.id);
    return level
      .sort((a, b) => collator.compare(labelOf(a), labelOf(b)))
      .map((tag) => ({ tag, label: labelOf(tag), children: build(tag.id) }));
  };
  return build(null);
}
