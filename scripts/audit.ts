/**
 * `npm run -s audit -- [--patient ID] [--client ID] [--from DATE] [--to DATE] [--limit N]`:
 * prints the audit trail of patient-data disclosures from the configured store as JSON lines,
 * newest first. Dates are ISO dates or instants; `--to` is exclusive.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../gateway/config/load.js';
import { createStore } from '../gateway/store/index.js';

const { values } = parseArgs({
  options: {
    patient: { type: 'string' },
    client: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    limit: { type: 'string', default: '1000' },
  },
});

function instant(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`--${flag} "${value}" is not a date`);
  return date.toISOString();
}

async function main(): Promise<void> {
  const config = loadConfig();
  const store = await createStore(config.store);
  try {
    const events = await store.audit.query({
      patientId: values.patient,
      clientId: values.client,
      from: instant(values.from, 'from'),
      to: instant(values.to, 'to'),
      limit: Number(values.limit),
    });
    for (const event of events) process.stdout.write(`${JSON.stringify(event)}\n`);
  } finally {
    await store.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`audit: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
