import {
  fieldError,
  type Locale,
  offeredTaxonomy,
  TAXONOMY_LABELS,
  type TaxonomyNode,
  tagDescendantIds,
  validateExperienceTagFields,
  wouldCreateTagCycle,
} from "@medverkan/domain";
import { assertVersionedUpdate } from "../common/concurrency.js";
import { badUserInput, conflict } from "../common/errors/api-error.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import { type PageArgs, toPage, toPageRequest } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantAdmin } from "../context/require-tenant.js";
import type { Tx } from "../context/tenant-scope.js";
import { changedFields, hasChanges } from "../network/configuration-change.js";
import type { CreateExperienceTagInput, RetireExperienceTagInput, UpdateExperienceTagInput } from "./taxonomy.input.js";
import {
  type CreateExperienceTagPayload,
  keyTaken,
  type RetireExperienceTagPayload,
  taxonomyCycle,
  type UpdateExperienceTagPayload,
} from "./taxonomy.payload.js";
import {
  findAllTags,
  findTag,
  findTagsByIds,
  insertTag,
  isTagKeyTaken,
  listTags,
  lockTaxonomy,
  retireTags,
  type TagRow,
  updateTagIfVersion,
} from "./taxonomy.repository.js";
import type { TaxonomyTag } from "./taxonomy.type.js";

const TAG = { sv: "Erfarenheten", en: "The tag" };

export function toTaxonomyTag(row: TagRow, locale: Locale): TaxonomyTag {
  return { ...row, label: locale === "en" ? row.labelEn : row.labelSv };
}

/** What the audit log keeps of a tag: the row, without the request's language. */
const snapshot = (row: TagRow) => ({ ...row });

/** Public: the tags a form offers, as a tree in the request's language (retired tags and their branches left out). */
export async function getExperienceTaxonomy(ctx: RequestContext, tenantId: string): Promise<TaxonomyTag[]> {
  const rows = await ctx.scope(tenantId).transaction((tx) => findAllTags(tx, tenantId));
  const toTag = (node: TaxonomyNode<TagRow & { retired: boolean }>): TaxonomyTag => ({
    ...toTaxonomyTag(node.tag, ctx.locale),
    children: node.children.map(toTag),
  });
  return offeredTaxonomy(
    rows.map((row) => ({ ...row, retired: row.retiredAt !== null })),
    ctx.locale,
  ).map(toTag);
}

/** The tags directly under a tag, in alphabetical order of the request's language. */
export function sortedChildren(rows: TagRow[], includeRetired: boolean, locale: Locale): TaxonomyTag[] {
  const collator = new Intl.Collator(locale === "en" ? "en" : "sv");
  return rows
    .filter((row) => includeRetired || row.retiredAt === null)
    .map((row) => toTaxonomyTag(row, locale))
    .sort((a, b) => collator.compare(a.label, b.label));
}

export async function listExperienceTagsForAdmin(
  ctx: RequestContext,
  filter: { includeRetired: boolean; parentId: string | null },
  args: PageArgs,
) {
  const actor = requireTenantAdmin(ctx);
  const page = toPageRequest(args, ctx.locale);
  if (filter.parentId !== null && !isId(filter.parentId)) return toPage([], page, 0);
  const { rows, total } = await ctx.scope(actor.tenantId).transaction((tx) => listTags(tx, actor.tenantId, filter, page));
  return toPage(
    rows.map((row) => toTaxonomyTag(row, ctx.locale)),
    page,
    total,
  );
}

export async function getExperienceTag(ctx: RequestContext, id: string): Promise<TaxonomyTag | null> {
  const actor = requireTenantAdmin(ctx);
  if (!isId(id)) return null;
  const row = await ctx.scope(actor.tenantId).transaction((tx) => findTag(tx, actor.tenantId, id));
  return row ? toTaxonomyTag(row, ctx.locale) : null;
}

/** A new parent must be one of the tenant's own tags that is still offered; another tenant's tag reads as unknown. */
async function checkedParent(tx: Tx, tenantId: string, parentId: string) {
  const parent = isId(parentId) ? await findTag(tx, tenantId, parentId) : null;
  if (!parent) return { parent: null, error: fieldError("input.parentId", "UNKNOWN_REFERENCE", TAXONOMY_LABELS.parentId) };
  if (parent.retiredAt) {
    const hint = {
      sv: "Den erbjuds inte längre och kan inte få nya underordnade.",
      en: "It is no longer offered and cannot take new tags.",
    };
    return { parent: null, error: fieldError("input.parentId", "NOT_ALLOWED", TAXONOMY_LABELS.parentId, { hint }) };
  }
  return { parent, error: null };
}

export async function createExperienceTag(ctx: RequestContext, input: CreateExperienceTagInput): Promise<CreateExperienceTagPayload> {
  const actor = requireTenantAdmin(ctx);
  const tenantId = actor.tenantId;
  return ctx.scope(tenantId).transaction(async (tx): Promise<CreateExperienceTagPayload> => {
    await lockTaxonomy(tx, tenantId);
    const validation = validateExperienceTagFields(input, "create");
    const errors = validation.ok ? [] : [...validation.errors];
    const parent = input.parentId ? await checkedParent(tx, tenantId, input.parentId) : null;
    if (parent?.error) errors.push(parent.error);
    if (!validation.ok || errors.length > 0) throw badUserInput(errors, ctx.locale);

    const fields = validation.value;
    if (await isTagKeyTaken(tx, tenantId, fields.key)) return { experienceTag: null, errors: [keyTaken(fields.key, ctx.locale)] };
    const row = await insertTag(tx, tenantId, { ...fields, parentId: parent?.parent?.id ?? null });
    await ctx.audit.recordChange(tx, tenantId, { subjectType: "ExperienceTag", subjectId: row.id, before: null, after: snapshot(row) });
    return { experienceTag: toTaxonomyTag(row, ctx.locale), errors: [] };
  });
}

