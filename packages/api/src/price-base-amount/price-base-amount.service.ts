import { type PriceBaseAmounts, priceBaseAmountTable, validatePriceBaseAmount } from "@medverkan/domain";
import { badUserInput, unauthenticated } from "../common/errors/api-error.js";
import { errorResult } from "../common/errors/error-result.js";
import type { RequestContext } from "../context/request-context.js";
import { requirePlatformOperator } from "../context/require-tenant.js";
import { money } from "../fee-schedule/money.type.js";
import type { AddPriceBaseAmountInput } from "./price-base-amount.input.js";
import { type AddPriceBaseAmountPayload, YearExists } from "./price-base-amount.payload.js";
import {
  findPriceBaseAmount,
  insertPriceBaseAmountIfNew,
  listPriceBaseAmounts,
  type PriceBaseAmountRow,
} from "./price-base-amount.repository.js";
import type { PriceBaseAmount } from "./price-base-amount.type.js";

/** The PBB is set in Swedish kronor by the Swedish government, whatever a tenant's own currency. */
const PBB_CURRENCY = "SEK";

export function toPriceBaseAmount(row: PriceBaseAmountRow): PriceBaseAmount {
  return { year: row.year, amountKronor: row.amountKronor, amount: money(row.amountKronor * 100, PBB_CURRENCY), createdAt: row.createdAt };
}

/** Anyone signed in: the table is public reference data, but the API serves no one anonymously beyond what front ends need. */
export async function getPriceBaseAmounts(ctx: RequestContext): Promise<PriceBaseAmount[]> {
  if (ctx.actor.kind === "ANONYMOUS") throw unauthenticated(ctx.locale);
  return (await listPriceBaseAmounts(ctx.system)).map(toPriceBaseAmount);
}

/** The lookup table fee computations read (platform data, outside any tenant). */
export async function loadPriceBaseAmountTable(ctx: RequestContext): Promise<{ table: PriceBaseAmounts; rows: PriceBaseAmountRow[] }> {
  const rows = await listPriceBaseAmounts(ctx.system);
  return { table: priceBaseAmountTable(rows), rows };
}

const yearExists = (row: PriceBaseAmountRow, ctx: RequestContext) =>
  errorResult(
    YearExists,
    "YEAR_EXISTS",
    {
      sv: `Prisbasbeloppet för ${row.year} finns redan (${row.amountKronor} kr) och skrivs aldrig över.`,
      en: `The price base amount for ${row.year} already exists (${row.amountKronor} kr) and is never overwritten.`,
    },
    ctx.locale,
    { existing: toPriceBaseAmount(row) },
  );

/**
 * Platform operators extend the table each year. An existing year is refused, never silently overwritten: fees
 * already computed used the amount it holds. Platform data has no tenant and so no tenant audit trail; the change is
 * logged (structured, with the operator) instead.
 */
export async function addPriceBaseAmount(ctx: RequestContext, input: AddPriceBaseAmountInput): Promise<AddPriceBaseAmountPayload> {
  const operator = requirePlatformOperator(ctx);
  const outcome = await ctx.system.$transaction(async (tx) => {
    const existing = await listPriceBaseAmounts(tx);
    const errors = validatePriceBaseAmount(input, priceBaseAmountTable(existing), "input");
    const invalid = errors.filter((error) => error.code !== "DUPLICATE");
    if (invalid.length > 0) throw badUserInput(invalid, ctx.locale);
    const inserted = errors.length === 0 ? await insertPriceBaseAmountIfNew(tx, input) : null;
    return inserted ? { inserted } : { existing: await findPriceBaseAmount(tx, input.year) };
  });
  if ("existing" in outcome) {
    if (!outcome.existing) throw new Error(`Price base amount ${input.year} neither inserted nor found`);
    return { priceBaseAmount: null, errors: [yearExists(outcome.existing, ctx)] };
  }
  ctx.log.info(
    {
      event: "price-base-amount.added",
      operatorId: operator.operatorId,
      year: outcome.inserted.year,
      amountKronor: outcome.inserted.amountKronor,
    },
    "price base amount added (platform data; no tenant audit trail)",
  );
  return { priceBaseAmount: toPriceBaseAmount(outcome.inserted), errors: [] };
}
