import { normaliseRegionQuestions, type RegionQuestion, validateRegistrationQuestions } from "@medverkan/domain";
import { badUserInput, conflict } from "../common/errors/api-error.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantAdmin } from "../context/require-tenant.js";
import type { Tx } from "../context/tenant-scope.js";
import {
  parseFormQuestions,
  questionsColumn,
  questionsFromInput,
  toFormQuestion,
  toInputPaths,
} from "../request-form/request-form.mapper.js";
import type { UpdateRegistrationFormInput } from "./registration-form.input.js";
import type { UpdateRegistrationFormPayload } from "./registration-form.payload.js";
import {
  findRegistrationForm,
  insertRegistrationForm,
  lockRegistrationForm,
  type RegistrationFormRow,
  updateRegistrationFormIfVersion,
} from "./registration-form.repository.js";
import type { RegistrationForm } from "./registration-form.type.js";

// A region's own questions on its public registration form. The questions and the checks are the request form's
// (domain: request-form/region-questions.ts through registration/registration-questions.ts); what differs is only
// that a registration form has one list per tenant and no built-in field to condition on.

/** The form's questions as the domain reads them; none until the region saves some. */
export function registrationQuestionsOf(row: RegistrationFormRow | null): RegionQuestion[] {
  return row ? parseFormQuestions(row.questions, row.id) : [];
}

/** The version a registration is answered on (0: the region never saved a form). */
export const registrationFormVersionOf = (row: RegistrationFormRow | null): number => row?.version ?? 0;

/** The form as the region's current questions and answers are checked against, inside the caller's transaction. */
export async function currentRegistrationForm(tx: Tx, tenantId: string) {
  const row = await findRegistrationForm(tx, tenantId);
  return { questions: registrationQuestionsOf(row), version: registrationFormVersionOf(row) };
}

function toRegistrationForm(tenantId: string, row: RegistrationFormRow | null, locale: RequestContext["locale"]): RegistrationForm {
  return {
    tenantId,
    questions: registrationQuestionsOf(row).map((question) => toFormQuestion(question, locale)),
    version: registrationFormVersionOf(row),
    updatedAt: row?.updatedAt ?? null,
  };
}

const snapshot = (row: RegistrationFormRow) => ({ id: row.id, questions: registrationQuestionsOf(row), version: row.version });

/** Public: what the registration page asks beside the built-in details. */
export async function getRegistrationForm(ctx: RequestContext, tenantId: string): Promise<RegistrationForm> {
  const row = await ctx.scope(tenantId).transaction((tx) => findRegistrationForm(tx, tenantId));
  return toRegistrationForm(tenantId, row, ctx.locale);
}

/**
 * Replaces the region's registration questions under optimistic concurrency (the first save expects version 0). The
 * list is checked as a whole, every problem at once; re-saving the same questions writes nothing. Audited with before
 * and after.
 */
export async function updateRegistrationForm(
  ctx: RequestContext,
  input: UpdateRegistrationFormInput,
): Promise<UpdateRegistrationFormPayload> {
  const { tenantId } = requireTenantAdmin(ctx);
  const proposed = normaliseRegionQuestions(questionsFromInput(input.questions));
  const errors = toInputPaths(validateRegistrationQuestions(proposed, "input.questions"));
  if (errors.length > 0) throw badUserInput(errors, ctx.locale);

  return ctx.scope(tenantId).transaction(async (tx): Promise<UpdateRegistrationFormPayload> => {
    await lockRegistrationForm(tx, tenantId);
    const before = await findRegistrationForm(tx, tenantId);
    if (registrationFormVersionOf(before) !== input.expectedVersion) throw conflict(ctx.locale);
    if (before && JSON.stringify(registrationQuestionsOf(before)) === JSON.stringify(proposed)) {
      return { registrationForm: toRegistrationForm(tenantId, before, ctx.locale), errors: [] };
    }
    let after: RegistrationFormRow | null;
    if (!before) after = await insertRegistrationForm(tx, tenantId, questionsColumn(proposed));
    else {
      const updated = await updateRegistrationFormIfVersion(tx, tenantId, input.expectedVersion, questionsColumn(proposed));
      if (updated !== 1) throw conflict(ctx.locale);
      after = await findRegistrationForm(tx, tenantId);
    }
    if (!after) throw conflict(ctx.locale);
    await ctx.audit.recordChange(tx, tenantId, {
      subjectType: "RegistrationForm",
      subjectId: after.id,
      before: before ? snapshot(before) : null,
      after: snapshot(after),
    });
    return { registrationForm: toRegistrationForm(tenantId, after, ctx.locale), errors: [] };
  });
}
