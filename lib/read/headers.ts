import type { Level, Platform } from '../model';

/**
 * Header-text dictionaries: what a column header means, in every UI language we have evidence for
 * (research: ad-platform-dom.md §1.4, §2.4, §3.3, §5.3). Used only when a platform's own semantic column
 * keys (Meta `table_cell:` keys, Google `essfield`, TikTok slot names) are absent.
 *
 * Labels marked [I] in comments are inferred (not seen in public material). An inferred label that is wrong
 * simply never matches; a label is only listed when its meaning is certain, so a match is never a guess.
 */
export type ColumnConcept =
  | 'name'
  | 'spend'
  | 'impressions'
  | 'reach'
  | 'clicksAll'
  | 'clicksLink'
  | 'clicksDestination'
  | 'clicks'
  | 'conversions'
  | 'purchases'
  | 'results'
  | 'conversionValue'
  | 'roas'
  | 'leads'
  | 'budget'
  | 'ctr'
  | 'cpc'
  | 'cpm'
  | 'costPerConversion';

/** UI languages with header dictionaries (BCP 47 primary subtags), for the README and the options page. */
export const SUPPORTED_UI_LANGUAGES = ['en', 'vi', 'uk', 'ru', 'de', 'fr', 'es', 'pt', 'zh'] as const;
export type SupportedUiLanguage = (typeof SUPPORTED_UI_LANGUAGES)[number];

/** A name column, tagged with the level whose entities it names (a Google keyword page also shows "Campaign"). */
type NameOf = `name:${Level}` | 'name:any';
type Entry = ColumnConcept | NameOf;
type Dictionary = Partial<Record<SupportedUiLanguage, Partial<Record<Entry, readonly string[]>>>>;

