-- AlterTable
ALTER TABLE "CarePlan" ADD COLUMN     "agreedAt" TIMESTAMP(3),
ADD COLUMN     "agreedRevision" TEXT;
