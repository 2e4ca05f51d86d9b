import { Field, ID, Int, ObjectType } from "type-graphql";
import { Connection } from "../common/pagination/connection.js";
import { Network } from "../network/network.type.js";
import { Node } from "../node/node.type.js";
import { Unit } from "../organisation/organisation.type.js";
import { StaffRole } from "../viewer/viewer.type.js";

@ObjectType({ description: "A role granted to a staff user: tenant-wide or for one network; a requester's for one unit." })
export class StaffRoleGrant {
  @Field(() => ID)
  id!: string;

  tenantId!: string;

  @Field(() => ID)
  staffUserId!: string;

  @Field(() => StaffRole)
  role!: StaffRole;

  @Field(() => ID, { nullable: true, description: "Null: the grant covers the whole tenant." })
  networkId!: string | null;

  @Field(() => ID, { nullable: true, description: "The unit a requester acts for." })
  unitId!: string | null;

  @Field(() => Date)
  grantedAt!: Date;

  @Field(() => ID, { nullable: true, description: "The administrator who granted it; null for grants made at set-up." })
  grantedById!: string | null;

  @Field(() => Date, { nullable: true, description: "Set when revoked; revoked grants are kept as history." })
  revokedAt!: Date | null;

  @Field(() => Network, { nullable: true })
  network?: Network | null;

  @Field(() => Unit, { nullable: true })
  unit?: Unit | null;
}

@ObjectType({
  implements: Node,
  description: "A person working for the tenant, identified by the subject their identity provider puts in tokens.",
})
export class StaffUser {
  @Field(() => ID)
  id!: string;

  tenantId!: string;

  @Field(() => String, { description: "The token `sub` this person signs in with; unique within the tenant and never changed." })
  subject!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String, { nullable: true, description: "E.164." })
  phone!: string | null;

  @Field(() => ID, { nullable: true, description: "The unit the person works at; a requester's grant defaults to it." })
  unitId!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: "Set while the person may not sign in; their grants are kept." })
  disabledAt!: Date | null;

  @Field(() => Int, { description: "Send it back as `expectedVersion` when changing the staff user." })
  version!: number;

  @Field(() => String, { nullable: true, description: "The HSA-id or e-mail the person was invited by (`inviteStaffUser`), normalised." })
  invitedIdentifier!: string | null;

  @Field(() => Date, {
    nullable: true,
    description: "When the first login with the invited identifier was linked; null while the invitation is open.",
  })
  invitationLinkedAt!: Date | null;

  @Field(() => Unit, { nullable: true })
  unit?: Unit | null;

  @Field(() => [StaffRoleGrant])
  roleGrants?: StaffRoleGrant[];
}

export const StaffUserConnection = Connection(StaffUser, "StaffUser");
