import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../common/pagination/connection.js";

export enum CareDomain {
  SOMATIC = "SOMATIC",
  PSYCHIATRIC = "PSYCHIATRIC",
  SOCIAL_SERVICES = "SOCIAL_SERVICES",
  MIXED = "MIXED",
}
registerEnumType(CareDomain, { name: "CareDomain", description: "The kind of care a network's members have experience of." });

@ObjectType({ description: "A pool of people with lived experience (Levande bibliotek, Peer, Intressebanken)." })
export class Network {
  @Field(() => ID)
  id!: string;

  tenantId!: string;

  @Field(() => String)
  slug!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => CareDomain)
  careDomain!: CareDomain;

  @Field(() => String, { description: "The network's functional mailbox." })
  contactEmail!: string;
}

export const NetworkConnection = Connection(Network, "Network");
