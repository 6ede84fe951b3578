/**
 * Derives `src/data/reference.json` (parties, M49 regions, UN regional groups) from the
 * reference files in ../shared/reference. Run with `pnpm --filter @mep/taxonomy derive`.
 * The output is committed so the package never needs ../shared at run time.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UN_LANGUAGES, type Labels, type Lang } from '@mep/vocabulary';

const here = dirname(fileURLToPath(import.meta.url));
const refDir = process.env.MEP_REFERENCE_DIR ?? resolve(here, '../../../../shared/reference');
const outFile = resolve(here, '../src/data/reference.json');

/** EU is not in ISO 3166-1; EUU is the code the World Bank and UN Comtrade use for it. */
const EU_CODE = 'EUU';

// M49 carries English names only; these are the UN Statistics Division names in the other languages.
const REGION_LABELS: Record<string, Labels> = {
  '001': { en: 'World', ar: 'العالم', es: 'Mundo', fr: 'Monde', ru: 'Мир', zh: '世界' },
  '002': { en: 'Africa', ar: 'أفريقيا', es: 'África', fr: 'Afrique', ru: 'Африка', zh: '非洲' },
  '019': { en: 'Americas', ar: 'الأمريكتان', es: 'Américas', fr: 'Amériques', ru: 'Америка', zh: '美洲' },
  '142': { en: 'Asia', ar: 'آسيا', es: 'Asia', fr: 'Asie', ru: 'Азия', zh: '亚洲' },
  '150': { en: 'Europe', ar: 'أوروبا', es: 'Europa', fr: 'Europe', ru: 'Европа', zh: '欧洲' },
  '009': { en: 'Oceania', ar: 'أوقيانوسيا', es: 'Oceanía', fr: 'Océanie', ru: 'Океания', zh: '大洋洲' },
  '015': { en: 'Northern Africa', ar: 'شمال أفريقيا', es: 'África septentrional', fr: 'Afrique du Nord', ru: 'Северная Африка', zh: '北非' },
  '202': { en: 'Sub-Saharan Africa', ar: 'أفريقيا جنوب الصحراء الكبرى', es: 'África subsahariana', fr: 'Afrique subsaharienne', ru: 'Африка к югу от Сахары', zh: '撒哈拉以南非洲' },
  '014': { en: 'Eastern Africa', ar: 'شرق أفريقيا', es: 'África oriental', fr: "Afrique de l'Est", ru: 'Восточная Африка', zh: '东部非洲' },
  '017': { en: 'Middle Africa', ar: 'وسط أفريقيا', es: 'África central', fr: 'Afrique centrale', ru: 'Центральная Африка', zh: '中部非洲' },
  '018': { en: 'Southern Africa', ar: 'الجنوب الأفريقي', es: 'África meridional', fr: 'Afrique australe', ru: 'Южная часть Африки', zh: '南部非洲' },
  '011': { en: 'Western Africa', ar: 'غرب أفريقيا', es: 'África occidental', fr: "Afrique de l'Ouest", ru: 'Западная Африка', zh: '西部非洲' },
  '419': { en: 'Latin America and the Caribbean', ar: 'أمريكا اللاتينية ومنطقة البحر الكاريبي', es: 'América Latina y el Caribe', fr: 'Amérique latine et Caraïbes', ru: 'Латинская Америка и Карибский бассейн', zh: '拉丁美洲和加勒比' },
  '029': { en: 'Caribbean', ar: 'منطقة البحر الكاريبي', es: 'Caribe', fr: 'Caraïbes', ru: 'Карибский бассейн', zh: '加勒比' },
  '013': { en: 'Central America', ar: 'أمريكا الوسطى', es: 'Centroamérica', fr: 'Amérique centrale', ru: 'Центральная Америка', zh: '中美洲' },
  '005': { en: 'South America', ar: 'أمريكا الجنوبية', es: 'América del Sur', fr: 'Amérique du Sud', ru: 'Южная Америка', zh: '南美洲' },
  '021': { en: 'Northern America', ar: 'أمريكا الشمالية', es: 'América septentrional', fr: 'Amérique septentrionale', ru: 'Северная Америка', zh: '北美洲' },
  '143': { en: 'Central Asia', ar: 'آسيا الوسطى', es: 'Asia central', fr: 'Asie centrale', ru: 'Центральная Азия', zh: '中亚' },
  '030': { en: 'Eastern Asia', ar: 'شرق آسيا', es: 'Asia oriental', fr: "Asie de l'Est", ru: 'Восточная Азия', zh: '东亚' },
  '035': { en: 'South-eastern Asia', ar: 'جنوب شرق آسيا', es: 'Asia sudoriental', fr: 'Asie du Sud-Est', ru: 'Юго-Восточная Азия', zh: '东南亚' },
  '034': { en: 'Southern Asia', ar: 'جنوب آسيا', es: 'Asia meridional', fr: 'Asie du Sud', ru: 'Южная Азия', zh: '南亚' },
  '145': { en: 'Western Asia', ar: 'غرب آسيا', es: 'Asia occidental', fr: "Asie de l'Ouest", ru: 'Западная Азия', zh: '西亚' },
  '151': { en: 'Eastern Europe', ar: 'أوروبا الشرقية', es: 'Europa oriental', fr: "Europe de l'Est", ru: 'Восточная Европа', zh: '东欧' },
  '154': { en: 'Northern Europe', ar: 'أوروبا الشمالية', es: 'Europa septentrional', fr: 'Europe du Nord', ru: 'Северная Европа', zh: '北欧' },
  '039': { en: 'Southern Europe', ar: 'أوروبا الجنوبية', es: 'Europa meridional', fr: 'Europe du Sud', ru: 'Южная Европа', zh: '南欧' },
  '155': { en: 'Western Europe', ar: 'أوروبا الغربية', es: 'Europa occidental', fr: "Europe de l'Ouest", ru: 'Западная Европа', zh: '西欧' },
  '053': { en: 'Australia and New Zealand', ar: 'أستراليا ونيوزيلندا', es: 'Australia y Nueva Zelandia', fr: 'Australie et Nouvelle-Zélande', ru: 'Австралия и Новая Зеландия', zh: '澳大利亚和新西兰' },
  '054': { en: 'Melanesia', ar: 'ميلانيزيا', es: 'Melanesia', fr: 'Mélanésie', ru: 'Меланезия', zh: '美拉尼西亚' },
  '057': { en: 'Micronesia', ar: 'ميكرونيزيا', es: 'Micronesia', fr: 'Micronésie', ru: 'Микронезия', zh: '密克罗尼西亚' },
  '061': { en: 'Polynesia', ar: 'بولينيزيا', es: 'Polinesia', fr: 'Polynésie', ru: 'Полинезия', zh: '波利尼西亚' },
};

