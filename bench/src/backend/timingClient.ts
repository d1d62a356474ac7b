/* Runs timed request batches in the timing child process (timingChild.ts), one child per bench run. */
import { ChildProcess, fork } from 'node:child_process';
import { resolve } from 'node:path';
import type { TimingAnswer, TimingBatch } from './timingChild';

let child: ChildProcess | undefined;

function timingChild(): ChildProcess {
  if (child && child.connected) return child;
  child = fork(resolve(__dirname, 'timingChild.ts'), [], {
    execArgv: [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.unref();
  child.channel?.unref();
  return child;
}

/** Times `runs` sequential requests (after `warmup` unmeasured ones) from the timing child. */
export function timeInChild(
  batch: TimingBatch,
): Promise<{ times: number[]; gcMs: number; gcMaxMs: number }> {
  const c = timingChild();
  return new Promise((done, fail) => {
    const onExit = () => fail(new Error('the timing child exited'));
    // The TypeScript transform also talks over this channel ({type: 'watch'}): answers are marked.
    const onMessage = (a: TimingAnswer) => {
      if (a?.kind !== 'timing') return;
      c.off('exit', onExit);
      c.off('message', onMessage);
      if (a.error || !a.times) fail(new Error(`timing child: ${a.error}`));
      else done({ times: a.times, gcMs: a.gcMs ?? 0, gcMaxMs: a.gcMaxMs ?? 0 });
    };
    c.once('exit', onExit);
    c.on('message', onMessage);
    c.send(batch);
  });
}

/** Ends the timing child (end of the bench run). */
export function stopTimingChild(): void {
  child?.kill();
  child = undefined;
}
