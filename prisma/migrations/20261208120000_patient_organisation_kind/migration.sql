-- Patient and user organisations (issue 21 item 4): a kind of their own, so a representation can only name one.
-- Alone in its migration: a value added to an enum cannot be used in the transaction that adds it.
ALTER TYPE "OrganisationKind" ADD VALUE 'PATIENT_ORGANISATION';
