/** `npm run db:migrate` and `npm run db:seed` against DATABASE_URL or the embedded database. */
export {};
const command = process.argv[2];
const { prepareDatabase } = await import('../lib/db/prepare');
let db: Awaited<ReturnType<typeof prepareDatabase>> | undefined;
try {
  db = await prepareDatabase({});
  process.stdout.write('Migrations applied.\n');
  if (command === 'seed') {
    process.env.DATABASE_URL = db.url;
    const { getPrisma, disconnectPrisma } = await import('../lib/db/client');
    const { isSeeded, seedDemo } = await import('../lib/db/seed');
    if (await isSeeded(getPrisma())) process.stdout.write('Demo data is already there.\n');
    else {
      await seedDemo(getPrisma());
      process.stdout.write('Demo data added.\n');
    }
    await disconnectPrisma();
  }
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await db?.stop();
}
