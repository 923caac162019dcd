// Which desktop the window runs on, as a `data-os` attribute on the root, set before
// the first layout so the CSS can pick fonts the platform resolves at once (app.css).
export type Os = 'linux' | 'macos' | 'windows' | 'other';

/** The OS a web view's user agent names (WebKitGTK, WKWebView, WebView2). */
export function osFromUserAgent(userAgent: string): Os {
  if (/Windows NT/.test(userAgent)) return 'windows';
  if (/Macintosh|Mac OS X/.test(userAgent) && !/iPhone|iPad/.test(userAgent)) return 'macos';
  if (/Linux|X11|FreeBSD|OpenBSD/.test(userAgent) && !/Android/.test(userAgent)) return 'linux';
  return 'other';
}

/** Marks the root with the OS (call before anything is drawn). */
export function markPlatform(root: HTMLElement = document.documentElement, userAgent = navigator.userAgent): Os {
  const os = osFromUserAgent(userAgent);
  root.dataset.os = os;
  return os;
}
