/**
 * Browser-test setup: serves the built app (`dist/`, from `npm run build`) with `vite preview` on a
 * free port and publishes its URL to the tests through `process.env.PACSCAPE_URL`.
 */
import { preview, type PreviewServer } from 'vite';
import { existsSync } from 'node:fs';

let server: PreviewServer | undefined;

export async function setup(): Promise<void> {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npm run build` before the browser tests.');
  server = await preview({ preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'error' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  process.env.PACSCAPE_URL = url;
}

export async function teardown(): Promise<void> {
  await server?.close();
}
