import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * Security headers on every response, the designer's pages and the API's problems alike
 * (helmet). The Content-Security-Policy is what the built designer needs and no more: its
 * scripts are Vite's bundles from this origin (no inline script, no eval); bpmn-js, form-js and
 * ECharts set inline style attributes, so styles allow 'unsafe-inline'; a download is a blob:
 * URL; the favicon is a data: URL. Nothing may frame the pages of another origin
 * (frame-ancestors, X-Frame-Options) and no referrer leaves the origin.
 */
export function securityHeaders(): RequestHandler {
  const headers = fixedHeaders(helmetHeaders());
  // The same headers on every answer: set from a list made once, instead of through helmet's chain of twelve
  // middleware per request (the API's floor cost, issue 12).
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

function helmetHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'base-uri': ["'self'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'worker-src': ["'self'", 'blob:'],
        'object-src': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'self'"],
      },
    },
    referrerPolicy: { policy: 'same-origin' },
    // Served over plain HTTP on an intranet or localhost as often as behind TLS: HSTS is the proxy's to send.
    strictTransportSecurity: false,
  });
}

/**
 * What helmet sets, read once from a response it is given. Helmet's headers depend on nothing in the request
 * (no nonces here), and it removes only X-Powered-By, which the app never sends.
 */
function fixedHeaders(middleware: RequestHandler): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  let called = false;
  const response = {
    setHeader: (name: string, value: string) => headers.push([name, value]),
    removeHeader: () => undefined,
  };
  void middleware({} as Parameters<RequestHandler>[0], response as unknown as Parameters<RequestHandler>[1], () => (called = true));
  if (!called || headers.length === 0) throw new Error('helmet did not answer synchronously with its headers');
  return headers;
}
