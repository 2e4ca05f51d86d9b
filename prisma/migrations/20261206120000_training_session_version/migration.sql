-- AlterTable
ALTER TABLE "TrainingSession" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