const META: Dictionary = {
  en: {
    'name:campaign': ['Campaign name', 'Campaign'],
    'name:adset': ['Ad set name', 'Ad set'],
    'name:ad': ['Ad name', 'Ad'],
    spend: ['Amount spent'],
    impressions: ['Impressions'],
    reach: ['Reach'],
    clicksAll: ['Clicks (all)'],
    clicksLink: ['Link clicks'],
    ctr: ['CTR (all)', 'CTR (link click-through rate)'],
    cpc: ['CPC (all)', 'CPC (cost per link click)'],
    cpm: ['CPM (cost per 1,000 impressions)'],
    results: ['Results'],
    purchases: ['Purchases', 'Website purchases'],
    conversionValue: ['Purchases conversion value', 'Website purchases conversion value'],
    roas: [
      'Purchase ROAS (return on ad spend)',
      'Purchase ROAS',
      'Website purchase ROAS (return on ad spend)',
      'Website purchase ROAS',
    ],
    costPerConversion: ['Cost per purchase'],
    leads: ['Leads'],
    budget: ['Budget'],
  },
  vi: {
    'name:campaign': ['Tên chiến dịch', 'Chiến dịch'],
    'name:adset': ['Tên nhóm quảng cáo', 'Nhóm quảng cáo'], // [I]
    'name:ad': ['Tên quảng cáo', 'Quảng cáo'], // [I]
    spend: ['Số tiền đã chi tiêu'],
    impressions: ['Lượt hiển thị'],
    reach: ['Lượt tiếp cận', 'Số người tiếp cận', 'Người tiếp cận'],
    clicksAll: ['Lượt click (tất cả)'], // [I]
    clicksLink: ['Lượt click vào liên kết'],
    ctr: ['CTR (tất cả)'],
    cpc: ['CPC (tất cả)'],
    cpm: ['CPM (Chi phí trên mỗi 1.000 lượt hiển thị)'],
    results: ['Kết quả'],
    purchases: ['Lượt mua'], // [I]
    conversionValue: ['Giá trị chuyển đổi mua hàng'], // [I]
    roas: ['ROAS (lợi nhuận trên chi tiêu quảng cáo) mua hàng'], // [I]
    leads: ['Khách hàng tiềm năng'], // [I]
    budget: ['Ngân sách'],
  },
  ru: {
    'name:campaign': ['Название кампании', 'Кампания'],
    'name:adset': ['Название группы объявлений', 'Группа объявлений'], // [I]
    'name:ad': ['Название объявления', 'Объявление'], // [I]
    spend: ['Потраченная сумма'],
    impressions: ['Показы'],
    reach: ['Охват'], // [I]
    clicksAll: ['Клики (все)'], // [I]; a bare "Клики" is left unmapped (all or link?)
    clicksLink: ['Клики по ссылке'], // [I]
    ctr: ['CTR (все)'],
    cpc: ['CPC (все)'], // [I]
    results: ['Результаты'],
    purchases: ['Покупки'], // [I]
    leads: ['Лиды'], // [I]
    budget: ['Бюджет'],
  },
  uk: {
    'name:campaign': ['Назва кампанії', 'Кампанія'],
    'name:adset': ['Назва групи оголошень', 'Група оголошень'], // [I]
    'name:ad': ['Назва оголошення', 'Оголошення'], // [I]
    spend: ['Витрачена сума', 'Потрачена сума'],
    impressions: ['Покази'],
    reach: ['Охоплення'], // [I]
    clicksAll: ['Кліки (усі)', 'Кліки (всі)'], // [I]
    clicksLink: ['Кліки за посиланням'], // [I]
    ctr: ['CTR (усі)', 'CTR (всі)'],
    cpc: ['CPC (усі)', 'CPC (всі)'], // [I]
    cpm: ['CPM (ціна за 1000 показів)', 'CPM (ціна за 1 000 показів)'], // [I]
    results: ['Результати'],
    purchases: ['Покупки'], // [I]
    leads: ['Ліди'], // [I]
    budget: ['Бюджет'],
  },
  de: {
    'name:campaign': ['Kampagnenname', 'Kampagne'],
    'name:adset': ['Name der Anzeigengruppe', 'Anzeigengruppe'], // [I]
    'name:ad': ['Anzeigenname', 'Anzeige'], // [I]
    spend: ['Ausgegebener Betrag'],
    impressions: ['Impressionen'],
    reach: ['Reichweite'],
    clicksAll: ['Klicks (alle)'],
    clicksLink: ['Link-Klicks'],
    ctr: ['CTR (Link-Klickrate)', 'CTR (alle)'],
    cpc: ['CPC (alle)', 'CPC (Kosten pro Link-Klick)'],
    cpm: ['CPM (Kosten pro 1.000 Impressionen)'],
    results: ['Ergebnisse'],
    purchases: ['Käufe'],
    leads: ['Leads'],
    budget: ['Budget'],
  },
  fr: {
    'name:campaign': ['Nom de la campagne', 'Campagne'],
    'name:adset': ['Nom de l’ensemble de publicités', 'Ensemble de publicités'], // [I]
    'name:ad': ['Nom de la publicité', 'Publicité'], // [I]
    spend: ['Montant dépensé'],
    impressions: ['Impressions'],
    reach: ['Couverture'],
    clicksAll: ['Clics (tous)'],
    clicksLink: ['Clics sur un lien'],
    ctr: ['CTR (tous)', 'CTR (taux de clics sur le lien)'],
    cpc: ['CPC (tous)', 'CPC (coût par clic sur un lien)'],
    cpm: ['CPM (Coût pour 1 000 impressions)'],
    results: ['Résultats'],
    purchases: ['Achats'],
    roas: ['ROAS (retour sur les dépenses publicitaires) des achats'],
    leads: ['Prospects'], // [I]
    budget: ['Budget'],
  },
  es: {
    // Export headers [E] (public export parsers; UI and export labels match on Meta, minus the currency).
    'name:campaign': ['Nombre de la campaña'],
    'name:adset': ['Nombre del conjunto de anuncios'],
    'name:ad': ['Nombre del anuncio'],
    spend: ['Importe gastado'],
    impressions: ['Impresiones'],
    reach: ['Alcance'],
    clicksAll: ['Clics (todos)'],
    clicksLink: ['Clics en el enlace'],
    ctr: ['CTR (todos)', 'CTR (tasa de clics en el enlace)'],
    cpc: ['CPC (todos)', 'CPC (coste por clic en el enlace)'],
    cpm: ['CPM (coste por 1000 impresiones)', 'CPM (coste por 1.000 impresiones)'],
    results: ['Resultados'],
    purchases: ['Compras'],
    conversionValue: ['Valor de conversión de compras'],
    leads: ['Clientes potenciales'],
    budget: ['Presupuesto'], // [I]
  },
  pt: {
    // Export headers [E] (public export parsers, pt-BR).
    'name:campaign': ['Nome da campanha'],
    'name:adset': ['Nome do conjunto de anúncios'],
    'name:ad': ['Nome do anúncio'],
    spend: ['Valor usado', 'Valor gasto'],
    impressions: ['Impressões'],
    reach: ['Alcance'],
    clicksAll: ['Cliques (todos)'],
    clicksLink: ['Cliques no link'],
    ctr: ['CTR (todos)', 'CTR (taxa de cliques no link)'],
    cpc: ['CPC (todos)', 'CPC (custo por clique no link)'],
    cpm: ['CPM (custo por 1.000 impressões)'],
    results: ['Resultados'],
    purchases: ['Compras'], // [I]
    conversionValue: ['Valor de conversão da compra'],
    budget: ['Orçamento'], // [I]
  },
  zh: {
    'name:campaign': ['广告系列名称', '广告系列'],
    'name:adset': ['广告组名称', '广告组'],
    'name:ad': ['广告名称', '广告'],
    spend: ['已花费金额'],
    impressions: ['展示次数'],
    reach: ['覆盖人数'],
    clicksAll: ['点击量（全部）'],
    clicksLink: ['链接点击量'], // [I]
    results: ['成效'],
    purchases: ['购物次数'],
    roas: ['广告花费回报 (ROAS) - 购物'],
    budget: ['预算'],
  },
};

