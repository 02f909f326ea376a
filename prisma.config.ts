// Prisma CLI configuration: Prisma 6.19 in its JavaScript-only mode (no engine binaries),
// talking to PostgreSQL through the pg driver adapter. See ../shared/design/stack-notes.md.
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

// Workaround for prisma/orm#27403: `migrate deploy` through @prisma/adapter-pg cannot
// deserialise PostgreSQL catalog columns of type `name` (oid 19). Read them as text (oid 25).
// Kept here, in the CLI's config, so the application's own queries are untouched.
const proto = (pg as unknown as { Query: { prototype: Record<string, unknown> } }).Query.prototype;
if (!proto.__pathweaveNamePatch) {
  const original = proto.handleRowDescription as (this: unknown, msg: { fields: { dataTypeID: number }[] }) => void;
  proto.handleRowDescription = function (this: unknown, msg: { fields: { dataTypeID: number }[] }) {
    for (const field of msg.fields) if (field.dataTypeID === 19) field.dataTypeID = 25;
    return original.call(this, msg);
  };
  proto.__pathweaveNamePatch = true;
}

// @prisma/adapter-pg 6.x runs a migration by splitting it on every ";", which breaks
// PL/pgSQL function bodies (our immutability triggers). PostgreSQL's simple query protocol
// runs a whole multi-statement script in one call, inside one implicit transaction, so send it whole.
type ScriptRunner = {
  executeScript(script: string): Promise<void>;
  onError(error: unknown): never;
  client?: { query(sql: string): Promise<unknown> };
};
function wholeScriptAdapter(factory: PrismaPg): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = (await connect()) as unknown as ScriptRunner;
    const client = adapter.client;
    if (client) {
      adapter.executeScript = async (script: string) => {
        try {
          await client.query(script);
        } catch (error) {
          adapter.onError(error); // the adapter's own error conversion, so Prisma reports the database's message
        }
      };
    }
    return adapter as unknown as Awaited<ReturnType<typeof connect>>;
  };
  return factory;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  adapter: async () => wholeScriptAdapter(new PrismaPg({ connectionString: process.env.DATABASE_URL })),
});
