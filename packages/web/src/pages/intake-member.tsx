import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { Field, Status, StatusReport } from "../components/field";
import { graphql } from "../generated";
import type { IntakeMemberQuery, MembershipStatus } from "../generated/graphql";
import { fieldErrorsOf } from "../graphql/errors";
import { formatDate, type MessageKey, useI18n } from "../i18n";
import { ageToday, missingFor, movesFrom, nextIntakeStatus, type Requirement, requirements } from "../intake/requirements";
import { FollowUpLog } from "./intake-member/follow-up-log";
import { IntakeAppointmentSection } from "./intake-member/intake-appointment";

// One member as their coordinator sees them in the intake: the profile, and per membership the network's intake
// rules set against what is recorded, the move to another status (refused with the API's own IntakeRuleNotMet
// messages), a guardian's written consent (and how to reach the guardian), the introduction meeting booked, moved and
// held (intake-member/intake-appointment.tsx), a place on an introduction session, and the log of the ongoing
// follow-up (intake-member/follow-up-log.tsx).

const IntakeMemberDocument = graphql(`
  query IntakeMember($id: ID!) {
    member(id: $id, purpose: "intake") {
      id
      givenName
      familyName
      birthDate
      birthYear
      municipality
      email
      phone
      perspectives
      languages
      competences
      organisationRepresented
      experiences { id label }
      guardians { id name relation phone email consents { id givenAt withdrawnAt textVersion } }
      memberships {
        id
        status
        version
        channel
        registeredAt
        contactCallAt
        introductionBookedAt
        introductionHeldAt
        trainedAt
        activatedAt
        network {
          id
          name
          intakeRuleSet {
            id
            rules {
              minimumAge
              guardianConsentBelowAge
              allowedMunicipalities
              requireContactCall
              requireIntroductionMeeting
              requireTrainingAttended
              recordOrganisationMandate
            }
          }
        }
        events { id at fromStatus toStatus note actorType }
        intakeAppointments {
          id
          status
          startsAt
          endsAt
          place
          digitalLink
          note
          version
          previousTimes { startsAt endsAt place digitalLink movedAt }
        }
      }
    }
    me { tenant { id currentConsentText(kind: GUARDIAN) { version text } } }
  }
`);

const SessionsForBookingDocument = graphql(`
  query SessionsForBooking($networkId: ID!) {
    trainingSessions(networkId: $networkId, upcomingOnly: false, first: 100) {
      nodes { id title startsAt format placesLeft cancelledAt }
    }
  }
`);

const TransitionMembershipDocument = graphql(`
  mutation TransitionMembership($input: TransitionMembershipInput!) {
    transitionMembership(input: $input) {
      membership { id status version }
      errors { __typename ... on ErrorResult { message } ... on IntakeRuleNotMet { rule missing } }
    }
  }
`);

