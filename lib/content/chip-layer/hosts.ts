import { CHIP_HOST_TAG, createChipHost, ENTITY_ATTR, renderChips } from '../../overlay/chip-dom';
import type { RowChips } from '../../overlay/chips';

/**
 * Rendering: the chip hosts this layer made, which cell each belongs to, and the signature of the row each
 * one shows, so a host is re-rendered only when its row's chips changed (or its cell now stands for another
 * entity).
 */

export interface ChipHosts {
  /** The host kept for `cell`, while it is one of this layer's and still sits in `home`. */
  at(cell: Element, home: Node): HTMLElement | undefined;
  /** The host kept for `cell`, while it is one of this layer's (wherever it sits). */
  ofCell(cell: Element): HTMLElement | undefined;
  /** Whether the host shows another entity, or other chips, than `row`. */
  isStale(host: HTMLElement, entityKey: string, row: RowChips): boolean;
  /**
   * A new host for `cell` showing `row`'s chips, not yet in the document (its fit is set before it goes in).
   * A host in the cell that this layer does not know (an earlier copy of the script) goes first.
   */
  create(cell: Element, entityKey: string, row: RowChips, float: boolean): HTMLElement;
  render(host: HTMLElement, row: RowChips): void;
  /** Removes every host not in `keep`. */
  removeExcept(keep: ReadonlySet<HTMLElement>): void;
  removeAll(): void;
  readonly size: number;
}

/**
 * `groupLabel`: the accessible name of one row's chip group. `onRemove`: called with a host about to leave
 * the document (still in its cell), to forget what else was kept about it.
 */
export function createChipHosts(
  doc: Document,
  groupLabel: (row: RowChips) => string,
  onRemove: (host: HTMLElement) => void,
): ChipHosts {
  const hosts = new Set<HTMLElement>();
  const hostByCell = new WeakMap<Element, HTMLElement>();
  const rendered = new WeakMap<HTMLElement, string>();

  function render(host: HTMLElement, row: RowChips): void {
    renderChips(host, row, groupLabel(row));
    rendered.set(host, row.signature);
  }

  function remove(host: HTMLElement): void {
    onRemove(host);
    host.remove();
    hosts.delete(host);
  }

  return {
    at(cell, home) {
      const host = hostByCell.get(cell);
      return host && host.parentNode === home && hosts.has(host) ? host : undefined;
    },
    ofCell(cell) {
      const host = hostByCell.get(cell);
      return host && hosts.has(host) ? host : undefined;
    },
    isStale: (host, entityKey, row) =>
      rendered.get(host) !== row.signature || host.getAttribute(ENTITY_ATTR) !== entityKey,
    create(cell, entityKey, row, float) {
      for (const stray of cell.querySelectorAll(`:scope > ${CHIP_HOST_TAG}`)) stray.remove();
      const host = createChipHost(doc, entityKey, float ? 'float' : 'overlay');
      hostByCell.set(cell, host);
      hosts.add(host);
      render(host, row);
      return host;
    },
    render,
    removeExcept(keep) {
      for (const host of [...hosts]) if (!keep.has(host)) remove(host);
    },
    removeAll() {
      for (const host of [...hosts]) remove(host);
    },
    get size() {
      return hosts.size;
    },
  };
}
