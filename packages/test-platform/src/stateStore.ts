import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { customObjects, platformStateDir } from './platform';
import { KRATIX, deleteKratixClusterObject } from './kratix';

/**
 * The bare repository behind the local GitStateStore `local`: its file:// URL (v0.125), or the
 * repository its https:// URL is rewritten to for the current manager (`git/` in the platform's
 * state directory, dev/platform/lib.sh), read with git itself.
 */
async function stateStoreGitDir(): Promise<string> {
  const store: any = await customObjects().getClusterCustomObject({
    ...KRATIX,
    plural: 'gitstatestores',
    name: 'local',
  });
  const url = String(store.spec.url);
  if (url.startsWith('file://')) return fileURLToPath(url);
  return join(
    platformStateDir(),
    'git',
    new URL(url).pathname.replace(/^\//, ''),
  );
}

export async function stateStoreFiles(): Promise<string[]> {
  const gitDir = await stateStoreGitDir();
  const out = execFileSync(
    'git',
    ['--git-dir', gitDir, 'ls-tree', '-r', '--name-only', 'main'],
    {
      encoding: 'utf8',
    },
  );
  return out.split('\n').filter(Boolean);
}

/** The content of one file in the store (branch main), or undefined when there is none. */
export async function stateStoreFileContent(
  path: string,
): Promise<string | undefined> {
  const gitDir = await stateStoreGitDir();
  try {
    return execFileSync('git', ['--git-dir', gitDir, 'show', `main:${path}`], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
  } catch (e) {
    // git: "path '…' does not exist in 'main'"; anything else is a real failure.
    if (String((e as { stderr?: unknown }).stderr).includes('does not exist'))
      return undefined;
    throw e;
  }
}

/**
 * Files under a Destination's directory in the store: destinations/<name>/ on both generations
 * (the local platform's Destinations are laid out that way, dev/platform/lib.sh).
 */
export async function destinationFiles(
  destination: string,
  prefix = '',
): Promise<string[]> {
  const files = await stateStoreFiles();
  return files.filter(f =>
    f.startsWith(`destinations/${destination}/${prefix}`),
  );
}

/**
 * Removes from the store the directories of Destinations that no longer exist, and packs the
 * repository. Kratix v0.125.0 never removes a deleted Destination's files (Destinations have no
 * cleanup, docs/kratix-v0.125.0.md), and its git writer clones the whole tree for every write
 * (lib/writers/git.go), so writes slow down as deleted Destinations pile up: a long fidelity run
 * went from 13 s to over 60 s per scenario. Returns how many directories were removed.
 */
export async function pruneDeletedDestinationFiles(): Promise<number> {
  const gitDir = await stateStoreGitDir();
  const list: any = await customObjects().listClusterCustomObject({
    ...KRATIX,
    plural: 'destinations',
  });
  const live = new Set<string>(list.items.map((d: any) => d.metadata.name));
  const work = mkdtempSync(join(tmpdir(), 'kratix-store-prune-'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', work, ...args], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
  try {
    execFileSync('git', ['clone', '-q', gitDir, work], { stdio: 'pipe' });
    const dirs = git('ls-tree', '-d', '--name-only', 'HEAD:destinations')
      .split('\n')
      .filter(Boolean);
    const gone = dirs.filter(d => !live.has(d));
    if (gone.length) {
      git('rm', '-r', '-q', ...gone.map(d => `destinations/${d}`));
      git(
        '-c',
        'user.name=kratix-backstage-tests',
        '-c',
        'user.email=tests@kratix-backstage.local',
        'commit',
        '-q',
        '-m',
        'remove files of deleted Destinations',
      );
      // Kratix pushes concurrently: rebase on its commits and try again.
      for (let attempt = 0; ; attempt++) {
        try {
          git('push', '-q', 'origin', 'HEAD');
          break;
        } catch (e) {
          if (attempt >= 4) throw e;
          git('pull', '-q', '--rebase', 'origin', 'main');
        }
      }
    }
    execFileSync('git', ['--git-dir', gitDir, 'repack', '-a', '-d', '-q'], {
      stdio: 'pipe',
    });
    return gone.length;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The state store's main commit now (see stateStoreDeletedSince). */
export async function stateStoreHead(): Promise<string> {
  const gitDir = await stateStoreGitDir();
  return execFileSync('git', ['--git-dir', gitDir, 'rev-parse', 'main'], {
    encoding: 'utf8',
  }).trim();
}

/** Paths deleted from the state store by the commits on main since `commit`. */
export async function stateStoreDeletedSince(
  commit: string,
): Promise<string[]> {
  const gitDir = await stateStoreGitDir();
  const out = execFileSync(
    'git',
    [
      '--git-dir',
      gitDir,
      'log',
      '--diff-filter=D',
      '--name-only',
      '--format=',
      `${commit}..main`,
    ],
    { encoding: 'utf8' },
  );
  return [...new Set(out.split('\n').filter(Boolean))];
}

/**
 * Creates GitStateStore `name` with the spec of the platform's `local` store (same repository):
 * for a Destination created against a store that did not exist yet.
 */
export async function createStateStoreLikeLocal(name: string): Promise<void> {
  const local: any = await customObjects().getClusterCustomObject({
    ...KRATIX,
    plural: 'gitstatestores',
    name: 'local',
  });
  await customObjects().createClusterCustomObject({
    ...KRATIX,
    plural: 'gitstatestores',
    body: {
      apiVersion: 'platform.kratix.io/v1alpha1',
      kind: 'GitStateStore',
      metadata: { name },
      spec: local.spec,
    },
  });
}

/** Deletes GitStateStore `name` (gone already is fine). */
export async function deleteGitStateStore(name: string): Promise<void> {
  await deleteKratixClusterObject('gitstatestores', name);
}
