/*
 * Unit tests of the fidelity machinery (no platform): the seeded generator, the expectation built
 * from a what-if response, the comparison and the coverage rules.
 */
import {
  WhatIfGroupEffect,
  WhatIfTiming,
  mergeWorkloadGroupSelectors,
} from '@kratix-backstage/plugin-kratix-common';
import { isDeepStrictEqual } from 'node:util';
import { compareState, expectedState, phaseOf } from './compare';
import { RULES, resourceRules, selectorRules } from './coverage';
import { formatReport, summarize } from './report';
import {
  PlannedDestination,
  generateScenario,
  plannedMatches,
  resourceWorkSelectors,
} from './scenario';

function group(
  when: WhatIfTiming,
  effects: Partial<WhatIfGroupEffect>,
  kind: 'static-dependency' | 'resource' = 'static-dependency',
): WhatIfGroupEffect {
  return {
    work: {
      promise: 'p',
      namespace: 'ns',
      name: 'w',
      kind,
      ...(kind === 'resource' ? { resourceName: 'res' } : {}),
    },
    groupId: 'g',
    directory: '.',
    when,
    assumedUnchangedUntilWorkflowRuns: false,
    before: null,
    after: null,
    selectorChanged: false,
    matchChange: 0,
    destinationsGained: 0,
    destinationsLost: 0,
    workPlacementsCreated: [],
    workPlacementsMisplaced: [],
    workPlacementsUnmisplaced: [],
    workPlacementsDeleted: [],
    resourcesOnExcludedDestinations: [],
    resourcesRescheduled: [],
    ...effects,
  };
}

/** Deep equality that ignores key order, like the engine's jsonEqual. */
const isEqual = (a: unknown, b: unknown) => isDeepStrictEqual(a, b);

const ref = (destination: string) => ({
  namespace: 'ns',
  name: `w.${destination}`,
  destination,
});
const all = () => true;
/** The resource's WorkPlacements as Kratix shows them: placed on each of `destinations`. */
const placedRes = (destinations: string[]) =>
  destinations.map(destination => ({
    workKey: 'resource/res',
    destination,
    misplaced: false,
  }));

