import { expect } from 'chai';
import { CAPABILITIES as CLAIMS } from '../../plugins/claims/capabilities.js';
import { CAPABILITIES as DIRECTORY } from '../../plugins/directory/capabilities.js';
import { CAPABILITIES as MEMBERSHIP } from '../../plugins/membership/capabilities.js';
import type { PluginCapabilities, ResourceCapability } from '../../plugins/sdk/contract.js';
import { GUIDES, metGuides, unmet, type GuideRequirement, type Served } from './guides.js';

const PLAN_NET = GUIDES.find((guide) => guide.capabilityStatement.includes('plan-net'))!;
const BULK = GUIDES.find((guide) => guide.capabilityStatement.includes('bulk-data'))!;
const CARIN = GUIDES.find((guide) => guide.capabilityStatement.includes('carin-bb'))!;

/** A served set built from a guide's own requirements, minus what `drop` names. */
function servedFor(
  guide: GuideRequirement,
  drop: { type?: string; profile?: string } = {},
): Served {
  const capabilities = new Map<string, ResourceCapability>();
  for (const [type, profiles] of Object.entries(guide.types)) {
    if (type === drop.type) continue;
    capabilities.set(type, {
      type,
      profiles: profiles.filter((profile) => profile !== drop.profile),
      interactions: ['read', 'search-type'],
      searchParams: [],
    });
  }
  return { capability: (type) => capabilities.get(type), operations: [] };
}

/** What plugins declaring `declarations` serve together: a type's profiles are unioned. */
function servedBy(...declarations: PluginCapabilities[]): Served {
  const capabilities = new Map<string, ResourceCapability>();
  for (const capability of declarations.flatMap((declaration) => declaration.resources)) {
    const known = capabilities.get(capability.type);
    const profiles = [...(known?.profiles ?? []), ...capability.profiles];
    capabilities.set(capability.type, { ...capability, profiles });
  }
  return { capability: (type) => capabilities.get(type), operations: [] };
}

describe('implementation guides the gateway instantiates', () => {
  it('claims Plan-Net when every Plan-Net type is served with its profile', () => {
    expect(metGuides(servedFor(PLAN_NET))).to.deep.equal([PLAN_NET]);
  });

  it('does not claim a guide when one of its types is not served', () => {
    const served = servedFor(PLAN_NET, { type: 'Endpoint' });
    expect(metGuides(served)).to.deep.equal([]);
    expect(unmet(served, PLAN_NET)).to.deep.equal(['Endpoint']);
  });

  it('does not claim a guide when a type lacks one of the profiles', () => {
    const network = PLAN_NET.types.Organization![1]!;
    const served = servedFor(PLAN_NET, { profile: network });
    expect(unmet(served, PLAN_NET)).to.deep.equal([`Organization ${network}`]);
  });

  it('claims CARIN BB 2.1.0 with the membership, claims and directory plugins', () => {
    expect(unmet(servedBy(MEMBERSHIP, CLAIMS, DIRECTORY), CARIN)).to.deep.equal([]);
  });

  it('does not claim CARIN BB without the directory: no C4BB Practitioner is served', () => {
    expect(unmet(servedBy(MEMBERSHIP, CLAIMS), CARIN)).to.deep.equal(['Practitioner']);
  });

  it('claims Bulk Data only when $export is served', () => {
    const none: Served = { capability: () => undefined, operations: [] };
    expect(unmet(none, BULK)).to.deep.equal(['$export']);
    const exporting: Served = {
      capability: () => undefined,
      operations: [
        { name: 'export', level: ['system'], definition: 'urn:test:export', affectsState: false },
      ],
    };
    expect(metGuides(exporting)).to.deep.equal([BULK]);
  });

  it('names every guide with a versioned canonical', () => {
    for (const guide of GUIDES) {
      expect(guide.capabilityStatement).to.match(/^http:\/\/hl7\.org\/fhir\/.+\|\d+\.\d+\.\d+$/);
      expect(guide.implementationGuide).to.match(/\/ImplementationGuide\/.+\|\d+\.\d+\.\d+$/);
    }
  });
});
