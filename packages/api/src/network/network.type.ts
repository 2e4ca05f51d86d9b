import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../common/pagination/connection.js";
import { Node } from "../node/node.type.js";

export enum CareDomain {
  SOMATIC = "SOMATIC",
  PSYCHIATRIC = "PSYCHIATRIC",
  SOCIAL_SERVICES = "SOCIAL_SERVICES",
  MIXED = "MIXED",
}
registerEnumType(CareDomain, { name: "CareDomain", description: "The kind of care a network's members have experience of." });

@ObjectType({ implements: Node, description: "A pool of people with lived experience (Levande bibliotek, Peer, Intressebanken)." })
export class Network {
  @Field(() => ID)
  id!: string;

  tenantId!: string;

  @Field(() => String, { description: "Stable short name in front ends' URLs, e.g. `levande-bibliotek`; unique within the tenant." })
  slug!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => CareDomain)
  careDomain!: CareDomain;

  @Field(() => String, { description: "The network's functional mailbox." })
  contactEmail!: string;

  @Field(() => ID, { nullable: true, description: "The intake rule set the network uses; null: the tenant's default." })
  intakeRuleSetId!: string | null;

  @Field(() => ID, { nullable: true, description: "The request form the network uses; null: the tenant's default." })
  requestFormId!: string | null;

  @Field(() => ID, { nullable: true, description: "The fee schedule the network uses; null: the tenant's default." })
  feeScheduleId!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;

  @Field(() => Date, { nullable: true, description: "Set when the network was retired: closed for registration, kept for history." })
  retiredAt!: Date | null;

  @Field(() => Int, { description: "Send it back as `expectedVersion` when changing the network." })
  version!: number;
}

export const NetworkConnection = Connection(Network, "Network");
