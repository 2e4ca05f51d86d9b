import type { Locale, StoredRegionAnswer } from "@medverkan/domain";
import { badUserInput } from "../common/errors/api-error.js";
import { isId } from "../common/ids.js";
import type { RequestContext } from "../context/request-context.js";
import { toAssignmentType, toQuestionOption } from "../request-form/request-form.mapper.js";
import { findLiveAssignmentTypes } from "../request-form/request-form.repository.js";
import type { FormQuestionType } from "../request-form/request-form.type.js";
import { findNetwork, findUnit, findUsableCostCentres } from "./request.repository.js";
import { networkForm } from "./request.service.js";
import type { RequestType } from "./request.type.js";
import { chooseRequesterUnit } from "./request-access.js";
import type { RequestAnswer, RequestOptions } from "./request-options.type.js";

/**
 * Requesters: what they may put on a request for one of their units — the cost centres the unit may bill (its
 * organisation's live ones and the shared ones) and the assignment types offered (the network's form's, or all the
 * tenant's live ones). Another unit than the requester's own is a field error; an unknown network answers null.
 */
export async function getMyRequestOptions(
  ctx: RequestContext,
  unitId: string | null,
  networkId: string | null,
): Promise<RequestOptions | null> {
  const chosen = chooseRequesterUnit(ctx, unitId);
  if (chosen.unitId === null)
    throw badUserInput(
      chosen.errors.map((error) => ({ ...error, field: "unitId" })),
      ctx.locale,
    );
  const chosenUnitId = chosen.unitId;
  const { tenantId } = chosen.actor;
  if (networkId !== null && !isId(networkId)) return null;
  return ctx.scope(tenantId).transaction(async (tx): Promise<RequestOptions | null> => {
    const unit = await findUnit(tx, tenantId, chosenUnitId);
    if (!unit || unit.retiredAt) return null;
    const costCentres = await findUsableCostCentres(tx, tenantId, unit.organisationId);
    const own = costCentres.filter((row) => row.unitId === unit.id);
    const types = await findLiveAssignmentTypes(tx, tenantId);
    let offered = types;
    if (networkId !== null) {
      const network = await findNetwork(tx, tenantId, networkId);
      if (!network || network.retiredAt) return null;
      const { form } = await networkForm(tx, tenantId, network.id);
      const byKey = new Map(types.map((row) => [row.key, row]));
      offered = form.assignmentTypes.flatMap((option) => {
        const row = byKey.get(option.key);
        return row ? [row] : [];
      });
    }
    return {
      unitId: unit.id,
      unitName: unit.name,
      costCentres: costCentres.map((row) => ({ code: row.code, name: row.name, shared: row.shared, unitsOwn: row.unitId === unit.id })),
      defaultCostCentre: own.length === 1 ? (own[0]?.code ?? null) : null,
      assignmentTypes: offered.map((row) => toAssignmentType(row, ctx.locale)),
    };
  });
}

/** A request's answers to its form's region questions, in the reader's language, as they were given. */
export function answersOf(request: RequestType, locale: Locale): RequestAnswer[] {
  return toRequestAnswers(request.answersJson, locale);
}

/** Stored answers to a form's region questions (a request's, a registration's), in the reader's language, as given. */
export function toRequestAnswers(json: unknown, locale: Locale): RequestAnswer[] {
  const stored = Array.isArray(json) ? (json as StoredRegionAnswer[]) : [];
  return stored.map((answer) => ({
    question: answer.question,
    type: answer.type as FormQuestionType,
    label: answer.label[locale],
    labelSv: answer.label.sv,
    labelEn: answer.label.en,
    text: answer.text,
    number: answer.number,
    date: answer.date,
    choices: answer.choices.map((choice) => toQuestionOption(choice, locale)),
    yes: answer.yes,
  }));
}
