import { JSDOM } from 'jsdom';

/**
 * A DOM for the content-script tests, installed as globals in the Node environment (Vitest's jsdom
 * environment cannot load the WXT browser polyfill the settings and i18n modules import).
 */
export function installDom(html = '<!doctype html><html><body></body></html>'): JSDOM {
  const dom = new JSDOM(html, { url: 'https://adsmanager.facebook.com/adsmanager/manage/campaigns' });
  const g = globalThis as Record<string, unknown>;
  g.window = dom.window;
  g.document = dom.window.document;
  g.MutationObserver = dom.window.MutationObserver;
  g.Node = dom.window.Node;
  g.Element = dom.window.Element;
  g.HTMLElement = dom.window.HTMLElement;
  // Frames run on a timer here; tests that need control call the layer's flush().
  g.requestAnimationFrame = (cb: () => void) => setTimeout(cb, 16) as unknown as number;
  g.cancelAnimationFrame = (h: number) => clearTimeout(h);
  return dom;
}
