import { startClinicalBackend } from '../../mock-backends/clinical/index.js';
import { clinicalAt, type ClinicalRecord } from '../../mock-backends/synthetic/index.js';
import { describePluginContract } from '../sdk/contract-suite.js';
import { testPluginContext, testRequestContext } from '../sdk/testing.js';
import createClinicalPlugin from './index.js';

const SEED = 4;

describePluginContract(
  'clinical',
  async () => {
    const backend = await startClinicalBackend({ members: 3, seed: SEED, validateResponses: true });
    const plugin = await createClinicalPlugin(
      { baseUrl: backend.url, streamPageSize: 37 },
      testPluginContext({ timeoutMs: 20_000 }),
    );
    const records = [0, 1, 2].map((index) => clinicalAt(index, SEED));
    const first = <T extends { id: string }>(pick: (r: ClinicalRecord) => readonly T[]): string =>
      records.map(pick).find((list) => list.length > 0)?.[0]?.id ?? '';
    const team = records.find((r) => r.careTeam.length > 0)?.careTeam[0]?.teamId ?? '';
    return {
      plugin,
      ctx: testRequestContext(),
      sample: {
        Condition: `cond-${first((r) => r.conditions)}`,
        AllergyIntolerance: `alg-${first((r) => r.allergies)}`,
        MedicationRequest: `medrx-${first((r) => r.medications)}`,
        Immunization: `imm-${first((r) => r.immunizations)}`,
        Observation: `obs-${first((r) => r.labs)}`,
        DiagnosticReport: `dr-${records.find((r) => r.labs.length > 0)?.labs[0]?.orderId ?? ''}`,
        Procedure: `proc-${first((r) => r.procedures)}`,
        Encounter: `enc-${first((r) => r.encounters)}`,
        CareTeam: `ct-${team}`,
        DocumentReference: `doc-${first((r) => r.notes)}`,
        Goal: `goal-${first((r) => r.goals)}`,
        CarePlan: `cp-${first((r) => r.carePlans)}`,
      },
      teardown: () => backend.close(),
    };
  },
  { pageSize: 40, maxPages: 400 },
);
