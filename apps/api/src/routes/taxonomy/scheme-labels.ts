import type { ConceptScheme, Labels } from '@mep/vocabulary';

/** The name of each concept scheme (@mep/vocabulary's CONCEPT_SCHEMES) in the six languages. */
export const SCHEME_LABELS: Record<ConceptScheme, Labels> = {
  theme: { ar: 'المجالات المواضيعية', en: 'Thematic areas', es: 'Áreas temáticas', fr: 'Domaines thématiques', ru: 'Тематические области', zh: '专题领域' },
  article: { ar: 'مواد الاتفاقية', en: 'Convention articles', es: 'Artículos del Convenio', fr: 'Articles de la Convention', ru: 'Статьи Конвенции', zh: '公约条款' },
  annex: { ar: 'مرفقات الاتفاقية', en: 'Convention annexes', es: 'Anexos del Convenio', fr: 'Annexes de la Convention', ru: 'Приложения к Конвенции', zh: '公约附件' },
  doctype: { ar: 'أنواع الوثائق', en: 'Document types', es: 'Tipos de documento', fr: 'Types de document', ru: 'Типы документов', zh: '文件类型' },
  topic: { ar: 'المواضيع', en: 'Topics', es: 'Temas', fr: 'Sujets', ru: 'Темы', zh: '主题' },
  party: { ar: 'الأطراف', en: 'Parties', es: 'Partes', fr: 'Parties', ru: 'Стороны', zh: '缔约方' },
  region: { ar: 'المناطق', en: 'Regions', es: 'Regiones', fr: 'Régions', ru: 'Регионы', zh: '区域' },
  group: { ar: 'المجموعات الإقليمية للأمم المتحدة', en: 'UN regional groups', es: 'Grupos regionales de las Naciones Unidas', fr: 'Groupes régionaux des Nations Unies', ru: 'Региональные группы ООН', zh: '联合国区域组' },
};
