/**
 * Writes public/data/<id>.json for every generated preset of core/presets.ts (the points are the
 * seeded generator's, so the files can be re-made and are checked by src/core/presets.test.ts):
 *
 *   npx tsx scripts/presetFiles.ts
 */
import { writeFileSync } from 'node:fs';
import { PRESETS, presetFileObject } from '../src/core/presets';

for (const p of PRESETS) {
  if (!p.generator) continue;
  const path = `public/${p.file}`;
  writeFileSync(path, JSON.stringify(presetFileObject(p)) + '\n');
  process.stdout.write(`${path}\n`);
}
