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

function MyFeeClaims() {
  const { t, language } = useI18n();
  const [{ data, error }, refetch] = useQuery({ query: MyFeeClaimsDocument, requestPolicy: "network-only" });
  const [, submit] = useMutation(SubmitFeeClaimDocument);
  const [failure, setFailure] = useState<string | null>(null);
  const claims = data?.myFeeClaims?.nodes ?? [];
  const sign = async (id: string, expectedVersion: number) => {
    const result = await submit({ input: { id, expectedVersion } });
    const step = result.data?.submitFeeClaim.errors[0];
    setFailure(result.error?.message ?? (step ? ("message" in step && step.message) || step.__typename : null));
    refetch({ requestPolicy: "network-only" });
  };
  return (
    <>
      <h1>{t("myFeeClaimsTitle")}</h1>
      {error ? <p role="alert">{error.message}</p> : null}
      {failure ? <Status kind="error">{failure}</Status> : null}
      {data && claims.length === 0 ? <p>{t("noFeeClaims")}</p> : null}
      {claims.length ? (
        <ScrollableTable
          label={t("feeClaimsTitle")}
          head={
            <>
              <th scope="col">{t("occasionDate")}</th>
              <th scope="col">{t("title")}</th>
              <th scope="col">{t("gross")}</th>
              <th scope="col">{t("status")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("signClaim")}</span>
              </th>
            </>
          }
        >
          {claims.map((claim) => (
            <tr key={claim.id}>
              <td>{claim.occasionDate}</td>
              <td>{claim.requestTitle}</td>
              <td>{formatMoney(claim.gross.amountOre, claim.gross.currency, language)}</td>
              <td>{t(`claimStatus${claim.status}` as MessageKey)}</td>
              <td>
                {claim.status === "DRAFT" ? (
                  <button
                    type="button"
                    onClick={() => sign(claim.id, claim.version)}
                    aria-label={`${t("signClaim")}: ${claim.requestTitle} ${claim.occasionDate}`}
                  >
                    {t("signClaim")}
                  </button>
                ) : null}{" "}
                <DownloadButton
                  kind="FEE_CLAIM_FORM"
                  subjectId={claim.id}
                  label={t("downloadFeeForm")}
                  name={`${claim.requestTitle} ${claim.occasionDate}`}
                />
              </td>
            </tr>
          ))}
        </ScrollableTable>
      ) : null}
    </>
  );
}

function StaffFeeClaims() {
  const { t, language } = useI18n();
  const [{ data, error }, refetch] = useQuery({ query: FeeClaimsDocument, requestPolicy: "network-only" });
  const [, attest] = useMutation(AttestFeeClaimDocument);
  const [failure, setFailure] = useState<string | null>(null);
  const claims = data?.feeClaims?.nodes ?? [];
  const doAttest = async (id: string, expectedVersion: number) => {
    const result = await attest({ input: { id, expectedVersion } });
    const step = result.data?.attestFeeClaim.errors[0];
    setFailure(result.error?.message ?? (step ? ("message" in step && step.message) || step.__typename : null));
    refetch({ requestPolicy: "network-only" });
  };
  return (
    <>
      <h1>{t("feeClaimsTitle")}</h1>
      {error ? <p role="alert">{error.message}</p> : null}
      {failure ? <Status kind="error">{failure}</Status> : null}
      {data && claims.length === 0 ? <p>{t("noFeeClaims")}</p> : null}
      {claims.length ? (
        <ScrollableTable
          label={t("feeClaimsTitle")}
          head={
            <>
              <th scope="col">{t("participant")}</th>
              <th scope="col">{t("occasionDate")}</th>
              <th scope="col">{t("title")}</th>
              <th scope="col">{t("gross")}</th>
              <th scope="col">{t("status")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("attest")}</span>
              </th>
            </>
          }
        >
          {claims.map((claim) => (
            <tr key={claim.id}>
              <td>{claim.participantName}</td>
              <td>{claim.occasionDate}</td>
              <td>{claim.requestTitle}</td>
              <td>{formatMoney(claim.gross.amountOre, claim.gross.currency, language)}</td>
              <td>{t(`claimStatus${claim.status}` as MessageKey)}</td>
              <td>
                {claim.status === "SUBMITTED" ? (
                  <button
                    type="button"
                    onClick={() => doAttest(claim.id, claim.version)}
                    aria-label={`${t("attest")}: ${claim.participantName} ${claim.occasionDate}`}
                  >
                    {t("attest")}
                  </button>
                ) : null}{" "}
                <DownloadButton
                  kind="FEE_CLAIM_FORM"
                  subjectId={claim.id}
                  label={t("downloadFeeForm")}
                  name={`${claim.participantName ?? ""} ${claim.occasionDate}`}
                />
              </td>
            </tr>
          ))}
        </ScrollableTable>
      ) : null}
    </>
  );
}
