/**
 * Listening helpers shared by the directory, claims and utilization mocks: bind an Express
 * app to a loopback port (ephemeral by default) and close it without waiting for idle
 * keep-alive connections.
 */
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/** Where to listen. */
export interface ListenOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  readonly port?: number;
  /** Interface to bind (default 127.0.0.1). */
  readonly host?: string;
}

/** A listening app. */
export interface Listening {
  /** Base URL, e.g. `http://127.0.0.1:8083`. */
  readonly url: string;
  readonly port: number;
  /** Stops listening (drops open connections). */
  close(): Promise<void>;
}

/** Listens on `options.port` (ephemeral by default) on loopback. */
export async function listen(app: Express, options: ListenOptions = {}): Promise<Listening> {
  const host = options.host ?? '127.0.0.1';
  const server = app.listen(options.port ?? 0, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const close = async (): Promise<void> => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { url: `http://${host}:${port}`, port, close };
}
