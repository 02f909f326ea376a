-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "targetLabel" TEXT;

-- AlterTable
ALTER TABLE "WorkshopVote" ADD COLUMN     "stepLabel" TEXT;
