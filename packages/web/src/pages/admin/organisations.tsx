import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { ScrollableTable } from "../../components/scrollable-table";
import { graphql } from "../../generated";
import type { AdminOrganisationsQuery, OrganisationKind } from "../../generated/graphql";
import { useI18n } from "../../i18n";
import {
  AdminPage,
  CheckboxField,
  enumOptions,
  formErrors,
  NO_OUTCOME,
  type Outcome,
  OutcomeMessages,
  outcomeOf,
  QueryState,
  SelectField,
  TextField,
  Truncated,
  useEnumLabels,
} from "./shared";

const OrganisationsDocument = graphql(`
  query AdminOrganisations {
    organisations(first: 100, includeRetired: true) { totalCount nodes { id name kind paysOwnParticipants version retiredAt } }
  }
`);

const CreateOrganisationDocument = graphql(`
  mutation AdminCreateOrganisation($input: CreateOrganisationInput!) {
    createOrganisation(input: $input) {
      organisation { id }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

const UpdateOrganisationDocument = graphql(`
  mutation AdminUpdateOrganisation($input: UpdateOrganisationInput!) {
    updateOrganisation(input: $input) {
      organisation { id version }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

type Organisation = NonNullable<AdminOrganisationsQuery["organisations"]>["nodes"][number];
const KINDS: OrganisationKind[] = ["REGION_UNIT", "MUNICIPALITY", "ASSOCIATION", "FEDERATION"];

export function OrganisationsPage() {
  const { t } = useI18n();
  const labels = useEnumLabels(["OrganisationKind"]);
  const [{ data, error, fetching }, refetch] = useQuery({ query: OrganisationsDocument, requestPolicy: "network-only" });
  const [editing, setEditing] = useState<string | null>(null);
  const organisations = data?.organisations?.nodes ?? [];
  const organisation = organisations.find((o) => o.id === editing);
  return (
    <AdminPage title={t("adminOrganisations")}>
      <QueryState error={error} loading={fetching && !data} />
      <ScrollableTable
        label={t("adminOrganisations")}
        head={
          <>
            <th scope="col">{t("name")}</th>
            <th scope="col">{t("adminKind")}</th>
            <th scope="col">{t("adminPaysOwn")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("adminActions")}</span>
            </th>
          </>
        }
      >
        {organisations.map((o) => (
          <tr key={o.id}>
            <td>
              {o.name}
              {o.retiredAt ? ` (${t("adminRetired")})` : ""}
            </td>
            <td>{labels("OrganisationKind", o.kind)}</td>
            <td>{o.paysOwnParticipants ? t("yes") : t("no")}</td>
            <td>
              <button type="button" className="secondary" onClick={() => setEditing(o.id)}>
                {t("adminEditNamed", { name: o.name })}
              </button>
            </td>
          </tr>
        ))}
      </ScrollableTable>
      <Truncated shown={organisations.length} total={data?.organisations?.totalCount} />
      <OrganisationForm
        key={organisation?.id ?? "new"}
        organisation={organisation}
        kinds={enumOptions(labels, "OrganisationKind", KINDS)}
        onDone={() => refetch({ requestPolicy: "network-only" })}
        onCancel={() => setEditing(null)}
      />
    </AdminPage>
  );
}

function OrganisationForm(props: {
  organisation: Organisation | undefined;
  kinds: Array<{ value: string; label: string }>;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const o = props.organisation;
  const [values, setValues] = useState({
    name: o?.name ?? "",
    kind: o?.kind ?? "MUNICIPALITY",
    paysOwnParticipants: o?.paysOwnParticipants ?? false,
  });
  const [outcome, setOutcome] = useState<Outcome>(NO_OUTCOME);
  const [, create] = useMutation(CreateOrganisationDocument);
  const [, update] = useMutation(UpdateOrganisationDocument);
  const errors = formErrors("organisation", outcome);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = { name: values.name.trim(), kind: values.kind, paysOwnParticipants: values.paysOwnParticipants };
    if (o) {
      const result = await update({ input: { id: o.id, expectedVersion: o.version, ...input } });
      setOutcome(outcomeOf(result.error, result.data?.updateOrganisation.errors));
    } else {
      const result = await create({ input });
      const found = outcomeOf(result.error, result.data?.createOrganisation.errors);
      setOutcome(found);
      if (found.ok) setValues({ name: "", kind: "MUNICIPALITY", paysOwnParticipants: false });
    }
    props.onDone();
  };
  return (
    <section aria-labelledby="organisation-form-heading">
      <h2 id="organisation-form-heading">{o ? t("adminEditNamed", { name: o.name }) : t("adminNewOrganisation")}</h2>
      <OutcomeMessages outcome={outcome} errors={errors} />
      <form onSubmit={submit} noValidate>
        <TextField
          errors={errors}
          path="name"
          label={t("name")}
          required
          value={values.name}
          onChange={(v) => setValues((x) => ({ ...x, name: v }))}
        />
        <SelectField
          errors={errors}
          path="kind"
          label={t("adminKind")}
          value={values.kind}
          onChange={(v) => setValues((x) => ({ ...x, kind: v as OrganisationKind }))}
          options={props.kinds}
        />
        <CheckboxField
          errors={errors}
          path="paysOwnParticipants"
          label={t("adminPaysOwn")}
          checked={values.paysOwnParticipants}
          onChange={(v) => setValues((x) => ({ ...x, paysOwnParticipants: v }))}
        />
        <button type="submit">{o ? t("save") : t("adminCreate")}</button>{" "}
        {o ? (
          <button type="button" className="secondary" onClick={props.onCancel}>
            {t("cancel")}
          </button>
        ) : null}
      </form>
    </section>
  );
}
