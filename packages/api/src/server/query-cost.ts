import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { LocalizedText } from "@medverkan/domain";
import { resolveLocale } from "@medverkan/domain";
import {
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  GraphQLError,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  valueFromASTUntyped,
} from "graphql";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../common/pagination/connection.js";

/**
 * The cost of an operation is an estimate of the fields the server resolves: every field costs 1, and what is
 * selected under a page's `nodes` or `edges` counts once per item of the page asked for (`first`, from a literal
 * or a variable; the field's default page when absent). Plain lists (a request's occasions) count once: they are
 * bounded by the data, not by the client. So a member's 100 fee claims with 30 fields cost about 3 000, and
 * a list nested in a list multiplies — the work a query can cause is what is bounded, whatever its shape.
 * `__typename` is free. The limit is calibrated on the pages the roles need (tests/front-end/operations).
 */
export const MAX_QUERY_COST = 25_000;

export const QUERY_TOO_COMPLEX_MESSAGE = (cost: number, limit: number): LocalizedText => ({
  sv: `Frågan är för omfattande (kostnad ${cost}, högst ${limit}). Hämta färre fält eller mindre sidor (first), eller dela upp den i flera frågor.`,
  en: `The query is too complex (cost ${cost}, at most ${limit}). Ask for fewer fields or smaller pages (first), or split it into several queries.`,
});

export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variables: Readonly<Record<string, unknown>> = {},
): number {
  const root =
    operation.operation === "query"
      ? schema.getQueryType()
      : operation.operation === "mutation"
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) return 0;
  // A variable left out takes the default the operation declares (`$first: Int = 100`), as execution will.
  const values: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (variables[name] !== undefined) values[name] = variables[name];
    else if (definition.defaultValue) values[name] = valueFromASTUntyped(definition.defaultValue);
  }
  const fragmentCosts = new Map<string, number>();
  const visiting = new Set<string>();

  const pageSize = (args: readonly { name: { value: string }; value: ValueNode }[] | undefined): number | null => {
    const first = args?.find((arg) => arg.name.value === "first");
    if (!first) return null;
    const value = valueFromASTUntyped(first.value, values);
    // An out-of-range page is refused by the resolver anyway; cost it as the largest page.
    return typeof value === "number" && Number.isInteger(value) && value >= 1
      ? Math.min(value, MAX_PAGE_SIZE)
      : value == null
        ? null
        : MAX_PAGE_SIZE;
  };

  const selectionCost = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, page: number): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith("__")) continue;
        const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
        if (!field) continue;
        const named = getNamedType(field.type);
        if (!selection.selectionSet || !isCompositeType(named)) {
          total += 1;
          continue;
        }
        // A page's items: counted once per item the field above them asked for (1 unless it takes `first`).
        const multiplier = name === "nodes" || name === "edges" ? page : 1;
        const pageArgument = field.args.find((arg) => arg.name === "first");
        const childPage = pageArgument
          ? (pageSize(selection.arguments) ??
            (typeof pageArgument.defaultValue === "number" ? pageArgument.defaultValue : DEFAULT_PAGE_SIZE))
          : 1;
        total += 1 + multiplier * selectionCost(selection.selectionSet, named, childPage);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        total += selectionCost(selection.selectionSet, isCompositeType(condition) ? condition : parent, page);
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        if (!fragment || visiting.has(name)) continue;
        const key = `${name}:${page}`;
        let cost = fragmentCosts.get(key);
        if (cost === undefined) {
          visiting.add(name);
          const condition = schema.getType(fragment.typeCondition.name.value);
          cost = selectionCost(fragment.selectionSet, isCompositeType(condition) ? condition : parent, page);
          visiting.delete(name);
          fragmentCosts.set(key, cost);
        }
        total += cost;
      }
    }
    return total;
  };
  return selectionCost(operation.selectionSet, root, 1);
}

/**
 * Refuses an operation over `maxCost` before it runs, with its own code (QUERY_TOO_COMPLEX) and a Swedish and English
 * message, and tells every client what its operation cost: `extensions.cost = { requested, limit }`.
 */
export function queryCostPlugin<Context extends BaseContext>(maxCost: number = MAX_QUERY_COST): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let requested: number | null = null;
      return {
        async didResolveOperation({ operation, document, schema, request }) {
          if (!operation) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          }
          requested = operationCost(schema, operation, fragments, request.variables ?? {});
          if (requested > maxCost) {
            const locale = resolveLocale(request.http?.headers.get("accept-language") ?? undefined);
            const message = QUERY_TOO_COMPLEX_MESSAGE(requested, maxCost);
            throw new GraphQLError(message[locale], {
              extensions: { code: "QUERY_TOO_COMPLEX", messages: message, cost: { requested, limit: maxCost }, http: { status: 400 } },
            });
          }
        },
        async willSendResponse({ response }) {
          if (requested === null || response.body.kind !== "single") return;
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            cost: { requested, limit: maxCost },
          };
        },
      };
    },
  };
}
