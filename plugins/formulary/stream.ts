/**
 * Streaming for bulk export: formularies, drugs, then formulary items, each in backend order, one page at a
 * time. Every cursor names its type and resumes just after its resource. The formulary
 * holds no patient data: a patient constraint streams nothing.
 */
import type { RequestContext, StreamItem, StreamRequest } from '../sdk/contract.js';
import { BadRequestError } from '../sdk/errors.js';
import type { FormularyClient } from './backend.js';
import { decodeCursor } from './cursor.js';
import { streamDrugs } from './drugs.js';
import { streamFormularies } from './formularies.js';
import { streamItems } from './items.js';

const ORDER = ['InsurancePlan', 'MedicationKnowledge', 'Basic'];

/** Streams the requested types, resuming after `req.cursor` when given. */
export async function* streamAll(
  client: FormularyClient,
  pageSize: number,
  req: StreamRequest,
  ctx: RequestContext,
): AsyncGenerator<StreamItem> {
  if (ctx.constraints.patientIds) return;
  const resume = req.cursor === undefined ? undefined : decodeCursor(req.cursor);
  const first = resume ? ORDER.indexOf(resume.type ?? '') : 0;
  if (first < 0) {
    throw new BadRequestError('The stream cursor is invalid', { expression: ['cursor'] });
  }
  for (const [index, type] of ORDER.entries()) {
    if (index < first || !req.types.includes(type)) continue;
    const start = resume && index === first ? resume.offset : 0;
    if (type === 'InsurancePlan') yield* streamFormularies(client, req, start, ctx);
    else if (type === 'MedicationKnowledge') yield* streamDrugs(client, pageSize, req, start, ctx);
    else yield* streamItems(client, pageSize, req, start, ctx);
  }
}
