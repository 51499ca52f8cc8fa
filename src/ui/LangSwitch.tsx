/**
 * The interface language switch in the header: English / 中文 (Simplified Chinese). Each language
 * is named in itself, so a reader finds theirs whatever the page shows; the choice goes into the
 * link (`lang=`), and src/i18n loads its catalogue.
 */
import { useStore } from '../state/store';
import { useT } from '../i18n';
import { LANGS, type LangId } from '../i18n/lang';
import './lang.css';

const NAMES: Record<LangId, { short: string; long: string }> = {
  en: { short: 'EN', long: 'English' },
  'zh-CN': { short: '中文', long: '简体中文' },
};

export function LangSwitch() {
  const lang = useStore((s) => s.lang);
  const setLayout = useStore((s) => s.setLayout);
  const t = useT();
  return (
    <div className="lang-switch" role="group" aria-label={t('Interface language')} data-testid="lang-switch">
      {LANGS.map((l) => (
        <button key={l} type="button" className="header-button lang-button" lang={l} aria-pressed={lang === l} title={NAMES[l].long} onClick={() => setLayout({ lang: l })} data-lang={l}>
          {NAMES[l].short}
        </button>
      ))}
    </div>
  );
}
