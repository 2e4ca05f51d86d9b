import { createHash } from "node:crypto";
import type { ApolloServerPlugin } from "@apollo/server";
import type { PrismaClient } from "@medverkan/database";
import type { Locale } from "@medverkan/domain";
import { type DocumentNode, type FragmentDefinitionNode, Kind, type OperationDefinitionNode, type SelectionSetNode } from "graphql";
import type { Logger } from "pino";
import type { Actor } from "../auth/actor.js";
import { ApiErrorCode, apiError } from "../common/errors/api-error.js";
import type { RequestContext } from "../context/request-context.js";
import { consumeRateLimitPoints } from "./rate-limit.repository.js";

/** At most `points` uses of an operation per actor (per client address when anonymous) in each window. */
export interface RateLimitPolicy {
  points: number;
  windowSeconds: number;
}

/**
 * Sensitive and public operations (SECURITY.md: registration, login-like flows, invitations), by root field. Each
 * occurrence in a document counts, aliases included. The numbers allow any real use (a coordinator entering a pile of
 * paper registrations, a member answering invitations) and stop scripted abuse.
 */
export const DEFAULT_RATE_LIMITS: Readonly<Record<string, RateLimitPolicy>> = {
  registerMember: { points: 60, windowSeconds: 600 },
  registerMemberOnBehalf: { points: 200, windowSeconds: 600 },
  createTenant: { points: 20, windowSeconds: 3600 },
  submitRequest: { points: 60, windowSeconds: 600 },
  inviteMembers: { points: 60, windowSeconds: 600 },
  respondToInvitation: { points: 30, windowSeconds: 600 },
  exportMyData: { points: 20, windowSeconds: 3600 },
  exportMemberData: { points: 60, windowSeconds: 3600 },
  restrictProcessing: { points: 20, windowSeconds: 3600 },
  liftRestriction: { points: 20, windowSeconds: 3600 },
  eraseMember: { points: 20, windowSeconds: 3600 },
  updateMyProfile: { points: 60, windowSeconds: 600 },
  // Claim codes: guessing is hopeless at ~50 bits per code, and this keeps it so.
  claimAccount: { points: 10, windowSeconds: 900 },
  issueClaimCode: { points: 60, windowSeconds: 600 },
};

// The client's address belongs to the HTTP request. Apollo hands each operation a shallow copy of the immutable request
// context, so the address is attached from outside, to the per-request `scope` function every copy shares.
const clientAddresses = new WeakMap<object, string>();

export function attachClientAddress(requestContext: Pick<RequestContext, "scope">, address: string | undefined): void {
  clientAddresses.set(requestContext.scope, address ?? "unknown");
}

/** Who a limit counts for: a tenant's user by subject, an anonymous caller by address. */
function actorKey(actor: Actor, requestContext: Pick<RequestContext, "scope">): string {
  switch (actor.kind) {
    case "ANONYMOUS":
      return `address:${clientAddresses.get(requestContext.scope) ?? "unknown"}`;
    case "PLATFORM_OPERATOR":
      return `platform:${actor.subject}`;
    default:
      return `tenant:${actor.tenantId}:${actor.subject}`;
  }
}

export function rateLimited(retryAfterSeconds: number, locale: Locale = "en") {
  const error = apiError(
    ApiErrorCode.RATE_LIMITED,
    {
      sv: `För många försök. Försök igen om ${retryAfterSeconds} sekunder.`,
      en: `Too many attempts. Try again in ${retryAfterSeconds} seconds.`,
    },
    locale,
    { retryAfterSeconds, retryable: true },
  );
  // Apollo sends `extensions.http` as the response's status and headers (and strips it from the body).
  (error.extensions as Record<string, unknown>).http = { status: 429, headers: new Map([["retry-after", String(retryAfterSeconds)]]) };
  return error;
}

/** Root fields of the executed operation, with fragments at the root followed so none can hide a mutation. */
export function rootFieldCounts(document: DocumentNode, operation: OperationDefinitionNode): Map<string, number> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const counts = new Map<string, number>();
  const visit = (selectionSet: SelectionSetNode, seen: Set<string>) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) counts.set(selection.name.value, (counts.get(selection.name.value) ?? 0) + 1);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet, seen);
      else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value)) visit(fragment.selectionSet, new Set([...seen, fragment.name.value]));
      }
    }
  };
  visit(operation.selectionSet, new Set());
  return counts;
}

/**
 * Per-actor rate limits on the operations above, counted in the database every API instance shares (fixed windows on
 * RateLimitCounter, one atomic upsert each), before anything executes. A refused request gets RATE_LIMITED with
 * `retryAfterSeconds` and HTTP 429 with a Retry-After header.
 */
export function rateLimitPlugin(
  system: PrismaClient,
  log: Logger,
  overrides: Readonly<Record<string, RateLimitPolicy>> = {},
): ApolloServerPlugin<RequestContext> {
  const policies: Record<string, RateLimitPolicy> = { ...DEFAULT_RATE_LIMITS, ...overrides };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, contextValue }) {
          if (!operation) return;
          const counts = rootFieldCounts(document, operation);
          for (const [field, count] of counts) {
            const policy = policies[field];
            if (!policy) continue;
            const key = createHash("sha256")
              .update(`${field}\n${actorKey(contextValue.actor, contextValue)}`)
              .digest("hex");
            const windowMs = policy.windowSeconds * 1000;
            const used = await consumeRateLimitPoints(system, key, count, windowMs);
            if (used.points > policy.points) {
              const retryAfterSeconds = Math.max(1, Math.ceil((used.expiresAt.getTime() - Date.now()) / 1000));
              log.warn({ field, actor: contextValue.actor.kind, retryAfterSeconds }, "rate limited");
              throw rateLimited(retryAfterSeconds, contextValue.locale);
            }
          }
        },
      };
    },
  };
}
