import type { FieldError } from "../messages/field-error.js";
import { checkText } from "../validation/checks.js";

// Withdrawing is always the member's right (the intake rules put no condition on it); the reason is optional and only
// helps the coordinator understand why people leave.

export const WITHDRAWAL_LIMITS = { reasonLength: 2000 } as const;

export type WithdrawalReasonResult =
  | { readonly ok: true; readonly reason: string | null }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

export function validateWithdrawalReason(reason: string | null | undefined, path = "input"): WithdrawalReasonResult {
  const errors: FieldError[] = [];
  const value = checkText(errors, `${path}.reason`, { sv: "Anledning", en: "Reason" }, reason, {
    required: false,
    maxLength: WITHDRAWAL_LIMITS.reasonLength,
    multiline: true,
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, reason: value };
}
