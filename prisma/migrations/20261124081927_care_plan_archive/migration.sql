-- AlterTable
ALTER TABLE "CarePlan" ADD COLUMN     "archivedAt" TIMESTAMP(3),
ADD COLUMN     "archivedById" TEXT;
