/**
 * The one registry of keyboard shortcuts. Features register what a key does here (or, for keys a
 * focused component handles itself, register a documentation-only entry without `run`); the help
 * overlay (`?`) lists exactly this registry, so the list can never drift from the behaviour. One
 * registry per app run (app/createApp makes it and passes it to the features that register keys;
 * components read it through ShortcutsContext).
 *
 * Key names: a single printed character is matched as typed ('?', 'l', 'L', '1'); named keys
 * follow `KeyboardEvent.key` ('PageDown', 'Escape', 'ArrowLeft') with an optional 'Shift+' prefix.
 * Shortcuts never fire while the user types in a text field (except Escape) or with Ctrl/Alt/Meta
 * held, so the browser's own shortcuts keep working.
 */
import { createContext, useContext, useSyncExternalStore } from 'react';

export type ShortcutGroup = 'General' | 'Story & presentation' | 'View' | 'Marker & pins' | 'Training' | 'Export & share';
export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = ['General', 'Story & presentation', 'View', 'Marker & pins', 'Training', 'Export & share'];

export interface Shortcut {
  /** Unique id; registering the same id again replaces the entry. */
  id: string;
  /** The keys that trigger it (any of them). */
  keys: string[];
  /** How the help overlay shows the keys, when not simply `keys` (e.g. '1 … 7'). */
  display?: string[];
  /** What it does, in a few words (shown in the help overlay). */
  label: string;
  group: ShortcutGroup;
  /** Runs the action; omit for keys a focused component handles itself (listed for help only). */
  run?: (e: KeyboardEvent) => void;
  /** When false the key is ignored (and the help overlay greys it out). */
  enabled?: () => boolean;
  /** Also fire while a text field has focus (only sensible for Escape). */
  inFields?: boolean;
}

/** The registry's name for a key event ('?', 'l', 'Shift+PageDown', 'Escape'). */
export function keyName(e: Pick<KeyboardEvent, 'key' | 'shiftKey'>): string {
  if (e.key.length === 1) return e.key === ' ' ? 'Space' : e.key;
  return (e.shiftKey ? 'Shift+' : '') + e.key;
}

/** How a key is shown to people ('PageDown' → 'Page Down', 'ArrowLeft' → '←'). */
export function keyLabel(k: string): string {
  const names: Record<string, string> = { ArrowLeft: '←', ArrowRight: '→', ArrowUp: '↑', ArrowDown: '↓', PageDown: 'Page Down', PageUp: 'Page Up', Escape: 'Esc', Space: 'Space' };
  return k
    .split('+')
    .map((p) => names[p] ?? p)
    .join(' + ');
}

function isTextField(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable) return true;
  if (t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return true;
  if (t instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(t.type);
  return false;
}

/** Finds the shortcut a key event triggers (null if none), honouring fields and modifiers. */
function matchIn(snapshot: readonly Shortcut[], e: KeyboardEvent): Shortcut | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return null;
  const name = keyName(e);
  // Keys a form control uses itself (a slider's arrows, a radio group's arrows) stay with it.
  const inField = isTextField(e.target) || (/^(Shift\+)?(Arrow|Page|Home|End)/.test(name) && e.target instanceof HTMLInputElement);
  for (const s of snapshot) {
    if (!s.run || !s.keys.includes(name)) continue;
    if (inField && !s.inFields) continue;
    if (s.enabled && !s.enabled()) continue;
    return s;
  }
  return null;
}

/** An app run's shortcut registry. */
export type Shortcuts = ReturnType<typeof createShortcuts>;

export function createShortcuts() {
  const registry = new Map<string, Shortcut>();
  const listeners = new Set<() => void>();
  let snapshot: Shortcut[] = [];
  const changed = () => {
    snapshot = [...registry.values()];
    for (const l of listeners) l();
  };
  return {
    /** Adds (or replaces, by id) shortcuts. Returns a function that removes them again. */
    register(list: Shortcut[]): () => void {
      for (const s of list) registry.set(s.id, s);
      changed();
      return () => {
        for (const s of list) if (registry.get(s.id) === s) registry.delete(s.id);
        changed();
      };
    },
    /** Every registered shortcut, in registration order. */
    all: (): Shortcut[] => snapshot,
    subscribe(l: () => void): () => void {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    /** The shortcut a key event triggers (null if none). */
    match: (e: KeyboardEvent): Shortcut | null => matchIn(snapshot, e),
    /** Installs the window keydown listener that dispatches to this registry; returns its removal. */
    install(): () => void {
      if (typeof window === 'undefined') return () => {};
      const onKey = (e: KeyboardEvent) => {
        if (e.defaultPrevented) return;
        const s = matchIn(snapshot, e);
        if (!s) return;
        e.preventDefault();
        s.run!(e);
      };
      window.addEventListener('keydown', onKey);
      return () => window.removeEventListener('keydown', onKey);
    },
    dispose(): void {
      registry.clear();
      changed();
      listeners.clear();
    },
  };
}

export const ShortcutsContext = createContext<Shortcuts | null>(null);

/** React hook: the app run's registry, re-rendering when it changes (app/App provides it). */
export function useShortcuts(): Shortcut[] {
  const r = useContext(ShortcutsContext);
  if (!r) throw new Error('useShortcuts: no shortcut registry (render inside app/App)');
  return useSyncExternalStore(r.subscribe, r.all);
}
