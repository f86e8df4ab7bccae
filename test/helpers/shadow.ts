/**
 * jsdom parses `<template shadowrootmode="open">` as an ordinary template (no declarative shadow DOM), while
 * Chromium attaches it as the host's shadow root. This does what the browser's parser does, so TikTok's
 * web-component fixtures read the same in unit tests as in the real browser.
 */
export function attachDeclarativeShadowRoots(root: ParentNode): number {
  let attached = 0;
  const templates = [...root.querySelectorAll('template[shadowrootmode]')].filter(
    // Nested declarative roots live in their template's content and are handled once attached.
    (t) => !t.parentElement?.closest('template'),
  );
  for (const template of templates as HTMLTemplateElement[]) {
    const host = template.parentElement;
    const mode = template.getAttribute('shadowrootmode');
    if (!host || (mode !== 'open' && mode !== 'closed') || host.shadowRoot) continue;
    const shadow = host.attachShadow({ mode });
    shadow.append(template.content.cloneNode(true));
    template.remove();
    attached += 1 + attachDeclarativeShadowRoots(shadow);
  }
  return attached;
}
