/**
 * Writes README's limits table from core/params (`npx tsx scripts/limitsTable.ts`); a unit test
 * (src/core/params.test.ts) fails when the two differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { limitsTableMarkdown } from '../src/core/params';

const START = '<!-- limits:start -->';
const END = '<!-- limits:end -->';
const readme = readFileSync('README.md', 'utf8');
const a = readme.indexOf(START), b = readme.indexOf(END);
if (a < 0 || b < a) throw new Error('README.md has no limits markers');
writeFileSync('README.md', `${readme.slice(0, a + START.length)}\n${limitsTableMarkdown()}\n${readme.slice(b)}`);
