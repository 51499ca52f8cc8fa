/** Renders its children inside the page's stage (`.stage`), where stage overlays are positioned. */
import { useEffect, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

export function StagePortal({ children }: { children: ReactNode }) {
  const [stage, setStage] = useState<Element | null>(null);
  useEffect(() => setStage(document.querySelector('.stage')), []);
  return stage ? createPortal(children, stage) : null;
}
