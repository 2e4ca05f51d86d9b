// The shape of one region's demo content. The region's configuration as its documents state it — tenant name,
// networks with care domain and mailbox, organisations, intake rules, request form with assignment types, fee
// schedule versions, the 2022 introduction dates, price base amounts — is NOT here: it comes from
// @medverkan/domain's seed data (`REGION_SEEDS`), the single source of those figures. What is here is the rest of a
// believable region around it: units and cost centres, staff, taxonomy, consent wording, synthetic members and a
// handful of requests in every state.
import type { AssignmentLength, OrganisationKind, Perspective, Prisma, RequestStatus, StaffRole } from "../src/index.js";

/** A node of the experience taxonomy, with Swedish and English labels. */
export interface TagNode {
  readonly key: string;
  readonly sv: string;
  readonly en: string;
  readonly children?: readonly TagNode[];
}

export interface CostCentreSeed {
  /** The ansvarskod as the region writes it. */
  readonly code: string;
  readonly name: string;
}

export interface UnitSeed {
  readonly key: string;
  readonly name: string;
  readonly costCentre: CostCentreSeed;
}

export interface OrganisationSeed {
  readonly key: string;
  /** Matches an organisation of the domain's region seed, or adds one the documents imply (then `kind` is required). */
  readonly name: string;
  readonly kind?: OrganisationKind;
  readonly paysOwnParticipants?: boolean;
  readonly units: readonly UnitSeed[];
  /** Cost centres that belong to no single unit (Jönköping: the county-wide programme areas, LPO). */
  readonly sharedCostCentres?: readonly CostCentreSeed[];
}

/** How the synthetic pool of one network (a network of the domain's region seed, by key) is drawn. */
export interface NetworkPoolSeed {
  /** The network's key in the domain's region seed (also its slug). */
  readonly slug: string;
  /** Synthetic members to create in this pool (the real pools are larger; the demo stays fast). */
  readonly memberCount: number;
  /** How members' perspectives are drawn (weights). */
  readonly perspectives: ReadonlyArray<readonly [readonly Perspective[], number]>;
  /** Taxonomy keys members of this pool draw their experiences from. */
  readonly experienceKeys: readonly string[];
  /**
   * Members who speak for a patient or user organisation (VGR: "har då mandat att representera deras många, olika,
   * erfarenheter"), with the experiences that fit each organisation.
   */
  readonly representatives?: {
    readonly share: number;
    readonly organisations: ReadonlyArray<{ readonly name: string; readonly experienceKeys: readonly string[] }>;
  };
}

export interface StaffSeed {
  /** The token subject, readable and stable: `<tenant>-<role>-<n>`. */
  readonly subject: string;
  readonly name: string;
  readonly title: string;
  readonly role: StaffRole;
  /** COORDINATOR: the networks they coordinate (one grant each). */
  readonly networks?: readonly string[];
  /** The unit the person works at (required for REQUESTER, whose grant is for that unit). */
  readonly unit?: string;
}

export interface TrainingSessionSeed {
  readonly key: string;
  readonly network: string;
  readonly title: string;
  /** Either a fixed date ("2022-02-17") or a day count from the seed's reference day. */
  readonly date: string | number;
  readonly start: string;
  readonly end: string;
  readonly format: "DIGITAL" | "IN_PERSON";
  readonly place?: string;
  readonly capacity: number;
}

export interface OccasionSeed {
  /** Days from the reference day (negative: in the past). */
  readonly day: number;
  readonly start: string;
  readonly minutes: number;
  readonly place?: string;
  readonly digital?: boolean;
  readonly cancelled?: boolean;
}

/** Who is invited to a request, by their number among the tenant's demo members with a subject. */
export interface FeaturedInvitation {
  readonly member: number;
  readonly outcome: "ACCEPTED" | "PENDING" | "DECLINED";
}