const GROUPS: Record<string, { slug: string; labels: Labels; alt: string[] }> = {
  'African Group': {
    slug: 'african',
    labels: { en: 'African Group', ar: 'مجموعة الدول الأفريقية', es: 'Grupo de los Estados de África', fr: "Groupe des États d'Afrique", ru: 'Группа африканских государств', zh: '非洲国家组' },
    alt: [],
  },
  'Asia-Pacific Group': {
    slug: 'asia-pacific',
    labels: { en: 'Asia-Pacific Group', ar: 'مجموعة دول آسيا والمحيط الهادئ', es: 'Grupo de los Estados de Asia y el Pacífico', fr: "Groupe des États d'Asie et du Pacifique", ru: 'Группа азиатско-тихоокеанских государств', zh: '亚洲-太平洋国家组' },
    alt: ['Asia-Pacific States'],
  },
  'Eastern European Group': {
    slug: 'eastern-european',
    labels: { en: 'Eastern European Group', ar: 'مجموعة دول أوروبا الشرقية', es: 'Grupo de los Estados de Europa Oriental', fr: "Groupe des États d'Europe orientale", ru: 'Группа восточноевропейских государств', zh: '东欧国家组' },
    alt: ['CEE'],
  },
  GRULAC: {
    slug: 'grulac',
    labels: { en: 'Latin American and Caribbean Group', ar: 'مجموعة دول أمريكا اللاتينية ومنطقة البحر الكاريبي', es: 'Grupo de los Estados de América Latina y el Caribe', fr: "Groupe des États d'Amérique latine et des Caraïbes", ru: 'Группа государств Латинской Америки и Карибского бассейна', zh: '拉丁美洲和加勒比国家组' },
    alt: ['GRULAC'],
  },
  WEOG: {
    slug: 'weog',
    labels: { en: 'Western European and Others Group', ar: 'مجموعة دول أوروبا الغربية ودول أخرى', es: 'Grupo de los Estados de Europa Occidental y otros Estados', fr: "Groupe des États d'Europe occidentale et autres États", ru: 'Группа западноевропейских и других государств', zh: '西欧和其他国家组' },
    alt: ['WEOG'],
  },
};

