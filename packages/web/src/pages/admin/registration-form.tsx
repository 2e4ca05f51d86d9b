import { useMutation, useQuery } from "urql";
import { useViewer } from "../../app";
import { graphql } from "../../generated";
import { useI18n } from "../../i18n";
import { QuestionsEditor } from "./questions";
import { AdminPage, outcomeOf, QueryState } from "./shared";

const RegistrationFormDocument = graphql(`
  query AdminRegistrationForm($slug: String!) {
    tenant(slug: $slug) {
      id
      registrationForm {
        version
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

const UpdateRegistrationFormDocument = graphql(`
  mutation AdminUpdateRegistrationForm($input: UpdateRegistrationFormInput!) {
    updateRegistrationForm(input: $input) {
      registrationForm { version }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

export function RegistrationFormPage() {
  const { t } = useI18n();
  const slug = useViewer()?.tenant?.slug ?? "";
  const [{ data, error, fetching }, refetch] = useQuery({
    query: RegistrationFormDocument,
    variables: { slug },
    pause: !slug,
    requestPolicy: "network-only",
  });
  const [, update] = useMutation(UpdateRegistrationFormDocument);
  const form = data?.tenant?.registrationForm;
  return (
    <AdminPage title={t("adminRegistrationForm")}>
      <p>{t("adminRegistrationFormIntro")}</p>
      <QueryState error={error} loading={fetching && !data} />
      {form ? (
        <QuestionsEditor
          form="registration-form"
          questions={form.questions}
          save={async (questions) => {
            const result = await update({ input: { expectedVersion: form.version, questions } });
            refetch({ requestPolicy: "network-only" });
            return outcomeOf(result.error, result.data?.updateRegistrationForm.errors);
          }}
        />
      ) : null}
    </AdminPage>
  );
}
