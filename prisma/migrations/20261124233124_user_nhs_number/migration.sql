-- AlterTable
ALTER TABLE "User" ADD COLUMN     "nhsNumber" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "User_nhsNumber_key" ON "User"("nhsNumber");
