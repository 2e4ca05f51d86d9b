-- CreateEnum
CREATE TYPE "AnswerChannel" AS ENUM ('PHONE', 'PAPER', 'IN_PERSON');

-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "answerChannel" "AnswerChannel",
ADD COLUMN     "answerRecordedById" UUID,
ADD COLUMN     "answerRecordedByRole" TEXT;

