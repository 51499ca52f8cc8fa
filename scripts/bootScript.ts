/**
 * Build plugin: src/boot.ts, the page's first script, is an entry of its own, loaded by a
 * <script type="module"> ahead of the app's entry (with its few imports preloaded). Vite merges
 * the module scripts of index.html into one entry, which runs only once all of the app's chunks
 * are in; a separate entry runs as soon as its own small chunks are. The modules it shares with the
 * app (the grid workers it starts, the request it sends) are one instance: they sit in chunks both
 * entries import.
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

export const BOOT = fileURLToPath(new URL('../src/boot.ts', import.meta.url));

export function bootScriptPlugin(): Plugin {
  let base = './';
  return {
    name: 'pacscape-boot-script',
    configResolved(c) {
      base = c.base;
    },
    config(_c, env) {
      if (env.command !== 'build') return;
      const index = fileURLToPath(new URL('../index.html', import.meta.url));
      return { build: { rolldownOptions: { input: { index, boot: BOOT } } } };
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle) return [{ tag: 'script', attrs: { type: 'module', async: true, src: '/src/boot.ts' }, injectTo: 'head' }];
        const boot = Object.values(ctx.bundle).find((c) => c.type === 'chunk' && c.isEntry && c.facadeModuleId === BOOT);
        if (!boot || boot.type !== 'chunk') throw new Error('bootScriptPlugin: no boot chunk in the bundle');
        const url = (f: string) => base + f;
        // `async`: it runs as soon as its chunks are in, not after the app's entry (document order);
        // after the Content-Security-Policy tag, which governs only what follows it.
        return [
          { tag: 'script', attrs: { type: 'module', async: true, crossorigin: true, src: url(boot.fileName) }, injectTo: 'head' },
          ...boot.imports.filter((f) => !html.includes(f)).map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: url(f) }, injectTo: 'head' as const })),
        ];
      },
    },
  };
}
