import type { MemberRow } from "../member/member.repository.js";
import type { Member, Membership } from "../member/member.type.js";
import type { GuardianConsentRow, MembershipRow } from "./intake.repository.js";
import type { GuardianConsent } from "./intake.type.js";

export function toMembership(row: MembershipRow): Membership {
  return { ...row, status: row.status as Membership["status"], channel: row.channel as Membership["channel"] };
}

export function toMember(row: MemberRow): Member {
  return {
    ...row,
    birthDate: row.birthDate ? row.birthDate.toISOString().slice(0, 10) : null,
    perspectives: row.perspectives as Member["perspectives"],
  };
}

export function toGuardianConsent(row: GuardianConsentRow): GuardianConsent {
  const { consentText, ...rest } = row;
  return { ...rest, textVersion: consentText.version };
}
