import type { Locale } from "@medverkan/domain";
import { ApiErrorCode, apiError } from "../common/errors/api-error.js";

/**
 * GDPR art. 18: while a member's processing is restricted the data is only stored. A staff read (other than an
 * export answering the person) is refused with this error rather than answered as "not found", so the coordinator
 * knows why and does not, say, register the person a second time.
 */
export const processingRestricted = (locale: Locale = "en") =>
  apiError(
    ApiErrorCode.FORBIDDEN,
    {
      sv: "Behandlingen av personens uppgifter är begränsad (GDPR art. 18). Uppgifterna sparas men får inte användas.",
      en: "Processing of this person's data is restricted (GDPR art. 18). The data is kept but may not be used.",
    },
    locale,
    { reason: "PROCESSING_RESTRICTED" },
  );
