/**
 * The mock legacy formulary (pharmacy benefit) system: the drug catalog and each plan's
 * formularies in SQLite behind a non-FHIR JSON API (oas/formulary-backend.yaml). It holds
 * reference data only, so it always loads into memory at start (in milliseconds).
 */
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { FaultInjector, type Fault } from '../membership/faults.js';
import { createFormularyApp } from './app.js';
import { createFormularyStore, type FormularyStore } from './store.js';

export { FORMULARY_OAS_PATH } from './app.js';
export type { Fault } from '../membership/faults.js';
export type {
  CostShareRow,
  DrugRow,
  FormularyItemRow,
  FormularyRow,
  NdcRow,
  TierRow,
} from './legacy.js';

/** Options for {@link createFormularyBackend}. */
export interface FormularyBackendOptions {
  /** Validate responses against the OpenAPI document too (tests). */
  readonly validateResponses?: boolean;
}

/** A formulary backend ready to serve. */
export interface FormularyBackend {
  readonly app: Express;
  /** Sets or clears the injected fault without going through HTTP. */
  readonly faults: { set(fault: Fault): void; clear(): void };
  /** Adds rows behind the API's back (tests: data changing between page requests). */
  readonly data: Pick<FormularyStore, 'insertItem' | 'insertDrug'>;
  /** Closes the database. */
  close(): void;
}

/** A formulary backend listening on a port. */
export interface RunningFormularyBackend {
  /** Base URL, e.g. `http://127.0.0.1:8085`. */
  readonly url: string;
  readonly port: number;
  readonly backend: FormularyBackend;
  /** Stops listening and closes the database. */
  close(): Promise<void>;
}

/** Options for {@link startFormularyBackend}. */
export interface StartFormularyOptions extends FormularyBackendOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  readonly port?: number;
  /** Interface to bind (default 127.0.0.1). */
  readonly host?: string;
}

/** Creates the backend (Express app + in-memory database). */
export function createFormularyBackend(options: FormularyBackendOptions = {}): FormularyBackend {
  const store = createFormularyStore();
  const faults = new FaultInjector();
  const app = createFormularyApp(store, faults, { validateResponses: options.validateResponses });
  const data = {
    insertItem: store.insertItem.bind(store),
    insertDrug: store.insertDrug.bind(store),
  };
  return { app, faults, data, close: () => store.close() };
}

/** Creates the backend and listens on `port` (ephemeral by default). */
export async function startFormularyBackend(
  options: StartFormularyOptions = {},
): Promise<RunningFormularyBackend> {
  const backend = createFormularyBackend(options);
  const host = options.host ?? '127.0.0.1';
  const server = backend.app.listen(options.port ?? 0, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const close = async (): Promise<void> => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    backend.close();
  };
  return { url: `http://${host}:${port}`, port, backend, close };
}
