import { type FormEvent, type ReactNode, useMemo, useState } from "react";
import { useMutation, useQuery } from "urql";
import { hasRole, useViewer } from "../app";
import { DownloadButton } from "../components/download";
import { Field, Status } from "../components/field";
import { ScrollableTable } from "../components/scrollable-table";
import { graphql } from "../generated";
import type { MyFeeClaimsQuery } from "../generated/graphql";
import { type FieldError, fieldErrorsOf } from "../graphql/errors";
import { formatMoney, type MessageKey, useI18n } from "../i18n";

// Members sign their own fee claims; coordinators (or units, where the region says so) attest them.

const MyFeeClaimsDocument = graphql(`
  query MyFeeClaims {
    myFeeClaims(first: 50) {
      nodes {
        id
        status
        version
        occasionDate
        requestTitle
        rejectionReason
        mileageKm
        gross { amountOre currency }
        net { amountOre currency }
        mileage { amountOre currency }
        expensesTotal { amountOre currency }
        expenses { description amount { amountOre currency } }
      }
    }
  }
`);

const FeeClaimsDocument = graphql(`
  query FeeClaims {
    feeClaims(first: 100, filter: { statuses: [SUBMITTED, ATTESTED, DRAFT] }) {
      nodes { id status version occasionDate requestTitle participantName gross { amountOre currency } }
    }
  }
`);

