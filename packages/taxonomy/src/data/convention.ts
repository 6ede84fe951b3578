import type { AltLabels, Labels } from '../types';
import { labels } from './labels';

export interface ThemeDef {
  slug: string;
  labels: Labels;
  alt: AltLabels;
  /** `article:N` / `annex:X` ids. */
  articles: string[];
}

/** The 12 thematic areas of the MEP; ids and article mapping are fixed by issue 2. */
export const THEMES: ThemeDef[] = [
  {
    slug: 'supply-trade',
    labels: labels('Mercury supply sources and trade', "Sources d'approvisionnement en mercure et commerce", 'Fuentes de suministro y comercio de mercurio', 'Источники предложения ртути и торговля', 'مصادر الإمداد بالزئبق والتجارة فيه', '汞供应来源和贸易'),
    alt: { en: ['mercury supply', 'supply of mercury', 'mercury supply sources'], fr: ["approvisionnement en mercure"], es: ['suministro de mercurio'], ru: ['предложение ртути'], ar: ['الإمداد بالزئبق'], zh: ['汞供应'] },
    articles: ['article:3'],
  },
  {
    slug: 'products',
    labels: labels('Mercury-added products', 'Produits contenant du mercure ajouté', 'Productos con mercurio añadido', 'Продукты с добавлением ртути', 'المنتجات المضاف إليها زئبق', '添汞产品'),
    alt: { en: ['mercury-containing products', 'products containing mercury'], fr: ['produits contenant du mercure'], es: ['productos que contienen mercurio'], ru: ['ртутьсодержащие продукты'], ar: ['المنتجات المحتوية على الزئبق'], zh: ['含汞产品'] },
    articles: ['article:4', 'article:6', 'annex:A'],
  },
  {
    slug: 'processes',
    labels: labels('Manufacturing processes using mercury', 'Procédés de fabrication utilisant du mercure', 'Procesos de fabricación que utilizan mercurio', 'Производственные процессы с использованием ртути', 'عمليات التصنيع التي تستخدم الزئبق', '使用汞的生产工艺'),
    alt: { en: ['manufacturing processes in which mercury or mercury compounds are used', 'mercury-using processes'], fr: ['procédés de fabrication utilisant du mercure ou des composés du mercure'], es: ['procesos de fabricación en los que se utiliza mercurio'], ru: ['производственные процессы, в которых используется ртуть'], ar: ['عمليات التصنيع التي يستخدم فيها الزئبق'], zh: ['使用汞或汞化合物的生产工艺'] },
    articles: ['article:5', 'article:6', 'annex:B'],
  },
  {
    slug: 'asgm',
    labels: labels('Artisanal and small-scale gold mining', "Extraction minière artisanale et à petite échelle d'or", 'Extracción de oro artesanal y en pequeña escala', 'Кустарная и мелкомасштабная золотодобыча', 'تعدين الذهب الحرفي والضيق النطاق', '手工和小规模采金'),
    alt: { en: ['ASGM', 'artisanal gold mining', 'small-scale gold mining', 'artisanal and small scale gold mining'], fr: ['EMAPE', "orpaillage", "extraction artisanale d'or"], es: ['MAPE', 'minería aurífera artesanal y en pequeña escala', 'minería de oro artesanal'], ru: ['кустарная золотодобыча', 'мелкомасштабная золотодобыча'], ar: ['التعدين الحرفي للذهب'], zh: ['手工采金', '小规模采金'] },
    articles: ['article:7', 'annex:C'],
  },
  {
    slug: 'emissions',
    labels: labels('Mercury emissions to air', 'Émissions atmosphériques de mercure', 'Emisiones de mercurio a la atmósfera', 'Выбросы ртути в атмосферу', 'انبعاثات الزئبق في الغلاف الجوي', '汞向大气的排放'),
    alt: { en: ['mercury emissions', 'emissions of mercury', 'atmospheric emissions'], fr: ['émissions de mercure'], es: ['emisiones de mercurio'], ru: ['выбросы ртути'], ar: ['انبعاثات الزئبق'], zh: ['汞排放', '大气排放'] },
    articles: ['article:8', 'annex:D'],
  },
  {
    slug: 'releases',
    labels: labels('Mercury releases to land and water', 'Rejets de mercure dans le sol et l’eau', 'Liberaciones de mercurio al suelo y al agua', 'Высвобождения ртути в почву и воду', 'إطلاقات الزئبق في الأرض والمياه', '汞向土地和水的释放'),
    alt: { en: ['mercury releases', 'releases of mercury', 'releases to land and water'], fr: ['rejets de mercure'], es: ['liberaciones de mercurio'], ru: ['высвобождения ртути'], ar: ['إطلاقات الزئبق'], zh: ['汞释放'] },
    articles: ['article:9'],
  },
  {
    slug: 'storage-waste',
    labels: labels('Interim storage and mercury wastes', 'Stockage provisoire et déchets de mercure', 'Almacenamiento provisional y desechos de mercurio', 'Временное хранение и ртутные отходы', 'التخزين المؤقت ونفايات الزئبق', '临时储存和汞废物'),
    alt: { en: ['storage and waste'], fr: [], es: [], ru: [], ar: [], zh: [] },
    articles: ['article:10', 'article:11'],
  },
  {
    slug: 'contaminated-sites',
    labels: labels('Contaminated sites', 'Sites contaminés', 'Sitios contaminados', 'Загрязненные участки', 'المواقع الملوثة', '受污染场地'),
    alt: { en: ['mercury-contaminated sites', 'sites contaminated by mercury'], fr: ['sites contaminés par le mercure'], es: ['sitios contaminados con mercurio'], ru: ['участки, загрязненные ртутью'], ar: ['المواقع الملوثة بالزئبق'], zh: ['汞污染场地', '污染场地'] },
    articles: ['article:12'],
  },
  {
    slug: 'health',
    labels: labels('Health aspects', 'Aspects sanitaires', 'Aspectos relacionados con la salud', 'Аспекты, связанные со здравоохранением', 'الجوانب الصحية', '卫生方面'),
    alt: { en: ['health aspects of mercury', 'health impacts of mercury', 'human health and mercury'], fr: ['effets du mercure sur la santé'], es: ['efectos del mercurio en la salud'], ru: ['воздействие ртути на здоровье'], ar: ['الآثار الصحية للزئبق'], zh: ['汞对健康的影响'] },
    articles: ['article:16'],
  },
  {
    slug: 'finance-capacity',
    labels: labels('Financial resources, capacity-building and technical assistance', 'Ressources financières, renforcement des capacités et assistance technique', 'Recursos financieros, creación de capacidad y asistencia técnica', 'Финансовые ресурсы, создание потенциала и техническая помощь', 'الموارد المالية وبناء القدرات والمساعدة التقنية', '财政资源、能力建设和技术援助'),
    alt: { en: ['financial resources and mechanism'], fr: ['ressources financières et mécanisme de financement'], es: ['recursos financieros y mecanismo financiero'], ru: ['финансовые ресурсы и механизм финансирования'], ar: ['الموارد المالية والآلية المالية'], zh: ['财政资源和财务机制'] },
    articles: ['article:13', 'article:14'],
  },
  {
    slug: 'information-awareness',
    labels: labels('Information exchange, public awareness and research', "Échange d'informations, sensibilisation du public et recherche", 'Intercambio de información, sensibilización del público e investigación', 'Обмен информацией, просвещение общественности и исследования', 'تبادل المعلومات والتوعية العامة والبحث', '信息交流、公众认识和研究'),
    alt: { en: ['public information, awareness and education'], fr: ['information, sensibilisation et éducation du public'], es: ['información, sensibilización y formación del público'], ru: ['информирование, просвещение и повышение осведомленности общественности'], ar: ['الإعلام والتوعية والتثقيف العام'], zh: ['公众信息、认识和教育'] },
    articles: ['article:17', 'article:18', 'article:19'],
  },
  {
    slug: 'reporting-effectiveness',
    labels: labels('Implementation, reporting and effectiveness evaluation', "Mise en œuvre, établissement de rapports et évaluation de l'efficacité", 'Aplicación, presentación de informes y evaluación de la eficacia', 'Осуществление, отчетность и оценка эффективности', 'التنفيذ والإبلاغ وتقييم الفعالية', '实施、报告和成效评估'),
    alt: { en: ['implementation and compliance'], fr: ['mise en œuvre et respect des obligations'], es: ['aplicación y cumplimiento'], ru: ['осуществление и соблюдение'], ar: ['التنفيذ والامتثال'], zh: ['履约和遵约'] },
    articles: ['article:15', 'article:20', 'article:21', 'article:22'],
  },
];

