import type { DoctypeSlug } from '@mep/vocabulary';
import type { AltLabels, Labels } from '../types';
import { labels } from './labels';

export interface DoctypeDef {
  labels: Labels;
  alt: AltLabels;
}

/** Labels of the document types (the list itself is @mep/vocabulary's DOCTYPE_SLUGS). */
export const DOCTYPES: Record<DoctypeSlug, DoctypeDef> = {
  'convention-text': { labels: labels('Convention text', 'Texte de la Convention', 'Texto del Convenio', 'Текст Конвенции', 'نص الاتفاقية', '公约案文'), alt: { en: ['treaty text'] } },
  'cop-decision': { labels: labels('Decision of the Conference of the Parties', 'Décision de la Conférence des Parties', 'Decisión de la Conferencia de las Partes', 'Решение Конференции Сторон', 'مقرر مؤتمر الأطراف', '缔约方大会决定'), alt: { en: ['COP decision'], fr: ['décision de la COP'], es: ['decisión de la COP'] } },
  'meeting-document': { labels: labels('Meeting document', 'Document de réunion', 'Documento de reunión', 'Документ совещания', 'وثيقة اجتماع', '会议文件'), alt: { en: ['working document'] } },
  'information-document': { labels: labels('Information document', "Document d'information", 'Documento de información', 'Информационный документ', 'وثيقة إعلامية', '资料文件'), alt: { en: ['INF document'] } },
  'national-report': { labels: labels('National report', 'Rapport national', 'Informe nacional', 'Национальный доклад', 'تقرير وطني', '国家报告'), alt: { en: ['Article 21 report'] } },
  'national-action-plan': { labels: labels('National action plan', "Plan d'action national", 'Plan de acción nacional', 'Национальный план действий', 'خطة العمل الوطنية', '国家行动计划'), alt: { en: ['NAP'] } },
  'implementation-plan': { labels: labels('Implementation plan', 'Plan de mise en œuvre', 'Plan de aplicación', 'План осуществления', 'خطة التنفيذ', '实施计划'), alt: {} },
  'guidance': { labels: labels('Guidance', 'Orientations', 'Orientaciones', 'Руководство', 'إرشادات', '指导'), alt: { en: ['guidance document', 'guidelines'], fr: ['lignes directrices'], es: ['directrices'] } },
  'scientific-publication': { labels: labels('Scientific publication', 'Publication scientifique', 'Publicación científica', 'Научная публикация', 'منشور علمي', '科学出版物'), alt: { en: ['journal article', 'peer-reviewed article'] } },
  'technical-report': { labels: labels('Technical report', 'Rapport technique', 'Informe técnico', 'Технический доклад', 'تقرير تقني', '技术报告'), alt: { en: ['assessment report'] } },
  'training-material': { labels: labels('Training material', 'Matériel de formation', 'Material de capacitación', 'Учебный материал', 'مواد تدريبية', '培训材料'), alt: { en: ['e-learning course', 'toolkit'] } },
  'legislation': { labels: labels('National legislation', 'Législation nationale', 'Legislación nacional', 'Национальное законодательство', 'التشريعات الوطنية', '国家立法'), alt: { en: ['law', 'regulation'] } },
  'strategy': { labels: labels('Strategy or policy document', 'Stratégie ou document d’orientation', 'Estrategia o documento de política', 'Стратегия или программный документ', 'استراتيجية أو وثيقة سياسات', '战略或政策文件'), alt: { en: ['strategy', 'policy paper'] } },
  'factsheet': { labels: labels('Fact sheet', "Fiche d'information", 'Hoja informativa', 'Информационный бюллетень', 'صحيفة وقائع', '概况介绍'), alt: { en: ['factsheet', 'brochure'] } },
  'other': { labels: labels('Other document', 'Autre document', 'Otro documento', 'Прочий документ', 'وثيقة أخرى', '其他文件'), alt: {} },
};