const SubmitFeeClaimDocument = graphql(`
  mutation SubmitFeeClaim($input: FeeClaimActionInput!) {
    submitFeeClaim(input: $input) {
      claim { id status version }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

const UpdateFeeClaimDocument = graphql(`
  mutation UpdateFeeClaim($input: UpdateFeeClaimInput!) {
    updateFeeClaim(input: $input) {
      claim { id status version mileageKm net { amountOre currency } }
      errors { __typename ... on ErrorResult { message } ... on FeeClaimNotComputable { field } }
    }
  }
`);

const AttestFeeClaimDocument = graphql(`
  mutation AttestFeeClaim($input: FeeClaimActionInput!) {
    attestFeeClaim(input: $input) {
      claim { id status version }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

export function FeeClaimsPage() {
  const viewer = useViewer();
  if (hasRole(viewer, "COORDINATOR") || hasRole(viewer, "REQUESTER")) return <StaffFeeClaims />;
  return <MyFeeClaims />;
}

/** A claim as either list shows it; `participantName` only where the reader is staff. */
interface ClaimRow {
  readonly id: string;
  readonly status: string;
  readonly version: number;
  readonly occasionDate: string;
  readonly requestTitle: string;
  readonly participantName?: string | null;
  readonly gross: { readonly amountOre: number; readonly currency: string };
}

/** What the reader does to a claim in one status: the member signs a draft, the attester attests a submitted claim. */
interface ClaimStep {
  readonly status: string;
  readonly label: MessageKey;
  run(id: string, expectedVersion: number): Promise<{ error?: { message: string }; errors?: readonly StepError[] }>;
}
type StepError = { __typename: string; message?: string };

/** One list of claims with its step and each claim's printable form; the two roles differ only in columns and step. */
function FeeClaimList(props: {
  title: MessageKey;
  claims: readonly ClaimRow[];
  loaded: boolean;
  error: { message: string } | undefined;
  showParticipant: boolean;
  step: ClaimStep;
  refetch: () => void;
  /** Shown after the list: the member's form to fill in travel and expenses before signing. */
  children?: ReactNode;
}) {
  const { t, language } = useI18n();
  const [failure, setFailure] = useState<string | null>(null);
  const { claims, step, showParticipant } = props;
  const take = async (id: string, expectedVersion: number) => {
    const result = await step.run(id, expectedVersion);
    const refusal = result.errors?.[0];
    setFailure(result.error?.message ?? (refusal ? refusal.message || refusal.__typename : null));
    props.refetch();
  };
  const nameOf = (claim: ClaimRow) => `${showParticipant ? (claim.participantName ?? "") : claim.requestTitle} ${claim.occasionDate}`;
  return (
    <>
      <h1>{t(props.title)}</h1>
      {props.error ? <p role="alert">{props.error.message}</p> : null}
      {failure ? <Status kind="error">{failure}</Status> : null}
      {props.loaded && claims.length === 0 ? <p>{t("noFeeClaims")}</p> : null}
      {claims.length ? (
        <ScrollableTable
          label={t("feeClaimsTitle")}
          head={
            <>
              {showParticipant ? <th scope="col">{t("participant")}</th> : null}
              <th scope="col">{t("occasionDate")}</th>
              <th scope="col">{t("title")}</th>
              <th scope="col">{t("gross")}</th>
              <th scope="col">{t("status")}</th>
              <th scope="col">
                <span className="visually-hidden">{t(step.label)}</span>
              </th>
            </>
          }
        >
          {claims.map((claim) => (
            <tr key={claim.id}>
              {showParticipant ? <td>{claim.participantName}</td> : null}
              <td>{claim.occasionDate}</td>
              <td>{claim.requestTitle}</td>
              <td>{formatMoney(claim.gross.amountOre, claim.gross.currency, language)}</td>
              <td>{t(`claimStatus${claim.status}` as MessageKey)}</td>
              <td>
                {claim.status === step.status ? (
                  <button type="button" onClick={() => take(claim.id, claim.version)} aria-label={`${t(step.label)}: ${nameOf(claim)}`}>
                    {t(step.label)}
                  </button>
                ) : null}{" "}
                <DownloadButton kind="FEE_CLAIM_FORM" subjectId={claim.id} label={t("downloadFeeForm")} name={nameOf(claim)} />
              </td>
            </tr>
          ))}
        </ScrollableTable>
      ) : null}
      {props.children}
    </>
  );
}

function MyFeeClaims() {
  const { t } = useI18n();
  const [{ data, error }, refetch] = useQuery({ query: MyFeeClaimsDocument, requestPolicy: "network-only" });
  const [, submit] = useMutation(SubmitFeeClaimDocument);
  // A saved claim's new version is known at once from the mutation's answer, before the list is read again: signing
  // straight after saving must not send the version the list had (the API would refuse it as a conflict).
  const [savedVersions, setSavedVersions] = useState<Readonly<Record<string, number>>>({});
  const claims = useMemo(
    () =>
      (data?.myFeeClaims?.nodes ?? []).map((claim) => {
        const saved = savedVersions[claim.id];
        return saved !== undefined && saved > claim.version ? { ...claim, version: saved } : claim;
      }),
    [data, savedVersions],
  );
  // A draft, or a claim sent back, can still be changed: travel and expenses are filled in before signing.
  const changeable = claims.filter((claim) => claim.status === "DRAFT" || claim.status === "REJECTED");
  return (
    <FeeClaimList
      title="myFeeClaimsTitle"
      claims={claims}
      loaded={data !== undefined}
      error={error}
      showParticipant={false}
      refetch={() => refetch({ requestPolicy: "network-only" })}
      step={{
        status: "DRAFT",
        label: "signClaim",
        run: async (id, expectedVersion) => {
          const result = await submit({ input: { id, expectedVersion } });
          return { error: result.error, errors: result.data?.submitFeeClaim.errors };
        },
      }}
    >
      {changeable.length ? (
        <section aria-labelledby="fill-in-heading">
          <h2 id="fill-in-heading">{t("memberFillInTitle")}</h2>
          <p>{t("memberFillInIntro")}</p>
          {changeable.map((claim) => (
            <ClaimTravelForm
              key={claim.id}
              claim={claim}
              onSaved={(version) => {
                setSavedVersions((known) => ({ ...known, [claim.id]: version }));
                refetch({ requestPolicy: "network-only" });
              }}
            />
          ))}
        </section>
      ) : null}
    </FeeClaimList>
  );
}

type MyClaim = NonNullable<MyFeeClaimsQuery["myFeeClaims"]>["nodes"][number];
interface ExpenseDraft {
  description: string;
  amount: string;
}

/** Kronor as typed ("125", "125,50", "1 250") in öre; null when it is no amount. */
function oreOf(kronor: string): number | null {
  const text = kronor.replace(/\s/g, "").replace(",", ".");
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return null;
  return Math.round(Number(text) * 100);
}

/** The member's mileage and expenses on one claim, saved with `updateFeeClaim` (amounts recomputed by the API). */
function ClaimTravelForm({ claim, onSaved }: { claim: MyClaim; onSaved(version: number): void }) {
  const { t, language } = useI18n();
  const [saving, update] = useMutation(UpdateFeeClaimDocument);
  const [mileageKm, setMileageKm] = useState(claim.mileageKm ? String(claim.mileageKm) : "");
  const [expenses, setExpenses] = useState<ExpenseDraft[]>(
    claim.expenses.map((expense) => ({
      description: expense.description,
      amount: (expense.amount.amountOre / 100).toFixed(2).replace(".", language === "sv" ? "," : "."),
    })),
  );
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [status, setStatus] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const prefix = `claim-${claim.id}`;
  const headingId = `${prefix}-heading`;
  const errorsAt = (path: string) => errors.filter((error) => error.field.replace(/^input\./, "") === path);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const local: FieldError[] = [];
    const km = mileageKm.trim() === "" ? 0 : Number(mileageKm);
    if (!Number.isInteger(km)) local.push({ field: "input.mileageKm", code: "INVALID", message: t("memberKmInvalid") });
    const amounts = expenses.map((expense, index) => {
      const ore = oreOf(expense.amount);
      if (ore === null) local.push({ field: `input.expenses[${index}].amountOre`, code: "INVALID", message: t("memberAmountInvalid") });
      return ore ?? 0;
    });
    if (local.length) {
      setErrors(local);
      setStatus(null);
      return;
    }
    const result = await update({
      input: {
        id: claim.id,
        expectedVersion: claim.version,
        mileageKm: km,
        expenses: expenses.map((expense, index) => ({ description: expense.description.trim(), amountOre: amounts[index] ?? 0 })),
      },
    });
    const found = fieldErrorsOf(result.error);
    const refusal = result.data?.updateFeeClaim.errors[0];
    if (refusal && "field" in refusal && refusal.field)
      found.push({ field: refusal.field, code: refusal.__typename, message: refusal.message });
    setErrors(found);
    const saved = result.data?.updateFeeClaim.claim;
    if (saved) {
      setStatus({ kind: "success", text: t("memberClaimSaved", { net: formatMoney(saved.net.amountOre, saved.net.currency, language) }) });
      onSaved(saved.version);
    } else if (refusal && !found.length) setStatus({ kind: "error", text: refusal.message || refusal.__typename });
    else if (result.error && !found.length) setStatus({ kind: "error", text: result.error.message });
    else setStatus(null);
  };

  const money = (value: { amountOre: number; currency: string }) => formatMoney(value.amountOre, value.currency, language);
  return (
    <form className="card" aria-labelledby={headingId} onSubmit={save} noValidate>
      <h3 id={headingId}>{t("memberFillInFor", { title: claim.requestTitle, date: claim.occasionDate })}</h3>
      {claim.status === "REJECTED" && claim.rejectionReason ? <p>{t("memberRejectedBecause", { reason: claim.rejectionReason })}</p> : null}
      <dl className="facts">
        <dt>{t("gross")}</dt>
        <dd>{money(claim.gross)}</dd>
        <dt>{t("memberMileage")}</dt>
        <dd>{money(claim.mileage)}</dd>
        <dt>{t("memberExpensesTotal")}</dt>
        <dd>{money(claim.expensesTotal)}</dd>
        <dt>{t("memberNet")}</dt>
        <dd>{money(claim.net)}</dd>
      </dl>
      {status ? <Status kind={status.kind}>{status.text}</Status> : null}
      <Field id={`${prefix}-mileageKm`} label={t("memberMileageKm")} errors={errorsAt("mileageKm")}>
        {(control) => (
          <input
            {...control}
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            value={mileageKm}
            onChange={(e) => setMileageKm(e.target.value)}
          />
        )}
      </Field>
      <fieldset>
        <legend>{t("memberExpenses")}</legend>
        {errorsAt("expenses").length ? (
          <p className="error">
            {errorsAt("expenses")
              .map((e) => e.message)
              .join(" ")}
          </p>
        ) : null}
        {expenses.map((expense, index) => {
          const n = index + 1;
          const change = (part: keyof ExpenseDraft) => (value: string) =>
            setExpenses((old) => old.map((e, i) => (i === index ? { ...e, [part]: value } : e)));
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: an expense has no identity before it is saved
            <div className="occasion" key={index}>
              <Field
                id={`${prefix}-expenses[${index}].description`}
                label={t("memberExpenseDescription", { n })}
                errors={errorsAt(`expenses[${index}].description`)}
              >
                {(control) => (
                  <input {...control} type="text" value={expense.description} onChange={(e) => change("description")(e.target.value)} />
                )}
              </Field>
              <Field
                id={`${prefix}-expenses[${index}].amountOre`}
                label={t("memberExpenseAmount", { n })}
                errors={errorsAt(`expenses[${index}].amountOre`)}
              >
                {(control) => (
                  <input
                    {...control}
                    type="text"
                    inputMode="decimal"
                    value={expense.amount}
                    onChange={(e) => change("amount")(e.target.value)}
                  />
                )}
              </Field>
              <button type="button" className="secondary" onClick={() => setExpenses((old) => old.filter((_, i) => i !== index))}>
                {t("memberRemoveExpense", { n })}
              </button>
            </div>
          );
        })}
        <button type="button" className="secondary" onClick={() => setExpenses((old) => [...old, { description: "", amount: "" }])}>
          {t("memberAddExpense")}
        </button>
      </fieldset>
      <button type="submit" disabled={saving.fetching}>
        {t("memberSaveClaim")}
      </button>
    </form>
  );
}

function StaffFeeClaims() {
  const [{ data, error }, refetch] = useQuery({ query: FeeClaimsDocument, requestPolicy: "network-only" });
  const [, attest] = useMutation(AttestFeeClaimDocument);
  return (
    <FeeClaimList
      title="feeClaimsTitle"
      claims={data?.feeClaims?.nodes ?? []}
      loaded={data !== undefined}
      error={error}
      showParticipant
      refetch={() => refetch({ requestPolicy: "network-only" })}
      step={{
        status: "SUBMITTED",
        label: "attest",
        run: async (id, expectedVersion) => {
          const result = await attest({ input: { id, expectedVersion } });
          return { error: result.error, errors: result.data?.attestFeeClaim.errors };
        },
      }}
    />
  );
}
