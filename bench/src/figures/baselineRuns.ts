/*
 * The misplaced-list baselines, measured once and shared by the "one Promise" and "all" figures:
 * at Kratix v0.125.0 WorkPlacements carry no Promise label, so listing one Promise's misplaced
 * WorkPlacements with kubectl is the same command followed by a client-side filter.
 */
import { KubeConfig } from '@kubernetes/client-node';
import { kubectl, listWorkPlacements } from '../kube/baselines';
import { MISSCHEDULED_LABEL } from '../seed/shapes';
import { log } from '../util/log';
import { Distribution, distribution } from '../util/stats';

export interface MisplacedBaselines {
  kubectl: Distribution & { items: number; bytes: number };
  clientNode: Distribution & { items: number };
  command: string;
}

export async function measureMisplacedBaselines(
  kubectlBin: string,
  kubeconfigPath: string,
  runs: number,
): Promise<MisplacedBaselines> {
  const selector = `${MISSCHEDULED_LABEL}=true`;
  const args = ['get', 'workplacements', '-A', '-l', selector, '-o', 'json'];
  const kTimes: number[] = [];
  let items = 0;
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const r = await kubectl(kubectlBin, kubeconfigPath, args, i === 0);
    if (i === 0) items = JSON.parse(r.stdout).items.length;
    bytes = r.stdoutBytes;
    kTimes.push(r.ms);
  }
  log(
    `baseline kubectl: ${items} items, ${(bytes / 1e6).toFixed(
      1,
    )} MB, p50 ${distribution(kTimes).p50.toFixed(0)} ms`,
  );

  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  await listWorkPlacements(kc, selector); // warm-up: TLS session, client construction
  const cTimes: number[] = [];
  let cItems = 0;
  for (let i = 0; i < runs; i++) {
    const r = await listWorkPlacements(kc, selector);
    cTimes.push(r.ms);
    cItems = r.items;
  }
  log(
    `baseline client-node LIST: ${cItems} items, p50 ${distribution(
      cTimes,
    ).p50.toFixed(0)} ms`,
  );
  return {
    kubectl: { ...distribution(kTimes), items, bytes },
    clientNode: { ...distribution(cTimes), items: cItems },
    command: `kubectl ${args.join(' ')}`,
  };
}
