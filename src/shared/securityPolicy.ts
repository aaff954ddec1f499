/**
 * The Content-Security-Policy of our pages, in one place for both shells that serve them: the Electron main
 * process (response headers of the app window) and web mode (every HTTP response). Both may import shared;
 * neither imports the other.
 */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
