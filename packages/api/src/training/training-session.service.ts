import {
  checkCapacityCoversEnrolled,
  type FieldError,
  fieldError,
  promotionsFromWaitlist,
  TRAINING_SESSION_LABELS,
  validateTrainingSession,
} from "@medverkan/domain";
import { hasRole } from "../auth/actor.js";
import { reloadAfterVersionedUpdate } from "../common/concurrency.js";
import { badUserInput, conflict, forbidden } from "../common/errors/api-error.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import type { PageArgs } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor, type StaffActor } from "../context/require-tenant.js";
import type { Tx } from "../context/tenant-scope.js";
import type { Network } from "../network/network.type.js";
import { enqueueIntroductionBooked } from "../notification/enqueue.js";
import { networksWhere, Permission } from "../permissions/permission.js";
import { toSessionPage, toSessionPageRequest } from "./session-page.js";
import type { CancelTrainingSessionInput, CreateTrainingSessionInput, UpdateTrainingSessionInput } from "./training.input.js";
import { toSessionSummary, toTrainingSession } from "./training.mapper.js";
import type { CancelTrainingSessionPayload, CreateTrainingSessionPayload, UpdateTrainingSessionPayload } from "./training.payload.js";
import { trainingErrors } from "./training.payload.js";
import {
  countEnrolled,
  findActiveEnrolments,
  findOpenNetwork,
  findSession,
  findWaitlisted,
  insertSession,
  listSessions,
  lockSession,
  type NetworkVisibility,
  type SessionData,
  type SessionRow,
  setEnrolmentStatus,
  updateSession,
} from "./training.repository.js";
import type { TrainingSession } from "./training.type.js";

export const SESSION = { sv: "Utbildningstillfället", en: "The training session" };
const NETWORK = { sv: "Nätverket", en: "The network" };

/**
 * Whose sessions staff may plan: a tenant admin every network's, a coordinator their own networks'. Sessions carry no
 * personal data; the enrolments under them are for coordinators only (see the enrolment service).
 */
export function planningNetworks(ctx: RequestContext): NetworkVisibility {
  return networksWhere(ctx.actor, Permission.PlanTrainingSessions);
}

export const canSee = (networks: NetworkVisibility, networkId: string) => networks === "ALL" || networks.includes(networkId);

function requirePlanner(ctx: RequestContext): StaffActor {
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "STAFF" || !(hasRole(actor, "COORDINATOR") || hasRole(actor, "TENANT_ADMIN"))) throw forbidden(ctx.locale);
  return actor;
}

export async function listTrainingSessions(
  ctx: RequestContext,
  filter: { networkId: string | null; upcomingOnly: boolean },
  args: PageArgs,
) {
  const actor = requirePlanner(ctx);
  const page = toSessionPageRequest(args, ctx.locale);
  const networks = planningNetworks(ctx);
  if ((networks !== "ALL" && networks.length === 0) || (filter.networkId && !isId(filter.networkId))) return toSessionPage([], page, 0);
  const { rows, total } = await ctx
    .scope(actor.tenantId)
    .transaction((tx) =>
      listSessions(
        tx,
        actor.tenantId,
        networks,
        { networkId: filter.networkId, upcomingAfter: filter.upcomingOnly ? new Date() : null },
        page,
      ),
    );
  return toSessionPage(rows.map(toTrainingSession), page, total);
}

/** A session of a network you plan for; any other network's or tenant's session reads as none. */
export async function getTrainingSession(ctx: RequestContext, id: string): Promise<TrainingSession | null> {
  const actor = requirePlanner(ctx);
  if (!isId(id)) return null;
  const row = await ctx.scope(actor.tenantId).transaction((tx) => findSession(tx, actor.tenantId, id, planningNetworks(ctx)));
  return row ? toTrainingSession(row) : null;
}