describe('generateScenario', () => {
  it('depends on the seed only; the nonce only renames', () => {
    const a = generateScenario(1234, 'aaa');
    const b = generateScenario(1234, 'bbb');
    const strip = (s: unknown, token: string) =>
      JSON.stringify(s).split(token).join('T');
    expect(strip({ ...a, seed: 0, token: '', promise: '' }, a.token)).toEqual(
      strip({ ...b, seed: 0, token: '', promise: '' }, b.token),
    );
    expect(a.token).not.toEqual(b.token);
  });

  it('on current, adds missing stores and cleanup: all without changing the rest of the plan', () => {
    const strip = (plan: ReturnType<typeof generateScenario>) =>
      JSON.stringify(plan, (key, value) =>
        key === 'storeMissing' || key === 'cleanupAll' ? undefined : value,
      );
    let storeMissing = 0;
    let cleanupAll = 0;
    const problems: string[] = [];
    for (let seed = 0; seed < 300; seed++) {
      const base = generateScenario(seed, 'zzz');
      const current = generateScenario(seed, 'zzz', { generation: 'current' });
      expect(strip(current)).toEqual(strip(base));
      expect(
        JSON.stringify(generateScenario(seed, 'zzz', { generation: 'v0.125' })),
      ).toEqual(JSON.stringify(base));
      const removed = new Set(
        current.steps.flatMap(s => (s.kind === 'destinations' ? s.remove : [])),
      );
      const planned = [
        ...current.destinations,
        ...current.steps.flatMap(s => (s.kind === 'destinations' ? s.add : [])),
      ];
      for (const d of planned) {
        if (d.cleanupAll) cleanupAll++;
        if (!d.storeMissing) continue;
        storeMissing++;
        // Its deletion could not finish, and the resource Work must be written.
        if (removed.has(d.name)) problems.push(`${seed}: ${d.name} removed`);
        if (d.name === current.resource?.destination)
          problems.push(`${seed}: ${d.name} holds the resource`);
        if (d.cleanupAll) problems.push(`${seed}: ${d.name} both`);
      }
    }
    expect(problems).toEqual([]);
    // Both occur often enough in 300 scenarios to be exercised by any long run.
    expect(storeMissing).toBeGreaterThan(50);
    expect(cleanupAll).toBeGreaterThan(100);
  });

  it('plans valid scenarios: scenario keys only, live targets, real changes, one resource match', () => {
    const problems: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok) problems.push(what);
    };
    for (let seed = 0; seed < 300; seed++) {
      const plan = generateScenario(seed, 'zzz');
      const at = `seed ${seed}`;
      const live = new Map<string, PlannedDestination>(
        plan.destinations.map(d => [d.name, d]),
      );
      const scenarioKey = (k: string) => k.startsWith(`${plan.token}-`);
      check(plan.destinations.length >= 2, `${at}: fewer than 2 Destinations`);
      check(
        plan.destinations.every(d => Object.keys(d.labels).every(scenarioKey)),
        `${at}: a Destination label outside the scenario keys`,
      );
      check(
        plan.selectors.every(e =>
          Object.keys(e.matchLabels).every(scenarioKey),
        ),
        `${at}: a selector key outside the scenario keys`,
      );
      if (plan.resource) {
        const merged = mergeWorkloadGroupSelectors(
          resourceWorkSelectors(plan.resource.workflowSelector, plan.selectors),
        ).matchLabels;
        check(Object.keys(merged).length > 0, `${at}: empty resource selector`);
        check(
          JSON.stringify(plannedMatches(merged, live.values())) ===
            JSON.stringify([plan.resource.destination]),
          `${at}: the resource Work does not match exactly its Destination`,
        );
      }
      check(
        plan.steps.length >= 1 && plan.steps.length <= 3,
        `${at}: ${plan.steps.length} steps`,
      );
      let selectors = plan.selectors;
      plan.steps.forEach((step, i) => {
        const where = `${at} step ${i + 1}`;
        if (step.kind === 'promise') {
          // Key order does not count: the engine compares label maps as maps.
          check(
            !isEqual(step.selectors, selectors),
            `${where}: selectors unchanged`,
          );
          selectors = step.selectors;
          return;
        }
        check(
          step.remove.length + step.relabel.length + step.add.length > 0,
          `${where}: no change`,
        );
        for (const name of step.remove) {
          check(live.has(name), `${where}: removes ${name}, not live`);
          live.delete(name);
        }
        for (const r of step.relabel) {
          const d = live.get(r.name);
          check(Boolean(d), `${where}: relabels ${r.name}, not live`);
          if (!d) continue;
          check(
            !isEqual(r.labels, d.labels),
            `${where}: relabel of ${r.name} changes nothing`,
          );
          live.set(r.name, { ...d, labels: r.labels });
        }
        for (const d of step.add) {
          check(!live.has(d.name), `${where}: adds ${d.name} twice`);
          live.set(d.name, d);
        }
      });
    }
    expect(problems).toEqual([]);
  });

  it('produces every kind of change and selector over a few hundred seeds', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 300; seed++) {
      const plan = generateScenario(seed, 'zzz');
      if (plan.resource) seen.add('resource');
      if (plan.selectors.length === 0) seen.add('no entries');
      if (
        plan.selectors.length === 1 &&
        Object.keys(plan.selectors[0].matchLabels).length === 0
      ) {
        seen.add('empty entry');
      }
      if (plan.selectors.length > 1) seen.add('multi-entry');
      if (plan.destinations.some(d => d.strictMatchLabels)) seen.add('strict');
      for (const s of plan.steps) {
        if (s.kind === 'promise')
          seen.add(s.revert ? 'promise revert' : 'promise');
        else {
          if (s.remove.length) seen.add('remove');
          if (s.add.length) seen.add('add');
          if (s.relabel.some(r => r.revert)) seen.add('relabel revert');
          if (s.relabel.length) seen.add('relabel');
        }
      }
    }
    expect([...seen].sort()).toEqual(
      [
        'add',
        'empty entry',
        'multi-entry',
        'no entries',
        'promise',
        'promise revert',
        'relabel',
        'relabel revert',
        'remove',
        'resource',
        'strict',
      ].sort(),
    );
  });
});

