#!/usr/bin/env node
// Checks built packages (after `backstage-cli package build`) as an adopter will receive them:
//   - every package imported by dist/ (JS and .d.ts) is a dependency or peer dependency
//   - the packages come in dependency order (each after its @kratix-backstage dependencies)
//   - dist/*.d.ts type-check with skipLibCheck false (what an adopter's `tsc:full` does)
//   - LICENSE (same text as the repository's), README.md, and the metadata fields are there
//   - the README links nothing outside the package (relative links break on npm)
// Usage: node dev/release/check-packages.mjs plugins/a plugins/b ...
import { execFileSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dirs = process.argv.slice(2);
const problems = [];
const rootLicense = readFileSync('LICENSE', 'utf8');
const builtins = new Set(builtinModules);
const seen = new Set();
const declarationFiles = [];

const filesUnder = dir =>
  readdirSync(dir).flatMap(name => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });

/** Bare package names a built file imports. */
function importsOf(text) {
  const names = new Set();
  const re =
    /(?:from\s+|import\s*\(\s*|require\(\s*|import\s+)['"]([^'"./][^'"]*)['"]/g;
  for (const m of text.matchAll(re)) {
    const spec = m[1];
    if (spec.startsWith('node:') || builtins.has(spec.split('/')[0])) continue;
    const parts = spec.split('/');
    names.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
  }
  return names;
}

for (const dir of dirs) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const where = `${pkg.name} (${dir})`;
  const declared = new Set([
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
  ]);
  for (const dep of declared) {
    if (dep.startsWith('@kratix-backstage/') && !seen.has(dep)) {
      problems.push(
        `${where}: depends on ${dep}, which is not packed before it`,
      );
    }
  }
  seen.add(pkg.name);

  if (!existsSync(join(dir, 'dist')))
    problems.push(`${where}: no dist/ (build first)`);
  else {
    for (const file of filesUnder(join(dir, 'dist'))) {
      if (!/\.(c?js|mjs|d\.ts)$/.test(file)) continue;
      if (file.endsWith('.d.ts')) declarationFiles.push(file);
      for (const name of importsOf(readFileSync(file, 'utf8'))) {
        if (name !== pkg.name && !declared.has(name)) {
          problems.push(
            `${where}: ${file} imports ${name}, which is not a dependency`,
          );
        }
      }
    }
  }

  for (const field of [
    'license',
    'description',
    'homepage',
    'repository',
    'keywords',
  ]) {
    if (!pkg[field]) problems.push(`${where}: package.json has no ${field}`);
  }
  if (pkg.license !== 'Apache-2.0')
    problems.push(`${where}: license is ${pkg.license}`);
  if (!pkg.files?.includes('LICENSE'))
    problems.push(`${where}: LICENSE is not in files`);
  const license = join(dir, 'LICENSE');
  if (!existsSync(license) || readFileSync(license, 'utf8') !== rootLicense) {
    problems.push(`${where}: LICENSE missing or not the repository's`);
  }
  const readme = join(dir, 'README.md');
  if (!existsSync(readme)) problems.push(`${where}: no README.md`);
  else {
    const text = readFileSync(readme, 'utf8');
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (!/^(https?:|mailto:|#)/.test(m[1])) {
        problems.push(
          `${where}: README links ${m[1]}, which does not work from npm`,
        );
      }
    }
    if (
      !text.includes(`add ${pkg.name}`) &&
      !text.includes(`install ${pkg.name}`)
    ) {
      problems.push(`${where}: README gives no install command`);
    }
  }
}

if (declarationFiles.length) {
  try {
    execFileSync(
      'npx',
      [
        'tsc',
        '--noEmit',
        '--skipLibCheck',
        'false',
        '--strict',
        '--module',
        'esnext',
        '--moduleResolution',
        'bundler',
        '--target',
        'es2022',
        '--jsx',
        'react-jsx',
        '--types',
        'node',
        ...declarationFiles,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
    );
  } catch (e) {
    problems.push(
      `declarations do not type-check (skipLibCheck false):\n${e.stdout}${e.stderr}`,
    );
  }
}

if (problems.length) {
  console.error(problems.map(p => `  - ${p}`).join('\n'));
  console.error(`check-packages: ${problems.length} problem(s)`);
  process.exit(1);
}
console.error(
  `check-packages: ${dirs.length} packages, ${declarationFiles.length} declaration files: ok`,
);