/** Public: what a registration page shows — upcoming, not cancelled, date order. */
export async function listUpcomingSessions(ctx: RequestContext, network: Network, args: PageArgs) {
  const page = toSessionPageRequest(args, ctx.locale);
  if (network.retiredAt) return toSessionPage([], page, 0);
  const { rows, total } = await ctx
    .scope(network.tenantId)
    .transaction((tx) => listSessions(tx, network.tenantId, [network.id], { upcomingAfter: new Date() }, page));
  return toSessionPage(rows.map(toSessionSummary), page, total);
}

const toSessionData = (fields: SessionData): SessionData => ({ ...fields });

export async function createTrainingSession(ctx: RequestContext, input: CreateTrainingSessionInput): Promise<CreateTrainingSessionPayload> {
  const actor = requirePlanner(ctx);
  const tenantId = actor.tenantId;
  const networks = planningNetworks(ctx);
  if (!isId(input.networkId) || !canSee(networks, input.networkId)) return { session: null, errors: [notFound(NETWORK, ctx.locale)] };
  return ctx.scope(tenantId).transaction(async (tx): Promise<CreateTrainingSessionPayload> => {
    const network = await findOpenNetwork(tx, tenantId, input.networkId);
    if (!network) return { session: null, errors: [notFound(NETWORK, ctx.locale)] };

    const validation = validateTrainingSession(input);
    const errors: FieldError[] = validation.ok ? [] : [...validation.errors];
    if (network.retiredAt) {
      errors.unshift(
        fieldError("input.networkId", "NOT_ALLOWED", TRAINING_SESSION_LABELS.networkId, {
          hint: { sv: "Nätverket är avslutat.", en: "The network has been retired." },
        }),
      );
    }
    if (!validation.ok || errors.length > 0) throw badUserInput(errors, ctx.locale);

    const session = await insertSession(tx, tenantId, network.id, toSessionData(validation.value));
    await ctx.audit.recordChange(tx, tenantId, { subjectType: "TrainingSession", subjectId: session.id, before: null, after: session });
    return { session: toTrainingSession(session), errors: [] };
  });
}

/**
 * Changes a session, checked as a whole after the change. Runs under the session's row lock, so the capacity check
 * and the waiting-list moves see the same enrolments as concurrent enrolments do.
 */
export async function updateTrainingSession(ctx: RequestContext, input: UpdateTrainingSessionInput): Promise<UpdateTrainingSessionPayload> {
  const actor = requirePlanner(ctx);
  const tenantId = actor.tenantId;
  if (!isId(input.id)) return { session: null, errors: [notFound(SESSION, ctx.locale)] };
  return ctx.scope(tenantId).transaction(async (tx): Promise<UpdateTrainingSessionPayload> => {
    const found = await findSession(tx, tenantId, input.id, planningNetworks(ctx));
    if (!found) return { session: null, errors: [notFound(SESSION, ctx.locale)] };
    await lockSession(tx, tenantId, found.id);
    const before = (await findSession(tx, tenantId, found.id, "ALL")) as SessionRow;
    // Two editors from the same read: the second is told, instead of silently overwriting the first.
    if (before.version !== input.expectedVersion) throw conflict(ctx.locale);
    if (before.cancelledAt) return { session: null, errors: [trainingErrors.sessionCancelled(ctx.locale)] };

    const merged = { ...before };
    for (const key of ["title", "startsAt", "endsAt", "format", "place", "digitalLink", "capacity"] as const) {
      if (input[key] !== undefined) Object.assign(merged, { [key]: input[key] });
    }
    const validation = validateTrainingSession(merged);
    const errors: FieldError[] = validation.ok ? [] : [...validation.errors];
    const enrolled = await countEnrolled(tx, tenantId, before.id);
    if (validation.ok) checkCapacityCoversEnrolled(errors, "input.capacity", validation.value.capacity, enrolled);
    if (!validation.ok || errors.length > 0) throw badUserInput(errors, ctx.locale);

    const updated = await updateSession(tx, tenantId, before.id, toSessionData(validation.value), input.expectedVersion);
    const after = await reloadAfterVersionedUpdate(updated, () => findSession(tx, tenantId, before.id, "ALL"), ctx.locale);
    if (!after) return { session: null, errors: [notFound(SESSION, ctx.locale)] };
    const promoted = await promoteFromWaitlist(tx, tenantId, after, enrolled);
    await ctx.audit.recordChange(tx, tenantId, { subjectType: "TrainingSession", subjectId: after.id, before, after });
    await auditPromotions(ctx, tx, tenantId, promoted, "capacity raised");
    return { session: toTrainingSession(after), errors: [] };
  });
}

