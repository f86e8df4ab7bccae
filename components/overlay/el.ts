/**
 * A tiny element builder for the overlay's plain-DOM UI (the content script carries no UI framework: it
 * would be most of its size). Strings become text nodes, never markup, so page text stays text.
 */

export type Child = Node | string | null | undefined | false;

/**
 * Attributes by name; `class` sets the class list; `on<event>` adds a listener; `true` sets an empty
 * attribute; `false`, null and undefined leave the attribute out.
 */
export type Props = Record<string, string | boolean | null | undefined | ((event: Event) => void)>;

export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  props?: Props | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  append(node, children);
  return node;
}

/** Appends children (strings as text nodes), skipping empty ones. */
export function append(parent: Node, children: Child[]): void {
  const doc = parent.ownerDocument ?? (parent as Document);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? doc.createTextNode(child) : child);
  }
}
