import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { customObjects } from './platform';
import { KRATIX } from './kratix';

/**
 * Files on the main branch of the local GitStateStore `local` (a bare repository the store's
 * file:// URL points at), read with git itself.
 */
export async function stateStoreFiles(): Promise<string[]> {
  const store: any = await customObjects().getClusterCustomObject({
    ...KRATIX,
    plural: 'gitstatestores',
    name: 'local',
  });
  const url = String(store.spec.url);
  const gitDir = url.startsWith('file://') ? fileURLToPath(url) : url;
  const out = execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '--name-only', 'main'], {
    encoding: 'utf8',
  });
  return out.split('\n').filter(Boolean);
}

/** Files under a Destination's directory in the store (v0.125.0 layout: <path>/<name>/...). */
export async function destinationFiles(destination: string, prefix = ''): Promise<string[]> {
  const files = await stateStoreFiles();
  return files.filter(f => f.startsWith(`destinations/${destination}/${prefix}`));
}
