import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { useViewer } from "../../app";
import { ScrollableTable } from "../../components/scrollable-table";
import { graphql } from "../../generated";
import { useI18n } from "../../i18n";
import { formErrors, NO_OUTCOME, type Outcome, OutcomeMessages, orNull, outcomeOf, QueryState, TextField } from "../admin/shared";

// The platform operator's page (issue 18): every region on the platform, and a new region with its first admin.

const TenantsDocument = graphql(`
  query OperatorTenants {
    tenants(first: 100) { totalCount nodes { id slug name locale currency timeZone } }
  }
`);

const CreateTenantDocument = graphql(`
  mutation OperatorCreateTenant($input: CreateTenantInput!) {
    createTenant(input: $input) {
      tenant { id slug name }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

const EMPTY = {
  name: "",
  slug: "",
  tokenIssuer: "",
  tokenAudience: "",
  jwksUrl: "",
  publicKeys: "",
  adminName: "",
  adminEmail: "",
  adminSubject: "",
};

export default function OperatorTenantsPage() {
  const { t } = useI18n();
  const viewer = useViewer();
  const operator = viewer?.kind === "PLATFORM_OPERATOR";
  const [{ data, error, fetching }, refetch] = useQuery({ query: TenantsDocument, pause: !operator, requestPolicy: "network-only" });
  const [, create] = useMutation(CreateTenantDocument);
  const [values, setValues] = useState(EMPTY);
  const [outcome, setOutcome] = useState<Outcome>(NO_OUTCOME);
  const errors = formErrors("tenant", outcome);
  const set = (key: keyof typeof EMPTY, value: string) => setValues((x) => ({ ...x, [key]: value }));
  if (!operator) return <p role="alert">{t("operatorOnly")}</p>;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await create({
      input: {
        name: values.name.trim(),
        slug: values.slug.trim(),
        tokenIssuer: values.tokenIssuer.trim(),
        tokenAudience: values.tokenAudience.trim(),
        jwksUrl: orNull(values.jwksUrl),
        publicKeys: orNull(values.publicKeys),
        firstAdmin: { name: values.adminName.trim(), email: values.adminEmail.trim(), subject: values.adminSubject.trim() },
      },
    });
    const found = outcomeOf(result.error, result.data?.createTenant.errors, { IssuerAudienceTaken: "tokenIssuer" });
    setOutcome(found);
    if (found.ok) setValues(EMPTY);
    refetch({ requestPolicy: "network-only" });
  };

  return (
    <>
      <h1>{t("operatorTenants")}</h1>
      <QueryState error={error} loading={fetching && !data} />
      <ScrollableTable
        label={t("operatorTenants")}
        head={
          <>
            <th scope="col">{t("name")}</th>
            <th scope="col">{t("adminSlug")}</th>
            <th scope="col">{t("operatorLocale")}</th>
            <th scope="col">{t("operatorCurrency")}</th>
          </>
        }
      >
        {(data?.tenants?.nodes ?? []).map((tenant) => (
          <tr key={tenant.id}>
            <td>{tenant.name}</td>
            <td>{tenant.slug}</td>
            <td>{tenant.locale}</td>
            <td>{tenant.currency}</td>
          </tr>
        ))}
      </ScrollableTable>
      <section aria-labelledby="new-tenant-heading">
        <h2 id="new-tenant-heading">{t("operatorNewTenant")}</h2>
        <p>{t("operatorNewTenantIntro")}</p>
        <OutcomeMessages outcome={outcome} errors={errors} savedText={t("operatorTenantCreated")} />
        <form onSubmit={submit} noValidate>
          <TextField errors={errors} path="name" label={t("name")} required value={values.name} onChange={(v) => set("name", v)} />
          <TextField
            errors={errors}
            path="slug"
            label={t("adminSlug")}
            hint={t("adminSlugHint")}
            required
            value={values.slug}
            onChange={(v) => set("slug", v)}
          />
          <TextField
            errors={errors}
            path="tokenIssuer"
            label={t("adminIssuer")}
            hint={t("adminIssuerHint")}
            type="url"
            required
            value={values.tokenIssuer}
            onChange={(v) => set("tokenIssuer", v)}
          />
          <TextField
            errors={errors}
            path="tokenAudience"
            label={t("adminAudience")}
            required
            value={values.tokenAudience}
            onChange={(v) => set("tokenAudience", v)}
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
          <fieldset>
            <legend>{t("operatorFirstAdmin")}</legend>
            <TextField
              errors={errors}
              path="firstAdmin.name"
              label={t("name")}
              required
              value={values.adminName}
              onChange={(v) => set("adminName", v)}
            />
            <TextField
              errors={errors}
              path="firstAdmin.email"
              label={t("email")}
              type="email"
              required
              value={values.adminEmail}
              onChange={(v) => set("adminEmail", v)}
            />
            <TextField
              errors={errors}
              path="firstAdmin.subject"
              label={t("operatorAdminSubject")}
              hint={t("operatorAdminSubjectHint")}
              required
              value={values.adminSubject}
              onChange={(v) => set("adminSubject", v)}
            />
          </fieldset>
          <button type="submit">{t("operatorCreateTenant")}</button>
        </form>
      </section>
    </>
  );
}
