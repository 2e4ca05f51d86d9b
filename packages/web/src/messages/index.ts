// The app's words by area, merged into the dictionary of i18n.tsx. One module per area of pages
// (`export const <area>Messages = defineMessages({...sv}, {...en})`), spread into both languages here.
import { adminMessages } from "./admin";
import { analystMessages } from "./analyst";
import { coordMessages } from "./coordinator";
import { memberMessages } from "./member";
import { requestMessages } from "./request";

export const areaMessages = {
  sv: { ...adminMessages.sv, ...analystMessages.sv, ...coordMessages.sv, ...memberMessages.sv, ...requestMessages.sv },
  en: { ...adminMessages.en, ...analystMessages.en, ...coordMessages.en, ...memberMessages.en, ...requestMessages.en },
};
