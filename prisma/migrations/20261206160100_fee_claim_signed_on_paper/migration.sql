-- AlterTable
ALTER TABLE "FeeClaim" ADD COLUMN     "submittedChannel" "AnswerChannel",
ADD COLUMN     "submittedRecordedById" UUID,
ADD COLUMN     "submittedRecordedByRole" TEXT;