describe('expectedState / compareState', () => {
  const before = [
    { workKey: 'dependency', destination: 'a', misplaced: false },
    { workKey: 'dependency', destination: 'b', misplaced: true },
  ];

  it('maps timings to phases', () => {
    expect(phaseOf('immediate')).toBe(1);
    expect(phaseOf('deferred')).toBe(2);
    expect(phaseOf('next-requeue')).toBe(2);
    expect(phaseOf('after-workflow-run')).toBe(3);
  });

  it('applies immediate effects and flags anything else Kratix did', () => {
    const response = {
      groups: [
        group('immediate', {
          workPlacementsCreated: ['c'],
          workPlacementsMisplaced: [ref('a')],
          workPlacementsUnmisplaced: [ref('b')],
        }),
      ],
    };
    const e = expectedState({ promise: 'p', before, response, phase: 1 });
    const ok = compareState(
      e,
      [
        { workKey: 'dependency', destination: 'a', misplaced: true },
        { workKey: 'dependency', destination: 'b', misplaced: false },
        { workKey: 'dependency', destination: 'c', misplaced: false },
      ],
      all,
    );
    expect(ok.diffs).toEqual([]);
    const bad = compareState(
      e,
      [
        { workKey: 'dependency', destination: 'a', misplaced: false },
        { workKey: 'dependency', destination: 'b', misplaced: false },
        { workKey: 'dependency', destination: 'd', misplaced: false },
      ],
      d => d !== 'x',
    );
    expect(bad.diffs).toEqual([
      'dependency WorkPlacement on a: predicted misplaced, Kratix: placed',
      'dependency WorkPlacement on c: predicted placed, Kratix: absent',
      'dependency WorkPlacement on d: predicted absent, Kratix: placed',
    ]);
  });

  it('expects a rescheduled resource on exactly one of its candidates (cleanup: all)', () => {
    const res = [
      { workKey: 'resource/res', destination: 'gone', misplaced: false },
    ];
    const response = {
      groups: [
        group('immediate', { resourcesRescheduled: [ref('gone')] }, 'resource'),
      ],
      matchChanges: [{ candidates: ['b', 'c'] } as any],
    };
    const e = expectedState({ promise: 'p', before: res, response, phase: 1 });
    const on = (...ds: string[]) => compareState(e, placedRes(ds), all).diffs;
    expect(on('b')).toEqual([]);
    expect(on('c')).toEqual([]);
    expect(on()).toEqual([
      'resource/res scheduled again to one of b, c: Kratix placed it on 0 of them',
    ]);
    expect(on('b', 'c')).toEqual([
      'resource/res scheduled again to one of b, c: Kratix placed it on 2 of them',
    ]);
    expect(on('gone')).toEqual([
      'resource/res WorkPlacement on gone: predicted absent, Kratix: placed',
      'resource/res scheduled again to one of b, c: Kratix placed it on 0 of them',
    ]);
    // A candidate outside the comparable set may be the one Kratix picked.
    expect(compareState(e, [], d => d !== 'c').diffs).toEqual([]);
    // With no candidate at all (an older engine's answer), it can be placed nowhere.
    const none = expectedState({
      promise: 'p',
      before: res,
      response: { ...response, matchChanges: [{ candidates: [] } as any] },
      phase: 1,
    });
    expect(compareState(none, [], all).diffs).toEqual([]);
  });

  it('expects a resource that becomes schedulable on one candidate once its phase has come (seed 12093)', () => {
    const response = {
      groups: [
        group('after-workflow-run', { becomesSchedulable: true }, 'resource'),
      ],
      matchChanges: [{ candidates: ['b', 'c'] } as any],
    };
    const at = (phase: 1 | 2 | 3, workflowRunning: boolean, ...ds: string[]) =>
      compareState(
        expectedState({
          promise: 'p',
          before: [],
          response,
          phase,
          workflowRunning,
        }),
        placedRes(ds),
        all,
      ).diffs;
    expect(at(3, false, 'c')).toEqual([]);
    expect(at(3, false)).toEqual([
      'resource/res scheduled to one of b, c: Kratix placed it on 0 of them',
    ]);
    // Before the workflow re-ran: nothing yet, unless the workflow runs on its own clock.
    expect(at(1, false)).toEqual([]);
    expect(at(1, false, 'b')).toEqual([
      'resource/res WorkPlacement on b: predicted absent, Kratix: placed',
    ]);
    expect(at(1, true)).toEqual([]);
    expect(at(1, true, 'b')).toEqual([]);
    expect(at(1, true, 'b', 'c')).toEqual([
      'resource/res scheduled to one of b, c: Kratix placed it on 2 of them',
    ]);
  });

  it('ignores other Promises and Destinations outside the comparable set', () => {
    const response = {
      groups: [
        group('immediate', { workPlacementsCreated: ['foreign'] }),
        {
          ...group('immediate', { workPlacementsCreated: ['z'] }),
          work: {
            promise: 'q',
            namespace: 'ns',
            name: 'x',
            kind: 'static-dependency' as const,
          },
        },
      ],
    };
    const e = expectedState({ promise: 'p', before, response, phase: 1 });
    expect(e.allowed.has('dependency\u0000z')).toBe(false);
    const cmp = compareState(e, before, d => d !== 'foreign');
    expect(cmp.diffs).toEqual([]);
  });

  it('accepts deferred effects early, requires them after the nudge', () => {
    const response = {
      groups: [group('deferred', { workPlacementsMisplaced: [ref('a')] })],
    };
    const p1 = expectedState({ promise: 'p', before, response, phase: 1 });
    expect(compareState(p1, before, all).diffs).toEqual([]);
    const early = compareState(
      p1,
      [{ ...before[0], misplaced: true }, before[1]],
      all,
    );
    expect(early.diffs).toEqual([]);
    expect(early.early).toEqual(['dependency WorkPlacement on a']);
    const p2 = expectedState({ promise: 'p', before, response, phase: 2 });
    expect(compareState(p2, before, all).diffs).toEqual([
      'dependency WorkPlacement on a: predicted misplaced, Kratix: placed',
    ]);
  });

  it('keeps after-workflow-run effects out until the workflow re-ran', () => {
    const resBefore = [
      { workKey: 'resource/res', destination: 'a', misplaced: false },
    ];
    const response = {
      groups: [
        group(
          'after-workflow-run',
          { resourcesOnExcludedDestinations: [ref('a')] },
          'resource',
        ),
      ],
    };
    const p2 = expectedState({
      promise: 'p',
      before: resBefore,
      response,
      phase: 2,
    });
    expect(
      compareState(p2, [{ ...resBefore[0], misplaced: true }], all).diffs,
    ).toHaveLength(1);
    const p3 = expectedState({
      promise: 'p',
      before: resBefore,
      response,
      phase: 3,
    });
    expect(
      compareState(p3, [{ ...resBefore[0], misplaced: true }], all).diffs,
    ).toEqual([]);
    // Never moved: a resource WorkPlacement anywhere else is a disagreement.
    expect(
      compareState(
        p3,
        [
          { ...resBefore[0], misplaced: true },
          { workKey: 'resource/res', destination: 'b', misplaced: false },
        ],
        all,
      ).diffs,
    ).toEqual([
      'resource/res WorkPlacement on b: predicted absent, Kratix: placed',
    ]);
  });

  it('accepts after-workflow-run effects before phase 3 when the workflow really runs', () => {
    const resBefore = [
      { workKey: 'resource/res', destination: 'a', misplaced: false },
    ];
    const response = {
      groups: [
        group(
          'after-workflow-run',
          { resourcesOnExcludedDestinations: [ref('a')] },
          'resource',
        ),
      ],
    };
    const input = {
      promise: 'p',
      before: resBefore,
      response,
      workflowRunning: true,
    };
    const p1 = expectedState({ ...input, phase: 1 });
    // Either side of the re-run is fine while it may be running...
    expect(compareState(p1, resBefore, all).diffs).toEqual([]);
    const early = compareState(p1, [{ ...resBefore[0], misplaced: true }], all);
    expect(early.diffs).toEqual([]);
    expect(early.early).toEqual(['resource/res WorkPlacement on a']);
    // ...but a state neither side predicts is still a disagreement,
    expect(compareState(p1, [], all).diffs).toEqual([
      'resource/res WorkPlacement on a: predicted placed or misplaced, Kratix: absent',
    ]);
    // and once it re-ran, only the predicted state is.
    const p3 = expectedState({ ...input, phase: 3 });
    expect(compareState(p3, resBefore, all).diffs).toEqual([
      'resource/res WorkPlacement on a: predicted misplaced, Kratix: placed',
    ]);
  });

  it('tolerates #486 only for resource WorkPlacements on a selector matching several Destinations', () => {
    const resBefore = [
      { workKey: 'resource/res', destination: 'a', misplaced: false },
    ];
    const one = expectedState({
      promise: 'p',
      before: resBefore,
      response: null,
      phase: 2,
      resourceMatches: new Map([['resource/res', ['a']]]),
    });
    expect(
      compareState(one, [{ ...resBefore[0], misplaced: true }], all).diffs,
    ).toHaveLength(1);
    const two = expectedState({
      promise: 'p',
      before: resBefore,
      response: null,
      phase: 2,
      resourceMatches: new Map([['resource/res', ['a', 'b']]]),
    });
    const cmp = compareState(two, [{ ...resBefore[0], misplaced: true }], all);
    expect(cmp.diffs).toEqual([]);
    expect(cmp.tolerated486).toEqual(['resource/res WorkPlacement on a']);
  });
});

