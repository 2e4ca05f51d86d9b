import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { hasRole, useViewer } from "../app";
import { DownloadButton } from "../components/download";
import { Status } from "../components/field";
import { ScrollableTable } from "../components/scrollable-table";
import { graphql } from "../generated";
import { formatMoney, type MessageKey, useI18n } from "../i18n";

// Members sign their own fee claims; coordinators (or units, where the region says so) attest them.

const MyFeeClaimsDocument = graphql(`
  query MyFeeClaims {
    myFeeClaims(first: 50) {
      nodes { id status version occasionDate requestTitle gross { amountOre currency } net { amountOre currency } mileageKm }
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
    </>
  );
}

function MyFeeClaims() {
  const [{ data, error }, refetch] = useQuery({ query: MyFeeClaimsDocument, requestPolicy: "network-only" });
  const [, submit] = useMutation(SubmitFeeClaimDocument);
  return (
    <FeeClaimList
      title="myFeeClaimsTitle"
      claims={data?.myFeeClaims?.nodes ?? []}
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
    />
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