const RecordIntroductionHeldDocument = graphql(`
  mutation RecordIntroductionHeld($input: RecordIntroductionHeldInput!) {
    recordIntroductionHeld(input: $input) {
      membership { id introductionHeldAt version }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

const RecordGuardianConsentDocument = graphql(`
  mutation RecordGuardianConsent($input: RecordGuardianConsentInput!) {
    recordGuardianConsent(input: $input) {
      consent { id givenAt }
      released { id status }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

const EnrolDocument = graphql(`
  mutation EnrolOnSession($input: CreateTrainingEnrolmentInput!) {
    createTrainingEnrolment(input: $input) {
      enrolment { id status waitlistPosition session { id title } }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

type MemberView = NonNullable<IntakeMemberQuery["member"]>;
type MembershipView = MemberView["memberships"][number];
type Message = { kind: "success" | "error"; text: string; details?: string[] } | null;

const messagesOf = (errors: ReadonlyArray<{ __typename?: string; message?: string }> | undefined) =>
  (errors ?? []).map((error) => error.message ?? error.__typename ?? "");

export function IntakeMemberPage() {
  const { t } = useI18n();
  const { id = "" } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: IntakeMemberDocument, variables: { id }, requestPolicy: "network-only" });
  const member = data?.member;
  if (fetching && !data) return <p>{t("loading")}</p>;
  if (!member) return <p role="alert">{error?.message ?? t("notFound")}</p>;
  const refresh = () => refetch({ requestPolicy: "network-only" });
  const name = `${member.givenName} ${member.familyName}`;
  const age = ageToday(member.birthDate, member.birthYear);
  const guardianText = data?.me?.tenant?.currentConsentText ?? null;
  return (
    <>
      <p>
        <Link to="/intake">← {t("intakeTitle")}</Link>
      </p>
      <h1>{name}</h1>
      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t("coordProfile")}</h2>
        <dl className="facts">
          <dt>{t("coordAge")}</dt>
          <dd>{age ?? t("coordAgeUnknown")}</dd>
          <dt>{t("municipality")}</dt>
          <dd>{member.municipality ?? "–"}</dd>
          <dt>{t("email")}</dt>
          <dd>{member.email ?? "–"}</dd>
          <dt>{t("phone")}</dt>
          <dd>{member.phone ?? "–"}</dd>
          <dt>{t("coordPerspectives")}</dt>
          <dd>{member.perspectives.map((p) => t(`perspective${p}` as MessageKey)).join(", ") || "–"}</dd>
          <dt>{t("coordExperiences")}</dt>
          <dd>{member.experiences.map((e) => e.label).join(", ") || "–"}</dd>
          <dt>{t("coordLanguages")}</dt>
          <dd>{member.languages.join(", ") || "–"}</dd>
          <dt>{t("coordCompetences")}</dt>
          <dd>{member.competences.join(", ") || "–"}</dd>
          {member.organisationRepresented ? (
            <>
              <dt>{t("coordOrganisation")}</dt>
              <dd>{member.organisationRepresented}</dd>
            </>
          ) : null}
        </dl>
      </section>
      {member.guardians.length || member.memberships.some((m) => m.status === "PENDING_GUARDIAN_CONSENT") ? (
        <GuardianConsent member={member} text={guardianText} onChange={refresh} />
      ) : null}
      {member.memberships.map((membership) => (
        <MembershipSection key={membership.id} member={member} membership={membership} name={name} age={age} onChange={refresh} />
      ))}
    </>
  );
}

function consentGiven(member: MemberView): boolean {
  return member.guardians.some((guardian) => guardian.consents.some((consent) => !consent.withdrawnAt));
}

function GuardianConsent({
  member,
  text,
  onChange,
}: {
  member: MemberView;
  text: { version: string; text: string } | null;
  onChange(): void;
}) {
  const { t, language } = useI18n();
  const [, record] = useMutation(RecordGuardianConsentDocument);
  const [guardianId, setGuardianId] = useState(member.guardians[0]?.id ?? "");
  const [onPaper, setOnPaper] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text) return;
    const result = await record({ input: { memberId: member.id, guardianId, consentTextVersion: text.version, recordedOnPaper: onPaper } });
    const payload = result.data?.recordGuardianConsent;
    const failures = result.error ? [result.error.graphQLErrors[0]?.message ?? t("errorGeneric")] : messagesOf(payload?.errors);
    if (failures.length) setMessage({ kind: "error", text: failures.join(" ") });
    else {
      setMessage({ kind: "success", text: payload?.released.length ? t("coordGuardianRecordedReleased") : t("coordGuardianRecorded") });
      setOnPaper(false);
    }
    onChange();
  };
  return (
    <section aria-labelledby="guardian-heading">
      <h2 id="guardian-heading">{t("coordGuardianHeading")}</h2>
      {message ? <Status kind={message.kind}>{message.text}</Status> : null}
      {member.guardians.length === 0 ? <p>{t("coordGuardianNone")}</p> : null}
      <ul>
        {member.guardians.map((guardian) => {
          const current = guardian.consents.find((consent) => !consent.withdrawnAt);
          return (
            <li key={guardian.id}>
              {guardian.name}
              {guardian.relation ? ` (${guardian.relation})` : ""}:{" "}
              {current ? t("coordGuardianConsentGiven", { date: formatDate(current.givenAt, language) }) : t("coordMissing")}
              {guardian.phone || guardian.email ? (
                <>
                  <br />
                  {guardian.phone ? (
                    <>
                      {t("phone")}: <a href={`tel:${guardian.phone}`}>{guardian.phone}</a>
                    </>
                  ) : null}
                  {guardian.phone && guardian.email ? ", " : null}
                  {guardian.email ? (
                    <>
                      {t("email")}: <a href={`mailto:${guardian.email}`}>{guardian.email}</a>
                    </>
                  ) : null}
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
      {member.guardians.length && !consentGiven(member) ? (
        text ? (
          <form onSubmit={submit} className="inline-form">
            <Field id="guardian-select" label={t("coordGuardian")}>
              {(control) => (
                <select {...control} value={guardianId} onChange={(e) => setGuardianId(e.target.value)}>
                  {member.guardians.map((guardian) => (
                    <option key={guardian.id} value={guardian.id}>
                      {guardian.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <details>
              <summary>{t("coordGuardianConsentText", { version: text.version })}</summary>
              <p>{text.text}</p>
            </details>
            <div className="choice">
              <input type="checkbox" id="guardian-on-paper" checked={onPaper} onChange={(e) => setOnPaper(e.target.checked)} />
              <label htmlFor="guardian-on-paper">{t("coordGuardianOnPaper")}</label>
            </div>
            <button type="submit">{t("coordRecordGuardianConsent")}</button>
          </form>
        ) : (
          <p>{t("coordNoGuardianText")}</p>
        )
      ) : null}
    </section>
  );
}

function RequirementLabel({ requirement }: { requirement: Requirement }) {
  const { t } = useI18n();
  const key: Record<Requirement["code"], MessageKey> = {
    AGE_KNOWN: "coordReqAgeKnown",
    MINIMUM_AGE: "coordReqMinimumAge",
    GUARDIAN: "coordReqGuardian",
    MUNICIPALITY: "coordReqMunicipality",
    CONTACT_CALL: "coordReqContactCall",
    INTRODUCTION: "coordReqIntroduction",
    TRAINING: "coordReqTraining",
    MANDATE: "coordReqMandate",
  };
  return <>{t(key[requirement.code], { age: requirement.value ?? "" })}</>;
}

function MembershipSection({
  member,
  membership,
  name,
  age,
  onChange,
}: {
  member: MemberView;
  membership: MembershipView;
  name: string;
  age: number | null;
  onChange(): void;
}) {
  const { t, language } = useI18n();
  const [, transition] = useMutation(TransitionMembershipDocument);
  const [, introductionHeld] = useMutation(RecordIntroductionHeldDocument);
  const moves = movesFrom(membership.status);
  const next = nextIntakeStatus(membership.status);
  const [chosen, setTo] = useState<MembershipStatus | "">(next ?? moves[0] ?? "");
  // After the status changed (a move, a consent, a session), a choice no longer offered falls back to the next step.
  const to = chosen && moves.includes(chosen) ? chosen : (next ?? moves[0] ?? "");
  const [note, setNote] = useState("");
  const [noteErrors, setNoteErrors] = useState<ReturnType<typeof fieldErrorsOf>>([]);
  const [message, setMessage] = useState<Message>(null);
  const networkName = membership.network?.name ?? "";
  const headingId = `membership-${membership.id}`;
  const statusLabel = (status: MembershipStatus) => t(`coordStatus${status}` as MessageKey);
  const rules = membership.network?.intakeRuleSet?.rules;
  const coordinated = membership.events !== null && membership.events !== undefined;

  const list = rules
    ? requirements(rules, {
        age,
        guardianConsentGiven: consentGiven(member),
        municipality: member.municipality ?? null,
        contactCallAt: membership.contactCallAt ?? null,
        introductionHeldAt: membership.introductionHeldAt ?? null,
        trainedAt: membership.trainedAt ?? null,
        organisationRepresented: member.organisationRepresented ?? null,
      })
    : [];
  const missing = next ? missingFor(next, list) : [];

  const move = async (event: FormEvent) => {
    event.preventDefault();
    if (!to) return;
    const result = await transition({
      input: { membershipId: membership.id, expectedVersion: membership.version, to, note: note.trim() || null },
    });
    const fields = fieldErrorsOf(result.error);
    setNoteErrors(fields);
    const payload = result.data?.transitionMembership;
    if (fields.length) setMessage(null);
    else if (result.error) setMessage({ kind: "error", text: result.error.graphQLErrors[0]?.message ?? t("errorGeneric") });
    else if (payload?.errors.length) setMessage({ kind: "error", text: t("coordRefused"), details: messagesOf(payload.errors) });
    else if (payload?.membership) {
      setMessage({ kind: "success", text: t("coordMoved", { status: statusLabel(payload.membership.status) }) });
      setNote("");
      setTo("");
    }
    onChange();
  };

  const recordIntroduction = async () => {
    const result = await introductionHeld({ input: { membershipId: membership.id, expectedVersion: membership.version } });
    const failures = result.error
      ? [result.error.graphQLErrors[0]?.message ?? t("errorGeneric")]
      : messagesOf(result.data?.recordIntroductionHeld.errors);
    setMessage(failures.length ? { kind: "error", text: failures.join(" ") } : { kind: "success", text: t("coordIntroductionHeldDone") });
    onChange();
  };

  return (
    <section aria-labelledby={headingId} className="card">
      <h2 id={headingId}>{t("coordMembershipHeading", { network: networkName })}</h2>
      <dl className="facts">
        <dt>{t("status")}</dt>
        <dd data-testid={`membership-status-${membership.id}`}>{statusLabel(membership.status)}</dd>
        <dt>{t("submittedAt")}</dt>
        <dd>
          {t("coordRegisteredVia", {
            date: formatDate(membership.registeredAt, language),
            channel: t(`coordChannel${membership.channel}` as MessageKey),
          })}
        </dd>
      </dl>
      {!coordinated ? <p>{t("coordNotCoordinated")}</p> : null}
      <StatusReport report={message} />
      {coordinated && rules ? (
        <>
          <h3>{t("coordRequirements")}</h3>
          <p className="muted">{t("coordRequirementsIntro")}</p>
          {list.length ? (
            <ul className="checklist">
              {list.map((requirement) => (
                <li key={requirement.code}>
                  <span aria-hidden="true">{requirement.met ? "✓" : "✗"}</span> <RequirementLabel requirement={requirement} />:{" "}
                  <strong>{requirement.met ? t("coordDone") : t("coordMissing")}</strong>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("none")}</p>
          )}
          {next ? (
            <>
              <h3>{t("coordNextStep", { status: statusLabel(next) })}</h3>
              {missing.length ? (
                <>
                  <p>{t("coordNextStepMissing")}:</p>
                  <ul data-testid={`missing-${membership.id}`}>
                    {missing.map((requirement) => (
                      <li key={requirement.code}>
                        <RequirementLabel requirement={requirement} />
                      </li>
                    ))}
                  </ul>
                </>
              ) : (
                <p>{t("coordNextStepReady")}</p>
              )}
            </>
          ) : (
            <p>{t("coordNoNextStep")}</p>
          )}
        </>
      ) : null}
      {coordinated && moves.length ? (
        <form onSubmit={move}>
          <Field id={`move-to-${membership.id}`} label={t("coordMoveTo")}>
            {(control) => (
              <select {...control} value={to} onChange={(e) => setTo(e.target.value as MembershipStatus)}>
                {moves.map((status) => (
                  <option key={status} value={status}>
                    {statusLabel(status)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={`move-note-${membership.id}`} label={t("coordMoveNote")} errors={noteErrors}>
            {(control) => <textarea {...control} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
          </Field>
          <button type="submit">{t("coordMove")}</button>
        </form>
      ) : null}
      {coordinated && rules?.requireIntroductionMeeting && !membership.introductionHeldAt && moves.length ? (
        <p>
          <button type="button" className="secondary" onClick={recordIntroduction}>
            {t("coordIntroductionHeld")}
          </button>
        </p>
      ) : null}
      {coordinated && membership.intakeAppointments ? (
        <IntakeAppointmentSection membership={membership} memberName={name} onChange={onChange} />
      ) : null}
      {coordinated && membership.network && ["REGISTERED", "CONTACTED", "INTRODUCTION_BOOKED", "TRAINED"].includes(membership.status) ? (
        <BookSession memberId={member.id} networkId={membership.network.id} membershipId={membership.id} onChange={onChange} />
      ) : null}
      {coordinated && membership.status !== "ERASED" ? <FollowUpLog membershipId={membership.id} /> : null}
      {membership.events?.length ? (
        <details>
          <summary>{t("coordHistory")}</summary>
          <ol>
            {membership.events.map((event) => (
              <li key={event.id}>
                {formatDate(event.at, language, true)}:{" "}
                {event.fromStatus ? `${statusLabel(event.fromStatus)} → ` : `${t("coordHistoryRegistered")}: `}
                {statusLabel(event.toStatus)}
                {event.note ? ` – ${event.note}` : ""}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}

function BookSession({
  memberId,
  networkId,
  membershipId,
  onChange,
}: {
  memberId: string;
  networkId: string;
  membershipId: string;
  onChange(): void;
}) {
  const { t, language } = useI18n();
  const [{ data }] = useQuery({ query: SessionsForBookingDocument, variables: { networkId }, requestPolicy: "network-only" });
  const [, enrol] = useMutation(EnrolDocument);
  const [sessionId, setSessionId] = useState("");
  const [message, setMessage] = useState<Message>(null);
  const sessions = (data?.trainingSessions?.nodes ?? [])
    .filter((session) => !session.cancelledAt)
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!sessionId) return;
    const result = await enrol({ input: { sessionId, memberId } });
    const payload = result.data?.createTrainingEnrolment;
    const failures = result.error ? [result.error.graphQLErrors[0]?.message ?? t("errorGeneric")] : messagesOf(payload?.errors);
    if (failures.length) setMessage({ kind: "error", text: failures.join(" ") });
    else if (payload?.enrolment?.status === "WAITLISTED")
      setMessage({ kind: "success", text: t("coordBookedWaitlist", { position: payload.enrolment.waitlistPosition ?? "" }) });
    else setMessage({ kind: "success", text: t("coordBooked", { title: payload?.enrolment?.session?.title ?? "" }) });
    onChange();
  };
  const selectId = `book-session-${membershipId}`;
  return (
    <>
      <h3>{t("coordBookHeading")}</h3>
      {message ? <Status kind={message.kind}>{message.text}</Status> : null}
      {data && sessions.length === 0 ? (
        <p>
          {t("coordNoSessions")} <Link to="/intake/sessions">{t("coordSessions")}</Link>
        </p>
      ) : (
        <form onSubmit={submit} className="inline-form">
          <Field id={selectId} label={t("coordSession")}>
            {(control) => (
              <select {...control} value={sessionId} onChange={(e) => setSessionId(e.target.value)}>
                <option value="">{t("coordChooseSession")}</option>
                {sessions.map((session) => (
                  <option key={session.id} value={session.id}>
                    {formatDate(session.startsAt, language, true)} · {session.title} ({t("coordPlacesLeft")}: {session.placesLeft})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" disabled={!sessionId}>
            {t("coordBook")}
          </button>
        </form>
      )}
    </>
  );
}
