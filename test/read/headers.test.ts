import { describe, expect, it } from 'vitest';
import {
  SUPPORTED_UI_LANGUAGES,
  conceptForHeader,
  dictionaryConflicts,
  headerLanguages,
  lookupHeader,
  normaliseHeader,
} from '@/lib/read/headers';
import type { ColumnConcept } from '@/lib/read/headers';
import type { Platform } from '@/lib/model';
import { listRealPages, loadFixture, realPagesAvailable, parseDocument } from '../helpers/fixtures';

type Case = readonly [string, ColumnConcept | null];

function check(platform: Platform, cases: readonly Case[]) {
  it.each(cases)('%s → %s', (header, concept) => {
    expect(conceptForHeader(platform, header)).toBe(concept);
  });
}

describe('normaliseHeader', () => {
  it('drops icon ligatures, NBSP, case, full-width brackets and a trailing currency code', () => {
    expect(normaliseHeader('Cost help_outline')).toBe('cost');
    expect(normaliseHeader('Amount spent (USD)')).toBe('amount spent');
    expect(normaliseHeader('点击量（全部）')).toBe(normaliseHeader('点击量 (全部)'));
    expect(normaliseHeader('CPM (Coût pour 1\u202f000\u00a0impressions)')).toBe(
      normaliseHeader('CPM (coût pour 1 000 impressions)'),
    );
    expect(normaliseHeader('Conv. value / cost arrow_drop_down')).toBe(normaliseHeader('Conv. value/cost'));
  });
});

describe('conceptForHeader: Meta', () => {
  describe('en', () =>
    check('meta', [
      ['Amount spent', 'spend'],
      ['Amount spent (USD)', 'spend'],
      ['Impressions', 'impressions'],
      ['Reach', 'reach'],
      ['Clicks (all)', 'clicksAll'],
      ['Link clicks', 'clicksLink'],
      ['CTR (all)', 'ctr'],
      ['CPC (cost per link click)', 'cpc'],
      ['CPM (cost per 1,000 impressions)', 'cpm'],
      ['Results', 'results'],
      ['Purchases', 'purchases'],
      ['Purchases conversion value', 'conversionValue'],
      ['Purchase ROAS (return on ad spend)', 'roas'],
      ['Budget', 'budget'],
      ['Campaign name', 'name'],
      ['Cost per result', null], // result type varies: not a conversion cost
      ['Frequency', null],
      ['Delivery', null],
    ]));
  describe('vi', () =>
    check('meta', [
      ['Số tiền đã chi tiêu', 'spend'],
      ['Số tiền đã chi tiêu (VND)', 'spend'],
      ['Lượt hiển thị', 'impressions'],
      ['Lượt tiếp cận', 'reach'],
      ['Người tiếp cận', 'reach'],
      ['Lượt click vào liên kết', 'clicksLink'],
      ['CTR (Tất cả)', 'ctr'],
      ['CPM (Chi phí trên mỗi 1.000 lượt hiển thị)', 'cpm'],
      ['Kết quả', 'results'],
      ['Tên chiến dịch', 'name'],
      ['Ngân sách', 'budget'],
    ]));
  describe('ru', () =>
    check('meta', [
      ['Потраченная сумма', 'spend'],
      ['Показы', 'impressions'],
      ['CTR (все)', 'ctr'],
      ['Результаты', 'results'],
      ['Название кампании', 'name'],
      ['Клики', null], // all or link? unknown
    ]));
  describe('uk', () =>
    check('meta', [
      ['Витрачена сума', 'spend'],
      ['Потрачена сума (UAH)', 'spend'],
      ['Покази', 'impressions'],
      ['CTR (усі)', 'ctr'],
      ['Результати', 'results'],
      ['Назва кампанії', 'name'],
    ]));
  describe('de', () =>
    check('meta', [
      ['Ausgegebener Betrag', 'spend'],
      ['Impressionen', 'impressions'],
      ['Reichweite', 'reach'],
      ['Klicks (alle)', 'clicksAll'],
      ['Link-Klicks', 'clicksLink'],
      ['CTR (Link-Klickrate)', 'ctr'],
      ['CPM (Kosten pro 1.000 Impressionen)', 'cpm'],
      ['Ergebnisse', 'results'],
      ['Käufe', 'purchases'],
      ['Kampagnenname', 'name'],
    ]));
  describe('fr', () =>
    check('meta', [
      ['Montant dépensé', 'spend'],
      ['Montant dépensé (EUR)', 'spend'],
      ['Couverture', 'reach'],
      ['Clics (tous)', 'clicksAll'],
      ['Clics sur un lien', 'clicksLink'],
      ['CPM (Coût pour 1\u00a0000\u00a0impressions)', 'cpm'],
      ['Résultats', 'results'],
      ['Achats', 'purchases'],
      ['ROAS (retour sur les dépenses publicitaires) des achats', 'roas'],
      ['Nom de la campagne', 'name'],
    ]));
  describe('zh', () =>
    check('meta', [
      ['已花费金额', 'spend'],
      ['展示次数', 'impressions'],
      ['覆盖人数', 'reach'],
      ['点击量（全部）', 'clicksAll'],
      ['成效', 'results'],
      ['购物次数', 'purchases'],
      ['广告花费回报 (ROAS) - 购物', 'roas'],
      ['广告系列名称', 'name'],
    ]));
  describe('es', () =>
    check('meta', [
      ['Importe gastado', 'spend'],
      ['Importe gastado (MXN)', 'spend'],
      ['Impresiones', 'impressions'],
      ['Clics (todos)', 'clicksAll'],
      ['Clics en el enlace', 'clicksLink'],
      ['CTR (tasa de clics en el enlace)', 'ctr'],
      ['CPM (coste por 1000 impresiones) (PEN)', 'cpm'],
      ['Compras', 'purchases'],
      ['Valor de conversión de compras', 'conversionValue'],
      ['Nombre del conjunto de anuncios', 'name'],
      ['Coste por resultados', null],
    ]));
  describe('pt', () =>
    check('meta', [
      ['Valor usado (BRL)', 'spend'],
      ['Impressões', 'impressions'],
      ['Cliques no link', 'clicksLink'],
      ['Cliques (todos)', 'clicksAll'],
      ['CPM (custo por 1.000 impressões)', 'cpm'],
      ['Valor de conversão da compra', 'conversionValue'],
      ['Nome do anúncio', 'name'],
      ['Custo por resultado', null],
    ]));
  describe('hidden header text glued to the label (textContent)', () =>
    check('meta', [
      ['Amount spentOpen Inline Column Action Menu', 'spend'],
      ['Витрачена сумаOpen Inline Column Action Menu', 'spend'],
      ['CPM (ціна за 1000 показів)', 'cpm'],
      ['Ліди', 'leads'],
      ['ROAS (lợi nhuận trên chi tiêu quảng cáo) mua hàng', 'roas'],
      ['Giá trị chuyển đổi mua hàng', 'conversionValue'],
    ]));
});