const GOOGLE: Dictionary = {
  en: {
    'name:campaign': ['Campaign'],
    'name:adset': ['Ad group'],
    'name:ad': ['Ad'],
    'name:keyword': ['Keyword', 'Search keyword'],
    spend: ['Cost'],
    impressions: ['Impr.', 'Impressions'],
    clicks: ['Clicks'],
    ctr: ['CTR'],
    cpc: ['Avg. CPC'],
    cpm: ['Avg. CPM'],
    conversions: ['Conversions', 'Conv.'],
    costPerConversion: ['Cost / conv.'],
    conversionValue: ['Conv. value'],
    roas: ['Conv. value / cost'],
    budget: ['Budget'],
  },
  vi: {
    'name:campaign': ['Chiến dịch'],
    'name:adset': ['Nhóm quảng cáo'],
    'name:keyword': ['Từ khóa', 'Từ khóa tìm kiếm'],
    spend: ['Chi phí'],
    impressions: ['Số lượt hiển thị', 'Lượt hiển thị'],
    clicks: ['Lượt nhấp'],
    ctr: ['CTR'],
    cpc: ['CPC trung bình'], // [I]
    conversions: ['Lượt chuyển đổi'],
    costPerConversion: ['Chi phí/lượt chuyển đổi', 'Chi phí / lượt chuyển đổi'],
    conversionValue: ['Giá trị chuyển đổi'], // [I]
    roas: ['Giá trị chuyển đổi/chi phí'], // [I]
    budget: ['Ngân sách'],
  },
  uk: {
    'name:campaign': ['Кампанія'],
    'name:adset': ['Група оголошень'],
    'name:keyword': ['Ключове слово'],
    spend: ['Вартість'],
    impressions: ['Покази'],
    clicks: ['Кліки'],
    ctr: ['CTR'],
    cpc: ['Сер. ціна за клік'],
    conversions: ['Конверсії'],
    costPerConversion: ['Вартість/конв.'],
    conversionValue: ['Цінність конверсії', 'Цінність конв.'],
    roas: ['Цінність конв./вартість'], // [I]
    budget: ['Бюджет'],
  },
  ru: {
    // [I] mostly: Russian Google Ads wording; "Всего" total rows are [E].
    'name:campaign': ['Кампания'],
    'name:adset': ['Группа объявлений'],
    'name:keyword': ['Ключевое слово'],
    spend: ['Стоимость'],
    impressions: ['Показы'],
    clicks: ['Клики'],
    ctr: ['CTR'],
    cpc: ['Сред. цена за клик'],
    conversions: ['Конверсии'],
    costPerConversion: ['Цена/конв.', 'Стоимость/конв.'],
    conversionValue: ['Ценность конв.', 'Ценность конверсии'],
    roas: ['Ценность конв./цена', 'Ценность конв./стоимость'],
    budget: ['Бюджет'],
  },
  de: {
    'name:campaign': ['Kampagne'],
    'name:adset': ['Anzeigengruppe'],
    'name:keyword': ['Keyword'],
    spend: ['Kosten'],
    impressions: ['Impressionen', 'Impr.'],
    clicks: ['Klicks'],
    ctr: ['CTR'],
    cpc: ['Durchschn. CPC', 'Ø-CPC', 'Ø CPC'],
    conversions: ['Conversions', 'Conv.'],
    costPerConversion: ['Kosten/Conv.'],
    conversionValue: ['Conv.-Wert'],
    roas: ['Conv.-Wert/Kosten'], // [I]
    budget: ['Budget'],
  },
  fr: {
    'name:campaign': ['Campagne'],
    'name:adset': ["Groupe d'annonces"],
    'name:keyword': ['Mot clé', 'Mot-clé'],
    spend: ['Coût'],
    impressions: ['Impr.', 'Impressions'],
    clicks: ['Clics'],
    ctr: ['CTR'],
    cpc: ['CPC moy.'],
    conversions: ['Conversions', 'Conv.'],
    costPerConversion: ['Coût/conv.'],
    conversionValue: ['Valeur de conv.'], // [I]
    roas: ['Valeur de conv./coût'], // [I]
    budget: ['Budget'],
  },
  es: {
    // [I] throughout.
    'name:campaign': ['Campaña'],
    'name:adset': ['Grupo de anuncios'],
    'name:keyword': ['Palabra clave'],
    spend: ['Coste', 'Costo'],
    impressions: ['Impr.', 'Impresiones'],
    clicks: ['Clics'],
    ctr: ['CTR'],
    cpc: ['CPC medio', 'CPC prom.'],
    conversions: ['Conversiones', 'Conv.'],
    costPerConversion: ['Coste/conv.', 'Costo/conv.'],
    conversionValue: ['Valor de conv.'],
    roas: ['Valor de conv./coste', 'Valor de conv./costo', 'Valor conv./coste', 'Valor conv./costo'],
    budget: ['Presupuesto'],
  },
  pt: {
    // [I] throughout.
    'name:campaign': ['Campanha'],
    'name:adset': ['Grupo de anúncios'],
    'name:keyword': ['Palavra-chave'],
    spend: ['Custo'],
    impressions: ['Impr.', 'Impressões'],
    clicks: ['Cliques'],
    ctr: ['CTR'],
    cpc: ['CPC méd.'],
    conversions: ['Conversões', 'Conv.'],
    costPerConversion: ['Custo/conv.'],
    conversionValue: ['Valor de conv.', 'Valor conv.'],
    roas: ['Valor de conv./custo', 'Valor conv./custo'],
    budget: ['Orçamento'],
  },
  zh: {
    'name:campaign': ['广告系列'],
    'name:adset': ['广告组'],
    'name:keyword': ['关键字'],
    spend: ['费用'],
    impressions: ['展示次数'],
    clicks: ['点击次数'],
    ctr: ['点击率'],
    cpc: ['平均每次点击费用'],
    conversions: ['转化次数'],
    costPerConversion: ['每次转化费用'],
    conversionValue: ['转化价值'], // [I]
    roas: ['转化价值/费用', '单位费用转化价值'],
    budget: ['预算'],
  },
};

