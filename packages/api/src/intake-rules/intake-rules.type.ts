import { Field, ID, Int, ObjectType } from "type-graphql";
import { Connection } from "../common/pagination/connection.js";
import { Node } from "../node/node.type.js";

@ObjectType({ description: "What a network demands before someone joins its pool; the intake state machine reads these." })
export class IntakeRules {
  @Field(() => Int, { nullable: true, description: "Youngest age accepted at all; null for no limit." })
  minimumAge!: number | null;

  @Field(() => Int, { nullable: true, description: "Below this age a guardian's written consent is needed (Kalmar: 18); null if never." })
  guardianConsentBelowAge!: number | null;

  @Field(() => Boolean, { description: "A coordinator's call must be recorded before the introduction or anything later." })
  requireContactCall!: boolean;

  @Field(() => Boolean, { description: "An introduction meeting must be held before training or activation." })
  requireIntroductionMeeting!: boolean;

  @Field(() => Boolean, { description: "Training (VGR: the digital introduction) must be attended before activation." })
  requireTrainingAttended!: boolean;

  @Field(() => [String], { nullable: true, description: "Municipalities whose residents may join; null for anyone." })
  allowedMunicipalities!: string[] | null;

  @Field(() => Boolean, { description: "A representative's organisation mandate must be recorded before activation." })
  recordOrganisationMandate!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: "A new registration should be followed up within this many days; null for no deadline.",
  })
  followUpWithinDays!: number | null;
}

@ObjectType({ implements: Node, description: "A named set of intake rules; networks use their own or the tenant's default." })
export class IntakeRuleSet {
  @Field(() => ID)
  id!: string;

  tenantId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Boolean, { description: "Used by every network that names no rule set of its own." })
  isTenantDefault!: boolean;

  @Field(() => IntakeRules)
  rules!: IntakeRules;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;

  @Field(() => Date, { nullable: true, description: "Set when retired: kept for history, no longer used." })
  retiredAt!: Date | null;

  @Field(() => Int, { description: "Send it back as `expectedVersion` when changing the rule set." })
  version!: number;
}

export const IntakeRuleSetConnection = Connection(IntakeRuleSet, "IntakeRuleSet");

@ObjectType({
  description:
    "Public: what joining a network takes, for the registration page (age limits, consent, steps before someone becomes active).",
})
export class IntakeRequirements {
  @Field(() => Int, { nullable: true, description: "Youngest age accepted; null for no limit." })
  minimumAge!: number | null;

  @Field(() => Int, { nullable: true, description: "Below this age a guardian must give written consent; null if never." })
  guardianConsentBelowAge!: number | null;

  @Field(() => Boolean, { description: "A coordinator calls before anything else happens." })
  contactCallRequired!: boolean;

  @Field(() => Boolean, { description: "An introduction meeting is required." })
  introductionMeetingRequired!: boolean;

  @Field(() => Boolean, { description: "An introduction or training session must be attended before taking assignments." })
  trainingRequired!: boolean;

  @Field(() => [String], { nullable: true, description: "Only residents of these municipalities may join; null for anyone." })
  allowedMunicipalities!: string[] | null;

  @Field(() => Boolean, { description: "Representatives of an organisation have their mandate recorded." })
  organisationMandateRecorded!: boolean;

  @Field(() => Int, { nullable: true, description: "A registration is followed up within this many days; null if no promise is made." })
  followUpWithinDays!: number | null;
}
