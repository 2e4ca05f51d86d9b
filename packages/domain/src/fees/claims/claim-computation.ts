import type { LocalizedText } from "../../messages/locale.js";
import { computeFee, type Expense, type FeeComputation, type FeeFailure } from "../fee-calculation.js";
import type { FeeScheduleVersion } from "../fee-schedule.js";
import type { PriceBaseAmounts } from "../price-base-amount.js";
import { selectScheduleVersion } from "../schedule-versions.js";

// A fee claim (arvodesunderlag) starts from what was reported about one participant at one occasion: whether they
// took part, for how long, how long they travelled. The participant (or the unit with them) then adds what only they
// know: kilometres driven, expenses, agreed extra preparation, and whether they prefer the hourly rate. The amounts
// are always recomputed from these facts with the schedule version valid on the occasion's date — never typed in.

/** What attendance reporting says about one participant at one occasion. */
export interface AttendanceFacts {
  readonly attended: boolean;
  /** Length of the participant's part in the occasion, without travel. */
  readonly durationMinutes: number;
  readonly travelMinutes: number;
}

/** What the claimant adds to the attendance. */
export interface ClaimChoices {
  readonly hourly: boolean;
  readonly preparationMinutes: number;
  /** Whole kilometres, as on the travel form. */
  readonly mileageKm: number;
  readonly expenses: readonly Expense[];
}

export const NO_CHOICES: ClaimChoices = { hourly: false, preparationMinutes: 0, mileageKm: 0, expenses: [] };

export interface ClaimComputationInput<V extends FeeScheduleVersion> {
  /** Every version of the schedule the occasion's network uses; the one valid on the occasion's date is chosen. */
  readonly versions: readonly V[];
  /** ISO date of the occasion in the tenant's time zone. */
  readonly occasionDate: string;
  readonly attendance: AttendanceFacts;
  readonly choices: ClaimChoices;
  readonly priceBaseAmounts: PriceBaseAmounts;
}

export type ClaimFailureCode = FeeFailure["code"] | "NOT_ATTENDED" | "NO_SCHEDULE_VERSION";

export interface ClaimFailure {
  readonly code: ClaimFailureCode;
  readonly field: string | null;
  readonly message: LocalizedText;
}

export type ClaimComputationResult<V extends FeeScheduleVersion> =
  | { readonly ok: true; readonly version: V; readonly fee: FeeComputation }
  | { readonly ok: false; readonly failure: ClaimFailure };

export function computeClaim<V extends FeeScheduleVersion>(input: ClaimComputationInput<V>): ClaimComputationResult<V> {
  if (!input.attendance.attended) {
    return {
      ok: false,
      failure: {
        code: "NOT_ATTENDED",
        field: null,
        message: {
          sv: "Personen deltog inte i tillfället, så det finns inget arvode att begära.",
          en: "The person did not take part in the occasion, so there is no fee to claim.",
        },
      },
    };
  }
  const version = selectScheduleVersion(input.versions, input.occasionDate);
  if (version === null) {
    return {
      ok: false,
      failure: {
        code: "NO_SCHEDULE_VERSION",
        field: "occasionDate",
        message: {
          sv: `Inga arvodesregler gäller den ${input.occasionDate}. En administratör behöver lägga in dem.`,
          en: `No fee schedule applies on ${input.occasionDate}. An administrator needs to add one.`,
        },
      },
    };
  }
  const result = computeFee({
    schedule: version,
    occasionDate: input.occasionDate,
    durationMinutes: input.attendance.durationMinutes,
    travelMinutes: input.attendance.travelMinutes,
    hourly: input.choices.hourly,
    preparationMinutes: input.choices.preparationMinutes,
    mileageKm: input.choices.mileageKm,
    expenses: input.choices.expenses,
    priceBaseAmounts: input.priceBaseAmounts,
  });
  return result.ok ? { ok: true, version, fee: result.fee } : { ok: false, failure: result.failure };
}