export interface RequestSeed {
  readonly key: string;
  readonly network: string;
  readonly unit: string;
  /** Subject of the requester who submitted it. */
  readonly requestedBy: string;
  readonly assignmentType: string;
  readonly title: string;
  readonly purpose: string;
  readonly expectations?: string;
  readonly experienceText?: string;
  readonly experienceKeys: readonly string[];
  readonly perspectives: readonly Perspective[];
  readonly numberOfPersons: number;
  readonly assignmentLength: AssignmentLength;
  readonly audienceDescription?: string;
  readonly audienceSize?: number;
  readonly selectionProcess?: string;
  readonly specialRequirements?: string;
  readonly preparation?: string;
  readonly compensationOffered?: string;
  /** Defaults to the unit's own cost centre. */
  readonly costCentre?: string;
  readonly directRecruitment?: boolean;
  readonly status: RequestStatus;
  readonly statusReason?: string;
  /** Days from the reference day the request was submitted (negative). */
  readonly submittedDay: number;
  readonly occasions: readonly OccasionSeed[];
  readonly featured?: readonly FeaturedInvitation[];
  /** Minutes of travel (each way summed) and kilometres driven, for fee claims. */
  readonly travel?: { readonly minutes: number; readonly km: number };
  /** Agreed preparation in minutes, for fee claims. */
  readonly preparationMinutes?: number;
}

export interface ConsentTextSeed {
  readonly sv: string;
  readonly en: string;
}

export interface TenantDemoSeed {
  /** The tenant's slug in the domain's region seed. */
  readonly slug: string;
  /** Free-form tenant settings (legal basis, data controller …), shown in the admin view. */
  readonly settings: Prisma.InputJsonObject;
  readonly memberRetentionMonths: number | null;
  readonly invitationExpiryDays: number;
  /** Domain for staff e-mail addresses (under example.se: these are not real mailboxes). */
  readonly staffEmailDomain: string;
  /** Municipalities of the county, with weights (the big towns more often). */
  readonly municipalities: ReadonlyArray<readonly [string, number]>;
  readonly organisations: readonly OrganisationSeed[];
  readonly taxonomy: readonly TagNode[];
  readonly networks: readonly NetworkPoolSeed[];
  /** Used when the domain gives a network no mailbox (the column is required). */
  readonly fallbackContactEmail?: string;
  /** Names of the configuration rows the domain describes without naming them. */
  readonly configurationNames: {
    readonly intakeRuleSet: string;
    readonly requestForm: string;
    readonly feeSchedule: string;
  };
  /** Capacity of the domain's scheduled training sessions (the documents give none). */
  readonly trainingCapacity: number;
  readonly consentTexts: {
    readonly processing: ConsentTextSeed;
    readonly contactSharing: ConsentTextSeed;
    readonly guardian: ConsentTextSeed;
  };
  readonly staff: readonly StaffSeed[];
  /** Sessions beyond the domain's published dates (recent and upcoming ones, so the demo always has some). */
  readonly trainingSessions: readonly TrainingSessionSeed[];
  readonly requests: readonly RequestSeed[];
  /**
   * The members with an account (a token subject `<tenant>-member-<n>`, n counting from 1 in this order), spelled
   * out so that the demo has known people in known situations: requests feature them by number.
   */
  readonly demoMembers: readonly DemoMemberSeed[];
  /** Members who are in two of the tenant's networks (Jönköping: somatic and psychiatric experience). */
  readonly crossMemberships?: number;
}

export interface DemoMemberSeed {
  readonly network: string;
  readonly status: "ACTIVE" | "REGISTERED" | "PENDING_GUARDIAN_CONSENT";
  readonly perspectives: readonly Perspective[];
  readonly experienceKeys: readonly string[];
  /** Age in whole years on the reference day (Kalmar's guardian scenarios use minors); drawn when absent. */
  readonly age?: number;
  readonly organisationRepresented?: string;
}