/** Titles of Articles 1–35 of the Minamata Convention on Mercury, index 0 = Article 1. */
export const ARTICLE_TITLES: Labels[] = [
  labels('Objective', 'Objectif', 'Objetivo', 'Цель', 'الهدف', '目标'),
  labels('Definitions', 'Définitions', 'Definiciones', 'Определения', 'تعاريف', '定义'),
  labels('Mercury supply sources and trade', "Sources d'approvisionnement en mercure et commerce", 'Fuentes de suministro y comercio de mercurio', 'Источники предложения ртути и торговля ею', 'مصادر الإمداد بالزئبق والتجارة فيه', '汞的供应来源和贸易'),
  labels('Mercury-added products', 'Produits contenant du mercure ajouté', 'Productos con mercurio añadido', 'Продукты с добавлением ртути', 'المنتجات المضاف إليها زئبق', '添汞产品'),
  labels('Manufacturing processes in which mercury or mercury compounds are used', 'Procédés de fabrication utilisant du mercure ou des composés du mercure', 'Procesos de fabricación en los que se utiliza mercurio o compuestos de mercurio', 'Производственные процессы, в которых используется ртуть или ртутные соединения', 'عمليات التصنيع التي يستخدم فيها الزئبق أو مركبات الزئبق', '使用汞或汞化合物的生产工艺'),
  labels('Exemptions available to a Party upon request', 'Dérogations dont une Partie peut se prévaloir sur demande', 'Exenciones de las que puede hacer uso una Parte previa solicitud', 'Исключения, предоставляемые Стороне по ее просьбе', 'الإعفاءات المتاحة لطرف بناءً على طلب', '经由缔约方申请即可获得的豁免'),
  labels('Artisanal and small-scale gold mining', "Extraction minière artisanale et à petite échelle d'or", 'Extracción de oro artesanal y en pequeña escala', 'Кустарная и мелкомасштабная золотодобыча', 'تعدين الذهب الحرفي والضيق النطاق', '手工和小规模采金'),
  labels('Emissions', 'Émissions', 'Emisiones', 'Выбросы', 'الانبعاثات', '排放'),
  labels('Releases', 'Rejets', 'Liberaciones', 'Высвобождения', 'الإطلاقات', '释放'),
  labels('Environmentally sound interim storage of mercury, other than waste mercury', 'Stockage provisoire écologiquement rationnel du mercure, à l’exclusion des déchets de mercure', 'Almacenamiento provisional ambientalmente racional del mercurio, distinto del mercurio de desecho', 'Экологически обоснованное временное хранение ртути, помимо ртутных отходов', 'التخزين المؤقت السليم بيئياً للزئبق، بخلاف نفايات الزئبق', '汞废物以外的汞的环境无害化临时储存'),
  labels('Mercury wastes', 'Déchets de mercure', 'Desechos de mercurio', 'Ртутные отходы', 'نفايات الزئبق', '汞废物'),
  labels('Contaminated sites', 'Sites contaminés', 'Sitios contaminados', 'Загрязненные участки', 'المواقع الملوثة', '受污染场地'),
  labels('Financial resources and mechanism', 'Ressources financières et mécanisme de financement', 'Recursos financieros y mecanismo financiero', 'Финансовые ресурсы и механизм финансирования', 'الموارد المالية والآلية المالية', '财政资源和财务机制'),
  labels('Capacity-building, technical assistance and technology transfer', 'Renforcement des capacités, assistance technique et transfert de technologies', 'Creación de capacidad, asistencia técnica y transferencia de tecnología', 'Создание потенциала, техническая помощь и передача технологии', 'بناء القدرات والمساعدة التقنية ونقل التكنولوجيا', '能力建设、技术援助和技术转让'),
  labels('Implementation and Compliance Committee', 'Comité de mise en œuvre et du respect des obligations', 'Comité de Aplicación y Cumplimiento', 'Комитет по осуществлению и соблюдению', 'لجنة التنفيذ والامتثال', '履约和遵约委员会'),
  labels('Health aspects', 'Aspects sanitaires', 'Aspectos relacionados con la salud', 'Аспекты, связанные со здравоохранением', 'الجوانب الصحية', '卫生方面'),
  labels('Information exchange', "Échange d'informations", 'Intercambio de información', 'Обмен информацией', 'تبادل المعلومات', '信息交流'),
  labels('Public information, awareness and education', 'Information, sensibilisation et éducation du public', 'Información, sensibilización y formación del público', 'Информирование, просвещение и повышение осведомленности общественности', 'الإعلام والتوعية والتثقيف العام', '公众信息、认识和教育'),
  labels('Research, development and monitoring', 'Recherche-développement et surveillance', 'Investigación, desarrollo y vigilancia', 'Исследования, разработки и мониторинг', 'البحث والتطوير والرصد', '研究、开发和监测'),
  labels('Implementation plans', 'Plans de mise en œuvre', 'Planes de aplicación', 'Планы осуществления', 'خطط التنفيذ', '实施计划'),
  labels('Reporting', 'Communication des informations', 'Presentación de informes', 'Представление отчетности', 'الإبلاغ', '报告'),
  labels('Effectiveness evaluation', "Évaluation de l'efficacité", 'Evaluación de la eficacia', 'Оценка эффективности', 'تقييم الفعالية', '成效评估'),
  labels('Conference of the Parties', 'Conférence des Parties', 'Conferencia de las Partes', 'Конференция Сторон', 'مؤتمر الأطراف', '缔约方大会'),
  labels('Secretariat', 'Secrétariat', 'Secretaría', 'Секретариат', 'الأمانة', '秘书处'),
  labels('Settlement of disputes', 'Règlement des différends', 'Solución de controversias', 'Урегулирование споров', 'تسوية المنازعات', '争端的解决'),
  labels('Amendments to the Convention', 'Amendements à la Convention', 'Enmiendas al Convenio', 'Поправки к Конвенции', 'تعديلات الاتفاقية', '公约的修正'),
  labels('Adoption and amendment of annexes', 'Adoption et amendement des annexes', 'Aprobación y enmienda de los anexos', 'Принятие приложений и поправок к ним', 'اعتماد المرفقات وتعديلها', '附件的通过和修正'),
  labels('Right to vote', 'Droit de vote', 'Derecho de voto', 'Право голоса', 'حق التصويت', '表决权'),
  labels('Signature', 'Signature', 'Firma', 'Подписание', 'التوقيع', '签署'),
  labels('Ratification, acceptance, approval or accession', 'Ratification, acceptation, approbation ou adhésion', 'Ratificación, aceptación, aprobación o adhesión', 'Ратификация, принятие, утверждение или присоединение', 'التصديق أو القبول أو الموافقة أو الانضمام', '批准、接受、核准或加入'),
  labels('Entry into force', 'Entrée en vigueur', 'Entrada en vigor', 'Вступление в силу', 'بدء النفاذ', '生效'),
  labels('Reservations', 'Réserves', 'Reservas', 'Оговорки', 'التحفظات', '保留'),
  labels('Withdrawal', 'Dénonciation', 'Denuncia', 'Выход', 'الانسحاب', '退出'),
  labels('Depositary', 'Dépositaire', 'Depositario', 'Депозитарий', 'الوديع', '保存人'),
  labels('Authentic texts', 'Textes faisant foi', 'Textos auténticos', 'Аутентичные тексты', 'النصوص ذات الحجية', '作准文本'),
];