describe('conceptForHeader: Google', () => {
  describe('en', () =>
    check('google', [
      ['Cost', 'spend'],
      ['Cost help_outline', 'spend'],
      ['Impr.', 'impressions'],
      ['Clicks', 'clicks'],
      ['CTR', 'ctr'],
      ['Avg. CPC', 'cpc'],
      ['Conversions', 'conversions'],
      ['Cost / conv.', 'costPerConversion'],
      ['Conv. value', 'conversionValue'],
      ['Conv. value / cost', 'roas'],
      ['Conv. value / cost expand_more', 'roas'],
      ['Costhelp_outline', 'spend'], // textContent of the real saved page's header cell
      ['Cost / conv.help_outline', 'costPerConversion'],
      ['Max. CPChelp_outline', null],
      ['All conv.', null],
      ['Keyword', 'name'],
      ['Conv. rate', null],
      ['Max. CPC', null],
    ]));
  describe('vi', () =>
    check('google', [
      ['Chi phí', 'spend'],
      ['Số lượt hiển thị', 'impressions'],
      ['Lượt chuyển đổi', 'conversions'],
      ['Chi phí/lượt chuyển đổi', 'costPerConversion'],
      ['Từ khóa tìm kiếm', 'name'],
      ['CPC Tối đa', null],
    ]));
  describe('uk', () =>
    check('google', [
      ['Вартість', 'spend'],
      ['Покази', 'impressions'],
      ['Кліки', 'clicks'],
      ['Сер. ціна за клік', 'cpc'],
      ['Конверсії', 'conversions'],
      ['Вартість/конв.', 'costPerConversion'],
      ['Цінність конверсії', 'conversionValue'],
    ]));
  describe('de', () =>
    check('google', [
      ['Kosten', 'spend'],
      ['Impressionen', 'impressions'],
      ['Klicks', 'clicks'],
      ['Durchschn. CPC', 'cpc'],
      ['Ø-CPC', 'cpc'],
      ['Conv.', 'conversions'],
      ['Kosten/Conv.', 'costPerConversion'],
      ['Conv.-Wert', 'conversionValue'],
    ]));
  describe('fr', () =>
    check('google', [
      ['Coût', 'spend'],
      ['Clics', 'clicks'],
      ['CPC moy.', 'cpc'],
      ['Coût/conv.', 'costPerConversion'],
    ]));
  describe('zh', () =>
    check('google', [
      ['费用', 'spend'],
      ['展示次数', 'impressions'],
      ['点击次数', 'clicks'],
      ['点击率', 'ctr'],
      ['转化次数', 'conversions'],
      ['每次转化费用', 'costPerConversion'],
      ['转化价值/费用', 'roas'],
      ['单位费用转化价值', 'roas'],
    ]));
});

