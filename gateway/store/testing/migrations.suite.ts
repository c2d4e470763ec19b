import { expect } from 'chai';
import { createStore } from '../index.js';
import { migrate, SchemaTooNewError } from '../migrate.js';
import { migrations } from '../migrations/index.js';
import type { Database } from '../types.js';
import { type Harness, useFreshDatabase } from './harness.js';

const LATEST = migrations.at(-1)?.version ?? 0;

async function ledger(db: Database): Promise<number[]> {
  const rows = await db.query<{ version: number }>(
    'SELECT version FROM schema_migrations ORDER BY version',
  );
  return rows.map((row) => Number(row.version));
}

/** Versioned migrations: applied once, in order, refused when the database is newer. */
export function describeMigrations(harness: Harness): void {
  describe('migrations', function () {
    useFreshDatabase(harness, false);

    it('applies every migration once, in order', async function () {
      const report = await migrate(harness.db, migrations);
      expect(report).to.deep.equal({ applied: migrations.map((m) => m.version), current: LATEST });
      expect(await ledger(harness.db)).to.deep.equal(migrations.map((m) => m.version));
    });

    it('is idempotent: a second run applies nothing', async function () {
      await migrate(harness.db, migrations);
      const again = await migrate(harness.db, migrations);
      expect(again).to.deep.equal({ applied: [], current: LATEST });
      expect(await ledger(harness.db)).to.have.length(migrations.length);
    });

    it('applies only the pending ones after an upgrade', async function () {
      await migrate(harness.db, migrations.slice(0, 1));
      const report = await migrate(harness.db, migrations);
      expect(report.applied).to.deep.equal(migrations.slice(1).map((m) => m.version));
    });

    it('refuses a schema newer than the code knows, changing nothing', async function () {
      await migrate(harness.db, migrations);
      const older = migrations.slice(0, -1);
      const error = await migrate(harness.db, older).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(SchemaTooNewError);
      const known = LATEST - 1;
      const expected = `at version ${LATEST} but this gateway only knows up to version ${known}`;
      expect((error as Error).message).to.contain(expected);
      expect(await ledger(harness.db)).to.have.length(migrations.length);
    });

    it('rolls back a failing migration, recording nothing', async function () {
      const broken = { version: LATEST + 1, name: 'broken', sql: 'CREATE TABLE x (a INT); NOPE' };
      const error = await migrate(harness.db, [...migrations, broken]).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(Error);
      expect(await ledger(harness.db)).to.deep.equal(migrations.map((m) => m.version));
      const tables = await harness.db.query('SELECT 1 FROM x').catch((e: unknown) => e);
      expect(tables).to.be.instanceOf(Error);
    });

    it('rejects a migration list out of order', async function () {
      const reversed = [...migrations].reverse();
      const error = await migrate(harness.db, reversed).catch((e: unknown) => e);
      expect((error as Error).message).to.match(/out of order/);
    });

    it('lets instances starting together apply each migration exactly once', async function () {
      if (!harness.backend.parallelHandles || !harness.current.openAnother) this.skip();
      const others = [harness.current.openAnother(), harness.current.openAnother()];
      try {
        const reports = await Promise.all(
          [harness.db, ...others].map((db) => migrate(db, migrations)),
        );
        const applied = reports.flatMap((report) => report.applied).sort();
        expect(applied).to.deep.equal(migrations.map((m) => m.version));
      } finally {
        await Promise.all(others.map((db) => db.close()));
      }
      expect(await ledger(harness.db)).to.have.length(migrations.length);
    });

    describe('createStore', function () {
      it('migrates, reports healthy and closes', async function () {
        const store = await createStore(harness.current.options ?? { sqlitePath: ':memory:' });
        try {
          expect(await store.health()).to.deep.equal({ status: 'pass' });
          expect(await ledger(store.db)).to.have.length(migrations.length);
        } finally {
          await store.close();
        }
        expect((await store.health()).status).to.equal('fail');
      });

      it('refuses to start on a database migrated by a newer gateway', async function () {
        if (!harness.current.options) this.skip();
        await migrate(harness.db, migrations);
        await harness.db.execute(
          'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
          [LATEST + 1, 'from-the-future', new Date().toISOString()],
        );
        const error = await createStore(harness.current.options).catch((e: unknown) => e);
        expect(error).to.be.instanceOf(SchemaTooNewError);
        expect((error as SchemaTooNewError).databaseVersion).to.equal(LATEST + 1);
      });
    });
  });
}
