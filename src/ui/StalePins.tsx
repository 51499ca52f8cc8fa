/**
 * Pins are weights, not minima: when the data set or the depth changes they stay where they were,
 * while the landscape's minima move (and a pinned point's sharp/flat character can swap). This
 * notice says so above the pin table and offers to re-pin the new minima in one click.
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from '../state/store';
import { MAX_PINS } from '../app/actions';
import { useT } from '../i18n';

/** A data or depth change followed by new pins within this time (a link, the story) is one change. */
const SETTLE_MS = 400;

interface Basis {
  dataVersion: number;
  depth: number;
}

export function StalePinsNotice() {
  const t = useT();
  const pins = useStore((s) => s.pins);
  const dataVersion = useStore((s) => s.dataVersion);
  const depth = useStore((s) => s.depth);
  const minima = useStore((s) => s.minima);
  const ready = useStore((s) => !s.computing && s.gridRes === s.res && s.gridVersion > 0);
  const setPins = useStore((s) => s.setPins);
  // The data version and depth the current pins were placed on.
  const basis = useRef<Basis>({ dataVersion, depth });
  const [stale, setStale] = useState<string | null>(null);

  // Pins placed (by the user, a link, the story): they belong to the landscape shown now.
  useEffect(() => {
    const s = useStore.getState();
    basis.current = { dataVersion: s.dataVersion, depth: s.depth };
    setStale(null);
  }, [pins]);

  useEffect(() => {
    const b = basis.current;
    if (!pins.length || b.dataVersion === 0) {
      basis.current = { dataVersion, depth };
      return;
    }
    if (b.dataVersion === dataVersion && b.depth === depth) return;
    const timer = setTimeout(() => {
      const now = basis.current;
      if (now.dataVersion === dataVersion && now.depth === depth) return; // re-pinned meanwhile
      setStale(
        now.dataVersion !== dataVersion
          ? now.depth !== depth
            ? t("The data set and the depth changed since these points were pinned: they stay at the same w, but the landscape's minima have moved, and a pin's sharp/flat character may differ now.")
            : t("The data set changed since these points were pinned: they stay at the same w, but the landscape's minima have moved, and a pin's sharp/flat character may differ now.")
          : t("The depth changed (D = {{from}} → {{to}}) since these points were pinned: they stay at the same w, but the landscape's minima have moved, and a pin's sharp/flat character may differ now.", { from: now.depth, to: depth }),
      );
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [dataVersion, depth]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!stale || !pins.length) return null;
  return (
    <div className="stale-pins" role="status" data-testid="stale-pins">
      <p>{stale}</p>
      <div className="ins-actions">
        <button type="button" data-testid="repin-minima" disabled={!ready || minima.length === 0} onClick={() => setPins(minima.slice(0, MAX_PINS).map((m) => [m.w[0], m.w[1]] as [number, number]))} title={t('Replace the pins by the minima of the landscape shown now (global first)')}>
          {t(ready ? 'Re-pin the new minima' : 'Re-pin the new minima (computing…)')}
        </button>
        <button type="button" data-testid="keep-pins" onClick={() => setStale(null)}>
          {t('Keep these points')}
        </button>
      </div>
    </div>
  );
}
