/** Generates the Prisma client (lib/generated/prisma) when missing or older than the schema. Runs after npm install. */
import { ensurePrismaClient } from '../lib/db/prepare';

try {
  await ensurePrismaClient(process.cwd());
} catch (error) {
  process.stderr.write(`Could not generate the Prisma client: ${(error as Error).message}\n`);
  process.exit(1);
}
