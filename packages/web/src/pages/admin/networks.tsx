import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { ScrollableTable } from "../../components/scrollable-table";
import { graphql } from "../../generated";
import type { AdminNetworksQuery, CareDomain } from "../../generated/graphql";
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

const NetworksDocument = graphql(`
  query AdminNetworks {
    networks(first: 100, includeRetired: true) {
      nodes {
        id name slug version careDomain contactEmail description retiredAt
        feeScheduleId intakeRuleSetId requestFormId
      }
    }
    feeSchedules(first: 100) { nodes { id name } }
    intakeRuleSets(first: 100) { nodes { id name } }
    requestForms(first: 100) { nodes { id name } }
  }
`);

const CreateNetworkDocument = graphql(`
  mutation AdminCreateNetwork($input: CreateNetworkInput!) {
    createNetwork(input: $input) {
      network { id }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

const UpdateNetworkDocument = graphql(`
  mutation AdminUpdateNetwork($input: UpdateNetworkInput!) {
    updateNetwork(input: $input) {
      network { id version }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

type Network = NonNullable<AdminNetworksQuery["networks"]>["nodes"][number];
const DOMAINS: CareDomain[] = ["SOMATIC", "PSYCHIATRIC", "SOCIAL_SERVICES", "MIXED"];

export function NetworksPage() {
  const { t } = useI18n();
  const labels = useEnumLabels(["CareDomain"]);
  const [{ data, error, fetching }, refetch] = useQuery({ query: NetworksDocument, requestPolicy: "network-only" });
  const [editing, setEditing] = useState<string | null>(null);
  const networks = data?.networks?.nodes ?? [];
  const network = networks.find((n) => n.id === editing);
  return (
    <AdminPage title={t("adminNetworks")}>
      <QueryState error={error} loading={fetching && !data} />
      <ScrollableTable
        label={t("adminNetworks")}
        head={
          <>
            <th scope="col">{t("name")}</th>
            <th scope="col">{t("adminSlug")}</th>
            <th scope="col">{t("adminCareDomain")}</th>
            <th scope="col">{t("adminContactEmail")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("adminActions")}</span>
            </th>
          </>
        }
      >
        {networks.map((n) => (
          <tr key={n.id}>
            <td>
              {n.name}
              {n.retiredAt ? ` (${t("adminRetired")})` : ""}
            </td>
            <td>{n.slug}</td>
            <td>{labels("CareDomain", n.careDomain)}</td>
            <td>{n.contactEmail}</td>
            <td>
              <button type="button" className="secondary" onClick={() => setEditing(n.id)}>
                {t("adminEditNamed", { name: n.name })}
              </button>
            </td>
          </tr>
        ))}
      </ScrollableTable>
      {data ? (
        <NetworkForm
          key={network?.id ?? "new"}
          network={network}
          choices={data}
          onDone={() => refetch({ requestPolicy: "network-only" })}
          onCancel={() => setEditing(null)}
          domains={enumOptions(labels, "CareDomain", DOMAINS)}
        />
      ) : null}
    </AdminPage>
  );
}

function NetworkForm(props: {
  network: Network | undefined;
  choices: AdminNetworksQuery;
  domains: Array<{ value: string; label: string }>;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const n = props.network;
  const [values, setValues] = useState({
    name: n?.name ?? "",
    slug: n?.slug ?? "",
    careDomain: n?.careDomain ?? "SOMATIC",
    contactEmail: n?.contactEmail ?? "",
    description: n?.description ?? "",
    feeScheduleId: n?.feeScheduleId ?? "",
    intakeRuleSetId: n?.intakeRuleSetId ?? "",
    requestFormId: n?.requestFormId ?? "",
  });
  const [outcome, setOutcome] = useState<Outcome>(NO_OUTCOME);
  const [, create] = useMutation(CreateNetworkDocument);
  const [, update] = useMutation(UpdateNetworkDocument);
  const errors = formErrors("network", outcome);
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) => setValues((old) => ({ ...old, [key]: value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const common = {
      name: values.name.trim(),
      slug: values.slug.trim(),
      careDomain: values.careDomain,
      contactEmail: values.contactEmail.trim(),
      description: orNull(values.description),
      feeScheduleId: orNull(values.feeScheduleId),
      intakeRuleSetId: orNull(values.intakeRuleSetId),
      requestFormId: orNull(values.requestFormId),
    };
    if (n) {
      const result = await update({ input: { id: n.id, expectedVersion: n.version, ...common } });
      setOutcome(outcomeOf(result.error, result.data?.updateNetwork.errors));
    } else {
      const result = await create({ input: common });
      const found = outcomeOf(result.error, result.data?.createNetwork.errors);
      setOutcome(found);
      if (found.ok) setValues((old) => ({ ...old, name: "", slug: "", contactEmail: "", description: "" }));
    }
    props.onDone();
  };
  const choice = (list: { nodes: Array<{ id: string; name: string }> } | null | undefined) =>
    (list?.nodes ?? []).map((x) => ({ value: x.id, label: x.name }));
  return (
    <section aria-labelledby="network-form-heading">
      <h2 id="network-form-heading">{n ? t("adminEditNamed", { name: n.name }) : t("adminNewNetwork")}</h2>
      <OutcomeMessages outcome={outcome} errors={errors} />
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
        <SelectField
          errors={errors}
          path="careDomain"
          label={t("adminCareDomain")}
          value={values.careDomain}
          onChange={(v) => set("careDomain", v as CareDomain)}
          options={props.domains}
        />
        <TextField
          errors={errors}
          path="contactEmail"
          label={t("adminContactEmail")}
          type="email"
          required
          value={values.contactEmail}
          onChange={(v) => set("contactEmail", v)}
        />
        <TextField
          errors={errors}
          path="description"
          label={t("adminDescription")}
          multiline
          value={values.description}
          onChange={(v) => set("description", v)}
        />
        <SelectField
          errors={errors}
          path="feeScheduleId"
          label={t("adminFeeSchedule")}
          empty={t("adminTenantDefault")}
          value={values.feeScheduleId}
          onChange={(v) => set("feeScheduleId", v)}
          options={choice(props.choices.feeSchedules)}
        />
        <SelectField
          errors={errors}
          path="intakeRuleSetId"
          label={t("adminIntakeRuleSet")}
          empty={t("adminTenantDefault")}
          value={values.intakeRuleSetId}
          onChange={(v) => set("intakeRuleSetId", v)}
          options={choice(props.choices.intakeRuleSets)}
        />
        <SelectField
          errors={errors}
          path="requestFormId"
          label={t("adminRequestForm")}
          empty={t("adminTenantDefault")}
          value={values.requestFormId}
          onChange={(v) => set("requestFormId", v)}
          options={choice(props.choices.requestForms)}
        />
        <button type="submit">{n ? t("save") : t("adminCreate")}</button>{" "}
        {n ? (
          <button type="button" className="secondary" onClick={props.onCancel}>
            {t("cancel")}
          </button>
        ) : null}
      </form>
    </section>
  );
}
