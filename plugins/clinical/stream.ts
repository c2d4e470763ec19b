/**
 * Streaming for bulk export, `$everything` and payer-to-payer pulls: every resource of the
 * asked types, type after type (TYPE_SPECS order), each type in backend key order one page
 * at a time (constant memory), narrowed by the patient constraint; `since` becomes the
 * backend's `updatedSince` (for care teams, a team is streamed when any member row changed).
 * Each item's cursor names its type and key, so a stream resumes exactly after it.
 */
import type { RequestContext, StreamItem, StreamRequest } from '../sdk/contract.js';
import { resumeStream, START, streamItems, type Position } from '../sdk/paging.js';
import { fhirInstant, text, type Row } from './legacy-api.js';
import type { ClinicalEnv } from './env.js';
import { mapItems } from './items.js';
import { constrainedDraft } from './search.js';
import { itemSource, partsOf, type Item } from './source.js';
import { TYPE_SPECS, type TypeSpec } from './types.js';

/** Streams the asked types, resuming after `req.cursor` when given. */
export async function* streamClinical(
  env: ClinicalEnv,
  req: StreamRequest,
  ctx: RequestContext,
): AsyncGenerator<StreamItem> {
  const specs = TYPE_SPECS.filter((spec) => req.types.includes(spec.type));
  const order = specs.map((spec) => spec.type);
  const resume = resumeStream(order, req.cursor);
  for (let i = resume.typeIndex; i < specs.length; i++) {
    const spec = specs[i] as TypeSpec;
    const position = i === resume.typeIndex ? resume.position : START;
    yield* streamType(env, spec, req.since, position, ctx);
  }
}

function streamType(
  env: ClinicalEnv,
  spec: TypeSpec,
  since: Date | undefined,
  position: Position,
  ctx: RequestContext,
): AsyncGenerator<StreamItem> {
  const draft = constrainedDraft(ctx);
  if (since) draft.updatedSince = since.toISOString();
  const source = itemSource(env, partsOf(spec, draft), ctx.signal);
  const changed = (item: Item) =>
    !since ||
    item.rows.some(
      (row: Row) => Date.parse(fhirInstant(text(row, 'LAST_UPD_TS'))) >= since.getTime(),
    );
  return streamItems(source, position, {
    pageSize: env.options.streamPageSize,
    type: spec.type,
    map: async (items) => {
      const resources = await mapItems(env, items, ctx.signal);
      return resources.map((resource, i) => (changed(items[i] as Item) ? resource : undefined));
    },
  });
}
