import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';

/**
 * The one Prisma client of the process (Prisma 6.19, JavaScript-only, through the pg adapter).
 * Pages, route handlers and server actions never import this directly: they go through the
 * data-access use cases in lib/server, which call the authorization module first.
 */
const globalForPrisma = globalThis as unknown as { __pathweavePrisma?: PrismaClient };

export function getPrisma(): PrismaClient {
  if (!globalForPrisma.__pathweavePrisma) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error('DATABASE_URL is not set: start Pathweave with `npm start`.');
    globalForPrisma.__pathweavePrisma = new PrismaClient({
      adapter: new PrismaPg({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) }),
    });
  }
  return globalForPrisma.__pathweavePrisma;
}

export async function disconnectPrisma(): Promise<void> {
  const client = globalForPrisma.__pathweavePrisma;
  globalForPrisma.__pathweavePrisma = undefined;
  if (client) await client.$disconnect();
}

export type { PrismaClient };
