import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The page's thread must never parse: the schema module is spied on, and a fake Worker stands in
// for app/dataWorker.ts (what the browser runs is covered by the browser tests).
const parseSpy = vi.fn();
vi.mock('./dataSchema', () => ({ parseDataText: (...a: unknown[]) => parseSpy(...a) }));

import { cancelImport, parseDataOffThread, ImportCancelled } from './dataImport';
import { DataError } from '../core/data';
import { useDataImport } from '../state/dataImport';

class FakeWorker {
  static made: FakeWorker[] = [];
  posted: unknown[] = [];
  terminated = false;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(m: unknown) {
    this.posted.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  reply(data: unknown) {
    this.onmessage?.({ data });
  }
}

beforeEach(() => {
  FakeWorker.made = [];
  parseSpy.mockReset();
  vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => {
  cancelImport();
  vi.unstubAllGlobals();
});

describe('data files are parsed off the page thread', () => {
  it('posts the text to a worker and does no parsing here, however large the file', async () => {
    const text = 'x1,x2,y\n' + '0,1,0\n'.repeat(170_000);
    const p = parseDataOffThread({ text }, 'big.csv');
    expect(FakeWorker.made).toHaveLength(1);
    expect(FakeWorker.made[0].posted).toEqual([{ text, name: 'big.csv' }]);
    expect(useDataImport.getState().current).toMatchObject({ name: 'big.csv', size: text.length, fraction: 0, phase: 'reading' });
    FakeWorker.made[0].reply({ kind: 'progress', fraction: 0.6, phase: 'parsed' });
    expect(useDataImport.getState().current).toMatchObject({ fraction: 0.6, phase: 'parsed' });
    FakeWorker.made[0].reply({ kind: 'done', name: 'big.csv', n: 2, x: new Float64Array([0, 1, 1, 0]), y: new Uint8Array([0, 1]) });
    const d = await p;
    expect([d.n, Array.from(d.y)]).toEqual([2, [0, 1]]);
    expect(parseSpy).not.toHaveBeenCalled();
    expect(FakeWorker.made[0].terminated).toBe(true);
    expect(useDataImport.getState().current).toBeNull();
  });
  it('a refusal comes back as the DataError with core\'s sentence', async () => {
    const p = parseDataOffThread({ text: 'NaN,1,0' }, 'bad.csv');
    FakeWorker.made[0].reply({ kind: 'error', message: 'Line 1, column 1 (x1): "NaN" is not a finite number. 1 of 1 data rows refused.', data: true });
    await expect(p).rejects.toBeInstanceOf(DataError);
  });
  it('Cancel terminates the worker, rejects, and clears the progress; a newer import replaces an older one', async () => {
    const a = parseDataOffThread({ text: '0,0,0\n1,1,1' }, 'a.csv');
    const b = parseDataOffThread({ text: '0,0,0\n1,1,1' }, 'b.csv');
    await expect(a).rejects.toBeInstanceOf(ImportCancelled);
    expect(FakeWorker.made[0].terminated).toBe(true);
    expect(useDataImport.getState().current?.name).toBe('b.csv');
    expect(cancelImport()).toBe(true);
    await expect(b).rejects.toBeInstanceOf(ImportCancelled);
    expect(useDataImport.getState().current).toBeNull();
    expect(cancelImport()).toBe(false);
    // A late reply of a cancelled worker changes nothing.
    FakeWorker.made[1].reply({ kind: 'progress', fraction: 0.5, phase: 'parsed' });
    expect(useDataImport.getState().current).toBeNull();
  });
});
