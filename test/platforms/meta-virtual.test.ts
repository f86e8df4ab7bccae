import { describe, expect, it } from 'vitest';
import { metaAdapter } from '@/lib/platforms/meta';
import { createRowAccumulator } from '@/lib/read/row-accumulator';
import { tableReadingSchema } from '@/lib/model';
import { expectedVsReading, listFixtures, loadFixture, parseDocument } from '../helpers/fixtures';

const file = (name: string) => {
  const found = listFixtures('meta').find((f) => f.name === name);
  if (!found) throw new Error(`fixture ${name} is missing`);
  return loadFixture(found);
};
const windowFixture = file('campaigns-virtual-window');
const scrolledFixture = file('campaigns-virtual-scrolled');
const URL_ = windowFixture.expected.url;
const ROW_SPANS = '[data-surface^="/am/table/table_row:"][data-surface$="unit"]';

/**
 * What the virtualised table does on scroll: keep every element and rewrite its attributes and text for
 * another entity; a subtree whose shape differs (e.g. a number becoming "—") is re-rendered in place.
 */
function recycle(target: Element, source: Element): void {
  for (const a of [...target.attributes]) if (!source.hasAttribute(a.name)) target.removeAttribute(a.name);
  for (const a of source.attributes)
    if (target.getAttribute(a.name) !== a.value) target.setAttribute(a.name, a.value);
  const t = [...target.childNodes];
  const s = [...source.childNodes];
  if (t.length !== s.length || t.some((n, i) => n.nodeName !== s[i]!.nodeName)) {
    target.replaceChildren(...s.map((n) => target.ownerDocument.importNode(n, true)));
    return;
  }
  t.forEach((n, i) => {
    const src = s[i]!;
    if (n.nodeType === 1) recycle(n as Element, src as Element);
    else if (n.nodeValue !== src.nodeValue) n.nodeValue = src.nodeValue;
  });
}

function scroll(doc: Document, to: Document): Element[] {
  const targets = [...doc.querySelectorAll(ROW_SPANS)];
  const sources = [...to.querySelectorAll(ROW_SPANS)];
  expect(targets).toHaveLength(sources.length);
  targets.forEach((t, i) => recycle(t, sources[i]!));
  return targets;
}

const read = (doc: Document) => metaAdapter.read(doc, new URL(URL_), { accountCurrency: () => null });

describe('virtualised Meta table (footer: 60 campaigns, 12 rendered)', () => {
  it('reads only the rendered window and says how many rows are missing', () => {
    const reading = read(parseDocument(windowFixture.html, URL_));
    expect(reading.coverage).toEqual({ read: 12, total: 60 });
    expect(reading.health).toEqual({ status: 'partial', missing: ['rows: read 12 of 60'] });
  });

  it('follows recycled row elements: same nodes, new ids, no values carried over', () => {
    const doc = parseDocument(windowFixture.html, URL_, { stripClasses: true });
    const before = [...doc.querySelectorAll(ROW_SPANS)];
    const idsBefore = before.map((e) => e.getAttribute('data-surface'));
    const after = scroll(doc, parseDocument(scrolledFixture.html, URL_, { stripClasses: true }));
    // The very same elements now stand for other campaigns.
    after.forEach((el, i) => {
      expect(el).toBe(before[i]);
      expect(el.getAttribute('data-surface')).not.toBe(idsBefore[i]);
    });
    expect(expectedVsReading(scrolledFixture.expected, read(doc))).toEqual([]);
  });

  it('accumulates the union across scrolls and keeps each campaign’s own numbers', () => {
    const doc = parseDocument(windowFixture.html, URL_);
    const acc = createRowAccumulator();
    const first = acc.add(read(doc), URL_);
    expect(first.rows).toHaveLength(12);

    scroll(doc, parseDocument(scrolledFixture.html, URL_));
    const union = acc.add(read(doc), URL_);
    expect(union.coverage).toEqual({ read: 24, total: 60 });
    expect(union.health).toEqual({ status: 'partial', missing: ['rows: read 24 of 60'] });
    expect(() => tableReadingSchema.parse(union)).not.toThrow();

    // Every row still matches the window it was read in.
    const both = {
      ...windowFixture.expected,
      entities: [...windowFixture.expected.entities, ...scrolledFixture.expected.entities],
      missing: ['rows: read 24 of 60'],
      coverage: { read: 24, total: 60 },
    };
    expect(expectedVsReading(both, union)).toEqual([]);

    // Scrolling back recycles the elements again: nothing is duplicated or lost.
    scroll(doc, parseDocument(windowFixture.html, URL_));
    const back = acc.add(read(doc), URL_);
    expect(back.rows).toHaveLength(24);
    expect(new Set(back.rows.map((r) => r.entityId)).size).toBe(24);
    expect(expectedVsReading(both, back)).toEqual([]);
  });

  it('starts over when the view changes (another date range in the address)', () => {
    const acc = createRowAccumulator();
    acc.add(read(parseDocument(windowFixture.html, URL_)), URL_);
    const other = URL_.replace(
      'date=2026-10-01_2026-11-01%2Clast_month',
      'date=2026-11-01_2026-11-22%2Cthis_month',
    );
    const doc = parseDocument(scrolledFixture.html, other);
    const next = acc.add(metaAdapter.read(doc, new URL(other), { accountCurrency: () => null }), other);
    expect(next.rows).toHaveLength(12);
    expect(next.context.dateStart).toBe('2026-11-01');
  });
});
