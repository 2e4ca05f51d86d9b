import { type Logger, pino } from "pino";

/** Structured JSON logs; credentials and personal contact data never reach a log line. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.cookie",
        "*.email",
        "*.phone",
        "*.password",
        "variables",
        "*.personalIdentityNumber",
        "*.personal_identity_number",
        "*.claims",
      ],
      censor: "[redacted]",
    },
  });
}