const TIKTOK: Dictionary = {
  en: {
    'name:campaign': ['Campaign name', 'Campaign'],
    'name:adset': ['Ad group name', 'Ad group'],
    'name:ad': ['Ad name'],
    spend: ['Cost'],
    impressions: ['Impressions'],
    reach: ['Reach'],
    clicksDestination: ['Clicks (destination)'],
    clicksAll: ['Clicks (all)'],
    ctr: ['CTR (destination)'],
    cpc: ['CPC (destination)'],
    cpm: ['CPM'],
    conversions: ['Conversions'],
    costPerConversion: ['Cost per conversion'],
    results: ['Results'],
    roas: ['Total complete payment ROAS', 'Complete payment ROAS'],
    budget: ['Budget'],
  },
};

const MICROSOFT: Dictionary = {
  en: {
    // [I] UI labels (§4.3); a connector's naming [W] agrees.
    'name:campaign': ['Campaign', 'Campaign name'],
    'name:adset': ['Ad group', 'Ad group name'],
    'name:keyword': ['Keyword'],
    spend: ['Spend'],
    impressions: ['Impr.', 'Impressions'],
    clicks: ['Clicks'],
    ctr: ['CTR'],
    cpc: ['Avg. CPC'],
    cpm: ['Avg. CPM'],
    conversions: ['Conv.', 'Conversions'],
    costPerConversion: ['Cost per conv.', 'Cost / conv.'],
    conversionValue: ['Revenue'],
    roas: ['Return on ad spend', 'Conv. value / cost'],
    budget: ['Budget'],
  },
};

const LINKEDIN: Dictionary = {
  en: {
    // LinkedIn help pages (§5.3). "Name" heads every level's table.
    'name:any': ['Name'],
    spend: ['Spent', 'Total spent'],
    impressions: ['Impressions'],
    reach: ['Reach'],
    clicks: ['Clicks'],
    ctr: ['Average CTR'],
    cpc: ['Average CPC'],
    cpm: ['Average CPM'],
    conversions: ['Conversions'],
    costPerConversion: ['Cost per conversion'],
    conversionValue: ['Total conversion value'],
    roas: ['Return on ad spend'],
    results: ['Key results'],
    leads: ['Leads'],
    budget: ['Budget'],
  },
};

