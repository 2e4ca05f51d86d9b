import { Link, Route, Routes } from "react-router";
import { hasRole, useViewer } from "../../app";
import { useI18n } from "../../i18n";
import { FeeSchedulesPage } from "./fee-schedules";
import { IdentityProvidersPage } from "./identity-providers";
import { IntakeRulesPage } from "./intake-rules";
import { NetworksPage } from "./networks";
import { OrganisationsPage } from "./organisations";
import { RegistrationFormPage } from "./registration-form";
import { RequestFormsPage } from "./request-forms";
import { ADMIN_PAGES, AdminPage } from "./shared";
import { StaffPage } from "./staff";
import { TaxonomyPage } from "./taxonomy";
import { UnitsPage } from "./units";

// The tenant admin's area (issue 18), loaded only when opened: one page per kind of configuration.

export default function AdminArea() {
  const { t } = useI18n();
  const viewer = useViewer();
  if (!hasRole(viewer, "TENANT_ADMIN")) return <p role="alert">{t("adminOnly")}</p>;
  return (
    <Routes>
      <Route index element={<AdminOverview />} />
      <Route path="fee-schedules" element={<FeeSchedulesPage />} />
      <Route path="intake-rules" element={<IntakeRulesPage />} />
      <Route path="request-forms" element={<RequestFormsPage />} />
      <Route path="registration-form" element={<RegistrationFormPage />} />
      <Route path="networks" element={<NetworksPage />} />
      <Route path="taxonomy" element={<TaxonomyPage />} />
      <Route path="organisations" element={<OrganisationsPage />} />
      <Route path="units" element={<UnitsPage />} />
      <Route path="staff" element={<StaffPage />} />
      <Route path="identity-providers" element={<IdentityProvidersPage />} />
      <Route path="*" element={<p>{t("notFound")}</p>} />
    </Routes>
  );
}

function AdminOverview() {
  const { t } = useI18n();
  return (
    <AdminPage title={t("adminTitle")}>
      <p>{t("adminIntro")}</p>
      <ul className="cards">
        {ADMIN_PAGES.map((page) => (
          <li key={page.path} className="card">
            <Link to={page.path}>{t(page.label)}</Link>
          </li>
        ))}
      </ul>
    </AdminPage>
  );
}
