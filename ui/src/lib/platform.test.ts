import { describe, expect, it } from 'vitest';
import { markPlatform, osFromUserAgent } from './platform';

const WEBKITGTK = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko)';
const WEBVIEW2 =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0';
const WKWEBVIEW = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)';

describe('platform', () => {
  it('names the OS of each desktop web view', () => {
    expect(osFromUserAgent(WEBKITGTK)).toBe('linux');
    expect(osFromUserAgent(WEBVIEW2)).toBe('windows');
    expect(osFromUserAgent(WKWEBVIEW)).toBe('macos');
  });

  it('does not take phones for desktops', () => {
    expect(osFromUserAgent('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36')).toBe('other');
    expect(osFromUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15')).toBe(
      'other',
    );
  });

  it('marks the root, which the CSS reads to choose fonts', () => {
    const root = document.createElement('html');
    expect(markPlatform(root, WEBKITGTK)).toBe('linux');
    expect(root.dataset.os).toBe('linux');
    markPlatform(root, WEBVIEW2);
    expect(root.getAttribute('data-os')).toBe('windows');
  });
});
