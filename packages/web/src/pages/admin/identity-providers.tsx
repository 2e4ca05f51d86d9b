import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { useViewer } from "../../app";
import { ScrollableTable } from "../../components/scrollable-table";
import { graphql } from "../../generated";
import type { AdminIdentityProvidersQuery, IdentityProviderKind } from "../../generated/graphql";
import { useI18n } from "../../i18n";
import {
  AdminPage,
  enumOptions,
  formErrors,
  NO_OUTCOME,
  type Outcome,
  OutcomeMessages,
  orNull,
  outcomeOf,
  QueryState,
  SelectField,
  TextField,
  useEnumLabels,
} from "./shared";

const IdentityProvidersDocument = graphql(`
  query AdminIdentityProviders($slug: String!) {
    tenant(slug: $slug) {
      id
      identityProviders { id name kind issuer audience clientId jwksUrl identifierClaim isPrimary disabledAt version }
    }
  }
`);

const AddIdentityProviderDocument = graphql(`
  mutation AdminAddIdentityProvider($input: AddIdentityProviderInput!) {
    addIdentityProvider(input: $input) {
      identityProvider { id }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

const UpdateIdentityProviderDocument = graphql(`
  mutation AdminUpdateIdentityProvider($input: UpdateIdentityProviderInput!) {
    updateIdentityProvider(input: $input) {
      identityProvider { id version }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

const DisableIdentityProviderDocument = graphql(`
  mutation AdminDisableIdentityProvider($input: DisableIdentityProviderInput!) {
    disableIdentityProvider(input: $input) {
      identityProvider { id version }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

type Provider = NonNullable<AdminIdentityProvidersQuery["tenant"]>["identityProviders"][number];
const KINDS: IdentityProviderKind[] = ["STAFF", "CITIZEN", "ALL"];

export function IdentityProvidersPage() {
  const { t } = useI18n();
  const labels = useEnumLabels(["IdentityProviderKind"]);
  const slug = useViewer()?.tenant?.slug ?? "";
  const [{ data, error, fetching }, refetch] = useQuery({
    query: IdentityProvidersDocument,
    variables: { slug },
    pause: !slug,
    requestPolicy: "network-only",
  });
  const [, disable] = useMutation(DisableIdentityProviderDocument);
  const [editing, setEditing] = useState<string | null>(null);
  const [disableOutcome, setDisableOutcome] = useState<Outcome>(NO_OUTCOME);
  const reload = () => refetch({ requestPolicy: "network-only" });
  const providers = data?.tenant?.identityProviders ?? [];
  const provider = providers.find((p) => p.id === editing);
  return (
    <AdminPage title={t("adminIdentityProviders")}>
      <QueryState error={error} loading={fetching && !data} />
      <ScrollableTable
        label={t("adminIdentityProviders")}
        head={
          <>
            <th scope="col">{t("name")}</th>
            <th scope="col">{t("adminKind")}</th>
            <th scope="col">{t("adminIssuer")}</th>
            <th scope="col">{t("adminAudience")}</th>
            <th scope="col">{t("status")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("adminActions")}</span>
            </th>
          </>
        }
      >
        {providers.map((p) => (
          <tr key={p.id}>
            <td>
              {p.name}
              {p.isPrimary ? ` (${t("adminPrimary")})` : ""}
            </td>
            <td>{labels("IdentityProviderKind", p.kind)}</td>
            <td>{p.issuer}</td>
            <td>{p.audience}</td>
            <td>{p.disabledAt ? t("adminDisabled") : t("adminActive")}</td>
            <td>
              <button type="button" className="secondary" onClick={() => setEditing(p.id)}>
                {t("adminEditNamed", { name: p.name })}
              </button>{" "}
              {p.disabledAt ? null : (
                <button
                  type="button"
                  className="secondary"
                  onClick={async () => {
                    const result = await disable({ input: { id: p.id, expectedVersion: p.version } });
                    setDisableOutcome(outcomeOf(result.error, result.data?.disableIdentityProvider.errors));
                    reload();
                  }}
                >
                  {t("adminDisableNamed", { name: p.name })}
                </button>
              )}
            </td>
          </tr>
        ))}
      </ScrollableTable>
      <OutcomeMessages outcome={disableOutcome} errors={formErrors("disable", disableOutcome)} savedText={t("adminProviderDisabled")} />
      <ProviderForm
        key={provider?.id ?? "new"}
        provider={provider}
        kinds={enumOptions(labels, "IdentityProviderKind", KINDS)}
        onDone={reload}
        onCancel={() => setEditing(null)}
      />
    </AdminPage>
  );
}

function ProviderForm(props: {
  provider: Provider | undefined;
  kinds: Array<{ value: string; label: string }>;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const p = props.provider;
  const empty = {
    name: p?.name ?? "",
    kind: (p?.kind ?? "STAFF") as IdentityProviderKind,
    issuer: p?.issuer ?? "",
    audience: p?.audience ?? "",
    clientId: p?.clientId ?? "",
    jwksUrl: p?.jwksUrl ?? "",
    identifierClaim: p?.identifierClaim ?? "",
    publicKeys: "",
  };
  const [values, setValues] = useState(empty);
  const [outcome, setOutcome] = useState<Outcome>(NO_OUTCOME);
  const [, add] = useMutation(AddIdentityProviderDocument);
  const [, update] = useMutation(UpdateIdentityProviderDocument);
  const errors = formErrors("provider", outcome);
  const set = <K extends keyof typeof empty>(key: K, value: (typeof empty)[K]) => setValues((x) => ({ ...x, [key]: value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = {
      name: values.name.trim(),
      kind: values.kind,
      issuer: values.issuer.trim(),
      audience: values.audience.trim(),
      clientId: orNull(values.clientId),
      jwksUrl: orNull(values.jwksUrl),
      identifierClaim: orNull(values.identifierClaim),
      publicKeys: orNull(values.publicKeys),
    };
    if (p) {
      const result = await update({ input: { id: p.id, expectedVersion: p.version, ...input } });
      setOutcome(outcomeOf(result.error, result.data?.updateIdentityProvider.errors));
    } else {
      const result = await add({ input });
      setOutcome(outcomeOf(result.error, result.data?.addIdentityProvider.errors));
    }
    props.onDone();
  };
  return (
    <section aria-labelledby="provider-form-heading">
      <h2 id="provider-form-heading">{p ? t("adminEditNamed", { name: p.name }) : t("adminNewProvider")}</h2>
      <OutcomeMessages outcome={outcome} errors={errors} />
      <form onSubmit={submit} noValidate>
        <TextField errors={errors} path="name" label={t("name")} required value={values.name} onChange={(v) => set("name", v)} />
        <SelectField
          errors={errors}
          path="kind"
          label={t("adminKind")}
          value={values.kind}
          onChange={(v) => set("kind", v as IdentityProviderKind)}
          options={props.kinds}
        />
        <TextField
          errors={errors}
          path="issuer"
          label={t("adminIssuer")}
          hint={t("adminIssuerHint")}
          type="url"
          required
          value={values.issuer}
          onChange={(v) => set("issuer", v)}
        />
        <TextField
          errors={errors}
          path="audience"
          label={t("adminAudience")}
          required
          value={values.audience}
          onChange={(v) => set("audience", v)}
        />
        <TextField
          errors={errors}
          path="clientId"
          label={t("adminClientId")}
          value={values.clientId}
          onChange={(v) => set("clientId", v)}
        />
        <TextField
          errors={errors}
          path="jwksUrl"
          label={t("adminJwksUrl")}
          type="url"
          value={values.jwksUrl}
          onChange={(v) => set("jwksUrl", v)}
        />
        <TextField
          errors={errors}
          path="publicKeys"
          label={t("adminPublicKeys")}
          hint={t("adminPublicKeysHint")}
          multiline
          value={values.publicKeys}
          onChange={(v) => set("publicKeys", v)}
        />
        <TextField
          errors={errors}
          path="identifierClaim"
          label={t("adminIdentifierClaim")}
          hint={t("adminIdentifierClaimHint")}
          value={values.identifierClaim}
          onChange={(v) => set("identifierClaim", v)}
        />
        <button type="submit">{p ? t("save") : t("adminCreate")}</button>{" "}
        {p ? (
          <button type="button" className="secondary" onClick={props.onCancel}>
            {t("cancel")}
          </button>
        ) : null}
      </form>
    </section>
  );
}
