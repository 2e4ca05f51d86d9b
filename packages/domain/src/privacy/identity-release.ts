// When a requesting unit may know who a participant is (SPEC §4.5; Kalmar's routine, seeds/003 step 2c–d). The one
// rule behind every path that could show a unit a participant's name or contact details — `Request.participants`, the
// contact e-mail, a fee claim's participant name — so that withdrawing the consent or restricting processing hides the
// person everywhere at once, not only where someone remembered to check.

/** What decides it, as stored for one invitation of the request. */
export interface IdentityReleaseFacts {
  /** The request the unit asks about. */
  readonly requestId: string;
  /** The invitation's status: only an accepted invitation can release anything. */
  readonly invitationStatus: string;
  /** Whether the acceptance holds a place (an assignment); a waiting-list acceptance releases nothing yet. */
  readonly holdsPlace: boolean;
  /** The consent recorded with the acceptance, if any. */
  readonly consent: { readonly kind: string; readonly requestId: string | null; readonly withdrawnAt: Date | null } | null;
  readonly member: { readonly erasedAt: Date | null; readonly restrictedAt: Date | null };
}

/**
 * True only while all of these stand: the member accepted and holds a place, consented to sharing their contact
 * details with the unit for this very request (not another), has not withdrawn that consent, has not restricted
 * processing (art. 18) and is not erased (art. 17).
 */
export function unitMaySeeParticipant(facts: IdentityReleaseFacts): boolean {
  const { consent, member } = facts;
  return (
    facts.invitationStatus === "ACCEPTED" &&
    facts.holdsPlace &&
    consent !== null &&
    consent.kind === "CONTACT_SHARING" &&
    consent.requestId === facts.requestId &&
    consent.withdrawnAt === null &&
    member.erasedAt === null &&
    member.restrictedAt === null
  );
}
