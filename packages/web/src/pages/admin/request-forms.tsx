import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { graphql } from "../../generated";
import { useI18n } from "../../i18n";
import { QuestionsEditor } from "./questions";
import { AdminPage, outcomeOf, QueryState } from "./shared";

const RequestFormsDocument = graphql(`
  query AdminRequestForms {
    requestForms(first: 100) {
      nodes {
        id name version isTenantDefault
        fields { field label required }
        questions {
          key labelSv labelEn helpSv helpEn type required maxLength minLength maxSelections minValue maxValue placeAfter
          options { key labelSv labelEn }
          showWhen { question anyOf }
          requiredWhen { question anyOf }
        }
      }
    }
  }
`);

const UpdateRequestFormDocument = graphql(`
  mutation AdminUpdateRequestForm($input: UpdateRequestFormInput!) {
    updateRequestForm(input: $input) {
      requestForm { id version }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

export function RequestFormsPage() {
  const { t } = useI18n();
  const [{ data, error, fetching }, refetch] = useQuery({ query: RequestFormsDocument, requestPolicy: "network-only" });
  const [, update] = useMutation(UpdateRequestFormDocument);
  const [selected, setSelected] = useState<string | null>(null);
  const forms = data?.requestForms?.nodes ?? [];
  const form = forms.find((f) => f.id === selected) ?? forms.find((f) => f.isTenantDefault) ?? forms[0];
  return (
    <AdminPage title={t("adminRequestForms")}>
      <p>{t("adminRequestFormsIntro")}</p>
      <QueryState error={error} loading={fetching && !data} />
      {forms.length > 1 ? (
        <div className="field">
          <label htmlFor="request-form-choice">{t("adminRequestForm")}</label>
          <select id="request-form-choice" value={form?.id ?? ""} onChange={(e) => setSelected(e.target.value)}>
            {forms.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
                {f.isTenantDefault ? ` (${t("adminDefault")})` : ""}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {form ? (
        <section aria-labelledby="request-form-heading" key={form.id}>
          <h2 id="request-form-heading">{form.name}</h2>
          <h3>{t("adminFormFields")}</h3>
          <ul>
            {form.fields.map((f) => (
              <li key={f.field}>
                {f.label}
                {f.required ? ` (${t("required")})` : ""}
              </li>
            ))}
          </ul>
          <h3>{t("adminQuestions")}</h3>
          <QuestionsEditor
            form="request-form"
            questions={form.questions}
            save={async (questions) => {
              const result = await update({ input: { id: form.id, expectedVersion: form.version, questions } });
              refetch({ requestPolicy: "network-only" });
              return outcomeOf(result.error, result.data?.updateRequestForm.errors);
            }}
          />
        </section>
      ) : null}
    </AdminPage>
  );
}
