import { type FieldNode, type GraphQLResolveInfo, getNamedType, isObjectType, Kind } from "graphql";
import { isTenantActor } from "../auth/actor.js";
import { badUserInput } from "../common/errors/api-error.js";
import { isId } from "../common/ids.js";
import { MAX_PAGE_SIZE } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { findNodeTypes, NODE_TYPES, type NodeTypeName } from "./node.repository.js";
import { nodeTypeOf } from "./node.type.js";

/**
 * `node(id:)` / `nodes(ids:)`: find which type each id is (one statement, in the tenant's RLS scope), then read it
 * through that type's own root field as it stands in the executable schema — its permission rule, its service, its
 * audit. Whatever that field would refuse or not find (another tenant's id, a member asking for a request, an id that
 * does not exist) is null, indistinguishable from a missing object.
 */
export async function resolveNodes(ctx: RequestContext, info: GraphQLResolveInfo, ids: readonly string[]): Promise<(object | null)[]> {
  if (ids.length > MAX_PAGE_SIZE) {
    throw badUserInput(
      [
        {
          field: "ids",
          code: "OUT_OF_RANGE",
          message: { sv: `Högst ${MAX_PAGE_SIZE} id åt gången.`, en: `At most ${MAX_PAGE_SIZE} ids at a time.` },
        },
      ],
      ctx.locale,
    );
  }
  const actor = ctx.actor;
  if (!isTenantActor(actor)) return ids.map(() => null);
  const wellFormed = [...new Set(ids.filter(isId))];
  const types = await ctx.scope(actor.tenantId).transaction((tx) => findNodeTypes(tx, actor.tenantId, wellFormed));
  return Promise.all(ids.map((id) => readAs(ctx, info, id, types.get(id))));
}

async function readAs(ctx: RequestContext, info: GraphQLResolveInfo, id: string, type: NodeTypeName | undefined): Promise<object | null> {
  if (!type) return null;
  const queryType = info.schema.getQueryType();
  const fieldName = NODE_TYPES[type];
  const field = queryType?.getFields()[fieldName];
  if (!queryType || !field?.resolve || !isObjectType(getNamedType(field.type))) return null;
  // The same field, as if the client had asked `{ <fieldName>(id: …) { … } }` with this selection.
  const fieldNodes: FieldNode[] = info.fieldNodes.map((node) => ({
    ...node,
    name: { kind: Kind.NAME, value: fieldName },
    arguments: [],
  }));
  try {
    const value: unknown = await field.resolve(undefined, { id }, ctx, {
      ...info,
      fieldName,
      fieldNodes,
      returnType: field.type,
      parentType: queryType,
      path: { prev: undefined, key: fieldName, typename: queryType.name },
    });
    if (!value || typeof value !== "object" || value instanceof Error) return null;
    nodeTypeOf.set(value, type);
    return value;
  } catch {
    // Refused (FORBIDDEN) or not readable: a node the caller may not see is a missing node.
    return null;
  }
}