/** Names UNTERM lacks or spells in an outdated way; keyed by ISO3. */
const NAME_FIXES: Record<string, Partial<Labels>> = {
  TUR: { en: 'Türkiye', fr: 'Türkiye', es: 'Türkiye', ru: 'Турция', ar: 'تركيا', zh: '土耳其' },
  CIV: { en: "Côte d'Ivoire", fr: "Côte d'Ivoire", es: "Côte d'Ivoire", ru: "Кот-д'Ивуар", ar: 'كوت ديفوار', zh: '科特迪瓦' },
};
/** Common English short forms used in documents but absent from UNTERM. */
const EXTRA_ALT: Record<string, string[]> = {
  TUR: ['Turkey'],
  GBR: ['United Kingdom'],
  USA: ['United States'],
  RUS: ['Russia'],
  KOR: ['South Korea'],
  PRK: ['North Korea'],
  IRN: ['Iran'],
  SYR: ['Syria'],
  VNM: ['Vietnam'],
  LAO: ['Laos'],
  BOL: ['Bolivia'],
  VEN: ['Venezuela'],
  TZA: ['Tanzania'],
  MDA: ['Moldova'],
  CZE: ['Czech Republic'],
  SWZ: ['Swaziland'],
  MKD: ['North Macedonia'],
  COD: ['DR Congo'],
};

const LANG_COLUMNS: Record<Lang, { short: string; formal: string; official: string }> = {
  ar: { short: 'UNTERM Arabic Short', formal: 'UNTERM Arabic Formal', official: 'official_name_ar' },
  en: { short: 'UNTERM English Short', formal: 'UNTERM English Formal', official: 'official_name_en' },
  es: { short: 'UNTERM Spanish Short', formal: 'UNTERM Spanish Formal', official: 'official_name_es' },
  fr: { short: 'UNTERM French Short', formal: 'UNTERM French Formal', official: 'official_name_fr' },
  ru: { short: 'UNTERM Russian Short', formal: 'UNTERM Russian Formal', official: 'official_name_ru' },
  zh: { short: 'UNTERM Chinese Short', formal: 'UNTERM Chinese Formal', official: 'official_name_cn' },
};
const LANGS = UN_LANGUAGES;

/** RFC 4180 CSV (quoted fields, doubled quotes); the reference files need nothing more. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  const [header, ...body] = rows;
  if (!header) return [];
  return body.filter((r) => r.length > 1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** UNTERM writes "Bahamas (the)", "France (la)", "the French Republic": drop the articles. */
