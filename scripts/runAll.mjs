/**
 * Runs npm scripts side by side (`node scripts/runAll.mjs typecheck lint test:unit`): the machine's
 * cores work on the type check, the linters and the unit tests at once instead of one after the
 * other. Each script's output is printed whole when it ends, under a line with its name, wall time
 * and exit code; exits 1 if any script failed.
 */
import { spawn } from 'node:child_process';

const names = process.argv.slice(2);
if (!names.length) {
  process.stderr.write('usage: node scripts/runAll.mjs SCRIPT...\n');
  process.exit(2);
}
const color = process.env.FORCE_COLOR ?? (process.stdout.isTTY ? '1' : '0');
const codes = await Promise.all(
  names.map(
    (name) =>
      new Promise((resolve) => {
        const t0 = Date.now();
        const out = [];
        const p = spawn('npm', ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: color } });
        p.stdout.on('data', (d) => out.push(d));
        p.stderr.on('data', (d) => out.push(d));
        p.on('error', (e) => out.push(Buffer.from(`${e.message}\n`)));
        p.on('close', (code) => {
          process.stdout.write(`\n> npm run ${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s, exit ${code}\n`);
          process.stdout.write(Buffer.concat(out));
          resolve(code ?? 1);
        });
      }),
  ),
);
const failed = names.filter((_, i) => codes[i] !== 0);
if (failed.length) process.stdout.write(`\nfailed: ${failed.join(', ')}\n`);
process.exit(failed.length ? 1 : 0);
