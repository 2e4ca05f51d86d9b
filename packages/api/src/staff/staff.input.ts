import { Field, ID, InputType, Int } from "type-graphql";
import { StaffRole } from "../viewer/viewer.type.js";

@InputType({ description: "A new staff user. Roles are granted separately (`grantRole`)." })
export class CreateStaffUserInput {
  @Field(() => String, { description: "The subject (`sub`) the tenant's identity provider puts in this person's tokens." })
  subject!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => ID, { nullable: true, description: "The unit the person works at (a requester needs one)." })
  unitId?: string | null;
}

@InputType({
  description:
    "A new staff user invited by HSA-id or e-mail: their first login from one of the tenant's staff identity providers whose identifier claim carries that value is linked to them, once. Roles are granted separately (`grantRole`).",
})
export class InviteStaffUserInput {
  @Field(() => String, { description: "The HSA-id or e-mail the person's staff identity provider puts in its identifier claim." })
  identifier!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => ID, { nullable: true, description: "The unit the person works at (a requester needs one)." })
  unitId?: string | null;
}

@InputType({ description: "Changes to a staff user; a field left out keeps its value, null clears an optional one." })
export class UpdateStaffUserInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: "The `version` you read; if someone changed the staff user since, the update fails with CONFLICT." })
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => ID, { nullable: true })
  unitId?: string | null;
}

@InputType({ description: "Stops a staff user from signing in; their grants are kept for when they return." })
export class DisableStaffUserInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;
}

@InputType({ description: "Lets a disabled staff user sign in again, with the grants they had." })
export class EnableStaffUserInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;
}

@InputType({ description: "Grants a role. Granting a role the person already has in the same scope changes nothing." })
export class GrantRoleInput {
  @Field(() => ID)
  staffUserId!: string;

  @Field(() => StaffRole)
  role!: StaffRole;

  @Field(() => ID, { nullable: true, description: "One network only; leave out for the whole tenant. Not for TENANT_ADMIN." })
  networkId?: string | null;

  @Field(() => ID, { nullable: true, description: "REQUESTER only: the unit they act for; defaults to the person's own unit." })
  unitId?: string | null;
}

@InputType()
export class RevokeRoleInput {
  @Field(() => ID, { description: "The `StaffRoleGrant.id`." })
  grantId!: string;
}
