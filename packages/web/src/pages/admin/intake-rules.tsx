import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { ScrollableTable } from "../../components/scrollable-table";
import { graphql } from "../../generated";
import type { IntakeRulesInput } from "../../generated/graphql";
import { useI18n } from "../../i18n";
import {
  AdminPage,
  CheckboxField,
  formErrors,
  intOrNull,
  NO_OUTCOME,
  type Outcome,
  OutcomeMessages,
  outcomeOf,
  QueryState,
  TextField,
} from "./shared";

const IntakeRulesDocument = graphql(`
  query AdminIntakeRules {
    networks(first: 100) { nodes { id name intakeRuleSet { id name } } }
    intakeRuleSets(first: 100) {
      nodes {
        id name version isTenantDefault
        rules {
          allowedMunicipalities followUpWithinDays guardianConsentBelowAge minimumAge
          recordOrganisationMandate requireContactCall requireIntroductionMeeting requireTrainingAttended
        }
      }
    }
  }
`);

const UpdateIntakeRuleSetDocument = graphql(`
  mutation AdminUpdateIntakeRuleSet($input: UpdateIntakeRuleSetInput!) {
    updateIntakeRuleSet(input: $input) {
      intakeRuleSet { id version }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

const CreateIntakeRuleSetDocument = graphql(`
  mutation AdminCreateIntakeRuleSet($input: CreateIntakeRuleSetInput!) {
    createIntakeRuleSet(input: $input) {
      intakeRuleSet { id }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

type Rules = IntakeRulesInput;
const NEW_RULES: Rules = {
  allowedMunicipalities: null,
  followUpWithinDays: null,
  guardianConsentBelowAge: null,
  minimumAge: null,
  recordOrganisationMandate: false,
  requireContactCall: false,
  requireIntroductionMeeting: false,
  requireTrainingAttended: false,
};

export function IntakeRulesPage() {
  const { t } = useI18n();
  const [{ data, error, fetching }, refetch] = useQuery({ query: IntakeRulesDocument, requestPolicy: "network-only" });
  const [, update] = useMutation(UpdateIntakeRuleSetDocument);
  const [, create] = useMutation(CreateIntakeRuleSetDocument);
  const reload = () => refetch({ requestPolicy: "network-only" });
  const sets = data?.intakeRuleSets?.nodes ?? [];
  const defaultSet = sets.find((s) => s.isTenantDefault);
  return (
    <AdminPage title={t("adminIntakeRules")}>
      <QueryState error={error} loading={fetching && !data} />
      <h2>{t("adminNetworks")}</h2>
      <ScrollableTable
        label={t("adminIntakeRulesByNetwork")}
        head={
          <>
            <th scope="col">{t("networkLabel")}</th>
            <th scope="col">{t("adminIntakeRuleSet")}</th>
          </>
        }
      >
        {(data?.networks?.nodes ?? []).map((n) => (
          <tr key={n.id}>
            <td>{n.name}</td>
            <td>{n.intakeRuleSet?.name ?? `${defaultSet?.name ?? "–"} (${t("adminDefault")})`}</td>
          </tr>
        ))}
      </ScrollableTable>
      <p className="hint">{t("adminIntakeRulesNetworkHint")}</p>
      {sets.map((set) => (
        <section key={set.id} aria-labelledby={`rules-${set.id}`}>
          <h2 id={`rules-${set.id}`}>
            {set.name}
            {set.isTenantDefault ? ` (${t("adminDefault")})` : ""}
          </h2>
          <RulesForm
            form={`rules-${set.id}`}
            name={set.name}
            rules={set.rules}
            submitLabel={t("save")}
            save={async (name, rules) => {
              const result = await update({ input: { id: set.id, expectedVersion: set.version, name, rules } });
              reload();
              return outcomeOf(result.error, result.data?.updateIntakeRuleSet.errors);
            }}
          />
        </section>
      ))}
      <section aria-labelledby="new-rules">
        <h2 id="new-rules">{t("adminNewIntakeRuleSet")}</h2>
        <RulesForm
          form="new-rules"
          name=""
          rules={NEW_RULES}
          submitLabel={t("adminCreate")}
          save={async (name, rules) => {
            const result = await create({ input: { name, rules } });
            reload();
            return outcomeOf(result.error, result.data?.createIntakeRuleSet.errors);
          }}
        />
      </section>
    </AdminPage>
  );
}

function RulesForm(props: {
  form: string;
  name: string;
  rules: Rules;
  submitLabel: string;
  save: (name: string, rules: Rules) => Promise<Outcome>;
}) {
  const { t } = useI18n();
  const r = props.rules;
  const [values, setValues] = useState({
    name: props.name,
    minimumAge: String(r.minimumAge ?? ""),
    guardianConsentBelowAge: String(r.guardianConsentBelowAge ?? ""),
    followUpWithinDays: String(r.followUpWithinDays ?? ""),
    allowedMunicipalities: (r.allowedMunicipalities ?? []).join("\n"),
    requireContactCall: r.requireContactCall,
    requireIntroductionMeeting: r.requireIntroductionMeeting,
    requireTrainingAttended: r.requireTrainingAttended,
    recordOrganisationMandate: r.recordOrganisationMandate,
  });
  const [outcome, setOutcome] = useState<Outcome>(NO_OUTCOME);
  const errors = formErrors(props.form, outcome);
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) => setValues((old) => ({ ...old, [key]: value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const municipalities = values.allowedMunicipalities
      .split("\n")
      .map((m) => m.trim())
      .filter(Boolean);
    setOutcome(
      await props.save(values.name.trim(), {
        minimumAge: intOrNull(values.minimumAge),
        guardianConsentBelowAge: intOrNull(values.guardianConsentBelowAge),
        followUpWithinDays: intOrNull(values.followUpWithinDays),
        allowedMunicipalities: municipalities.length ? municipalities : null,
        requireContactCall: values.requireContactCall,
        requireIntroductionMeeting: values.requireIntroductionMeeting,
        requireTrainingAttended: values.requireTrainingAttended,
        recordOrganisationMandate: values.recordOrganisationMandate,
      }),
    );
  };
  return (
    <>
      <OutcomeMessages outcome={outcome} errors={errors} />
      <form onSubmit={submit} noValidate>
        <TextField errors={errors} path="name" label={t("name")} required value={values.name} onChange={(v) => set("name", v)} />
        <TextField
          errors={errors}
          path="rules.minimumAge"
          label={t("adminMinimumAge")}
          type="number"
          value={values.minimumAge}
          onChange={(v) => set("minimumAge", v)}
        />
        <TextField
          errors={errors}
          path="rules.guardianConsentBelowAge"
          label={t("adminGuardianConsentBelowAge")}
          type="number"
          value={values.guardianConsentBelowAge}
          onChange={(v) => set("guardianConsentBelowAge", v)}
        />
        <TextField
          errors={errors}
          path="rules.followUpWithinDays"
          label={t("adminFollowUpWithinDays")}
          type="number"
          value={values.followUpWithinDays}
          onChange={(v) => set("followUpWithinDays", v)}
        />
        <TextField
          errors={errors}
          path="rules.allowedMunicipalities"
          nested
          label={t("adminAllowedMunicipalities")}
          hint={t("adminAllowedMunicipalitiesHint")}
          multiline
          value={values.allowedMunicipalities}
          onChange={(v) => set("allowedMunicipalities", v)}
        />
        <CheckboxField
          errors={errors}
          path="rules.requireContactCall"
          label={t("adminRequireContactCall")}
          checked={values.requireContactCall}
          onChange={(v) => set("requireContactCall", v)}
        />
        <CheckboxField
          errors={errors}
          path="rules.requireIntroductionMeeting"
          label={t("adminRequireIntroductionMeeting")}
          checked={values.requireIntroductionMeeting}
          onChange={(v) => set("requireIntroductionMeeting", v)}
        />
        <CheckboxField
          errors={errors}
          path="rules.requireTrainingAttended"
          label={t("adminRequireTraining")}
          checked={values.requireTrainingAttended}
          onChange={(v) => set("requireTrainingAttended", v)}
        />
        <CheckboxField
          errors={errors}
          path="rules.recordOrganisationMandate"
          label={t("adminRecordMandate")}
          checked={values.recordOrganisationMandate}
          onChange={(v) => set("recordOrganisationMandate", v)}
        />
        <button type="submit">{props.submitLabel}</button>
      </form>
    </>
  );
}