/** Titles of Annexes A–E. */
export const ANNEX_TITLES: Record<'A' | 'B' | 'C' | 'D' | 'E', Labels> = {
  A: labels('Mercury-added products', 'Produits contenant du mercure ajouté', 'Productos con mercurio añadido', 'Продукты с добавлением ртути', 'المنتجات المضاف إليها زئبق', '添汞产品'),
  B: labels('Manufacturing processes in which mercury or mercury compounds are used', 'Procédés de fabrication utilisant du mercure ou des composés du mercure', 'Procesos de fabricación en los que se utiliza mercurio o compuestos de mercurio', 'Производственные процессы, в которых используется ртуть или ртутные соединения', 'عمليات التصنيع التي يستخدم فيها الزئبق أو مركبات الزئبق', '使用汞或汞化合物的生产工艺'),
  C: labels('Artisanal and small-scale gold mining: National action plans', "Extraction minière artisanale et à petite échelle d'or : plans d'action nationaux", 'Extracción de oro artesanal y en pequeña escala: planes de acción nacionales', 'Кустарная и мелкомасштабная золотодобыча: национальные планы действий', 'تعدين الذهب الحرفي والضيق النطاق: خطط العمل الوطنية', '手工和小规模采金：国家行动计划'),
  D: labels('List of point sources of emissions of mercury and mercury compounds to the atmosphere', 'Liste des sources ponctuelles d’émissions atmosphériques de mercure et de composés du mercure', 'Lista de fuentes puntuales de emisiones de mercurio y compuestos de mercurio a la atmósfera', 'Перечень точечных источников выбросов ртути и ртутных соединений в атмосферу', 'قائمة المصادر الثابتة لانبعاثات الزئبق ومركبات الزئبق في الغلاف الجوي', '汞和汞化合物大气排放点源清单'),
  E: labels('Arbitration and conciliation procedures', "Procédures d'arbitrage et de conciliation", 'Procedimientos de arbitraje y conciliación', 'Арбитражная и согласительная процедуры', 'إجراءات التحكيم والتوفيق', '仲裁和调解程序'),
};

/** "Article 14" in each language, used to build article prefLabels. */
export const ARTICLE_WORD: Labels = labels('Article', 'Article', 'Artículo', 'Статья', 'المادة', '第{n}条');
/** "Annex" in each language; Arabic names annexes with letter names (ألف, باء…). */
export const ANNEX_WORD: Labels = labels('Annex', 'Annexe', 'Anexo', 'Приложение', 'المرفق', '附件');
export const ARABIC_ANNEX_LETTERS: Record<string, string> = { A: 'ألف', B: 'باء', C: 'جيم', D: 'دال', E: 'هاء' };
