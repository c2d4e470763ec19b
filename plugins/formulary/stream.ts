/**
 * Streaming for bulk export: InsurancePlan (formularies and payer plans), their coverage
 * areas (Location), drugs, then
 * formulary items, each in key order, one page at a time. Every cursor names its type and
 * the key of its resource, so a resumed export continues just after it even if rows were
 * added meanwhile. The formulary holds no patient data: a patient constraint streams nothing.
 */
import type { RequestContext, StreamItem, StreamRequest } from '../sdk/contract.js';
import { resumeStream, START } from '../sdk/paging.js';
import type { FormularyClient } from './backend.js';
import { streamDrugs } from './drugs.js';
import { streamPlans } from './insurance-plans.js';
import { streamItems } from './items.js';
import { streamAreas } from './locations.js';

const ORDER = ['InsurancePlan', 'Location', 'MedicationKnowledge', 'Basic'];

/** Streams the requested types, resuming after `req.cursor` when given. */
export async function* streamAll(
  client: FormularyClient,
  pageSize: number,
  req: StreamRequest,
  ctx: RequestContext,
): AsyncGenerator<StreamItem> {
  if (ctx.constraints.patientIds) return;
  const resume = resumeStream(ORDER, req.cursor);
  for (const [index, type] of ORDER.entries()) {
    if (index < resume.typeIndex || !req.types.includes(type)) continue;
    const start = index === resume.typeIndex ? resume.position : START;
    if (type === 'InsurancePlan') yield* streamPlans(client, req, start, ctx);
    else if (type === 'Location') yield* streamAreas(client, req, start, ctx);
    else if (type === 'MedicationKnowledge') yield* streamDrugs(client, pageSize, req, start, ctx);
    else yield* streamItems(client, pageSize, req, start, ctx);
  }
}
