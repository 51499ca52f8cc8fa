/**
 * Data-set actions for the data panel and scripts: shipped presets, the seeded generator and user
 * files. Every action validates first and leaves the current data untouched on error (the error
 * is thrown with a readable message for the caller to show).
 */
import { DEFAULT_GENERATOR, generateDataset, parseDataFile, type GeneratorParams } from '../core/data';
import { useStore } from '../state/store';

/** A named starting point in the data panel's preset list. */
export interface DataPreset {
  id: string;
  label: string;
  /** A shipped file under public/data, or generator parameters. */
  file?: string;
  generator?: GeneratorParams;
}

export const DATA_PRESETS: DataPreset[] = [
  { id: 'paper-toy', label: 'Paper figure (paper-toy)', file: 'data/paper-toy.json' },
  { id: 'paper-mixture', label: 'Paper mixture, fresh draw (seed 2)', generator: { ...DEFAULT_GENERATOR, seed: 2 } },
  {
    id: 'two-blobs',
    label: 'Two separated blobs',
    generator: {
      means: [
        [-1.5, 0],
        [1.5, 0],
      ],
      sd: 0.8,
      n: 100,
      seed: 3,
      labelRule: 'median',
    },
  },
  {
    id: 'parity-4',
    label: 'Four blobs, parity labels',
    generator: {
      means: [
        [-1.5, -1.5],
        [1.5, -1.5],
        [-1.5, 1.5],
        [1.5, 1.5],
      ],
      sd: 0.7,
      n: 200,
      seed: 4,
      labelRule: 'parity',
    },
  },
];

/** Draws a data set from the generator and makes it current. Throws on invalid parameters. */
export function applyGenerator(p: GeneratorParams): void {
  const d = generateDataset(p);
  useStore.getState().setDataset(d, { kind: 'generator', params: { ...p, means: p.means.map((m) => [m[0], m[1]] as [number, number]) } });
}

/** Loads a preset (a shipped file is fetched relative to the page). */
export async function loadPreset(id: string): Promise<void> {
  const preset = DATA_PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`Unknown preset "${id}".`);
  if (preset.generator) {
    const d = generateDataset(preset.generator, preset.label);
    useStore.getState().setDataset(d, { kind: 'preset', id });
    return;
  }
  const res = await fetch(preset.file!);
  if (!res.ok) throw new Error(`Could not load ${preset.file} (HTTP ${res.status}).`);
  const d = parseDataFile(await res.text(), preset.id);
  useStore.getState().setDataset(d, { kind: 'preset', id });
}

/** Reads a user's JSON or CSV file and makes it current. */
export async function loadFile(file: File): Promise<void> {
  const d = parseDataFile(await file.text(), file.name);
  useStore.getState().setDataset(d, { kind: 'file', name: file.name });
}