function cleanName(name: string): string {
  return name
    .replace(/\s*\((the|la|le|l'|l’|les|el|los|las)\)\s*$/i, '')
    .replace(/^(the|la|le|les|el|los|las)\s+/i, '')
    .replace(/^l['’]/i, '')
    .replace(/\s*\*+$/, '')
    .trim();
}

function padM49(code: string): string {
  return code ? code.padStart(3, '0') : '';
}

function deriveReference(): object {
  const countries = parseCsv(readFileSync(resolve(refDir, 'country-codes.csv'), 'utf8'));
  const groupRows = parseCsv(readFileSync(resolve(refDir, 'un-regional-groups.csv'), 'utf8'));
  const byIso3 = new Map(countries.map((c) => [c['ISO3166-1-Alpha-3'] ?? '', c]));

  const groupsOf = new Map<string, string[]>();
  for (const g of groupRows) {
    const def = GROUPS[g.Region ?? ''];
    if (!def || !g.Code) throw new Error(`unknown group row ${JSON.stringify(g)}`);
    groupsOf.set(g.Code, [...(groupsOf.get(g.Code) ?? []), `group:${def.slug}`]);
  }

  const usedRegions = new Set<string>(['001']);
  const parties = [...groupsOf.keys()].sort().map((iso3) => {
    const row = byIso3.get(iso3);
    if (!row) throw new Error(`no country row for ${iso3}`);
    const labels = {} as Labels;
    const alt: Partial<Record<Lang, string[]>> = {};
    for (const lang of LANGS) {
      const cols = LANG_COLUMNS[lang];
      const pref = NAME_FIXES[iso3]?.[lang] ?? cleanName(row[cols.short] || row[cols.official] || '');
      if (!pref) throw new Error(`${iso3} has no ${lang} name`);
      labels[lang] = pref;
      const variants = [row[cols.formal], row[cols.official], row[cols.short]].map((v) => cleanName(v ?? ''));
      if (lang === 'en') variants.push(row['CLDR display name'] ?? '', ...(EXTRA_ALT[iso3] ?? []));
      const uniq = [...new Set(variants.filter((v) => v && v !== pref))];
      if (uniq.length) alt[lang] = uniq;
    }
    const region = padM49(row['Region Code'] ?? '');
    const subRegion = padM49(row['Sub-region Code'] ?? '');
    const intermediate = padM49(row['Intermediate Region Code'] ?? '');
    for (const r of [region, subRegion, intermediate]) if (r) usedRegions.add(r);
    return {
      iso3,
      iso2: row['ISO3166-1-Alpha-2'] ?? '',
      m49: padM49(row['M49'] ?? ''),
      labels,
      alt,
      region,
      subRegion,
      intermediateRegion: intermediate || undefined,
      groups: groupsOf.get(iso3) ?? [],
      ldc: row['Least Developed Countries (LDC)'] === 'x',
      lldc: row['Land Locked Developing Countries (LLDC)'] === 'x',
      sids: row['Small Island Developing States (SIDS)'] === 'x',
    };
  });

  // The hierarchy of each used region comes from the rows themselves (sub-region → region → world).
  const parentOf = new Map<string, string>();
  for (const row of countries) {
    const region = padM49(row['Region Code'] ?? '');
    const sub = padM49(row['Sub-region Code'] ?? '');
    const inter = padM49(row['Intermediate Region Code'] ?? '');
    if (region) parentOf.set(region, '001');
    if (sub && region) parentOf.set(sub, region);
    if (inter && sub) parentOf.set(inter, sub);
  }
  const regions = [...usedRegions].sort().map((code) => {
    const labels = REGION_LABELS[code];
    if (!labels) throw new Error(`no labels for M49 region ${code}`);
    return { code, labels, broader: parentOf.get(code) };
  });

  const groups = Object.values(GROUPS).map((g) => ({ slug: g.slug, labels: g.labels, alt: g.alt }));
  const eu = {
    code: EU_CODE,
    labels: { en: 'European Union', ar: 'الاتحاد الأوروبي', es: 'Unión Europea', fr: 'Union européenne', ru: 'Европейский союз', zh: '欧洲联盟' },
    alt: { en: ['EU'], fr: ['UE'], es: ['UE'], ru: ['ЕС', 'Евросоюз'], zh: ['欧盟'] },
  };
  return { source: 'derived by scripts/derive-reference.ts from ../shared/reference', parties, eu, regions, groups };
}

const data = deriveReference();
writeFileSync(outFile, `${JSON.stringify(data, null, 1)}\n`);
console.log(`wrote ${outFile}`);
