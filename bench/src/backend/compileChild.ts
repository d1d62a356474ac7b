/*
 * Compiles backendChild.ts and this repository's packages it uses (the Kratix backend plugin,
 * kratix-node, kratix-common) into one CommonJS file, as a production build does, so that the
 * backend process runs plain JavaScript: no TypeScript transform loaded, nothing compiled at run
 * time. Everything from node_modules stays external and is loaded as installed.
 */
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const OWN_PACKAGES = /^@kratix-backstage\//;

/** Builds the child into `outDir` and answers the file to fork. */
export async function compileBackendChild(outDir: string): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'backendChild.cjs');
  await build({
    entryPoints: [resolve(__dirname, 'backendChild.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node24',
    sourcemap: false,
    logLevel: 'warning',
    plugins: [
      {
        name: 'external-node-modules',
        setup(b) {
          // Bare imports are external unless they are this repository's own packages.
          b.onResolve({ filter: /^[^./]/ }, args =>
            OWN_PACKAGES.test(args.path)
              ? undefined
              : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  return outfile;
}
