/**
 * Starts a page: renders the bootstrap (host, services, the page's own chunk, the session) into
 * `rootElement`, with Griffel's style elements carrying the page's CSP nonce.
 */
import { RendererProvider } from '@fluentui/react-components';
import { createRoot, type Root } from 'react-dom/client';
import { createStyleRenderer } from './cspNonce';
import { PageBootstrap, type BootstrapDeps } from './PageBootstrap';
import type { PageChoice, PageResolver } from './pageProps';
import { tabServices } from './tabServices';

export function startPage(
  rootElement: HTMLElement,
  page: PageChoice | PageResolver,
  deps: BootstrapDeps = tabServices(),
): Root {
  const resolvePage: PageResolver = typeof page === 'function' ? page : () => page;
  const root = createRoot(rootElement);
  root.render(
    <RendererProvider renderer={createStyleRenderer(document)} targetDocument={document}>
      <PageBootstrap deps={deps} resolvePage={resolvePage} />
    </RendererProvider>,
  );
  return root;
}

/** The page's `#root`, made if the HTML lacks it. */
export function rootElement(): HTMLElement {
  const existing = document.getElementById('root');
  if (existing) return existing;
  const created = document.createElement('div');
  created.id = 'root';
  document.body.append(created);
  return created;
}
