import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import { DownloadButton } from "../../components/download";
import { Field, Status } from "../../components/field";
import { graphql } from "../../generated";
import { formatDate, useI18n } from "../../i18n";
import { errorsAt, type Failure, failureOf } from "./outcome";
import type { RequestView } from "./view";

// The written agreement of a long assignment (Kalmar, seeds/003 step 3: "skrivs en överenskommelse om medverkandes
// uppdrag. Denna undertecknas av både uppdragsgivare och medverkande"). The unit or the coordinator downloads it,
// both sign it on paper, and the unit records what it covers, for which period and when each signed.

const RecordAgreementDocument = graphql(`
  mutation RecordAgreement($input: RecordAgreementInput!) {
    recordAgreement(input: $input) {
      assignment {
        id
        agreementSigned
        agreementScope
        agreementValidFrom
        agreementValidTo
        agreementSignedByMemberAt
        agreementSignedByUnitAt
      }
      errors { __typename ... on ErrorResult { code message } }
    }
  }
`);

type Assignment = RequestView["assignments"][number];

const STOCKHOLM_DATE = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Europe/Stockholm",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
/** The calendar date (YYYY-MM-DD) in Stockholm of an instant. */
const stockholmDate = (iso: string | Date): string => STOCKHOLM_DATE.format(new Date(iso));

/**
 * The instant recorded for a signature on a date: now when it is today (a signature is never in the future), else
 * noon that day. Empty: null, which the API refuses at the field (both must have signed).
 */
function signatureInstant(date: string): string | null {
  if (!date) return null;
  if (date === stockholmDate(new Date())) return new Date(Date.now() - 60_000).toISOString();
  return new Date(`${date}T12:00:00`).toISOString();
}

export function Agreements({ request, canRecord, onChange }: { request: RequestView; canRecord: boolean; onChange(): void }) {
  const { t } = useI18n();
  const nameOf = new Map(request.participants.map((p) => [p.assignmentId, `${p.givenName} ${p.familyName}`]));
  const due = request.assignments.filter(
    (assignment) => assignment.agreementRequired && assignment.status !== "CANCELLED" && nameOf.has(assignment.id),
  );
  if (!due.length) return null;
  return (
    <section aria-labelledby="agreements-heading">
      <h2 id="agreements-heading">{t("reqAgreementsTitle")}</h2>
      <p>{t("reqAgreementsIntro")}</p>
      {due.map((assignment) => (
        <AgreementOf
          key={assignment.id}
          request={request}
          assignment={assignment}
          name={nameOf.get(assignment.id) ?? ""}
          canRecord={canRecord}
          onChange={onChange}
        />
      ))}
    </section>
  );
}

function AgreementOf({
  request,
  assignment,
  name,
  canRecord,
  onChange,
}: {
  request: RequestView;
  assignment: Assignment;
  name: string;
  canRecord: boolean;
  onChange(): void;
}) {
  const { t, language } = useI18n();
  const [recording, record] = useMutation(RecordAgreementDocument);
  const occasions = request.occasions.filter((occasion) => !occasion.cancelledAt);
  const [form, setForm] = useState(() => ({
    scope: "",
    validFrom: occasions[0] ? stockholmDate(occasions[0].startsAt) : "",
    validTo: occasions.at(-1) ? stockholmDate(occasions.at(-1)?.endsAt as string) : "",
    signedByMemberAt: "",
    signedByUnitAt: "",
  }));
  const [failure, setFailure] = useState<Failure | null>(null);
  const [recorded, setRecorded] = useState(false);
  const prefix = `agreement-${assignment.id}`;
  const headingId = `${prefix}-heading`;
  const today = stockholmDate(new Date());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await record({
      input: {
        assignmentId: assignment.id,
        scope: form.scope,
        validFrom: form.validFrom,
        validTo: form.validTo,
        signedByMemberAt: signatureInstant(form.signedByMemberAt),
        signedByUnitAt: signatureInstant(form.signedByUnitAt),
      },
    });
    const found = failureOf(result.error, result.data?.recordAgreement.errors, t("errorGeneric"));
    setFailure(found);
    if (!found) {
      setRecorded(true);
      onChange();
    }
  };
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((old) => ({ ...old, [key]: event.target.value }));

  return (
    <article className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t("reqAgreementFor", { name })}</h3>
      {recorded ? <Status kind="success">{t("reqAgreementRecorded", { name })}</Status> : null}
      {assignment.agreementSigned ? (
        <>
          <p data-testid={`${prefix}-signed`}>
            {t("reqAgreementSigned", { from: assignment.agreementValidFrom ?? "–", to: assignment.agreementValidTo ?? "–" })}
          </p>
          {assignment.agreementSignedByMemberAt && assignment.agreementSignedByUnitAt ? (
            <p>
              {t("reqAgreementSignatures", {
                member: formatDate(assignment.agreementSignedByMemberAt, language),
                unit: formatDate(assignment.agreementSignedByUnitAt, language),
              })}
            </p>
          ) : null}
          {assignment.agreementScope ? <p>{t("reqAgreementCovers", { scope: assignment.agreementScope })}</p> : null}
        </>
      ) : (
        <p>{t("reqAgreementMissing")}</p>
      )}
      <p>
        <DownloadButton kind="ASSIGNMENT_AGREEMENT" subjectId={assignment.id} label={t("reqAgreementDownload")} name={name} />
      </p>
      {canRecord && !assignment.agreementSigned ? (
        <form onSubmit={submit} noValidate aria-label={t("reqAgreementRecordFor", { name })}>
          {failure?.message ? <Status kind="error">{failure.message}</Status> : null}
          <Field
            id={`${prefix}-scope`}
            label={t("reqAgreementScope")}
            hint={t("reqAgreementScopeHint")}
            required
            errors={errorsAt(failure, "scope")}
          >
            {(control) => <textarea {...control} rows={3} value={form.scope} onChange={set("scope")} />}
          </Field>
          <Field id={`${prefix}-validFrom`} label={t("reqAgreementValidFrom")} required errors={errorsAt(failure, "validFrom")}>
            {(control) => <input {...control} type="date" value={form.validFrom} onChange={set("validFrom")} />}
          </Field>
          <Field id={`${prefix}-validTo`} label={t("reqAgreementValidTo")} required errors={errorsAt(failure, "validTo")}>
            {(control) => <input {...control} type="date" value={form.validTo} onChange={set("validTo")} />}
          </Field>
          <Field
            id={`${prefix}-signedByMemberAt`}
            label={t("reqAgreementSignedByMember")}
            required
            errors={errorsAt(failure, "signedByMemberAt")}
          >
            {(control) => <input {...control} type="date" max={today} value={form.signedByMemberAt} onChange={set("signedByMemberAt")} />}
          </Field>
          <Field
            id={`${prefix}-signedByUnitAt`}
            label={t("reqAgreementSignedByUnit")}
            required
            errors={errorsAt(failure, "signedByUnitAt")}
          >
            {(control) => <input {...control} type="date" max={today} value={form.signedByUnitAt} onChange={set("signedByUnitAt")} />}
          </Field>
          <button type="submit" disabled={recording.fetching}>
            {t("reqAgreementRecord")}
          </button>
        </form>
      ) : null}
    </article>
  );
}
