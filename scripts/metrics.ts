/**
 * `npm run -s metrics -- --year YYYY [--out DIR] [--format csv|json|both] [--no-plans]`:
 * the CMS-0057-F Patient Access API metrics for a calendar year, from the configured store's
 * audit trail (SQLite by default, PostgreSQL when DATABASE_URL is set). Plans are resolved
 * through the configured plugin that serves Coverage. Writes
 * `patient-access-metrics-<year>.csv` and `.json` into DIR (default `var/metrics`) and prints
 * a summary. Exit code 2 for a bad argument or a missing store, 1 for any other failure.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import winston from 'winston';
import { createHttpClient } from '../plugins/sdk/http-client.js';
import { publicBaseUrl } from '../gateway/app.js';
import {
  computePatientAccessMetrics,
  coveragePlanResolver,
  MetricsInputError,
  parseYear,
} from '../gateway/audit/metrics.js';
import {
  metricsSummary,
  writeMetricsFiles,
  type MetricsFormat,
} from '../gateway/audit/metrics-output.js';
import { loadConfig } from '../gateway/config/load.js';
import type { GatewayConfig } from '../gateway/config/schema.js';
import { loadPlugins, type PluginRegistry } from '../gateway/plugins/registry.js';
import { createStore } from '../gateway/store/index.js';
import type { Store } from '../gateway/store/types.js';

const FORMATS: readonly MetricsFormat[] = ['csv', 'json', 'both'];

function options() {
  try {
    return parseArgs({
      options: {
        year: { type: 'string' },
        out: { type: 'string', default: 'var/metrics' },
        format: { type: 'string', default: 'both' },
        'no-plans': { type: 'boolean', default: false },
      },
    }).values;
  } catch (err) {
    throw new MetricsInputError(err instanceof Error ? err.message : String(err));
  }
}

function formatOf(value: string): MetricsFormat {
  const format = FORMATS.find((candidate) => candidate === value);
  if (!format) throw new MetricsInputError(`--format must be csv, json or both (got "${value}")`);
  return format;
}

/** Logs (warnings and errors only, as JSON) go to stderr so stdout stays the summary. */
function stderrLogger(): winston.Logger {
  return winston.createLogger({
    level: 'warn',
    format: winston.format.json(),
    transports: [new winston.transports.Console({ stderrLevels: ['error', 'warn'] })],
  });
}

/** Opens the store; a SQLite file that does not exist is a missing store, not a new one. */
async function openStore(config: GatewayConfig): Promise<Store> {
  const { sqlitePath, postgresUrl } = config.store;
  if (!postgresUrl && sqlitePath !== ':memory:' && !existsSync(sqlitePath)) {
    throw new MetricsInputError(
      `no store at ${sqlitePath} (set SQLITE_PATH, or DATABASE_URL for PostgreSQL)`,
    );
  }
  try {
    return await createStore(config.store);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new MetricsInputError(`cannot open the store: ${reason}`);
  }
}

async function loadRegistry(config: GatewayConfig, logger: winston.Logger) {
  return loadPlugins(config.plugins, {
    logger,
    http: createHttpClient(config.backends),
    fhirBaseUrl: publicBaseUrl(config.server),
  });
}

async function main(): Promise<void> {
  const args = options();
  const year = parseYear(args.year);
  const format = formatOf(args.format);
  const config = loadConfig();
  const logger = stderrLogger();
  const store = await openStore(config);
  let registry: PluginRegistry | undefined;
  try {
    registry = args['no-plans'] ? undefined : await loadRegistry(config, logger);
    const plans = registry ? coveragePlanResolver(registry, logger) : undefined;
    const metrics = await computePatientAccessMetrics(store.db, { year, plans });
    const files = await writeMetricsFiles(metrics, args.out, format);
    process.stdout.write(metricsSummary(metrics, files));
  } finally {
    await registry?.close();
    await store.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`metrics: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(err instanceof MetricsInputError ? 2 : 1);
});
