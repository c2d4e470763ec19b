import { expect } from 'chai';
import type { Plugin, ResourceCapability } from '../../../plugins/sdk/contract.js';
import { BadRequestError } from '../../../plugins/sdk/errors.js';
import { PluginRegistry } from '../../plugins/registry.js';
import { ChainProblem, planChain } from './chain-plan.js';
import { isChainKey, MalformedChainError, parseChainKey } from './chain-syntax.js';
import { combineCriteria } from './chain.js';

describe('chained parameters: syntax (R4 §3.1.1.4.5-6)', () => {
  it('recognises chains and reverse chains, not plain parameters', () => {
    expect(isChainKey('practitioner.name')).to.equal(true);
    expect(isChainKey('_has:PractitionerRole:practitioner:specialty')).to.equal(true);
    expect(isChainKey('name:exact')).to.equal(false);
    expect(isChainKey('_id')).to.equal(false);
  });

  it('parses a forward chain with a type modifier and a final modifier', () => {
    expect(parseChainKey('subject:Patient.name:exact')).to.deep.equal({
      kind: 'forward',
      param: 'subject',
      type: 'Patient',
      next: { kind: 'leaf', key: 'name:exact' },
    });
  });

  it('parses multi-level chains and _has nested in chains', () => {
    expect(parseChainKey('location.organization.name')).to.deep.equal({
      kind: 'forward',
      param: 'location',
      next: { kind: 'forward', param: 'organization', next: { kind: 'leaf', key: 'name' } },
    });
    expect(parseChainKey('_has:PractitionerRole:practitioner:location.address-city')).to.deep.equal(
      {
        kind: 'reverse',
        type: 'PractitionerRole',
        param: 'practitioner',
        next: { kind: 'forward', param: 'location', next: { kind: 'leaf', key: 'address-city' } },
      },
    );
    expect(parseChainKey('_has:Encounter:b:_has:Condition:d:code:text')).to.deep.equal({
      kind: 'reverse',
      type: 'Encounter',
      param: 'b',
      next: {
        kind: 'reverse',
        type: 'Condition',
        param: 'd',
        next: { kind: 'leaf', key: 'code:text' },
      },
    });
  });

  it('rejects malformed keys as unknown parameters', () => {
    for (const key of ['.name', 'practitioner.', 'a:b:c.name', 'a:lower.name', '_has:X', 'a.b:']) {
      expect(() => parseChainKey(key), key).to.throw(MalformedChainError);
    }
  });

  it('refuses chains deeper than three references with a 400 naming the parameter', () => {
    expect(() => parseChainKey('a.b.c.name')).not.to.throw();
    try {
      parseChainKey('a.b.c.d.name');
      expect.fail('should throw');
    } catch (err) {
      expect(err).to.be.instanceOf(BadRequestError);
      expect((err as BadRequestError).expression).to.deep.equal(['a.b.c.d.name']);
    }
  });
});

function capability(type: string, params: ResourceCapability['searchParams']): ResourceCapability {
  return { type, profiles: [], interactions: ['search-type'], searchParams: params };
}

const ref = (name: string, targets: string[], expression: string) =>
  ({ name, type: 'reference', targets, expression }) as const;

const ROLE = capability('PractitionerRole', [
  ref('practitioner', ['Practitioner'], 'PractitionerRole.practitioner'),
  ref('subject', ['Practitioner', 'Location'], 'PractitionerRole.subject'),
  { name: 'specialty', type: 'token' },
]);
const PRACTITIONER = capability('Practitioner', [
  { name: 'name', type: 'string', modifiers: ['exact'] },
]);
const LOCATION = capability('Location', [{ name: 'address-city', type: 'string' }]);

function registry(): PluginRegistry {
  const plugin: Plugin = {
    name: 'plan',
    capabilities: { resources: [ROLE, PRACTITIONER, LOCATION] },
    search: () => Promise.resolve({ resources: [] }),
    health: () => Promise.resolve({ status: 'pass' }),
  };
  return new PluginRegistry([plugin]);
}

describe('chained parameters: planning against declared capabilities', () => {
  const reg = registry();
  const plan = (key: string, value = 'x') => planChain(reg, ROLE, parseChainKey(key), value);

  it('follows the declared target and checks the final criterion', () => {
    expect(plan('practitioner.name:exact', 'Smith,Jones')).to.deep.equal({
      kind: 'forward',
      param: 'practitioner',
      targets: [
        {
          type: 'Practitioner',
          inner: {
            kind: 'leaf',
            criterion: { name: 'name', modifier: 'exact', values: ['Smith', 'Jones'] },
          },
        },
      ],
    });
  });

  it('searches only the targets that declare the parameter, or the one named', () => {
    const both = plan('subject.address-city');
    expect(both.kind === 'forward' && both.targets.map((t) => t.type)).to.deep.equal(['Location']);
    const named = plan('subject:Practitioner.name');
    expect(named.kind === 'forward' && named.targets.map((t) => t.type)).to.deep.equal([
      'Practitioner',
    ]);
  });

  it('plans _has with the element paths of the pointing reference', () => {
    const reverse = planChain(
      reg,
      PRACTITIONER,
      parseChainKey('_has:PractitionerRole:practitioner:specialty'),
      'x',
    );
    expect(reverse).to.deep.include({
      kind: 'reverse',
      source: 'PractitionerRole',
      paths: ['practitioner'],
      pointsAt: 'Practitioner',
    });
  });

  it('explains each chain that cannot be followed', () => {
    const cases: Array<[string, RegExp]> = [
      ['practitioner.bogus', /Practitioner has no search parameter "bogus"/],
      ['specialty.name', /no reference parameter "specialty"/],
      ['practitioner:Location.name', /cannot refer to Location/],
      ['subject:Patient.name', /cannot refer to Patient/],
    ];
    for (const [key, message] of cases) {
      expect(() => plan(key), key).to.throw(ChainProblem, message);
    }
    expect(() =>
      planChain(reg, LOCATION, parseChainKey('_has:PractitionerRole:practitioner:specialty'), 'x'),
    ).to.throw(ChainProblem, /cannot refer to Location/);
  });
});

describe('chained parameters: combining criteria', () => {
  it('intersects several _id criteria into one and keeps the others', () => {
    const combined = combineCriteria(
      [
        { name: '_id', values: ['a', 'b', 'c'] },
        { name: 'name', values: ['x'] },
      ],
      [{ name: '_id', values: ['c', 'b', 'd'] }],
    );
    expect(combined).to.deep.equal([
      { name: 'name', values: ['x'] },
      { name: '_id', values: ['b', 'c'] },
    ]);
  });

  it('answers null when the ids cannot overlap, and leaves one _id alone', () => {
    expect(
      combineCriteria([{ name: '_id', values: ['a'] }], [{ name: '_id', values: ['b'] }]),
    ).to.equal(null);
    expect(combineCriteria([{ name: '_id', values: ['a'] }], [])).to.deep.equal([
      { name: '_id', values: ['a'] },
    ]);
  });
});