describe('conceptForHeader: TikTok, Microsoft, LinkedIn', () => {
  describe('tiktok', () =>
    check('tiktok', [
      ['Cost', 'spend'],
      ['Impressions', 'impressions'],
      ['Clicks (destination)', 'clicksDestination'],
      ['CTR (destination)', 'ctr'],
      ['Conversions', 'conversions'],
      ['Cost per conversion', 'costPerConversion'],
      ['Total complete payment ROAS', 'roas'],
      ['Campaign name', 'name'],
      ['Cost?', 'spend'], // help icon rendered as "?"
      ['Clicks (destination)?', 'clicksDestination'],
    ]));
  describe('microsoft', () =>
    check('microsoft', [
      ['Spend', 'spend'],
      ['Impr.', 'impressions'],
      ['Conv.', 'conversions'],
      ['Cost per conv.', 'costPerConversion'],
      ['Avg. CPC', 'cpc'],
    ]));
  describe('linkedin', () =>
    check('linkedin', [
      ['Spent', 'spend'],
      ['Key results', 'results'],
      ['Average CTR', 'ctr'],
      ['Total conversion value', 'conversionValue'],
      ['Return on ad spend', 'roas'],
      ['Leads', 'leads'],
      ['Name', 'name'],
    ]));
});

describe('name columns and levels', () => {
  it('answers name only for the page level when the level is given', () => {
    expect(conceptForHeader('google', 'Campaign', 'keyword')).toBeNull();
    expect(conceptForHeader('google', 'Keyword', 'keyword')).toBe('name');
    expect(conceptForHeader('google', 'Campaign', 'campaign')).toBe('name');
    expect(conceptForHeader('meta', 'Ad set name', 'adset')).toBe('name');
    expect(conceptForHeader('linkedin', 'Name', 'adset')).toBe('name');
    expect(lookupHeader('google', 'Ad group')).toEqual({ concept: 'name', level: 'adset' });
  });
  it('never maps a metric differently because of a level', () => {
    expect(conceptForHeader('google', 'Cost', 'keyword')).toBe('spend');
  });
});

describe('dictionaries', () => {
  it('keep platforms apart: the same word can mean different columns', () => {
    expect(conceptForHeader('google', 'Clicks')).toBe('clicks');
    expect(conceptForHeader('meta', 'Clicks')).toBeNull();
    expect(conceptForHeader('tiktok', 'Cost')).toBe('spend');
    expect(conceptForHeader('meta', 'Cost')).toBeNull();
  });
  it('answer the generic platform only where every platform agrees', () => {
    expect(conceptForHeader('generic', 'Impressions')).toBe('impressions');
    expect(conceptForHeader('generic', 'Cost')).toBe('spend');
  });
  it.each(['meta', 'google', 'tiktok', 'microsoft', 'linkedin'] as const)(
    'have no label meaning two things on %s',
    (platform) => {
      expect(dictionaryConflicts(platform)).toEqual([]);
    },
  );
  it('list the supported languages', () => {
    expect(SUPPORTED_UI_LANGUAGES).toEqual(expect.arrayContaining(['en', 'vi', 'uk', 'de', 'fr']));
    expect(headerLanguages('meta')).toEqual([...SUPPORTED_UI_LANGUAGES]);
    expect(headerLanguages('tiktok')).toEqual(['en']);
  });
  it('returns null for unknown text', () => {
    expect(conceptForHeader('meta', '')).toBeNull();
    expect(conceptForHeader('google', 'Something new')).toBeNull();
  });
});

// Optional: the real saved pages live beside the repository; the title says so when they are absent.
describe.skipIf(!realPagesAvailable())(
  realPagesAvailable() ? 'real saved pages' : 'real saved pages: NOT RUN, folder absent',
  () => {
    // Column key → what the header text must say. Columns of other levels name their parents, not the row.
    const GOOGLE_KEYWORD_PAGE: Record<string, ColumnConcept | null> = {
      keyword_text: 'name',
      campaign_name: null,
      ad_group_name: null,
      primary_display_status: null,
      'bid_config.effective_cpc_bid': null,
      'stats.impressions': 'impressions',
      'stats.clicks': 'clicks',
      'stats.cost': 'spend',
      'stats.conversions': 'conversions',
      'stats.cost_per_conversion': 'costPerConversion',
    };
    for (const page of listRealPages('google')) {
      it(`maps every header of ${page.name} as its essfield says`, () => {
        const { html, expected } = loadFixture(page);
        const document = parseDocument(html, expected.url);
        const headers = [...document.querySelectorAll('[role="columnheader"][essfield]')];
        expect(headers.length).toBeGreaterThan(5);
        for (const header of headers) {
          const key = header.getAttribute('essfield')!;
          if (!(key in GOOGLE_KEYWORD_PAGE)) continue;
          expect([key, conceptForHeader('google', header.textContent ?? '', 'keyword')]).toEqual([
            key,
            GOOGLE_KEYWORD_PAGE[key],
          ]);
        }
      }, 60_000); // parsing a 1.4 MB saved page in jsdom is slow on a busy machine
    }
  },
);
