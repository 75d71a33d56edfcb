/**
 * Build-time registry of exercise data schemas, by exercise id. The content loader validates
 * `modules/NN-slug/exercises/<id>.yaml` against `exerciseSchemas[id]`; an id missing here fails
 * the build. Each exercise keeps its schema in `./<id>/schema.ts` and its view in
 * `./<id>/Exercise.svelte` (props: `{ data }`, the validated data). Add one line per exercise.
 */
import type { GenericSchema } from 'valibot';
import { schema as drgGrouper } from './drg-grouper/schema';
import { schema as pathBuilder } from './path-builder/schema';
import { schema as chartAudit } from './chart-audit/schema';
import { schema as roiDecisions } from './roi-decisions/schema';
import { schema as codeExplorer } from './code-explorer/schema';

export const exerciseSchemas: Record<string, GenericSchema> = {
  'drg-grouper': drgGrouper,
  'path-builder': pathBuilder,
  'chart-audit': chartAudit,
  'roi-decisions': roiDecisions,
  'code-explorer': codeExplorer
};
