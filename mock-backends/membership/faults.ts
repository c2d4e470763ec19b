/**
 * Fault injection for tests: `POST /__faults {delayMs, status, times, pathPrefix}` makes
 * the other endpoints slow and/or fail until `DELETE /__faults` (or `times` requests have
 * been affected). Nothing is injected until a fault is set.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { errorBody } from './errors.js';

/** A fault to inject. */
export interface Fault {
  /** Delay before answering (or failing), in milliseconds. */
  readonly delayMs?: number;
  /** Answer with this status (400-599) instead of the real response. */
  readonly status?: number;
  /** Number of requests affected before the fault clears itself; unlimited when absent. */
  readonly times?: number;
  /** Only requests whose path starts with this are affected. */
  readonly pathPrefix?: string;
}

/** Holds the active fault and exposes the middleware and the admin routes. */
export class FaultInjector {
  private fault: Fault | undefined;
  private remaining = Infinity;

  /** Sets (replaces) the active fault. */
  set(fault: Fault): void {
    this.fault = fault;
    this.remaining = fault.times ?? Infinity;
  }

  /** Clears the active fault. */
  clear(): void {
    this.fault = undefined;
  }

  /** Middleware applying the active fault to a request, before any real work. */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    const fault = this.take(req.path);
    if (!fault) return next();
    const act = (): void => {
      if (res.writableEnded || req.socket.destroyed) return;
      if (fault.status === undefined) return next();
      res.status(fault.status).json(errorBody(fault.status, 'Injected fault'));
    };
    if (!fault.delayMs) return act();
    const timer = setTimeout(act, fault.delayMs);
    res.on('close', () => clearTimeout(timer));
  };

  /** Admin routes under `/__faults` (GET shows, POST sets, DELETE clears). */
  router(): Router {
    const router = express.Router();
    router.get('/__faults', (_req, res) => {
      res.json(this.fault ?? {});
    });
    router.post('/__faults', (req, res) => {
      this.set(req.body as Fault);
      res.status(204).end();
    });
    router.delete('/__faults', (_req, res) => {
      this.clear();
      res.status(204).end();
    });
    return router;
  }

  private take(path: string): Fault | undefined {
    const fault = this.fault;
    if (!fault || path.startsWith('/__faults')) return undefined;
    if (fault.pathPrefix !== undefined && !path.startsWith(fault.pathPrefix)) return undefined;
    this.remaining -= 1;
    if (this.remaining <= 0) this.clear();
    return fault;
  }
}
