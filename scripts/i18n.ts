/** Writes src/i18n/en.ts from the code and lists the keys src/i18n/zh-CN.ts lacks or no longer needs. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { allKeys, enSource } from './i18nKeys';

const { keys, problems } = allKeys();
for (const p of problems) console.error(`not a literal key: ${p}`);
writeFileSync('src/i18n/en.ts', enSource(keys));
console.log(`src/i18n/en.ts: ${keys.length} keys`);
if (existsSync('src/i18n/zh-CN.ts')) {
  const zh = readFileSync('src/i18n/zh-CN.ts', 'utf8');
  const have = new Set([...zh.matchAll(/^ {2}("(?:[^"\\]|\\.)*"): /gm)].map((m) => JSON.parse(m[1]) as string));
  const missing = keys.filter((k) => !have.has(k));
  const extra = [...have].filter((k) => !keys.includes(k));
  if (process.argv.includes('--missing')) for (const k of missing) console.log(`  ${JSON.stringify(k)}: "",`);
  console.log(`zh-CN: ${missing.length} missing, ${extra.length} no longer used`);
  for (const k of extra) console.log(`  unused: ${JSON.stringify(k)}`);
}
if (problems.length) process.exitCode = 1;
