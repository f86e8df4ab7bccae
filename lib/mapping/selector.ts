/**
 * A CSS selector that finds a clicked element again on a later visit (where the mapping's account, currency or
 * date range text is): its id when the page gives it a unique, stable-looking one, else the path of
 * `tag:nth-of-type(n)` steps from its root (the document or the open shadow root it lives in). Pure.
 */
const STABLE_ID = /^[A-Za-z][\w-]{0,80}$/;

function escapeIdent(id: string): string {
  return id.replace(/[^\w-]/g, (c) => `\\${c}`);
}

export function selectorOf(el: Element): string {
  const root = el.getRootNode() as Document | ShadowRoot;
  const steps: string[] = [];
  let node: Element | null = el;
  while (node) {
    if (node.id && STABLE_ID.test(node.id) && !/\d{4,}/.test(node.id)) {
      const byId = `#${escapeIdent(node.id)}`;
      if (root.querySelectorAll(byId).length === 1) {
        steps.unshift(byId);
        return steps.join(' > ');
      }
    }
    const tag = node.tagName.toLowerCase();
    const parent: Element | null = node.parentElement;
    if (!parent) {
      steps.unshift(tag);
      break;
    }
    const same = [...parent.children].filter((c) => c.tagName === node!.tagName);
    steps.unshift(same.length > 1 ? `${tag}:nth-of-type(${same.indexOf(node) + 1})` : tag);
    node = parent;
  }
  return steps.join(' > ');
}
