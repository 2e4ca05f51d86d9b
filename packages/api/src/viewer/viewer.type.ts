import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Network } from "../network/network.type.js";
import { Tenant } from "../tenant/tenant.type.js";

export enum ViewerKind {
  STAFF = "STAFF",
  MEMBER = "MEMBER",
  CITIZEN = "CITIZEN",
  PLATFORM_OPERATOR = "PLATFORM_OPERATOR",
}
registerEnumType(ViewerKind, {
  name: "ViewerKind",
  description: "Who the token belongs to. CITIZEN: verified by the tenant's identity provider, not yet registered.",
});

export enum StaffRole {
  TENANT_ADMIN = "TENANT_ADMIN",
  COORDINATOR = "COORDINATOR",
  REQUESTER = "REQUESTER",
  ANALYST = "ANALYST",
}
registerEnumType(StaffRole, { name: "StaffRole" });

@ObjectType({ description: "A role the server has granted (tokens cannot grant roles)." })
export class RoleGrant {
  @Field(() => StaffRole)
  role!: StaffRole;

  tenantId!: string;
  networkId!: string | null;

  @Field(() => ID, { nullable: true, description: "The unit a requester acts for." })
  unitId!: string | null;

  @Field(() => Network, { nullable: true, description: "Null: the grant covers the whole tenant." })
  network?: Network | null;
}

@ObjectType({ description: "The caller, as established from the verified token and the server's own records." })
export class Viewer {
  @Field(() => ViewerKind)
  kind!: ViewerKind;

  @Field(() => String, { description: "The token's subject." })
  subject!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => Tenant, { nullable: true, description: "Null for platform operators." })
  tenant!: Tenant | null;

  @Field(() => [RoleGrant])
  roles!: RoleGrant[];

  memberId!: string | null;
}
