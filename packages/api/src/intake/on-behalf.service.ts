import { coordinatedNetworks } from "../auth/actor.js";
import { badUserInput } from "../common/errors/api-error.js";
import { withIdempotency } from "../common/idempotency/idempotency.js";
import type { RequestContext } from "../context/request-context.js";
import type { Tx } from "../context/tenant-scope.js";
import { findMember } from "../member/member.repository.js";
import { registerPerson } from "../registration/registration.service.js";
import { findTenantById } from "../tenant/tenant.repository.js";
import type { RegisterMemberOnBehalfInput } from "./intake.input.js";
import { toMember } from "./intake.mapper.js";
import type { RegisterMemberOnBehalfPayload } from "./intake.payload.js";
import { requireCoordinator } from "./intake.service.js";

const ON_BEHALF_CHANNELS = ["POSTAL", "PHONE"] as const;

/**
 * A paper or phone registration entered by a coordinator: the public registration's own code path, with the consent
 * given by staff on the person's behalf, into the coordinator's own networks only. Unlike the public mutation the
 * coordinator learns that the person was already known — they may see them.
 */
export async function registerMemberOnBehalf(
  ctx: RequestContext,
  input: RegisterMemberOnBehalfInput,
): Promise<RegisterMemberOnBehalfPayload> {
  const actor = requireCoordinator(ctx);
  const channel = ON_BEHALF_CHANNELS.find((allowed) => allowed === input.channel);
  if (!channel) {
    throw badUserInput(
      [
        {
          field: "input.channel",
          code: "INVALID_FORMAT",
          message: { sv: "Kanalen ska vara POSTAL eller PHONE.", en: "The channel must be POSTAL or PHONE." },
        },
      ],
      ctx.locale,
    );
  }
  const tenant = await findTenantById(ctx.system, actor.tenantId);
  if (!tenant) throw badUserInput([], ctx.locale);
  const now = new Date();
  const networks = coordinatedNetworks(actor);
  const register = async (tx: Tx): Promise<RegisterMemberOnBehalfPayload> => {
    const result = await registerPerson(ctx, tx, tenant, input, {
      channel,
      givenBy: "STAFF_ON_BEHALF",
      recordedById: actor.staffUserId,
      networks,
      now,
    });
    if (!result.ok) return { member: null, alreadyRegistered: false, outcome: null, probableDuplicates: 0, errors: [result.error] };
    const row = await findMember(tx, actor.tenantId, result.memberId, networks);
    if (row && result.reusedExistingMember) {
      // Showing the coordinator the person already on file is a read of their personal data.
      await ctx.audit.record(tx, actor.tenantId, {
        action: "READ",
        subjectType: "Member",
        subjectId: row.id,
        memberId: row.id,
        purpose: "postal registration of a known person",
      });
    }
    return {
      member: row ? toMember(row) : null,
      alreadyRegistered: result.reusedExistingMember,
      outcome: result.outcome,
      probableDuplicates: result.probableDuplicates,
      errors: [],
    };
  };
  return ctx.scope(actor.tenantId).transaction((tx) =>
    // A retried entry with the same Idempotency-Key gets the first answer and writes nothing (issue 8).
    withIdempotency(ctx, tx, actor.tenantId, "registerMemberOnBehalf", input, () => register(tx), {
      store: (payload) =>
        payload.member
          ? {
              memberId: payload.member.id,
              alreadyRegistered: payload.alreadyRegistered,
              outcome: payload.outcome,
              probableDuplicates: payload.probableDuplicates,
            }
          : null,
      replay: async (stored) => {
        const answer = stored as {
          memberId: string;
          alreadyRegistered: boolean;
          outcome: RegisterMemberOnBehalfPayload["outcome"];
          probableDuplicates: number;
        };
        const row = await findMember(tx, actor.tenantId, answer.memberId, networks);
        return { ...answer, member: row ? toMember(row) : null, errors: [] };
      },
    }),
  );
}
