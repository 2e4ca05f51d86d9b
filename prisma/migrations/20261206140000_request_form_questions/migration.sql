-- Issue 16, point 4: a request form's own questions, and the answers a request keeps with the form version they
-- were given on. Columns only: both tables already have tenantId and row-level security.

-- AlterTable
ALTER TABLE "RequestForm" ADD COLUMN     "questions" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "Request" ADD COLUMN     "answers" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "requestFormId" UUID,
ADD COLUMN     "requestFormVersion" INTEGER;