/** Cancels the session and, with it, every enrolment still holding a place or waiting; the rows stay as history. */
export async function cancelTrainingSession(ctx: RequestContext, input: CancelTrainingSessionInput): Promise<CancelTrainingSessionPayload> {
  const actor = requirePlanner(ctx);
  const tenantId = actor.tenantId;
  if (!isId(input.id)) return { session: null, errors: [notFound(SESSION, ctx.locale)] };
  return ctx.scope(tenantId).transaction(async (tx): Promise<CancelTrainingSessionPayload> => {
    const found = await findSession(tx, tenantId, input.id, planningNetworks(ctx));
    if (!found) return { session: null, errors: [notFound(SESSION, ctx.locale)] };
    await lockSession(tx, tenantId, found.id);
    const before = (await findSession(tx, tenantId, found.id, "ALL")) as SessionRow;
    // Cancelling twice changes nothing: the first cancellation and its time stand.
    if (before.cancelledAt) return { session: toTrainingSession(before), errors: [] };

    const enrolments = await findActiveEnrolments(tx, tenantId, before.id);
    await setEnrolmentStatus(
      tx,
      tenantId,
      enrolments.map((enrolment) => enrolment.id),
      "CANCELLED",
    );
    await updateSession(tx, tenantId, before.id, { cancelledAt: new Date() });
    const after = (await findSession(tx, tenantId, before.id, "ALL")) as SessionRow;
    await ctx.audit.recordChange(tx, tenantId, {
      subjectType: "TrainingSession",
      subjectId: after.id,
      before,
      after,
      purpose: input.reason ? `cancel: ${input.reason}` : "cancel",
    });
    await ctx.audit.record(
      tx,
      tenantId,
      enrolments.map((enrolment) => ({
        action: "WRITE" as const,
        subjectType: "TrainingEnrolment",
        subjectId: enrolment.id,
        memberId: enrolment.memberId,
        purpose: "session cancelled",
        details: { before: enrolment.status, after: "CANCELLED" },
      })),
    );
    return { session: toTrainingSession(after), errors: [] };
  });
}

/**
 * Fills free places from the waiting list, in order. The caller holds the session lock and passes the number of
 * places taken as it saw them under that lock.
 */
export async function promoteFromWaitlist(
  tx: Tx,
  tenantId: string,
  session: Pick<SessionRow, "id" | "capacity" | "cancelledAt">,
  enrolled: number,
): Promise<Array<{ id: string; memberId: string }>> {
  if (session.cancelledAt) return [];
  const waitlisted = await findWaitlisted(tx, tenantId, [session.id]);
  const promoted = promotionsFromWaitlist(session.capacity, enrolled, waitlisted);
  await setEnrolmentStatus(
    tx,
    tenantId,
    promoted.map((enrolment) => enrolment.id),
    "ENROLLED",
  );
  for (const { id } of promoted) await enqueueIntroductionBooked(tx, { tenantId, enrolmentId: id });
  return promoted;
}

export function auditPromotions(
  ctx: RequestContext,
  tx: Tx,
  tenantId: string,
  promoted: ReadonlyArray<{ id: string; memberId: string }>,
  reason: string,
): Promise<void> {
  return ctx.audit.record(
    tx,
    tenantId,
    promoted.map((enrolment) => ({
      action: "WRITE" as const,
      subjectType: "TrainingEnrolment",
      subjectId: enrolment.id,
      memberId: enrolment.memberId,
      purpose: `moved up from the waiting list: ${reason}`,
      details: { before: "WAITLISTED", after: "ENROLLED" },
    })),
  );
}
