import { t } from '../i18n';

/**
 * An experiment configuration's label (core/experiment's, which exports keep as they are: "batch 4",
 * "lr 0.5", "perturbed", "SGD b=8") in the active language.
 */
export function configName(label: string): string {
  if (label === 'perturbed') return t('perturbed');
  return label
    .replace(/^batch (\S+)$/, (_, n: string) => t('batch {{n}}', { n }))
    .replace(/^lr (\S+)$/, (_, lr: string) => t('lr {{lr}}', { lr }))
    .replace(/^perturbed /, `${t('perturbed')} `);
}
