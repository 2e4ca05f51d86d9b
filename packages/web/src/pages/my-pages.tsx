import { type FormEvent, useEffect, useState } from "react";
import { Link, useLocation } from "react-router";
import { useMutation, useQuery } from "urql";
import { ErrorSummary, Field, Status } from "../components/field";
import { graphql } from "../generated";
import { type FieldError, fieldErrorsOf } from "../graphql/errors";
import { useI18n } from "../i18n";

const MyProfileDocument = graphql(`
  query MyProfile {
    me {
      member { id version givenName familyName email phone municipality availabilityNote bankAccount pauses { id startsOn endsOn reason } }
      tenant { paysByBankAccount }
    }
  }
`);

const UpdateMyProfileDocument = graphql(`
  mutation UpdateMyProfile($input: UpdateMyProfileInput!) {
    updateMyProfile(input: $input) {
      member { id version }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

const SetMyBankAccountDocument = graphql(`
  mutation SetMyBankAccount($input: SetMyBankAccountInput!) {
    setMyBankAccount(input: $input) {
      member { id version bankAccount }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

const AddMyPauseDocument = graphql(`
  mutation AddMyPause($input: AddMyPauseInput!) {
    addMyPause(input: $input) {
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

const RemoveMyPauseDocument = graphql(`
  mutation RemoveMyPause($input: RemoveMyPauseInput!) {
    removeMyPause(input: $input) {
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

const PROFILE_FIELDS = ["givenName", "familyName", "email", "phone", "municipality", "availabilityNote"] as const;
type ProfileField = (typeof PROFILE_FIELDS)[number];

export function MyPagesPage() {
  const { t } = useI18n();
  // Just registered: the registration's receipt ("what happens next"), once.
  const registered = (useLocation().state as { registered?: string } | null)?.registered ?? null;
  const [{ data, error }, refetch] = useQuery({ query: MyProfileDocument, requestPolicy: "network-only" });
  const [, update] = useMutation(UpdateMyProfileDocument);
  const [, addPause] = useMutation(AddMyPauseDocument);
  const [, setBankAccount] = useMutation(SetMyBankAccountDocument);
  const [account, setAccount] = useState({ clearingNumber: "", accountNumber: "" });
  const [accountStatus, setAccountStatus] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [, removePause] = useMutation(RemoveMyPauseDocument);
  const member = data?.me?.member;
  const [values, setValues] = useState<Record<ProfileField, string>>({
    givenName: "",
    familyName: "",
    email: "",
    phone: "",
    municipality: "",
    availabilityNote: "",
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [status, setStatus] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [pause, setPause] = useState({ startsOn: "", endsOn: "", reason: "" });
  const [pauseErrors, setPauseErrors] = useState<FieldError[]>([]);

  useEffect(() => {
    if (member) setValues(Object.fromEntries(PROFILE_FIELDS.map((key) => [key, member[key] ?? ""])) as Record<ProfileField, string>);
  }, [member]);

  if (error) return <p role="alert">{error.message}</p>;
  if (!data) return <p>{t("loading")}</p>;
  if (!member) return <p>{t("notMember")}</p>;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const result = await update({
      input: { expectedVersion: member.version, ...Object.fromEntries(PROFILE_FIELDS.map((key) => [key, values[key].trim() || null])) },
    });
    const found = fieldErrorsOf(result.error);
    setErrors(found);
    const business = result.data?.updateMyProfile.errors[0];
    const failure = business
      ? ("message" in business && business.message) || business.__typename
      : !found.length
        ? (result.error?.message ?? null)
        : null;
    setStatus(failure ? { kind: "error", text: failure } : found.length ? null : { kind: "success", text: t("saved") });
    refetch({ requestPolicy: "network-only" });
  };
  const submitPause = async (event: FormEvent) => {
    event.preventDefault();
    const result = await addPause({ input: { startsOn: pause.startsOn, endsOn: pause.endsOn || null, reason: pause.reason || null } });
    setPauseErrors(fieldErrorsOf(result.error));
    if (!result.error && !result.data?.addMyPause.errors.length) setPause({ startsOn: "", endsOn: "", reason: "" });
    refetch({ requestPolicy: "network-only" });
  };
  // Issue 21: where the region pays to a registered account (Kalmar), the member registers it here.
  const saveAccount = async (remove: boolean) => {
    const result = await setBankAccount({
      input: { expectedVersion: member.version, bankAccount: remove ? null : account },
    });
    const business = result.data?.setMyBankAccount.errors[0];
    const failure = business ? ("message" in business && business.message) || business.__typename : (result.error?.message ?? null);
    setAccountStatus(failure ? { kind: "error", text: failure } : { kind: "success", text: t("saved") });
    if (!failure) setAccount({ clearingNumber: "", accountNumber: "" });
    refetch({ requestPolicy: "network-only" });
  };
  const errorsAt = (list: FieldError[], key: string) => list.filter((e) => e.field.replace(/^input\./, "") === key);
  const labels: Record<ProfileField, Parameters<typeof t>[0]> = {
    givenName: "givenName",
    familyName: "familyName",
    email: "email",
    phone: "phone",
    municipality: "municipality",
    availabilityNote: "availabilityNote",
  };

  return (
    <>
      <h1>{t("myPagesTitle")}</h1>
      {registered ? (
        <Status kind="success">
          {t("memberRegistered")} {registered}
        </Status>
      ) : null}
      <ul className="cards">
        <li>
          <Link to="/my/assignments">{t("memberNavAssignments")}</Link>
        </li>
        <li>
          <Link to="/fee-claims">{t("myFeeClaimsTitle")}</Link>
        </li>
      </ul>
      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t("profile")}</h2>
        <ErrorSummary
          errors={errors.map((e) => ({ message: e.message, target: `profile-${e.field.replace(/^input\./, "")}` }))}
          title={t("errorSummary")}
        />
        {status ? <Status kind={status.kind}>{status.text}</Status> : null}
        <form onSubmit={save} noValidate>
          {PROFILE_FIELDS.map((key) => (
            <Field key={key} id={`profile-${key}`} label={t(labels[key])} errors={errorsAt(errors, key)}>
              {(control) =>
                key === "availabilityNote" ? (
                  <textarea
                    {...control}
                    rows={3}
                    value={values[key]}
                    onChange={(e) => setValues((old) => ({ ...old, [key]: e.target.value }))}
                  />
                ) : (
                  <input
                    {...control}
                    type={key === "email" ? "email" : key === "phone" ? "tel" : "text"}
                    autoComplete={
                      { givenName: "given-name", familyName: "family-name", email: "email", phone: "tel", municipality: "address-level2" }[
                        key
                      ]
                    }
                    value={values[key]}
                    onChange={(e) => setValues((old) => ({ ...old, [key]: e.target.value }))}
                  />
                )
              }
            </Field>
          ))}
          <button type="submit">{t("saveProfile")}</button>
        </form>
      </section>
      {data.me?.tenant?.paysByBankAccount || member.bankAccount ? (
        <section aria-labelledby="bank-account-heading" id="bank-account">
          <h2 id="bank-account-heading">{t("bankAccount")}</h2>
          <p>{t("bankAccountIntro")}</p>
          {member.bankAccount ? (
            <p>
              {t("bankAccountRegistered")}: {member.bankAccount}{" "}
              <button type="button" className="secondary" onClick={() => saveAccount(true)}>
                {t("removeBankAccount")}
              </button>
            </p>
          ) : null}
          {accountStatus ? <Status kind={accountStatus.kind}>{accountStatus.text}</Status> : null}
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void saveAccount(false);
            }}
            noValidate
          >
            <Field id="bank-clearingNumber" label={t("clearingNumber")} required errors={[]}>
              {(control) => (
                <input
                  {...control}
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  value={account.clearingNumber}
                  onChange={(e) => setAccount((old) => ({ ...old, clearingNumber: e.target.value }))}
                />
              )}
            </Field>
            <Field id="bank-accountNumber" label={t("accountNumber")} required errors={[]}>
              {(control) => (
                <input
                  {...control}
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  value={account.accountNumber}
                  onChange={(e) => setAccount((old) => ({ ...old, accountNumber: e.target.value }))}
                />
              )}
            </Field>
            <button type="submit">{t("saveBankAccount")}</button>
          </form>
        </section>
      ) : null}
      <section aria-labelledby="pauses-heading">
        <h2 id="pauses-heading">{t("pauses")}</h2>
        {member.pauses.length ? (
          <ul>
            {member.pauses.map((p) => (
              <li key={p.id}>
                {p.startsOn} – {p.endsOn ?? "…"} {p.reason ? `(${p.reason})` : ""}{" "}
                <button
                  type="button"
                  className="secondary"
                  onClick={async () => {
                    await removePause({ input: { pauseId: p.id } });
                    refetch({ requestPolicy: "network-only" });
                  }}
                >
                  {t("removePause")} {p.startsOn}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("none")}</p>
        )}
        <form onSubmit={submitPause} noValidate>
          <Field id="pause-startsOn" label={t("pauseFrom")} required errors={errorsAt(pauseErrors, "startsOn")}>
            {(control) => (
              <input
                {...control}
                type="date"
                value={pause.startsOn}
                onChange={(e) => setPause((old) => ({ ...old, startsOn: e.target.value }))}
              />
            )}
          </Field>
          <Field id="pause-endsOn" label={t("pauseTo")} errors={errorsAt(pauseErrors, "endsOn")}>
            {(control) => (
              <input
                {...control}
                type="date"
                value={pause.endsOn}
                onChange={(e) => setPause((old) => ({ ...old, endsOn: e.target.value }))}
              />
            )}
          </Field>
          <Field id="pause-reason" label={t("pauseReason")} errors={errorsAt(pauseErrors, "reason")}>
            {(control) => (
              <input
                {...control}
                type="text"
                value={pause.reason}
                onChange={(e) => setPause((old) => ({ ...old, reason: e.target.value }))}
              />
            )}
          </Field>
          <button type="submit">{t("addPause")}</button>
        </form>
      </section>
    </>
  );
}
