/* One run of a cleanup race (cleanupRaces.platform.test.ts): its mode, the items it cleans up, its result. */
export type Mode = 'immediate' | 'settled';
export const modeOf = (run: number): Mode =>
  run % 2 === 0 ? 'immediate' : 'settled';

export interface Item {
  namespace: string;
  name: string;
  uid: string;
  generation: number;
}

export interface RunResult {
  race: string;
  run: number;
  mode: Mode;
  /** Names of the WorkPlacements the raced cleanup deleted (must be none). */
  wronglyDeleted: string[];
  reasons: string[];
  /** What the positive control deleted. */
  controlDeleted: number;
}