const DICTIONARIES: Record<Exclude<Platform, 'generic'>, Dictionary> = {
  meta: META,
  google: GOOGLE,
  tiktok: TIKTOK,
  microsoft: MICROSOFT,
  linkedin: LINKEDIN,
};

/**
 * Material-icon ligatures and hidden control text that end up in a header cell's text. `textContent` glues
 * them to the label ("Costhelp_outline"), so they are removed wherever they occur, not only as words.
 */
const NOISE =
  /help_outline|expand_more|expand_less|arrow_drop_down|arrow_drop_up|arrow_upward|arrow_downward|info_outline|unfold_more|more_vert|filter_list|open inline column action menu|\(sortable\)/gi;

/**
 * One comparable key for a header label: case, width (full-width brackets), NBSP, dots, spacing around
 * brackets and slashes, icon ligature words and a trailing currency code such as "(USD)" do not count.
 */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u00a0\u202f\u2007\u2009\u200b\u200e\u200f\ufeff]+/g, ' ')
    .replace(NOISE, ' ')
    .replace(/\(\s*[A-Z]{3}\s*\)\s*$/, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/\./g, '')
    .replace(/\s*([/()\-:])\s*/g, '$1')
    .replace(/\s+/g, ' ')
    .replace(/[:*?\s]+$/, '')
    .trim();
}

export interface HeaderLookup {
  concept: ColumnConcept;
  /** For name columns: the level whose entities this column names (null: any level). */
  level: Level | null;
}

const indexCache = new Map<Platform, Map<string, HeaderLookup | 'conflict'>>();

function addAll(index: Map<string, HeaderLookup | 'conflict'>, dictionary: Dictionary): void {
  for (const entries of Object.values(dictionary)) {
    for (const [entry, labels] of Object.entries(entries) as [Entry, readonly string[]][]) {
      const lookup: HeaderLookup = entry.startsWith('name:')
        ? { concept: 'name', level: entry === 'name:any' ? null : (entry.slice(5) as Level) }
        : { concept: entry as ColumnConcept, level: null };
      for (const label of labels) {
        const key = normaliseHeader(label);
        const seen = index.get(key);
        if (seen === undefined) index.set(key, lookup);
        // The same words meaning two things (across languages or platforms) settle nothing.
        else if (seen === 'conflict' || seen.concept !== lookup.concept || seen.level !== lookup.level)
          index.set(key, 'conflict');
      }
    }
  }
}

function indexFor(platform: Platform): Map<string, HeaderLookup | 'conflict'> {
  let index = indexCache.get(platform);
  if (!index) {
    index = new Map();
    if (platform === 'generic') for (const d of Object.values(DICTIONARIES)) addAll(index, d);
    else addAll(index, DICTIONARIES[platform]);
    indexCache.set(platform, index);
  }
  return index;
}

/** The header's meaning with, for name columns, the level it names; null when unknown or ambiguous. */
export function lookupHeader(platform: Platform, headerText: string): HeaderLookup | null {
  const found = indexFor(platform).get(normaliseHeader(headerText));
  return found && found !== 'conflict' ? found : null;
}

/**
 * What a column header means on this platform, or null when the text is not known (never a guess).
 * A name column of another level (Google's "Campaign" column on a keyword page) is the entity name only
 * when `level` matches; without `level` every name column answers 'name'.
 */
export function conceptForHeader(
  platform: Platform,
  headerText: string,
  level?: Level | null,
): ColumnConcept | null {
  const found = lookupHeader(platform, headerText);
  if (!found) return null;
  if (found.concept === 'name' && level && found.level && found.level !== level) return null;
  return found.concept;
}

/** Labels that mean different things within one platform's dictionaries (kept unmapped); tests expect none. */
export function dictionaryConflicts(platform: Exclude<Platform, 'generic'>): string[] {
  return [...indexFor(platform)].filter(([, v]) => v === 'conflict').map(([k]) => k);
}

/** Languages with at least one header label for this platform. */
export function headerLanguages(platform: Platform): SupportedUiLanguage[] {
  const dictionaries = platform === 'generic' ? Object.values(DICTIONARIES) : [DICTIONARIES[platform]];
  return SUPPORTED_UI_LANGUAGES.filter((lang) => dictionaries.some((d) => d[lang]));
}

/** The header labels this platform's dictionary lists in one language, by meaning (the convention test reads it). */
export function headerLabels(
  platform: Exclude<Platform, 'generic'>,
  language: SupportedUiLanguage,
): Readonly<Partial<Record<ColumnConcept | NameOf, readonly string[]>>> {
  return DICTIONARIES[platform][language] ?? {};
}
