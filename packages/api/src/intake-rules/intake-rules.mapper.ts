import type { IntakeRuleSet } from "@medverkan/database";
import type { IntakeRules } from "@medverkan/domain";

/** Used when neither the network nor the tenant has configured rules: nothing beyond registration is required. */
export const NO_RULES: IntakeRules = {
  minimumAge: null,
  guardianConsentBelowAge: null,
  requireContactCall: false,
  requireIntroductionMeeting: false,
  requireTrainingAttended: false,
  allowedMunicipalities: null,
  recordOrganisationMandate: false,
  followUpWithinDays: null,
};

/** The stored rule set as the domain's intake state machine reads it. */
export function toIntakeRules(row: IntakeRuleSet | null): IntakeRules {
  if (!row) return NO_RULES;
  return {
    minimumAge: row.minimumAge,
    guardianConsentBelowAge: row.guardianConsentBelowAge,
    requireContactCall: row.requireContactCall,
    requireIntroductionMeeting: row.requireIntroductionMeeting,
    requireTrainingAttended: row.requireTrainingAttended,
    allowedMunicipalities: row.restrictMunicipalities ? row.allowedMunicipalities : null,
    recordOrganisationMandate: row.recordOrganisationMandate,
    followUpWithinDays: row.followUpWithinDays,
  };
}

/**
 * The domain's rules as table columns. "Anyone may join" is `allowedMunicipalities: null` in the domain; the table
 * keeps the list and a flag instead (as the seed does), because a PostgreSQL array column cannot be null in Prisma.
 */
export function toIntakeRuleSetColumns(rules: IntakeRules) {
  return {
    minimumAge: rules.minimumAge,
    guardianConsentBelowAge: rules.guardianConsentBelowAge,
    requireContactCall: rules.requireContactCall,
    requireIntroductionMeeting: rules.requireIntroductionMeeting,
    requireTrainingAttended: rules.requireTrainingAttended,
    allowedMunicipalities: rules.allowedMunicipalities ? [...rules.allowedMunicipalities] : [],
    restrictMunicipalities: rules.allowedMunicipalities !== null,
    recordOrganisationMandate: rules.recordOrganisationMandate,
    followUpWithinDays: rules.followUpWithinDays,
  };
}
