// Builds the portal twice, on Preact (preact/compat) and on React, and prints the first-load
// JavaScript of each, gzip -9 (what the budget counts). The figures go in web/README.md.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

function firstLoadJs(dir) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/?([^"]+\.js)"/g)].map(
    (m) => m[1],
  );
  let raw = 0;
  let gz = 0;
  for (const s of scripts) {
    const bytes = readFileSync(join(dir, s.replace(/^console\//, '')));
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
  }
  return {
    scripts: scripts.length,
    raw,
    gz,
    chunks: readdirSync(join(dir, 'assets')).filter((f) => f.endsWith('.js')).length,
  };
}

// Run from web/, wherever it is called from.
process.chdir(join(dirname(fileURLToPath(import.meta.url)), '..'));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const [name, env] of [
  ['preact', {}],
  ['react', { FRAMEWORK: 'react' }],
]) {
  const out = `measure-${name}`;
  execFileSync('npx', ['vite', 'build', '--mode', 'portal', '--logLevel', 'error'], {
    env: { ...process.env, ...env, FRAMEWORK_OUT: out },
    stdio: 'inherit',
  });
  const m = firstLoadJs(join('dist', out));
  console.log(
    `${name.padEnd(7)} portal first-load JS: ${kb(m.raw)} raw, ${kb(m.gz)} gzip (${m.scripts} script, ${m.chunks} chunks in all)`,
  );
  rmSync(join('dist', out), { recursive: true, force: true });
}
