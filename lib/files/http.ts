import { isPreviewable } from './limits';

/**
 * Content-Disposition for a stored file: RFC 6266 with an ASCII fallback name (quotes, backslashes and
 * anything outside printable ASCII replaced) and the real name, UTF-8 percent-encoded, in filename*.
 */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_') || 'file';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * Headers for serving an evidence file. Downloaded unless a preview is asked for and the type is a
 * PDF or an image. Never cached by a shared cache, never sniffed into another type. Previews may be
 * framed only by our own pages (the marking page), downloads by none.
 *
 * An image preview is also sandboxed (no script, no same origin). A PDF preview is not: Chromium
 * refuses to run its PDF viewer in a sandboxed document ("This page has been blocked by Chrome"),
 * whatever the sandbox allows. Its content is a PDF by its bytes (checked on upload) and is served as
 * application/pdf with nosniff, so it cannot be run as a page of ours.
 */
export function fileResponseHeaders(file: { fileName: string; mediaType: string; sizeBytes: number }, wantInline: boolean): Headers {
  const inline = wantInline && isPreviewable(file.mediaType);
  const headers = new Headers({
    'Content-Type': file.mediaType,
    'Content-Length': String(file.sizeBytes),
    'Content-Disposition': contentDisposition(inline ? 'inline' : 'attachment', file.fileName),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
    'X-Frame-Options': inline ? 'SAMEORIGIN' : 'DENY',
  });
  if (!inline) headers.set('Content-Security-Policy', "sandbox; default-src 'none'; frame-ancestors 'none'");
  else if (file.mediaType.startsWith('image/'))
    headers.set('Content-Security-Policy', "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'");
  else headers.set('Content-Security-Policy', "frame-ancestors 'self'");
  return headers;
}
