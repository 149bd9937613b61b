/**
 * The pages are served with a Content-Security-Policy whose style-src allows only 'self' and a
 * per-response nonce. The server writes the nonce into `<meta name="csp-nonce">`; Griffel (Fluent
 * UI's styling engine) puts it on every style element it creates.
 */
import { createDOMRenderer, type GriffelRenderer } from '@fluentui/react-components';

export function cspNonce(doc: Document): string | null {
  const value = doc.querySelector('meta[name="csp-nonce"]')?.getAttribute('content') ?? '';
  return /^[A-Za-z0-9+/=_-]{16,}$/.test(value) ? value : null;
}

export function createStyleRenderer(doc: Document): GriffelRenderer {
  const nonce = cspNonce(doc);
  return createDOMRenderer(doc, nonce ? { styleElementAttributes: { nonce } } : {});
}
