import { Field, ID, InterfaceType } from "type-graphql";

/** The concrete type of each object `node`/`nodes` returns (services return plain objects, not class instances). */
export const nodeTypeOf = new WeakMap<object, string>();

@InterfaceType({
  description:
    "An object a client may cache and fetch again by its id alone (`node(id:)`). Ids are UUIDs unique across every type " +
    "(v7; an invitee's is derived from its invitation's), so `id` is a global id as it is.",
  resolveType: (value: object) => nodeTypeOf.get(value),
})
export abstract class Node {
  @Field(() => ID)
  id!: string;
}
