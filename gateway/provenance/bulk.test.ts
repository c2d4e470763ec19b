/**
 * Bulk export with the Provenance plugin: `includeAssociatedData=RelevantProvenanceResources`
 * exports one Provenance per exported resource (the plugin streams the Provenance of every
 * type; the engine keeps those whose target was exported), and a patient-level export keeps
 * to the group's members.
 */
import type { Provenance, Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { startClaimsBackend, type RunningClaimsBackend } from '../../mock-backends/claims/index.js';
import {
  startMembershipBackend,
  type RunningMembershipBackend,
} from '../../mock-backends/membership/index.js';
import createClaimsPlugin from '../../plugins/claims/index.js';
import createMembershipPlugin from '../../plugins/membership/index.js';
import { testPluginContext } from '../../plugins/sdk/testing.js';
import { compartmentPatients } from '../auth/compartment.js';
import {
  downloadAll,
  kickOff,
  startBulkHarness,
  waitForManifest,
  type BulkHarness,
} from '../bulk/testing/harness.js';
import { createProvenancePlugin } from './index.js';
import { expectUsCoreProvenance } from './test-support.js';

describe('Provenance in bulk export (RelevantProvenanceResources)', function () {
  this.timeout(60_000);
  let claims: RunningClaimsBackend;
  let membership: RunningMembershipBackend;
  let h: BulkHarness;

  before(async () => {
    claims = await startClaimsBackend({ members: 4, seed: 5 });
    membership = await startMembershipBackend({ members: 4, seed: 5 });
    const provenance = createProvenancePlugin({ payerOrganization: 'CMHP1' });
    h = await startBulkHarness({
      plugins: [
        await createMembershipPlugin({ baseUrl: membership.url }, testPluginContext()),
        await createClaimsPlugin({ baseUrl: claims.url }, testPluginContext()),
        provenance,
      ],
    });
    provenance.bind({ registry: h.gw.registry, access: h.gw.access });
  });
  after(async () => {
    await h.close();
    await claims.close();
    await membership.close();
  });

  function keyOf(resource: Resource): string {
    return `${resource.resourceType}/${resource.id}`;
  }

  it('exports one Provenance per exported resource, and none of other types', async () => {
    const token = await h.gw.systemToken();
    const path = await kickOff(
      h,
      '/$export?_type=ExplanationOfBenefit,Coverage&includeAssociatedData=RelevantProvenanceResources',
      token,
    );
    const files = await downloadAll(h, await waitForManifest(h, path, token), token);
    expect(Object.keys(files).sort()).to.deep.equal([
      'Coverage',
      'ExplanationOfBenefit',
      'Provenance',
    ]);
    const exported = [...(files.Coverage ?? []), ...(files.ExplanationOfBenefit ?? [])];
    const provenance = (files.Provenance ?? []) as Provenance[];
    const targets = provenance.map((p) =>
      (p.target[0]?.reference ?? '').replace(/\/_history\/.*$/, ''),
    );
    expect(targets.sort()).to.deep.equal(exported.map(keyOf).sort());
    for (const item of provenance) expectUsCoreProvenance(item);
  });

  it('a Patient-level export keeps the Provenance in the members’ compartments', async () => {
    const token = await h.gw.systemToken();
    const path = await kickOff(
      h,
      '/Patient/$export?_type=Patient&includeAssociatedData=RelevantProvenanceResources',
      token,
    );
    const files = await downloadAll(h, await waitForManifest(h, path, token), token);
    const patients = (files.Patient ?? []).map((p) => p.id);
    const provenance = (files.Provenance ?? []) as Provenance[];
    expect(provenance.map((p) => p.id).sort()).to.deep.equal(
      patients.map((id) => `prv-Patient-${id}`).sort(),
    );
    for (const item of provenance) expect(compartmentPatients(item)).to.have.length(1);
  });
});
