/**
 * The data file being read (app/dataImport): its name, how far the worker got and the phase, for
 * the data panel's progress line and its Cancel button. Null when no file is being read.
 */
import { create } from 'zustand';

export interface ImportProgress {
  name: string;
  /** Bytes of the file (or characters of the text). */
  size: number;
  /** 0..1. */
  fraction: number;
  phase: 'reading' | 'read' | 'parsed' | 'checked';
}

export const useDataImport = create<{ current: ImportProgress | null }>(() => ({ current: null }));