/**
 * Relabels or moves a tag under optimistic concurrency (a stale `expectedVersion` is a CONFLICT, nothing written).
 * Members keep their tags; a move never makes a tag its own ancestor.
 */
export async function changeExperienceTag(ctx: RequestContext, input: UpdateExperienceTagInput): Promise<UpdateExperienceTagPayload> {
  const actor = requireTenantAdmin(ctx);
  const tenantId = actor.tenantId;
  const missing = { experienceTag: null, errors: [notFound(TAG, ctx.locale)] };
  if (!isId(input.id)) return missing;
  return ctx.scope(tenantId).transaction(async (tx): Promise<UpdateExperienceTagPayload> => {
    await lockTaxonomy(tx, tenantId);
    const before = await findTag(tx, tenantId, input.id);
    if (!before) return missing;

    const validation = validateExperienceTagFields(input, "update");
    const errors = validation.ok ? [] : [...validation.errors];
    const parent = input.parentId ? await checkedParent(tx, tenantId, input.parentId) : null;
    if (parent?.error) errors.push(parent.error);
    if (!validation.ok || errors.length > 0) throw badUserInput(errors, ctx.locale);
    if (before.version !== input.expectedVersion) throw conflict(ctx.locale);

    const changes = changedFields<{ labelSv: string; labelEn: string; parentId: string | null }>(before, {
      ...validation.value,
      ...(input.parentId !== undefined ? { parentId: input.parentId } : {}),
    });
    if (changes.parentId) {
      const links = await findAllTags(tx, tenantId);
      if (wouldCreateTagCycle(links, before.id, changes.parentId)) {
        return { experienceTag: null, errors: [taxonomyCycle(changes.parentId, ctx.locale)] };
      }
    }
    if (!hasChanges(changes)) return { experienceTag: toTaxonomyTag(before, ctx.locale), errors: [] };
    const updated = await updateTagIfVersion(tx, tenantId, before.id, input.expectedVersion, changes);
    if ((await assertVersionedUpdate(updated, async () => (await findTag(tx, tenantId, before.id)) !== null, ctx.locale)) === "NOT_FOUND") {
      return missing;
    }
    const after = (await findTag(tx, tenantId, before.id)) as TagRow;
    await ctx.audit.recordChange(tx, tenantId, {
      subjectType: "ExperienceTag",
      subjectId: after.id,
      before: snapshot(before),
      after: snapshot(after),
    });
    return { experienceTag: toTaxonomyTag(after, ctx.locale), errors: [] };
  });
}

/**
 * Stops offering a tag and the whole branch under it (a twig under a retired branch would be unreachable on forms).
 * The tag named must still have the `expectedVersion` read; every tag retired gets a new version. Members and requests
 * keep the tags they have; each retired tag is its own audit event.
 */
export async function retireExperienceTag(ctx: RequestContext, input: RetireExperienceTagInput): Promise<RetireExperienceTagPayload> {
  const actor = requireTenantAdmin(ctx);
  const tenantId = actor.tenantId;
  const missing = { experienceTag: null, retiredTags: [], errors: [notFound(TAG, ctx.locale)] };
  if (!isId(input.id)) return missing;
  return ctx.scope(tenantId).transaction(async (tx): Promise<RetireExperienceTagPayload> => {
    await lockTaxonomy(tx, tenantId);
    const tags = await findAllTags(tx, tenantId);
    const tag = tags.find((candidate) => candidate.id === input.id);
    if (!tag) return missing;
    if (tag.version !== input.expectedVersion) throw conflict(ctx.locale);

    const branch = new Set([tag.id, ...tagDescendantIds(tags, tag.id)]);
    const before = tags.filter((candidate) => branch.has(candidate.id) && candidate.retiredAt === null);
    if (before.length === 0) return { experienceTag: toTaxonomyTag(tag, ctx.locale), retiredTags: [], errors: [] };

    const at = new Date();
    if (tag.retiredAt === null) {
      const updated = await updateTagIfVersion(tx, tenantId, tag.id, input.expectedVersion, { retiredAt: at });
      if ((await assertVersionedUpdate(updated, async () => (await findTag(tx, tenantId, tag.id)) !== null, ctx.locale)) === "NOT_FOUND") {
        return missing;
      }
    }
    await retireTags(
      tx,
      tenantId,
      before.filter((row) => row.id !== tag.id).map((row) => row.id),
      at,
    );
    const after = new Map((await findTagsByIds(tx, tenantId, [...branch])).map((row) => [row.id, row]));
    for (const row of before) {
      await ctx.audit.recordChange(tx, tenantId, {
        subjectType: "ExperienceTag",
        subjectId: row.id,
        before: snapshot(row),
        after: snapshot(after.get(row.id) ?? row),
        purpose: row.id === tag.id ? "retire" : `retire with ${tag.key}`,
      });
    }
    return {
      experienceTag: toTaxonomyTag(after.get(tag.id) ?? tag, ctx.locale),
      retiredTags: before.map((row) => toTaxonomyTag(after.get(row.id) ?? row, ctx.locale)),
      errors: [],
    };
  });
}
