/* What a fidelity scenario run reports, and the context the runner keeps per scenario. */
import {
  DestinationSelectorEntry,
  WorkloadGroupSelector,
} from '@kratix-backstage/plugin-kratix-common';
import { Phase } from '../compare';
import { Rule } from '../coverage';
import { PlannedDestination, ScenarioPlan } from '../scenario';

export interface RunnerOptions {
  /** How long the Promise's WorkPlacements must stay unchanged to count as settled (ms). */
  stableMs?: number;
  /** Give up waiting for the predicted state after this long (ms); the scenario then disagrees. */
  settleTimeoutMs?: number;
  /**
   * Resource Works from real resource workflows (default: when the platform runs workflows and
   * KRATIX_FIDELITY_WORKFLOWS is not 0); otherwise the runner writes them as the work-creator would.
   */
  realWorkflows?: boolean;
  log?: (line: string) => void;
}

export interface PhaseResult {
  phase: Phase;
  name: string;
  ok: boolean;
  /**
   * Timed out with the predicted state reached but not written (the state store did not keep up,
   * e.g. git push races under load): says nothing about the rules, the scenario is re-run.
   */
  inconclusive?: boolean;
  diffs: string[];
  early: string[];
  tolerated486: string[];
  ms: number;
}

export interface StepResult {
  index: number;
  label: string;
  phases: PhaseResult[];
  rules: Rule[];
  ok: boolean;
  notes: string[];
}

export interface ScenarioResult {
  seed: number;
  token: string;
  plan: string;
  steps: StepResult[];
  rules: Rule[];
  ok: boolean;
  /** Failed only because the platform did not write in time (no state differed): re-run it. */
  inconclusive: boolean;
  error?: string;
  notes: string[];
  /** The cleanup did not finish (e.g. the state store too slow); not a disagreement. */
  cleanupError?: string;
  /** Destinations left behind (another Promise still had WorkPlacements on them). */
  leaked: string[];
  durationMs: number;
}

export interface Ctx {
  plan: ScenarioPlan;
  live: Map<string, PlannedDestination>;
  created: Set<string>;
  selectors: DestinationSelectorEntry[];
  resourceSelectors?: WorkloadGroupSelector[];
  resourceWorkName?: string;
  /** The resource Work comes from a real resource workflow (see workflowResource.ts). */
  workflowResource: boolean;
  nudges: number;
  notes: string[];
}

/** The platform did not do its part in time (writes, cache): not a disagreement. */
export class PlatformError extends Error {}
