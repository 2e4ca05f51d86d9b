// The app's words by area, merged into the dictionary of i18n.tsx. One module per area of pages
// (`export const <area>Messages = defineMessages({...sv}, {...en})`), spread into both languages here.
import { coordMessages } from "./coordinator";

export const areaMessages = {
  sv: {
    ...coordMessages.sv,
  },
  en: {
    ...coordMessages.en,
  },
};
