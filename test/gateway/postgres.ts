/**
 * The PostgreSQL the gateway tests use: `MMS_TEST_DATABASE_URL`, which
 * .ci/run always sets after starting PostgreSQL 15. Each test file gets a
 * database of its own, dropped afterwards. Without the variable the tests
 * are skipped locally, and fail in CI (CI=true), where a missing database
 * is a broken run, not a reason to pass.
 */
import pg from 'pg';

export const TEST_DATABASE_URL = process.env['MMS_TEST_DATABASE_URL'];

if (!TEST_DATABASE_URL && process.env['CI'])
  throw new Error('MMS_TEST_DATABASE_URL is not set: .ci/run must start PostgreSQL and set it');

/** `describe` when a database is there, else `describe.skip` (locally only, see above). */
export const describeWithPostgres = TEST_DATABASE_URL ? describe : describe.skip;

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** Creates an empty database and returns its URL. */
export async function freshDatabase(prefix: string): Promise<TestDatabase> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_');
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