describe('coverage rules', () => {
  const d = (
    name: string,
    labels: Record<string, string>,
    strict = false,
  ): PlannedDestination => ({
    name,
    labels,
    strictMatchLabels: strict,
  });

  it('sees squash-first-wins only when the first entry changes the match', () => {
    const dests = [d('x', { env: 'a' }), d('y', { env: 'b' })];
    const rules = selectorRules(
      [{ matchLabels: { env: 'a' } }, { matchLabels: { env: 'b' } }],
      dests,
    );
    expect(rules.has('squash-first-wins')).toBe(true);
    expect(rules.has('different-value')).toBe(true);
    const unobservable = selectorRules(
      [{ matchLabels: { env: 'a' } }, { matchLabels: { env: 'c' } }],
      [d('x', { tier: 'a' })],
    );
    expect(unobservable.has('squash-first-wins')).toBe(false);
    expect(unobservable.has('missing-label')).toBe(true);
  });

  it('sees empty selectors, strictMatchLabels and precedence', () => {
    const rules = selectorRules(
      [{ matchLabels: {} }],
      [d('x', { env: 'a' }, true)],
    );
    expect([...rules].sort()).toEqual(['empty-selector', 'strictMatchLabels']);
    expect(
      selectorRules(
        [{ matchLabels: { env: 'a' } }],
        [d('x', { env: 'a', k: 'v' }, true)],
      ).has('strictMatchLabels'),
    ).toBe(true);
    expect(
      resourceRules({ env: 'b' }, [{ matchLabels: { env: 'a' } }]).has(
        'precedence',
      ),
    ).toBe(true);
    expect(
      resourceRules({ tier: 'b' }, [{ matchLabels: { env: 'a' } }]).has(
        'precedence',
      ),
    ).toBe(false);
  });
});

describe('report', () => {
  it('prints the coverage table and the agreement line', () => {
    const results = [
      {
        seed: 1,
        plan: 'p1',
        ok: true,
        rules: [...RULES],
        durationMs: 1,
        leaked: [],
        notes: [],
        steps: [],
      },
      {
        seed: 2,
        plan: 'p2',
        ok: false,
        rules: [],
        durationMs: 1,
        leaked: [],
        notes: [],
        steps: [
          {
            index: 1,
            label: 'relabel',
            ok: false,
            rules: [],
            notes: [],
            phases: [
              {
                name: 'settled',
                ok: false,
                diffs: ['x: predicted placed, Kratix: absent'],
                early: [],
                tolerated486: [],
              },
            ],
          },
        ],
      },
    ];
    expect(summarize(results).missingRules).toEqual([]);
    const text = formatReport(results);
    expect(text).toContain('agreement: 1/2 scenarios (50.0%)');
    expect(text).toContain('- seed 2');
    expect(text).toContain('[settled] x: predicted placed, Kratix: absent');
  });
});
